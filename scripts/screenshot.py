"""Take a screenshot of the real window on an X display (run it under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 .venv/bin/python scripts/screenshot.py out.png

Optional second argument: "full" to run a full update first, "transposed" for hypotheses in rows.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from beliefwatch.examples import example_files
from beliefwatch.gui.main_window import MainWindow


def main() -> None:
    out = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else ""
    app = QApplication(sys.argv[:1])
    w = MainWindow()
    w.resize(app.primaryScreen().availableGeometry().size())
    w.show()
    w.open_files(example_files())
    if mode == "transposed":
        w.transpose.setChecked(True)

    def shoot():
        app.primaryScreen().grabWindow(0).save(out)
        app.quit()

    if mode == "full":
        w.start_full_update()

        def wait_for_result():
            if w.full_result is None:
                QTimer.singleShot(200, wait_for_result)
            else:
                QTimer.singleShot(1000, shoot)

        wait_for_result()
    elif mode == "details":
        w.matrix.setCurrentIndex(w.matrix_model.index(3, 4))
        w.tabs.setCurrentWidget(w.details)
        QTimer.singleShot(1500, shoot)
    else:
        QTimer.singleShot(1500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
