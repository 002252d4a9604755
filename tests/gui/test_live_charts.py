"""The live charts follow what the analyst types, through the real widgets."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tests.gui.test_window import cell

pytestmark = pytest.mark.gui


def type_into_cell(qtbot, window, item_id, hyp_id, text):
    view = window.matrix.view
    view.setCurrentIndex(cell(window.matrix.model, item_id, hyp_id))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: let the event loop deliver it.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_typing_a_likelihood_redraws_the_credence_bars(window, qtbot):
    chart = window.credences.pane
    quake = window.doc.case.hypothesis("quake").name
    q = {b.name: b for b in chart.bars}[quake].credence
    before = chart.grab().toImage()
    # "alarm" is reported as is (no source, no group): 0.7 -> 0.07 multiplies the odds of
    # "quake" against the rest by 0.1, and nothing else.
    type_into_cell(qtbot, window, "alarm", "quake", "0.07")
    expected = 0.1 * q / (0.1 * q + 1 - q)
    bars = {b.name: b for b in chart.bars}
    # The case has a dependence group over ranged cells, so the live numbers are importance
    # weighted: the odds factor holds within Monte Carlo error, not to the last digit.
    assert bars[quake].credence == pytest.approx(expected, abs=1e-3)
    assert bars[quake].credence == window.live.result.credences["quake"]
    assert bars[quake].label == f"{100 * expected:.0f}%"
    shown = [b.credence for b in chart.bars]
    assert shown == sorted(shown, reverse=True)  # the leader on top
    assert chart.bars[0].name != quake  # it lost the lead
    assert sum(shown) == pytest.approx(1.0)
    qtbot.waitUntil(lambda: chart.grab().toImage() != before)  # repainted


def test_the_timeline_shown_later_has_the_edit(window, qtbot):
    type_into_cell(qtbot, window, "alarm", "quake", "0.07")
    assert not window.timeline.shown  # not on screen: not drawn
    window.tabs.setCurrentWidget(window.timeline)
    quake = window.doc.case.hypothesis("quake").name
    line = window.timeline.lines[quake]
    assert line == [s.credences["quake"] for s in window.live.result.timeline]
    assert line[-2] > 3 * line[-1]  # "alarm", the last item, now counts against "quake"
    assert len(line) == len(window.doc.case.evidence) + 1  # the prior, then each item


def test_ach_scores_wait_for_their_view_and_show_the_edit(window, qtbot):
    ach = window.training_views.ach
    window.show_panel(ach)
    rows = ach.scores.rowCount()
    window.tabs.setCurrentWidget(window.credences)
    type_into_cell(qtbot, window, "alarm", "quake", "0.07")
    assert ach._waiting is not None  # scored when shown, not behind the analyst's back
    window.show_panel(ach)
    assert ach._waiting is None and ach.scores.rowCount() == rows
    assert "Bayes" in ach.verdict.text()


def test_the_timeline_axis_ends_just_above_the_highest_credence(window, qtbot):
    """The example's credences stay under 40%: the axis stops at 50%, not 100%; a line that
    nears 100% gets the whole axis."""
    from beliefwatch.examples import example_files

    assert window.open_files(example_files())
    window.tabs.setCurrentWidget(window.timeline)
    peak = max(v for line in window.timeline.lines.values() for v in line)
    assert peak < 0.4 and window.timeline.top == 0.5
    from beliefwatch.gui.charts import TimelineChart

    chart = TimelineChart()  # not shown: only its axis is asked for
    chart.lines = {"sure": [0.5, 0.97]}
    assert chart.top == 1.0
