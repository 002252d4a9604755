"""One wording (beliefwatch/reports/wording.py) for the window, the reports and the CLI."""

import types

import pytest

import beliefwatch as bw
from beliefwatch.inference.analyses import analyze
from beliefwatch.reports import wording
from beliefwatch.reports.drivers import driver_sections
from tests.cases import make_case


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(1.24, "1.3"), (4.0, "4"), (9.99, "10"), (123.2, "124"), (124.0, "124"), (5000.0, "5,000")],
)
def test_a_ratio_is_rounded_up_and_never_in_exponent_notation(ratio, text):
    assert wording.times(ratio) == text


def _far_behind():
    # 0.992 : 0.008 = 124: an item 124 times as likely under the runner-up makes it lead.
    case = make_case([0.992, 0.008], [])
    return case, analyze(case, bw.update(case, engine="exact"))


@pytest.mark.gui
def test_the_report_and_the_drivers_panel_say_124_not_1_2e02(qtbot):
    from beliefwatch.gui.panels.drivers import DriversPanel

    case, a = _far_behind()
    assert a.overtake_ratio == pytest.approx(124.0)
    report = " ".join(driver_sections(case, bw.update(case, engine="exact")).drive)
    assert "an item 124 times as likely under “Hypothesis 1”" in report
    panel = DriversPanel()
    qtbot.addWidget(panel)
    panel.refresh(types.SimpleNamespace(analysis=a))
    shown = panel.summary.text()
    assert "124 times as likely" in shown and "e+02" not in shown
    assert "What would change my mind:" in shown


def test_below_half_the_bottom_line_first_says_no_hypothesis_is_more_likely_than_not():
    line = wording.bottom_line("Sabotage", 0.38, 3)
    first, _, rest = line.partition(". ")
    assert first == (
        "Sabotage is the most likely of the 3 hypotheses, but no hypothesis is more likely than not"
    )
    assert rest == "We assess it is unlikely (20–45%) that the answer is: Sabotage."


def test_from_half_up_the_bottom_line_is_the_icd203_sentence_alone():
    assert wording.bottom_line("Accident", 0.62, 3) == (
        "We assess it is likely (55–80%) that the answer is: Accident."
    )
