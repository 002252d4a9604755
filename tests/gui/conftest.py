import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import textwrap

import pytest

# A small case with every feature the window shows: a catch-all, ranges, words, ratings, an
# unrated cell, a declared source, a group and an indicator. Likelihoods are chosen so that
# the leader is clear ("quake") and removing items changes it.
CASE = textwrap.dedent("""\
    format = 1
    question = "What caused the outage?"

    [[hypotheses]]
    id = "quake"
    name = "Earthquake damage: the cable was cut by a landslide"
    prior = 0.3

    [[hypotheses]]
    id = "sabotage"
    name = "Sabotage: a ship dragged its anchor on purpose"
    prior = 0.3

    [[hypotheses]]
    id = "fault"
    name = "Equipment fault at the landing station"
    prior = 0.3

    [[hypotheses]]
    id = "other"
    name = "Other: none of the above"
    prior = 0.1
    catch_all = true

    [[sources]]
    id = "operator"
    name = "Cable operator"
    reliability = "B"

    [[groups]]
    id = "wire"
    correlation = 1.0

    [[evidence]]
    id = "tremor"
    text = "A magnitude 6 tremor was recorded near the cable route"
    date = 2025-01-02
    source = "operator"
    [evidence.likelihoods]
    quake = 0.9
    sabotage = 0.2
    fault = 0.2

    [[evidence]]
    id = "ship"
    text = "A cargo ship loitered above the cable"
    date = 2025-01-03
    group = "wire"
    [evidence.likelihoods]
    quake = "unlikely"
    sabotage = [0.6, 0.9]
    fault = "I"
    other = "N"

    [[evidence]]
    id = "ship-echo"
    text = "Second outlet repeats the loitering ship report"
    date = 2025-01-04
    group = "wire"
    [evidence.likelihoods]
    quake = 0.3
    sabotage = 0.8
    fault = 0.3

    [[evidence]]
    id = "alarm"
    text = "The landing station logged no alarm before the cut"
    date = 2025-01-05
    [evidence.likelihoods]
    quake = 0.7
    sabotage = 0.7
    fault = 0.1
    other = 0.5

    [[indicators]]
    id = "divers"
    text = "Divers find the cable cut clean"
    [indicators.likelihoods]
    quake = 0.1
    sabotage = 0.8
    fault = 0.2
    """)


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    """Keep the user's real settings, recent files and recovery file out of the tests."""
    monkeypatch.setenv("BELIEFWATCH_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "outage.toml"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, monkeypatch, case_file):
    from PySide6.QtWidgets import QMessageBox

    from beliefwatch.gui import fullupdate
    from beliefwatch.gui.main_window import MainWindow

    monkeypatch.setattr(fullupdate, "PRECOMPILE", False)

    # pytest-qt closes the window before fixtures are torn down: a modal "save changes?"
    # would block the run, so unsaved test edits are discarded unless a test says otherwise.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    # A failure box (e.g. "Full update failed" when the background process is killed for
    # memory on a loaded machine) must fail the test that waits, not hang the whole run.
    for kind in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: QMessageBox.StandardButton.Ok)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_files([case_file])
    yield w
    w.full.shutdown()
