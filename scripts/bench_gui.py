"""Benchmark of the window: time to a window on screen, edit to redrawn window per tab, the
first F5 in a fresh window, and GUI-thread freezes during full updates.

Run offscreen or under Xvfb (``make bench-gui``):
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_gui.py [--quick]
``--quick`` skips the full updates (minutes of PyMC) and measures the window only.
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


def _wait(app, w, clock_gaps=None) -> float:
    started = time.perf_counter()
    while w.full.running:
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - started


EDITS = 10  # measured edits per tab, after two that warm the caches


def edit_to_redraw() -> dict[str, list[float]]:
    """Milliseconds from an edit of one likelihood (``CaseDocument.apply``, as a keystroke in
    the matrix arrives) to the window redrawn, per tab of the results pane."""
    from PySide6.QtWidgets import QApplication

    import beliefwatch as bw
    from beliefwatch.core.commands import set_likelihood
    from beliefwatch.core.elicitation import parse_likelihood
    from beliefwatch.examples import example_files
    from beliefwatch.gui import fullupdate
    from beliefwatch.gui.main_window import MainWindow

    fullupdate.PRECOMPILE = False  # a compile in the background would compete for the CPU
    app = QApplication.instance() or QApplication([])
    w = MainWindow()
    w.resize(1366, 740)
    w.show()
    w.doc.replace(bw.load_case(*example_files()), None)
    item = w.doc.case.evidence[len(w.doc.case.evidence) // 2]
    hid = w.doc.case.hypothesis_ids[0]
    values = [parse_likelihood(v) for v in ("0.35", "0.4", "0.45", "0.5")]

    def settle() -> None:
        # The edit's own work, then the repaints it queued (draw_idle posts a timer and an
        # update request): a few passes until the event queue is empty.
        for _ in range(4):
            app.processEvents()

    out = {}
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        settle()
        times = []
        for n in range(EDITS + 2):
            started = time.perf_counter()
            w.doc.apply(set_likelihood(item.id, hid, values[n % len(values)]))
            settle()
            times.append(1000 * (time.perf_counter() - started))
        out[w.tabs.tabText(i).replace("&&", "&")] = times[2:]
    w.doc.undo_stack.setClean()
    w.close()
    return out


def longest_freezes(runs: list[str]) -> list[tuple[float, str, float]]:
    """Run full updates one after another in one window; the longest heartbeat gap of each."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    import beliefwatch as bw
    from beliefwatch.examples import example_files
    from beliefwatch.gui import fullupdate
    from beliefwatch.gui.main_window import MainWindow
    from tests.cases import with_shared_source

    fullupdate.PRECOMPILE = False  # measure the runs themselves, compile included
    app = QApplication.instance() or QApplication([])
    w = MainWindow()
    w.show()
    clock = QElapsedTimer()
    clock.start()
    out = []
    for case_name in runs:
        case = bw.load_case(*example_files())
        if case_name == "shared-source":
            reports = [e.id for e in case.evidence[-3:]]
            with_shared_source(case, "shaky", [0.3, 0.9], reports)
        w.doc.replace(case, None)
        for _ in range(20):
            app.processEvents()
        gaps = []
        last = [clock.elapsed()]

        def beat(gaps=gaps, last=last):
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.timeout.connect(beat)
        heartbeat.start(10)
        w.full.start()
        elapsed = _wait(app, w)
        heartbeat.stop()
        result = w.full.result
        out.append((max(gaps), result.engine if result else "failed", elapsed))
    w.doc.undo_stack.setClean()
    w.close()
    return out


FIRST_F5 = """
import sys, time

def main():
    # Imported here, not above: the background processes are spawned and re-run this file's
    # top level, as they re-run the app's launcher, which imports nothing of the window.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from beliefwatch.gui import app as gui_app
    from beliefwatch.gui.main_window import MainWindow

    shown_once = MainWindow.show

    def show(self):  # the app opens the example right after show(): start then
        shown_once(self)
        QTimer.singleShot(0, lambda: run(self))

    MainWindow.show = show
    sys.exit(gui_app.main([]))

def run(w):
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    shown = time.perf_counter()
    while time.perf_counter() - shown < think_seconds():
        app.processEvents(); time.sleep(0.01)
    marks = {}
    w.full.result_ready.connect(lambda *a: marks.setdefault("result", time.perf_counter()))
    w.full.checked.connect(lambda *a: marks.setdefault("check", time.perf_counter()))

    def f5():
        marks.clear()
        started = time.perf_counter()
        w.actions["full"].trigger()
        while w.full.running:
            app.processEvents(); time.sleep(0.005)
        ended = time.perf_counter()
        r = w.full.check.pymc if w.full.check else w.full.result
        d = r.diagnostics
        first = marks.get("result", ended) - started
        check = marks["check"] - started if "check" in marks else ended - started
        print(first, check, w.full.result.engine, d.get("compile_seconds", 0),
              d.get("sampling_seconds", 0), flush=True)

    f5()
    # One more item, rated with a range: PyMC must not compile again.
    from beliefwatch.core.commands import add_item, set_likelihood
    from beliefwatch.core.elicitation import parse_likelihood
    command, eid = add_item(w.doc.case, "One more report")
    w.doc.apply(command)
    w.doc.apply(set_likelihood(eid, w.doc.case.hypothesis_ids[0], parse_likelihood([0.5, 0.8])))
    f5()
    w.doc.undo_stack.setClean(); w.close(); app.quit()

def think_seconds():  # the analyst reads the case before pressing F5
    return float(sys.argv[1])

if __name__ == "__main__":
    main()
"""


def first_full_update(think: float) -> list[tuple[float, float, str]]:
    """F5 pressed in a freshly opened window ``think`` s after it showed: seconds to the full
    result on screen and to PyMC's check of it; then the same after adding an item."""
    script = ROOT / "build" / "bench_first_f5.py"
    script.parent.mkdir(exist_ok=True)
    script.write_text(FIRST_F5, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(think)], capture_output=True,
                         text=True, cwd=ROOT, check=True, env={**os.environ,
                         "PYTHONPATH": str(ROOT)})  # fmt: skip
    runs = []
    for line in out.stdout.strip().splitlines()[-2:]:
        first, check, engine, compiling, sampling = line.split()
        runs.append((float(first), float(check), f"{engine}; PyMC compile "
                     f"{float(compiling):.1f} s, sampling {float(sampling):.1f} s"))  # fmt: skip
    return runs


def main() -> None:
    launches = [time_to_window() for _ in range(5)]
    print(f"window on screen after launch: median {statistics.median(launches):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in launches)})")  # fmt: skip
    for tab, times in edit_to_redraw().items():
        print(f"edit to redrawn window, {tab} tab: median {statistics.median(times):.0f} ms "
              f"(max {max(times):.0f} ms, {len(times)} edits)")  # fmt: skip
    if "--quick" in sys.argv:
        return
    # F5 on the example at once, and after 20 s of reading: the compile started in the
    # background when the window showed the case is what makes the second check quick.
    for think in (0.0, 20.0):
        (first, check, engine), (again, again_check, more) = first_full_update(think)
        print(f"F5 in a fresh window after {think:.0f} s: full result in {first:.2f} s, "
              f"PyMC's check {check - first:.1f} s behind it ({engine})")  # fmt: skip
        print(f"  then one more item and F5: result in {again:.2f} s, check "
              f"{again_check - again:.1f} s behind it ({more})")  # fmt: skip
    # The first full update starts the child process; the first PyMC run compiles the model
    # (in the child); the second of each kind is the steady state.
    runs = ["example", "example", "shared-source", "shared-source"]
    for name, (gap, engine, secs) in zip(runs, longest_freezes(runs), strict=True):
        print(f"full update, {name} ({engine}, {secs:.1f} s): longest GUI-thread gap {gap} ms")


if __name__ == "__main__":
    main()
