"""After New or Open nothing of the previous case stays anywhere in the window, and views that
outlive an edit say what they show."""

import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.gui.walk import window_texts

pytestmark = pytest.mark.gui

OTHER = textwrap.dedent("""\
    format = 1
    question = "Will the river flood this spring?"

    [[hypotheses]]
    id = "flood"
    name = "A flood above the levee"
    prior = 0.2

    [[hypotheses]]
    id = "dry"
    name = "No flood"
    prior = 0.8

    [[evidence]]
    id = "snow"
    text = "Snowpack at twice the usual depth"
    [evidence.likelihoods]
    flood = 0.8
    dry = 0.3
    """)

# What the first case (tests/gui/conftest.py CASE) and the work done on it put on screen.
FIRST = ["What caused the outage", "Earthquake damage", "Sabotage: a ship", "Equipment fault",
         "A magnitude 6 tremor", "cargo ship loitered", "Cable operator", "Kim Jiwoo",
         "seabed survey", "blank: the source's, B", "Divers find the cable"]  # fmt: skip


def left_over(window) -> list[str]:
    texts = window_texts(window)
    return [f"{s!r} in {t[:80]!r}" for s in FIRST for t in texts if s.lower() in t.lower()]


def work_on_the_first_case(window, qtbot):
    assert left_over(window)  # the check sees the first case
    window.details.show_item("tremor")
    assert "blank: the source's, B" in window.details.reliability.placeholderText()
    panel = window.training_views.training
    panel.name.setText("Kim Jiwoo")
    panel.set_typed({"quake": 40, "sabotage": 30, "fault": 20, "other": 10})
    window.training_views.calibration.source.setText("seabed survey")
    with qtbot.waitSignal(window.full.finished, timeout=180_000):
        assert window.full.start(engine="exact")


def test_new_leaves_nothing_of_the_previous_case(window, qtbot):
    work_on_the_first_case(window, qtbot)
    window.actions["new"].trigger()
    assert left_over(window) == []
    panel = window.training_views.training
    assert panel.name.text() == "" and all(v == 0 for v in panel.typed().values())


def test_open_leaves_nothing_of_the_previous_case(window, qtbot, monkeypatch, tmp_path):
    work_on_the_first_case(window, qtbot)
    other = tmp_path / "river.toml"
    other.write_text(OTHER, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(other)], ""))
    window.actions["open"].trigger()
    assert window.doc.case.question == "Will the river flood this spring?"
    window.details.show_item("snow")
    assert left_over(window) == []
    assert (
        window.details.reliability.placeholderText() == "blank: the source's, 1 (taken as entered)"
    )


def test_the_diagnostics_line_greys_with_the_rest_when_out_of_date(window, qtbot):
    with qtbot.waitSignal(window.full.finished, timeout=180_000):
        assert window.full.start(engine="exact")
    note = window.full_panel.diag_note
    assert note.text() and note.isEnabled()
    # A number, not the question's wording: a result is stale when what it computed from
    # changed (the inputs' fingerprint), and rewording the question changes no credence.
    m = window.hypotheses.model
    assert m.setData(m.index(0, 1), "0.35")
    assert window.full_panel.banner.isVisibleTo(window) and not note.isEnabled()


SMALL = textwrap.dedent("""\
    format = 1
    question = "Q{n}"
    [[hypotheses]]
    id = "a"
    name = "Alpha"
    prior = 0.5
    [[hypotheses]]
    id = "b"
    name = "Beta"
    prior = 0.5
    [[evidence]]
    id = "e"
    text = "an item"
    [evidence.likelihoods]
    a = 0.8
    b = 0.2
    [resolution]
    answer = "a"
    """)


def test_folder_scores_say_they_come_from_disk_and_go_with_the_case(
    window, qtbot, monkeypatch, tmp_path
):
    folder = tmp_path / "class"
    folder.mkdir()
    for n in range(2):
        (folder / f"c{n}.toml").write_text(SMALL.format(n=n), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    cal = window.training_views.calibration
    window.show_panel(cal)
    qtbot.mouseClick(cal.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cal.folder is not None, timeout=180_000)
    assert "2 resolved cases" in cal.showing.text()
    assert "files on disk" in cal.showing.text()  # not the open case's edits
    window.actions["new"].trigger()
    assert cal.folder is None and "class" not in cal.showing.text()
    assert cal.figure.figure is None
