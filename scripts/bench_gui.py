"""Benchmark of the window (issue 4): time to a window on screen, and GUI-thread freezes.

Run offscreen or under Xvfb:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_gui.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("MPLBACKEND", "Agg")  # as the app itself does
sys.path.insert(0, str(ROOT))

LAUNCH = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from beliefwatch.gui import app as gui_app
from beliefwatch.gui.main_window import MainWindow

orig_show = MainWindow.show
def show(self):
    orig_show(self)
    QTimer.singleShot(0, lambda: (print(time.time() - t0), QApplication.instance().quit()))
MainWindow.show = show
gui_app.main([])
"""


def time_to_window() -> float:
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, repr(time.time())],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def longest_freezes(runs: list[str]) -> list[tuple[float, str, float]]:
    """Run full updates one after another in one window; the longest heartbeat gap of each."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    import beliefwatch as bw
    from beliefwatch.examples import example_files
    from beliefwatch.gui.main_window import MainWindow
    from tests.cases import with_shared_source

    app = QApplication.instance() or QApplication([])
    w = MainWindow()
    w.show()
    clock = QElapsedTimer()
    clock.start()
    out = []
    for case_name in runs:
        case = bw.load_case(*example_files())
        if case_name == "shared-source":
            reports = ["troops-15000", "ditch", "yalu-bridge-resumes"]
            with_shared_source(case, "shaky", [0.3, 0.9], reports)
        w.doc.replace(case, None)
        for _ in range(20):
            app.processEvents()
        gaps = []
        last = [clock.elapsed()]

        def beat(gaps=gaps, last=last):
            now = clock.elapsed()
            gaps.append(now - last[0])
            if now - last[0] > 100 and "-v" in sys.argv:
                print(f"  gap {now - last[0]} ms ending at {now} ms")
            last[0] = now

        heartbeat = QTimer()
        heartbeat.timeout.connect(beat)
        heartbeat.start(10)
        started = time.perf_counter()
        w.start_full_update()
        while w._thread is not None:
            app.processEvents()
            time.sleep(0.002)
        elapsed = time.perf_counter() - started
        heartbeat.stop()
        out.append((max(gaps), w.full_result.engine if w.full_result else "failed", elapsed))
    w.doc.undo_stack.setClean()
    w.close()
    return out


def main() -> None:
    launches = [time_to_window() for _ in range(3)]
    print(f"window on screen after launch: median {statistics.median(launches):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in launches)})")  # fmt: skip
    # The first full update starts the child process; the first PyMC run compiles the model
    # (in the child); the second of each kind is the steady state.
    runs = ["example", "example", "shared-source", "shared-source"]
    for name, (gap, engine, secs) in zip(runs, longest_freezes(runs), strict=True):
        print(f"full update, {name} ({engine}, {secs:.1f} s): longest GUI-thread gap {gap} ms")


if __name__ == "__main__":
    main()
