"""The training views' Qt-drawn charts follow what the analyst types and say what they draw.

The outage case (conftest): weights all MEDIUM, so weighted PARC is plain PARC. Ratings by
nearest centre: tremor CC II II NA; ship I C I N; echo I CC I NA; alarm C C II N, which gives
quake 2, sabotage 2, fault 6, other 0 points.
"""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from beliefwatch.gui.training_charts import ACH_HEAD, HIDDEN
from tests.gui.test_live_charts import type_into_cell
from tests.gui.walk import mentions, window_texts

pytestmark = pytest.mark.gui


def bayes_order(window) -> list[str]:
    cred = window.live.result.credences
    return sorted(cred, key=lambda h: -cred[h])


def test_the_ach_ranking_follows_a_likelihood_typed_in_the_matrix(window, qtbot):
    ach = window.training_views.ach
    window.show_panel(ach)
    chart = ach.chart

    # ACH: fewest points first, the tie of quake and sabotage in the case's order.
    assert [r.id for r in chart.rows] == ["other", "quake", "sabotage", "fault"]
    assert [(r.score, r.ach_pos) for r in chart.rows] == [(0, 0), (2, 1), (2, 2), (6, 3)]
    bayes = bayes_order(window)
    assert bayes[0] == "quake"
    assert {r.id: r.bayes_pos for r in chart.rows} == {h: i for i, h in enumerate(bayes)}
    before = chart.grab().toImage()
    # 0.07 counts as II: two more points against quake, which drops below sabotage; Bayes
    # takes its lead away too.
    type_into_cell(qtbot, window, "alarm", "quake", "0.07")
    assert [(r.id, r.score) for r in chart.rows] == [("other", 0), ("sabotage", 2), ("quake", 4),
                                                     ("fault", 6)]  # fmt: skip
    bayes = bayes_order(window)
    assert bayes[0] != "quake"
    assert {r.id: r.bayes_pos for r in chart.rows} == {h: i for i, h in enumerate(bayes)}
    cred = window.live.result.credences
    shown = [t for t in chart.texts() if t.endswith("%")]
    assert sorted(shown) == sorted(f"{100 * cred[h]:.0f}%" for h in cred)
    qtbot.waitUntil(lambda: chart.grab().toImage() != before)  # repainted
    assert ach.verdict.text() == (
        "<b>They disagree.</b> ACH's least inconsistent: <b>Other: none of the above</b> "
        f"({100 * cred['other']:.0f}% by Bayes); Bayes leads with <b>Sabotage</b> "
        f"({100 * cred['sabotage']:.0f}%)."
    )


def test_hovering_a_name_shows_it_in_full_with_both_ranks(window, qtbot):
    ach = window.training_views.ach
    window.show_panel(ach)
    chart = ach.chart
    qtbot.waitUntil(lambda: bool(chart._hits))  # painted
    rect, _tip = next(h for h in chart._hits if "Earthquake" in h[1])
    pos = rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QHelpEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    assert QToolTip.text().startswith("Earthquake damage: the cable was cut by a landslide\n")
    assert "ACH rank 2 (weighted PARC 2)" in QToolTip.text()
    assert "Bayes rank 1 (" in QToolTip.text()
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    outside = QPoint(chart.width() // 2, chart.height() - 2)
    QApplication.sendEvent(chart, QHelpEvent(QHelpEvent.Type.ToolTip, outside,
                                             chart.mapToGlobal(outside)))  # fmt: skip
    assert not QToolTip.isVisible()


def test_in_training_mode_the_ranking_hides_the_credences_and_the_walk_reads_it(window, qtbot):
    ach = window.training_views.ach
    window.training_views.training.mode.setChecked(True)
    window.show_panel(ach)
    chart = ach.chart
    assert chart.hidden and HIDDEN in chart.texts()
    assert not [t for t in chart.texts() if t.endswith("%")]
    assert "Bayes rank: hidden" in chart._tip(chart.rows[0])
    texts = window_texts(window)
    assert mentions(texts, ACH_HEAD) and mentions(texts, HIDDEN)  # what hidden-answer tests read


def test_the_comparison_chart_has_the_prior_the_estimate_and_the_computed_credence(window, qtbot):
    panel = window.training_views.training
    window.show_panel(panel)
    assert not panel.chart.shown  # nothing recorded: nothing compared
    panel.name.setText("Kim")
    panel.set_typed({"quake": 40, "sabotage": 30, "fault": 20, "other": 10})
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    r = window.live.result
    rows = {name: values for name, *values in panel.chart.rows}  # named as the table names them
    assert rows["Earthquake damage"] == [r.prior["quake"], 0.4, r.credences["quake"]]
    assert [v[1] for v in rows.values()] == [0.4, 0.3, 0.2, 0.1]
    # An edit redraws it with the new computed credences, the estimate unchanged.
    type_into_cell(qtbot, window, "alarm", "quake", "0.07")
    r = window.live.result
    quake = next(v for name, *v in panel.chart.rows if name.startswith("Earthquake"))
    assert quake == [r.prior["quake"], 0.4, r.credences["quake"]]
    assert set(panel.chart.texts()) >= {"prior", "you", "computed"}
