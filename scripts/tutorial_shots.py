"""Walk the real window through docs/tutorial.md and take its screenshots (run under Xvfb).

    Xvfb :98 -screen 0 1366x768x24 &
    DISPLAY=:98 .venv/bin/python scripts/tutorial_shots.py [OUT_DIR]

Each step is done through the window's own objects, as the buttons do, and the credences the
window shows after each step are printed, so the tutorial's numbers are the window's.
The example's files are copied to a temporary folder first: nothing in the repository changes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPushButton

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/tutorial")
PARADE, LI_QIANG = "kim-at-beijing-parade", "li-qiang-in-pyongyang"


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(app: QApplication, name: str, settle: int = 900) -> None:
    wait(settle)  # figures are drawn after the tab is shown
    path = OUT / name
    app.primaryScreen().grabWindow(0).save(str(path))
    print(f"-- {path} ({path.stat().st_size // 1024} KB)")


def credences(w, title: str) -> dict[str, float]:
    r = w.live.result
    print(f"\n{title}: leader {r.leader}")
    for h in sorted(r.credences, key=lambda h: -r.credences[h]):
        lo, hi = r.intervals[h]
        print(f"  {h:14s} {100 * r.credences[h]:5.1f}%   ({100 * lo:.0f}–{100 * hi:.0f}%)")
    print(f"  status bar: {w.statusBar().currentMessage()}")
    return dict(r.credences)


def main() -> None:
    from beliefwatch.examples import example_files
    from beliefwatch.gui.main_window import MainWindow
    from beliefwatch.gui.panels.watch import ObservedDialog

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bw-tutorial-"))
    files = [Path(shutil.copy(p, work / p.name)) for p in example_files()]

    app = QApplication(sys.argv[:1])
    w = MainWindow()
    w.resize(app.primaryScreen().availableGeometry().size())
    w.show()
    w.open_files(files)
    w.activateWindow()  # no window manager under Xvfb: shortcuts need an active window
    wait(600)

    # 1. Read the matrix: the window as it opens, one cell selected (the Details tab follows the
    # selection, so the Credences tab is brought back to the front).
    first = credences(w, "as opened")
    print("  title:", w.windowTitle().replace("[*]", ""))
    m = w.matrix.model
    for r, c in ((4, 5), (4, 2), (5, 6), (5, 5)):  # rows 5-6; bloc, buffer, rogue-ally, bloc
        tip = m.data(m.index(r, c), Qt.ItemDataRole.ToolTipRole).replace("\n", " / ")
        print(f"  cell {r + 1},{c}: {tip}")
    w.matrix.view.setCurrentIndex(w.matrix.model.index(0, 1))
    w.tabs.setCurrentWidget(w.credences)
    shoot(app, "01-matrix.png")

    # 2. What drives the conclusion.
    w.tabs.setCurrentWidget(w.drivers)
    print("\nDrivers summary:", w.drivers.summary.text())
    for row in range(min(6, w.drivers.table.rowCount())):
        cells = [w.drivers.table.item(row, c).text() for c in range(4)]
        print("  ", " | ".join(cells))
    shoot(app, "02-drivers.png", 1500)

    # 3. The echoes: the cooling group's correlation to 0, as if typed into the table, then Undo.
    w.show_panel(w.sources)
    wait(300)
    groups = w.sources.groups
    rows = range(groups.rowCount())  # the table shows group names; the id is the item's data
    row = next(
        r for r in rows if groups.item(r, 0).data(Qt.ItemDataRole.UserRole) == "cooling-2024"
    )
    groups.setCurrentCell(row, 2)
    groups.editItem(groups.item(row, 2))  # what a double-click does
    wait(100)
    editor = groups.viewport().findChild(QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "0")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    wait(300)  # the table commits the typed value a moment after Enter
    credences(w, "cooling-2024 correlation 0")
    print("  undo text:", w.doc.undo_stack.undoText())
    shoot(app, "03-groups-independent.png")
    QTest.keyClick(groups, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    wait(300)
    back = credences(w, "after Ctrl+Z")
    assert w.doc.undo_stack.count() == 1 and not w.doc.undo_stack.canUndo(), "Ctrl+Z did not undo"
    assert abs(back["buffer"] - first["buffer"]) < 1e-12

    # 4. The watch list: the parade indicator selected.
    w.tabs.setCurrentWidget(w.watch)
    wait(300)
    t = w.watch.table
    for r in range(t.rowCount()):
        print("  ", " | ".join(t.item(r, c).text() for c in range(t.columnCount())))
    w.watch._select(PARADE)
    shoot(app, "04-watch.png", 1500)

    # 5. Mark observed, through the button and its dialog: type the date over the one shown, keep
    # "It happened" and the source the indicator names, OK.
    def fill_dialog(when: str, shot: str | None) -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, ObservedDialog), dialog
        dialog.when.setFocus()
        dialog.when.selectAll()
        QTest.keyClicks(dialog.when, when)
        if shot:
            shoot(app, shot, 700)
        print(f"  dialog: happened={dialog.happened()} date={dialog.date()} "
              f"reported by={dialog.source()!r}")  # fmt: skip
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()

    mark = next(b for b in w.watch.findChildren(QPushButton) if b.text() == "Mark observed…")
    QTimer.singleShot(400, lambda: fill_dialog("2025-09-03", "05-mark-observed.png"))
    mark.click()
    wait(300)
    credences(w, f"{PARADE} happened")
    print("  undo text:", w.doc.undo_stack.undoText())
    print("  watch order now:", [t.item(r, 0).data(Qt.ItemDataRole.UserRole)
                                 for r in range(t.rowCount())])  # fmt: skip
    last = m.rowCount() - 1
    print(f"  matrix row {last + 1}: {m.data(m.index(last, 0))} {m.data(m.index(last, 1))}")

    w.watch._select(LI_QIANG)
    wait(300)
    QTimer.singleShot(400, lambda: fill_dialog("2025-10-10", None))
    mark.click()
    wait(300)
    final = credences(w, f"{LI_QIANG} happened")
    print("  undo text:", w.doc.undo_stack.undoText())
    print("  Undo tooltip:", w.actions["undo"].toolTip())
    print("  watch list now:", [i.id for i in w.doc.case.indicators])

    # 6. The timeline shows the two new dates.
    w.tabs.setCurrentWidget(w.timeline)
    shoot(app, "06-timeline.png", 1500)

    # 7. The full update (F5): the importance result, once PyMC has checked it.
    loop = QEventLoop()
    w.full.finished.connect(loop.quit)
    w.actions["full"].trigger()
    loop.exec()
    result = w.full.fresh_result()
    if result is not None:
        print(f"\nFull update ({result.engine}):")
        for h in sorted(result.credences, key=lambda h: -result.credences[h]):
            lo, hi = result.intervals[h]
            print(f"  {h:14s} {100 * result.credences[h]:5.1f}%   ({100 * lo:.0f}–{100 * hi:.0f}%)")
        print("  warnings:", result.warnings)
    shoot(app, "07-full-update.png", 1500)

    # 8. Export the report (the file dialog is skipped: the path is given).
    report = work / "china-dprk-russia.html"
    done = QEventLoop()
    w.exporter.done.connect(lambda _p: done.quit())
    w.exporter.start(report)
    done.exec()
    wait(300)
    print("\nexport:", w.statusBar().currentMessage(), report.stat().st_size, "bytes")
    print("final live leader:", max(final, key=final.get))

    w.doc.undo_stack.setClean()  # no "save changes?" on quit
    w.close()
    app.quit()


if __name__ == "__main__":
    main()
