"""An exercise opened for a class shows its answer nowhere until it is revealed.

The check compares the whole window (every widget's text, tooltip, title, item, tab and figure
label, hidden tabs included) with the window showing the same case stripped of its answer: if
the answer leaked anywhere, the texts only the first shows name it. (They may say that the case
holds an answer, kept hidden.)
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import beliefwatch as bw
from tests.gui.walk import mentions, window_texts

pytestmark = pytest.mark.gui

EXERCISES = Path(__file__).parents[2] / "priors" / "exercises"


def strip_answer(text: str) -> str:
    return re.sub(r"(?ms)^\[resolution\].*?(?=^\[|\Z)", "", text)


def texts_of(window, path: Path, content: str, setup=None) -> list[str]:
    path.write_text(content, encoding="utf-8")
    assert window.open_files([path])
    if setup is not None:
        setup(window)
    return sorted(window_texts(window))


def leaks(case, with_answer: list[str], without: list[str]) -> list[str]:
    """Texts shown only with the answer that name a hypothesis, the answer or its source."""
    extra = Counter(with_answer) - Counter(without)
    words = [h.name[:20] for h in case.hypotheses] + [case.resolution.answer]
    words += [case.resolution.source[:30], "resolved"]
    return [t for t in extra if any(w.lower() in t.lower() for w in words)]


def record(window, qtbot, name="Trainee"):
    panel = window.training_views.training
    panel.name.setText(name)
    n = len(panel._spins)
    panel.set_typed({h: 100 / n for h in panel._spins})
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert window.doc.case.estimates


@pytest.mark.parametrize("exercise", ["cuba-1962.toml", "iraq-wmd-2003.toml"])
def test_an_exercise_in_training_mode_shows_its_answer_nowhere(window, qtbot, tmp_path, exercise):
    full = (EXERCISES / exercise).read_text(encoding="utf-8")
    case = bw.load_case(EXERCISES / exercise)
    answer = case.hypothesis(case.resolution.answer).name
    window.training_views.training.mode.setChecked(True)
    path = tmp_path / exercise  # the same path for both: the title and recent files agree
    without = texts_of(window, path, strip_answer(full))
    with_answer = texts_of(window, path, full)
    assert with_answer != without  # it says an answer is held, and hidden
    assert leaks(case, with_answer, without) == []
    assert not mentions(with_answer, case.resolution.source[:30])
    assert not mentions(with_answer, "resolved:")
    # The trainee records: the credences appear, the answer still does not (the instructor's
    # step), and neither does it in anything recorded in the window.
    charts = (window.credences.pane, window.timeline, window.drivers.tornado)
    assert not [t for c in charts for t in c.texts() if t.endswith("%")]  # no credence drawn
    record(window, qtbot)
    for view, chart in zip(("credences", "timeline", "drivers"), charts, strict=True):
        window.show_view(view)  # the charts drawn by Qt are read too, once drawn
        qtbot.waitUntil(lambda c=chart: c.shown)
    texts = window_texts(window)
    for chart in charts:
        assert chart.shown and set(chart.texts()) <= set(texts)
    assert mentions(texts, "coherent")  # the comparison is on screen
    assert not mentions(texts, case.resolution.source[:30])
    assert not [t for t in mentions(texts, "resolved") if answer[:20] in t]
    cal = window.training_views.calibration
    window.show_panel(cal)
    assert cal.reveal.isVisibleTo(window) and not cal.answer.isEnabled()
    qtbot.mouseClick(cal.reveal, Qt.MouseButton.LeftButton)
    texts = window_texts(window)
    assert mentions(texts, f"Resolved: {answer}")
    assert cal.answer.currentData() == case.resolution.answer
    assert cal.source.text() == case.resolution.source
    assert not cal.reveal.isVisibleTo(window)
    # Opening it again hides it again: the next class has not seen it.
    assert window.open_files([path])
    assert not mentions(window_texts(window), case.resolution.source[:30])


def test_with_training_mode_off_the_answer_waits_for_an_estimate(window, qtbot, tmp_path):
    full = (EXERCISES / "cuba-1962.toml").read_text(encoding="utf-8")
    case = bw.load_case(EXERCISES / "cuba-1962.toml")
    path = tmp_path / "cuba.toml"
    without = texts_of(window, path, strip_answer(full))
    assert leaks(case, texts_of(window, path, full), without) == []
    record(window, qtbot, "Analyst")
    assert mentions(window_texts(window), case.resolution.source[:30])
    assert "Resolved:" in window.training_views.calibration.case_scores.text()


def test_who_records_the_answer_sees_it(window, qtbot):
    cal = window.training_views.calibration
    window.training_views.training.mode.setChecked(True)
    cal.answer.setCurrentIndex(cal.answer.findData("quake"))
    cal.source.setText("divers' report")
    qtbot.mouseClick(cal.resolve, Qt.MouseButton.LeftButton)
    assert window.doc.case.resolution.answer == "quake"
    assert cal.answer.currentData() == "quake" and cal.answer.isEnabled()
    assert cal.source.text() == "divers' report"
