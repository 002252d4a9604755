"""What the window names, it names by the names the analyst gave, not by ids."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from beliefwatch.core import commands
from beliefwatch.core.elicitation import parse_likelihood, parse_reliability

pytestmark = pytest.mark.gui


def test_the_groups_table_shows_group_names_and_item_texts(window):
    window.details.show_item("alarm")
    window.details.group.setCurrentText("Station logs")
    window.details.group.lineEdit().editingFinished.emit()
    t = window.sources.groups
    rows = {t.item(r, 0).text(): r for r in range(t.rowCount())}
    assert set(rows) == {"wire", "Station logs"}  # "wire" has no name: its id is all there is
    r = rows["Station logs"]
    assert t.item(r, 1).text().startswith("The landing station logged")
    assert t.item(r, 1).toolTip() == "The landing station logged no alarm before the cut"
    assert "ship" not in t.item(rows["wire"], 1).text().split("; ")
    assert t.item(rows["wire"], 1).text().startswith("A cargo ship loitered")
    # Renamed in the table, by its name; a bad correlation is refused by the group's name.
    t.item(r, 0).setText("Logs at the landing station")
    gid = window.doc.case.item("alarm").group
    assert window.doc.case.group(gid).name == "Logs at the landing station"
    r = {t.item(i, 0).text(): i for i in range(t.rowCount())}["Logs at the landing station"]
    t.item(r, 2).setText("1.5")
    msg = window.statusBar().currentMessage()
    assert "'Logs at the landing station'" in msg and gid not in msg.replace("station", "")


def test_the_conflict_banner_names_items_by_their_text(window):
    case = window.doc.case
    command, eid = commands.add_item(case, "The fault log shows a power surge at the cut")
    window.doc.apply(command)
    for h, p in {"quake": 0.01, "sabotage": 0.01, "fault": 0.99, "other": 0.01}.items():
        window.doc.apply(commands.set_likelihood(eid, h, parse_likelihood(p)))
    banner = window.drivers.conflict
    assert banner.isVisibleTo(window.drivers), "the case should be in conflict"
    assert "pull against the rest" in banner.text()
    named = window.live.analysis.conflict_items
    assert named and all(f"'{i}'" not in banner.text() for i, _ in named)
    texts = {e.id: e.text for e in window.doc.case.evidence}
    assert texts[named[0][0]][:20] in banner.text()


def test_the_tornado_names_a_source_by_its_name(window):
    window.doc.apply(commands.edit_source("operator", reliability=parse_reliability([0.2, 0.95])))
    window.show_panel(window.drivers)
    chart = window.drivers.tornado  # drawn by Qt: it lists the labels it paints
    assert chart.shown
    labels = " ".join(chart.texts())
    assert "reliability of Cable operator" in labels
    assert "reliability of operator" not in labels


def test_a_refused_likelihood_names_the_item_and_hypothesis(window):
    m = window.matrix.model
    case = window.doc.case
    i, k = [e.id for e in case.evidence].index("tremor"), case.hypothesis_ids.index("quake")
    idx = m.index(m.row_of_item(i), len(m.META) + k)
    assert not m.setData(idx, "likley")
    msg = window.statusBar().currentMessage()
    assert msg.startswith("⚠ P(A magnitude 6 tremor") and "Earthquake damage" in msg
    assert "tremor /" not in msg


def test_the_indicator_dialog_is_titled_by_what_to_watch_for(window, qtbot):
    watch = window.watch
    window.show_panel(watch)
    watch._select("divers")
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen["title"] = dialog.windowTitle()
        seen["width"] = dialog.text.width()
        dialog.reject()

    QTimer.singleShot(0, look)
    edit = next(b for b in watch.findChildren(QPushButton) if b.text() == "Edit…")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert seen["title"] == "Indicator: Divers find the cable cut clean"
    assert seen["width"] >= 380  # "Watch for" holds a sentence
