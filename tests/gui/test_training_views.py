"""The ACH view, training mode and the calibration diagram, as a trainee sees them."""

import math
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from beliefwatch.gui.main_window import HIDDEN_STATUS

# The tabs built on the computed credences, as a trainee reads their titles.
CREDENCE_TABS = ("Credences", "Timeline", "Full update", "Drivers", "Watch list")

pytestmark = pytest.mark.gui


def views(window):
    return window.training_views


def tab_visible(window, title):
    """Whether a tab of that title is there to click (top level, or inside a group tab)."""
    for tabs in (window.tabs, window.details_tabs, window.training_tabs):
        hits = [i for i in range(tabs.count()) if tabs.tabText(i).replace("&&", "&") == title]
        if hits:
            return tabs.isTabVisible(hits[0])
    raise AssertionError(f"no tab {title!r}")


def visible_texts(window):
    """Every piece of text a trainee can see: labels, table cells, the status bar."""
    from PySide6.QtWidgets import QLabel, QTableView, QTableWidget

    out = [window.statusBar().currentMessage()]
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window):
            out.append(label.text())
    for table in window.findChildren(QTableWidget):
        if table.isVisibleTo(window):
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    if table.item(r, c) is not None and not table.isColumnHidden(c):
                        out.append(table.item(r, c).text())
    for view in window.findChildren(QTableView):
        m = view.model()
        if view.isVisibleTo(window) and not isinstance(view, QTableWidget) and m is not None:
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    if not view.isColumnHidden(c):
                        out.append(str(m.data(m.index(r, c)) or ""))
    return out


def type_estimate(window, name, percents):
    panel = views(window).training
    panel.name.setText(name)
    panel.set_typed(percents)
    return panel


def test_training_mode_hides_every_computed_credence_until_the_trainee_records(window, qtbot):
    cred = window.live.result.credences
    shown = {f"{100 * p:.1f}%" for p in cred.values()} | {f"{100 * p:.0f}%" for p in cred.values()}
    shown -= {"30.0%", "10.0%", "30%", "10%"}  # the priors may be seen, and could coincide
    assert any(s in t for t in visible_texts(window) for s in shown)  # shown before training
    panel = views(window).training
    panel.mode.setChecked(True)
    assert window.tabs.currentWidget() is window.training_tabs
    assert window.training_tabs.currentWidget().widget() is panel
    texts = visible_texts(window)
    assert not [t for t in texts if any(s in t for s in shown)]
    assert window.hypotheses.view.isColumnHidden(3)
    assert all(not tab_visible(window, t) for t in CREDENCE_TABS)
    assert tab_visible(window, "Details") and tab_visible(window, "ACH view")
    assert window.statusBar().currentMessage() == HIDDEN_STATUS
    assert window.credences.headline.text() == ""
    assert not panel.revealed.isVisibleTo(window)
    ach = views(window).ach.scores
    assert {ach.item(r, 6).text() for r in range(ach.rowCount())} == {"hidden"}
    assert not window.actions["full"].isEnabled()
    # An edit recomputes everything: the credences stay hidden.
    window.hypotheses.question.setText("What cut the cable?")
    window.hypotheses.question.editingFinished.emit()
    assert window.doc.case.question == "What cut the cable?"
    assert window.statusBar().currentMessage() == HIDDEN_STATUS
    assert window.hypotheses.view.isColumnHidden(3)
    assert not panel.record.isEnabled()  # no name yet

    type_estimate(window, "Kim Jiwoo", {"quake": 50, "sabotage": 20, "fault": 20, "other": 10})
    assert "Sum: <b>100.0%</b> ✓" in panel.total.text()
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    (est,) = window.doc.case.estimates
    assert est.analyst == "Kim Jiwoo"
    assert est.credences == {"quake": 0.5, "sabotage": 0.2, "fault": 0.2, "other": 0.1}
    assert est.recorded is not None and window.isWindowModified()
    # Revealed: both side by side, coherent, and the tabs are back.
    assert panel.revealed.isVisibleTo(window)
    assert "sum to 100% — coherent" in panel.coherence.text()
    cmp = panel.compare
    rows = {cmp.item(r, 0).text(): r for r in range(cmp.rowCount())}
    r = rows["Earthquake damage"]
    assert cmp.item(r, 2).text() == "50.0%"
    assert cmp.item(r, 3).text() == f"{100 * cred['quake']:.1f}%"
    assert cmp.item(r, 4).text() == f"{100 * (0.5 - cred['quake']):+.1f} pts"
    assert all(tab_visible(window, t) for t in CREDENCE_TABS)
    assert not window.hypotheses.view.isColumnHidden(3)
    assert window.statusBar().currentMessage().startswith("Leading: Earthquake damage")
    assert "Not resolved yet" in panel.scores.text()
    # Undo takes the estimate away, and with it the reveal.
    window.doc.undo_stack.undo()
    assert window.doc.case.estimates == []
    assert window.hypotheses.view.isColumnHidden(3)
    assert window.statusBar().currentMessage() == HIDDEN_STATUS
    # Leaving training mode shows everything again.
    panel.mode.setChecked(False)
    assert all(tab_visible(window, t) for t in CREDENCE_TABS)
    assert "Leading:" in window.credences.headline.text()


def test_an_incoherent_estimate_is_named_and_compared_after_scaling(window, qtbot):
    panel = views(window).training
    panel.mode.setChecked(True)
    type_estimate(window, "Lee", {"quake": 60, "sabotage": 30, "fault": 30, "other": 10})
    assert "Sum: <b>130.0%</b>" in panel.total.text() and "sum to 100%" in panel.total.text()
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "sum to 130%, not 100%: not coherent" in panel.coherence.text()
    assert panel.compare.item(0, 2).text() == f"{100 * 60 / 130:.1f}%"  # 46.2%


def test_the_gap_is_explained_conservatism_and_base_rate_neglect(window, qtbot):
    r = window.live.result
    panel = views(window).training
    # Typing the priors back: no update at all, the textbook conservatism.
    type_estimate(window, "A", {h: 100 * p for h, p in r.prior.items()})
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "Conservatism" in panel.gap.text() and "Base-rate neglect" not in panel.gap.text()
    # What the evidence says from equal priors: the 10% prior of "other" ignored.
    ratio = {h: r.credences[h] / r.prior[h] for h in r.hypotheses}
    flat = {h: 100 * v / sum(ratio.values()) for h, v in ratio.items()}
    type_estimate(window, "B", flat)
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "Base-rate neglect" in panel.gap.text()
    assert "Other: none of the above started at only 10%" in panel.gap.text()
    # The computed credences themselves: nothing to explain.
    type_estimate(window, "C", {h: 100 * p for h, p in r.credences.items()})
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "within 3 points of the computed ones everywhere" in panel.gap.text()
    assert [e.analyst for e in window.doc.case.estimates] == ["A", "B", "C"]


def test_gap_names_the_items_that_favour_the_underrated_hypothesis(window, qtbot):
    panel = views(window).training
    # Sabotage far too low: the ship reports are what favour it.
    type_estimate(window, "D", {"quake": 60, "sabotage": 0, "fault": 30, "other": 10})
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    text = panel.gap.text()
    assert "largest gap is on <b>Sabotage" in text and "the items that favour it" in text
    assert "A cargo ship loitered above the cable" in text


def test_ach_view_shows_the_classic_scores_and_the_disagreement(window):
    window.show_panel(views(window).ach)
    ach = views(window).ach
    t = ach.scores
    rows = {t.item(r, 0).text().split(":")[0]: r for r in range(t.rowCount())}
    # Ratings by nearest centre: tremor CC II II NA; ship I C I N; echo I CC I NA; alarm C C II N.
    expected = {  # PARC, OS inconsistency, OS consistency
        "Earthquake damage": ("2", "2", "5"),
        "Sabotage": ("2", "4", "6"),
        "Equipment fault at the landing station": ("6", "10", "0"),
        "Other": ("0", "0", "0"),
    }
    for name, (parc, inc, con) in expected.items():
        r = rows[name]
        assert (t.item(r, 1).text(), t.item(r, 3).text(), t.item(r, 4).text()) == (parc, inc, con)
    assert t.item(rows["Other"], 5).text() == "1"  # ACH's best: no item rated against it
    cred = window.live.result.credences
    assert t.item(rows["Earthquake damage"], 6).text() == f"{100 * cred['quake']:.1f}%"
    assert t.item(rows["Earthquake damage"], 7).text() == "1"
    assert (
        "They disagree" in ach.verdict.text() and "Other: none of the above" in ach.verdict.text()
    )
    # tremor's cells 5 1 1 3: population sd sqrt(11/4)
    items = {ach.items.item(r, 0).text(): ach.items.item(r, 1).text()
             for r in range(ach.items.rowCount())}  # fmt: skip
    assert items["A magnitude 6 tremor was recorded near the cable route"] == (
        f"{math.sqrt(11 / 4):.2f}"
    )
    assert ach.chart.shown  # the two rankings


def test_calibration_of_a_resolved_case_with_an_estimate(window, qtbot):
    cal = views(window).calibration
    window.show_panel(cal)
    assert "Not resolved" in cal.case_scores.text() and cal.figure.figure is None
    window.doc.apply(
        __import__("beliefwatch.core.commands", fromlist=["x"]).record_estimate(
            "Kim", {"quake": 0.7, "sabotage": 0.1, "fault": 0.1, "other": 0.1}
        )
    )
    cal.answer.setCurrentIndex(cal.answer.findData("quake"))
    qtbot.mouseClick(cal.resolve, Qt.MouseButton.LeftButton)
    assert window.doc.case.resolution.answer == "quake"
    text = cal.case_scores.text()
    # Brier (0.3)^2 + 3 x 0.1^2 = 0.12; log ln 0.7 = -0.36
    assert "<td>Kim</td><td align=right>0.120</td><td align=right>-0.36</td>" in text
    cred = window.live.result.credences
    brier = sum((p - (h == "quake")) ** 2 for h, p in cred.items())
    assert f"<td align=right>{brier:.3f}</td>" in text
    legend = [t.get_text() for t in cal.figure.figure.axes[0].get_legend().get_texts()]
    assert legend == ["perfect calibration", "computed (4 forecasts)", "trainees (4 forecasts)"]
    # The trainee's scores also show in the Training tab once resolved.
    tr = views(window).training
    window.show_panel(tr)
    assert "Brier score (0 best, 2 worst): you <b>0.120</b>" in tr.scores.text()
    window.doc.undo_stack.undo()
    assert window.doc.case.resolution is None and "Not resolved" in cal.case_scores.text()


SMALL = textwrap.dedent("""\
    format = 1
    question = "Q{n}"
    [[hypotheses]]
    id = "a"
    name = "A"
    prior = 0.5
    [[hypotheses]]
    id = "b"
    name = "B"
    prior = 0.5
    [[evidence]]
    id = "e"
    text = "An item"
    [evidence.likelihoods]
    a = 0.8
    b = 0.2
    [resolution]
    answer = "{answer}"
    [[estimates]]
    analyst = "Kim"
    [estimates.credences]
    a = 0.6
    b = 0.4
    """)


def test_a_folder_of_resolved_cases_is_scored_in_the_background(window, qtbot, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "one.toml").write_text(SMALL.format(n=1, answer="a"), encoding="utf-8")
    (folder / "two.toml").write_text(SMALL.format(n=2, answer="b"), encoding="utf-8")
    (folder / "notes.toml").write_text(SMALL.format(n=3, answer="a").split("[resolution]")[0])
    cal = views(window).calibration
    window.show_panel(cal)
    cal.score_folder(folder)
    assert not cal.folder_button.isEnabled()  # the job runs; the window goes on
    qtbot.waitUntil(lambda: cal.folder is not None, timeout=120_000)
    # Posterior 0.8/0.2 each; Brier 2 x 0.2^2 = 0.08 and 2 x 0.8^2 = 1.28: mean 0.68.
    assert "2 resolved cases, 2 estimates" in cal.showing.text()
    assert "computed 0.680" in cal.showing.text()
    # Trainee 0.6/0.4: Brier 0.32 and 0.72, mean 0.52.
    assert "trainees 0.520" in cal.showing.text()
    legend = [t.get_text() for t in cal.figure.figure.axes[0].get_legend().get_texts()]
    assert legend[1:] == ["computed (4 forecasts)", "trainees (4 forecasts)"]
    assert cal.folder_button.isEnabled()
    # Murphy, computed: bins 0.8 and 0.2 each came true once in two; reliability
    # (2 x 0.3^2 + 2 x 0.3^2) / 4 = 0.09, resolution 0, uncertainty 0.25, Brier 0.34.
    words = cal.murphy.text()
    assert "The computed credences were poorly calibrated and did not discriminate" in words
    assert "Brier 0.340 = 0.090 − 0.000 + 0.250" in words
    assert "Your forecasts were" in words and "resolution 0.000 of a possible 0.250" in words


def test_a_folder_without_resolved_cases_says_so_in_one_line(window, qtbot, tmp_path):
    (tmp_path / "open.toml").write_text(SMALL.format(n=1, answer="a").split("[resolution]")[0])
    cal = views(window).calibration
    cal.score_folder(tmp_path)
    qtbot.waitUntil(lambda: cal.folder_button.isEnabled(), timeout=120_000)
    assert "no case files with [resolution] found in" in cal.showing.text()
    assert "Traceback" not in cal.showing.text() and cal.folder is None


def test_an_estimate_typed_in_percent_says_its_sum_as_typed(window, qtbot):
    # Lee typed 30 and 70: the sum is 100 as typed (once shown as "10000%").
    fix = Path(__file__).parent.parent / "fixtures" / "training" / "leak.toml"
    assert window.open_files([fix])
    cal = views(window).calibration
    window.show_panel(cal)
    text = cal.case_scores.text()
    assert "summed to 100, scaled" in text and "10000" not in text
    # Computed 0.75 (came true) and 0.25 (did not): reliability (0.25² + 0.25²) / 2, resolution
    # and uncertainty 0.25 each.
    assert "The computed credences were poorly calibrated but discriminated well" in (
        cal.murphy.text()
    )
    first = cal.murphy.text().splitlines()[0]
    assert "(reliability 0.06" in first and "resolution 0.250 of a possible 0.250" in first
