"""Issue 9 in the window: what drives the conclusion, and the watch list with Mark observed."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

import beliefwatch as bw
from beliefwatch.gui.panels import watch as watch_module
from beliefwatch.inference.analyses import analyze

pytestmark = pytest.mark.gui


def test_drivers_view_names_the_items_that_move_the_leader(window):
    window.tabs.setCurrentWidget(window.drivers)
    a = analyze(window.doc.case, bw.update(window.doc.case, engine="exact", draws=250))
    text = window.drivers.summary.text()
    assert "Earthquake damage" in text and "What would change my mind" in text
    assert f"{a.to_overtake_db:.1f} dB" in text
    # The first row is the item whose removal moves the leader most, shown by its text.
    top = max(a.items, key=lambda d: abs(d.influence[a.leader]))
    assert window.drivers.table.item(0, 0).text() == top.text
    assert window.drivers.table.item(0, 1).text() == f"{100 * top.influence[a.leader]:+.1f} pts"
    assert window.drivers.tornado.shown  # drawn once the tab is shown


def test_drivers_view_follows_an_edit(window):
    window.tabs.setCurrentWidget(window.drivers)
    window.matrix.view.setCurrentIndex(window.matrix.model.index(0, 0))
    window.edits.remove_item()  # the first item by date: the tremor
    rows = [window.drivers.table.item(r, 0).text() for r in range(window.drivers.table.rowCount())]
    assert "A magnitude 6 tremor was recorded near the cable route" not in rows


def test_watch_list_ranks_indicators_and_marks_one_observed(window, monkeypatch):
    window.tabs.setCurrentWidget(window.watch)
    table = window.watch.table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "Divers find the cable cut clean"
    value = window.live.analysis.indicator("divers")
    table.selectRow(0)
    assert window.watch.figure.figure is not None
    expected = dict(value.if_happens)

    class Accept(watch_module.ObservedDialog):
        def exec(self):
            self.when.setText("2025-01-09")
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(watch_module, "ObservedDialog", Accept)
    window.watch.mark_observed()
    case = window.doc.case
    assert case.indicators == [] and case.item("divers").from_indicator == "divers"
    assert case.item("divers").date == dt.date(2025, 1, 9)
    got = bw.update(case, engine="exact").credences
    # Where the watch list said; not to the last digit, because this case's grouped ranges
    # make the live credences an importance-sampling estimate (exact on fixed inputs:
    # tests/test_observe.py).
    assert got == pytest.approx(expected, abs=0.005)
    assert table.rowCount() == 0
    window.doc.undo_stack.undo()
    assert [i.id for i in window.doc.case.indicators] == ["divers"]
    assert table.rowCount() == 1


def test_add_edit_and_remove_an_indicator(window, monkeypatch):
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("Navy announces an inquiry", True)
    )

    class Fill(watch_module.IndicatorDialog):
        def exec(self):
            self.fields["sabotage"].setText("likely")
            self.fields["quake"].setText("0.1")
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(watch_module, "IndicatorDialog", Fill)
    window.watch.add_indicator()
    ind = window.doc.case.indicators[-1]
    assert ind.text == "Navy announces an inquiry"
    assert ind.likelihoods["sabotage"].text() == "likely" and ind.likelihoods["quake"].low == 0.1
    assert window.watch.table.rowCount() == 2
    window.watch._select(ind.id)
    window.watch.remove_indicator()
    assert [i.id for i in window.doc.case.indicators] == ["divers"]


def test_the_tornado_cuts_names_at_whole_words_and_shows_them_whole_on_hover(window, qtbot):
    """A long dependence-group name in a narrow pane: the bar's label ends at a whole word with
    …, and hovering the bar shows the name in full."""
    import re

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from beliefwatch.core import commands

    case = window.doc.case
    group = case.groups[0]
    long = "The two wire reports that both quote the same harbour official's account"
    window.doc.apply(commands.set_group_name(group.id, long))
    window.doc.apply(commands.set_group_correlation(group.id, 0.6))  # uncertain: [0, 1]
    window.resize(1100, 700)
    window.tabs.setCurrentWidget(window.drivers)
    chart = window.drivers.tornado
    qtbot.waitUntil(lambda: chart.shown and bool(chart._hits))
    (drawn,) = [
        t for t in chart.texts() if t.startswith("correlation within group") and "\n" not in t
    ]
    assert "…" in drawn
    tip = next(t for t in chart.texts() if long in t)
    words = re.compile(r"[\w'’]+")
    assert set(words.findall(drawn)) <= set(words.findall(tip))
    row = next(rect for rect, t in chart._hits if t == tip)
    pos = row.center().toPoint()
    qtbot.mouseMove(chart, pos)
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    assert long in QToolTip.text()
