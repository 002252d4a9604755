"""Start the window: ``beliefwatch`` (the bundled example) or ``beliefwatch FILE...``;
``beliefwatch --engine pymc [FILE...]`` forces PyMC for every full update."""

from __future__ import annotations

import sys
from pathlib import Path


def main(paths: list[str] | None = None, engine: str = "auto") -> int:
    import multiprocessing
    import os

    multiprocessing.freeze_support()  # full updates run in a child process (frozen builds)

    # Figures are built off-screen and embedded; never pyplot windows. Set, not imported:
    # matplotlib loads with the first figure, after the window is on screen.
    os.environ["MPLBACKEND"] = "Agg"

    from PySide6.QtWidgets import QApplication

    from beliefwatch.examples import example_files
    from beliefwatch.gui import worker
    from beliefwatch.gui.main_window import MainWindow

    # F5's process imports while the window builds: F5 pressed at once waits less for it.
    worker.runner("quick").start()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BeliefWatch")
    app.setOrganizationName("BeliefWatch")
    window = MainWindow(engine=engine)
    app.aboutToQuit.connect(window.jobs.shutdown)
    window.show()
    if not window.offer_recovery():
        files = [Path(p) for p in paths] if paths else example_files()
        window.open_files(files)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
