"""Take a screenshot of the real window on an X display (run it under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 .venv/bin/python scripts/screenshot.py out.png MODE

MODE: (none) the example as it opens; "full" after a full update (and PyMC's check, if one
runs); "full-quick" as soon as F5's first result is shown; "training"; "drivers"; "watch";
"details"; "sources"; "transposed"; "edit" / "edit-timeline" (after an edit of one
likelihood); "new" after File > New; "stale" after a full update and
an edit; "dists" / "diagnostics" (the full update's tabs); "timeline"; "ach"; "calibration";
"edited" (drivers after an edit). Optional third argument: case files to open instead of the
bundled example. BW_AS_OPENS=1 keeps the window at the size it opens at (no window manager
maximises it): what a user first sees on that screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> None:
    from beliefwatch.examples import example_files
    from beliefwatch.gui.main_window import MainWindow

    out = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else ""
    files = [Path(p) for p in sys.argv[3:]] or example_files()
    app = QApplication(sys.argv[:1])
    w = MainWindow()
    if not os.environ.get("BW_AS_OPENS"):
        w.resize(app.primaryScreen().availableGeometry().size())
    w.show()
    w.open_files(files)

    def shoot(delay: int = 1200) -> None:
        def grab() -> None:
            app.primaryScreen().grabWindow(0).save(out)
            w.full.shutdown()
            app.quit()

        QTimer.singleShot(delay, grab)

    def after_full(then) -> None:
        w.full.finished.connect(then)
        w.start_full_update()

    if mode == "full":
        after_full(lambda: shoot(1500))
    elif mode in ("dists", "diagnostics"):

        def tab() -> None:
            w.full_panel.tabs.setCurrentIndex(1 if mode == "dists" else 2)
            shoot(1500)

        after_full(tab)
    elif mode == "timeline":
        w.tabs.setCurrentWidget(w.timeline)
        shoot()
    elif mode in ("ach", "calibration"):
        views = w.training_views
        w.show_panel(views.ach if mode == "ach" else views.calibration)
        shoot()
    elif mode == "edited":
        w.show_panel(w.drivers)
        m = w.hypotheses.model
        m.setData(m.index(0, 1), "0.35")
        w.doc.undo_stack.setClean()  # quitting must not ask to save the edit
        shoot()
    elif mode == "full-quick":
        w.full.result_ready.connect(lambda *_: shoot(1500))
        w.start_full_update()
    elif mode == "training":
        w.show_panel(w.training_views.training)
        shoot()
    elif mode == "stale":

        def edit() -> None:
            w.matrix.view.setCurrentIndex(w.matrix.model.index(0, 0))
            w.edits.remove_item()
            w.tabs.setCurrentWidget(w.full_panel)
            shoot()

        after_full(edit)
    elif mode in ("timeline", "drivers", "watch", "details", "sources", "ach", "training",
                  "calibration"):  # fmt: skip
        tv = w.training_views
        panel = {"timeline": w.timeline, "drivers": w.drivers, "watch": w.watch,
                 "details": w.details, "sources": w.sources, "ach": tv.ach,
                 "training": tv.training, "calibration": tv.calibration}[mode]  # fmt: skip
        if mode == "details":
            w.matrix.view.setCurrentIndex(w.matrix.model.index(3, 4))
        w.show_panel(panel)
        if mode == "watch":
            w.watch.table.selectRow(0)
        shoot()
    elif mode in ("edit", "edit-timeline"):  # after an edit of one likelihood, as typed
        from beliefwatch.core.commands import set_likelihood
        from beliefwatch.core.elicitation import parse_likelihood

        case = w.doc.case
        item = case.evidence[len(case.evidence) // 2]
        w.doc.apply(set_likelihood(item.id, case.hypothesis_ids[0], parse_likelihood(0.35)))
        w.doc.undo_stack.setClean()  # quitting must not ask to save the edit
        if mode == "edit-timeline":
            w.tabs.setCurrentWidget(w.timeline)
        shoot()
    elif mode == "transposed":
        w.matrix.transpose.setChecked(True)
        shoot()
    elif mode == "new":
        w.doc.undo_stack.setClean()
        w.files.new_case()
        shoot()
    else:
        shoot()
    app.exec()


if __name__ == "__main__":
    main()
