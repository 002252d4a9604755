"""Issue 13: the window never shows a number that no longer belongs to the case."""

import json
import os
import signal

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

import beliefwatch as bw
from beliefwatch.gui import files as files_module
from tests.gui.test_window import cell

pytestmark = pytest.mark.gui


def run_full(window, qtbot, engine="exact"):
    with qtbot.waitSignal(window.full.finished, timeout=180_000):
        assert window.full.start(engine=engine)
    return window.full.result


def test_new_case_shows_nothing_of_the_old_one(window, qtbot, monkeypatch):
    run_full(window, qtbot)
    assert window.full_panel.forest.figure is not None
    window.files.new_case()
    assert not window.credences.pane.shown
    assert window.credences.headline.text() == ""
    assert "Leading" not in window.statusBar().currentMessage()
    assert window.full_panel.forest.figure is None and window.full.result is None
    assert window.full_panel.summary.toPlainText() == ""
    # A new case suggests the honest catch-all, and the hypotheses added keep equal priors.
    assert [h.catch_all for h in window.doc.case.hypotheses] == [True]
    names = iter(["A", "B"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(names), True))
    window.edits.add_hypothesis()
    window.edits.add_hypothesis()
    priors = [h.prior.central for h in window.doc.case.hypotheses]
    assert priors == pytest.approx([1 / 3] * 3)


def test_an_edit_marks_the_full_update_out_of_date_and_undo_makes_it_current(window, qtbot):
    run_full(window, qtbot)
    assert not window.full_panel.banner.isVisible()
    window.matrix.view.setCurrentIndex(cell(window.matrix.model, "tremor", "quake"))
    window.edits.remove_item()
    assert window.full.stale
    assert window.full_panel.banner.isVisible()
    assert "out of date" in window.full_panel.banner.text()
    assert window.full_panel.forest.is_stale
    window.doc.undo_stack.undo()
    assert not window.full.stale and not window.full_panel.banner.isVisible()
    assert not window.full_panel.forest.is_stale


def test_export_after_removing_the_leader_reports_the_case_as_it_is(window, qtbot, tmp_path):
    run_full(window, qtbot)
    window.hypotheses.select("quake")
    window.edits.remove_hypothesis()
    target = tmp_path / "after-removal.md"
    with qtbot.waitSignal(window.exporter.done, timeout=180_000):
        assert window.exporter.start(target)
    text = target.read_text(encoding="utf-8")
    fresh = bw.update(window.doc.case)
    assert f"the answer is: {fresh.names[fresh.leader]}" in text
    assert "Earthquake damage" not in text
    assert "Report written to" in window.statusBar().currentMessage()


def test_live_interval_is_never_zero_width_where_inputs_are_uncertain(window):
    from beliefwatch.core import commands
    from beliefwatch.core.elicitation import parse_likelihood, parse_reliability

    # Make the only uncertainty a shared source's reliability range (non-conjugate).
    case = window.doc.case
    for e in case.evidence:
        for h, est in list(e.likelihoods.items()):
            e.likelihoods[h] = parse_likelihood(round(est.central, 3))
    window.doc.replace(case, None)
    window.doc.apply(commands.edit_source("operator", reliability=parse_reliability([0.2, 0.95])))
    r = window.live.result
    lo, hi = r.intervals[r.leader]
    assert (lo != lo) or hi - lo > 0.01, (lo, hi)  # NaN means "needs a full update" - shown so
    text = window.credences.headline.text()
    assert "interval" in text and f"{100 * lo:.0f}–{100 * lo:.0f}%" not in text


def test_rename_a_hypothesis_id_and_undo(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("landslide", True))
    window.hypotheses.select("quake")
    window.edits.rename_hypothesis_id()
    case = window.doc.case
    assert "landslide" in case.hypothesis_ids and "quake" not in case.hypothesis_ids
    assert case.item("tremor").likelihoods["landslide"].central == 0.9
    assert "landslide" in case.indicators[0].likelihoods
    window.doc.undo_stack.undo()
    assert "quake" in window.doc.case.hypothesis_ids


def test_recent_cases_are_sets_of_files_and_survive_a_restart(window, tmp_path, qtbot):
    priors = tmp_path / "p.toml"
    evidence = tmp_path / "p-evidence.toml"
    text = (tmp_path / "outage.toml").read_text(encoding="utf-8")
    head, rest = text.split("[[sources]]", 1)
    priors.write_text(head, encoding="utf-8")
    evidence.write_text("format = 1\n[[sources]]" + rest, encoding="utf-8")
    assert window.open_files([priors, evidence])
    entries = files_module.recent_cases()
    assert entries[0] == [str(priors.resolve()), str(evidence.resolve())]
    assert len(entries) == 2  # the case of the fixture, and this one: not one entry per file
    # One entry alone comes back whole after a restart (QSettings returns a plain string).
    files_module.settings().setValue("recent_cases", json.dumps([entries[0]]))
    from beliefwatch.gui.main_window import MainWindow

    second = MainWindow()
    qtbot.addWidget(second)
    actions = second.files.recent_menu.actions()
    assert len(actions) == 1 and actions[0].text().startswith("p.toml")
    actions[0].trigger()
    assert len(second.doc.case.evidence) == 4


def test_opening_an_evidence_file_alone_asks_for_its_priors(window, tmp_path, monkeypatch):
    text = (tmp_path / "outage.toml").read_text(encoding="utf-8")
    head, rest = text.split("[[sources]]", 1)
    priors, evidence = tmp_path / "p.toml", tmp_path / "e.toml"
    priors.write_text(head, encoding="utf-8")
    evidence.write_text("format = 1\n[[sources]]" + rest, encoding="utf-8")
    asked = []

    def pick(*args, **kwargs):
        asked.append(args[1])
        return str(priors), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    assert window.open_files([evidence])
    assert asked and "e.toml" in asked[0]
    assert window.doc.case.question == "What caused the outage?"


def test_a_bad_date_in_details_is_refused_and_not_left_on_screen(window):
    window.details.show_item("alarm")
    window.details.date.setText("2025-02-30")
    window.details.date.editingFinished.emit()
    assert "day 30 is out of range for 2025-02 (1-28)" in window.statusBar().currentMessage()
    assert window.details.date.text() == "2025-01-05"


def test_saved_files_get_the_usual_permissions(window, tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "shared.toml"
        assert window.files._save_to(path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_sources_and_groups_are_editable_and_a_new_source_cites_nothing(window, monkeypatch):
    before = [e.source for e in window.doc.case.evidence]
    window.details.show_item("alarm")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Rodong Sinmun", True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("D - not usually reliable", True))
    window.edits.add_source()
    assert window.doc.case.source("rodong-sinmun").reliability.central == 0.40
    assert [e.source for e in window.doc.case.evidence] == before
    panel = window.sources
    row = [s.id for s in window.doc.case.sources].index("operator")
    quake_before = window.live.result.credences["quake"]
    panel.sources.item(row, 2).setText("E")  # the tremor report's source becomes unreliable
    assert window.doc.case.source("operator").reliability.text() == "E"
    assert window.live.result.credences["quake"] < quake_before
    panel.sources.item(row, 2).setText("nonsense")  # refused, and the table shows the truth
    assert panel.sources.item(row, 2).text() == "E"
    panel.groups.item(0, 2).setText("0.5")
    assert window.doc.case.group("wire").correlation == 0.5
    panel.groups.item(0, 2).setText("1.5")
    assert window.doc.case.group("wire").correlation == 0.5
    assert panel.groups.item(0, 2).text() == "0.5"


def test_a_dead_background_process_is_restarted_and_said(window, qtbot, monkeypatch):
    from beliefwatch.gui import worker

    run_full(window, qtbot)
    runner = worker.runner()
    runner._proc.kill()
    runner._proc.join(5)
    result = run_full(window, qtbot)  # a fresh child takes the job
    assert result is not None and runner.restarts == 1


def test_closing_mid_run_is_quick_and_leaves_no_process(window, qtbot, monkeypatch):
    from beliefwatch.gui import worker

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.full.start(engine="exact")
    qtbot.waitUntil(lambda: worker.runner().alive, timeout=30_000)
    proc = worker.runner()._proc
    window.close()
    # Closing stops the child at once - killed, not waited for - and leaves no process: events,
    # not a wall-clock bound that a slow machine could miss.
    proc.join(5)
    assert proc.exitcode == -signal.SIGKILL


def test_the_model_is_compiled_ahead_so_f5_only_samples(window, qtbot, monkeypatch):
    from beliefwatch.gui import fullupdate

    monkeypatch.setattr(fullupdate, "PRECOMPILE", True)
    monkeypatch.setattr(fullupdate, "PREPARE_DELAY_MS", 10)
    window.doc.changed.emit()  # as after opening the case: the window sees its structure
    with qtbot.waitSignal(window.full.prepared, timeout=240_000):
        pass
    # auto answers this case by importance sampling; the compile serves PyMC when asked for
    result = run_full(window, qtbot, engine="pymc")
    assert result.engine == "pymc"
    assert result.diagnostics["compile_seconds"] < 1.0  # compiled before F5 was pressed


def test_the_compile_starts_when_the_window_shows_its_first_case(window, qtbot, monkeypatch):
    """At launch the background process compiles at once, not after the analyst's pause; an
    edit inside the same size bucket asks for nothing more."""
    from beliefwatch.core.commands import add_item
    from beliefwatch.gui import fullupdate

    monkeypatch.setattr(fullupdate, "PRECOMPILE", True)
    from beliefwatch.runner import PrepareRequest, WarmRequest

    started = []
    jobs = window.full.jobs
    real = jobs.submit
    monkeypatch.setattr(jobs, "submit", lambda req: started.append(type(req)) or real(req))
    window.doc.replace(window.doc.case, None)  # as when the window opens its first case
    # F5's own process warms up too, so that pressing F5 at once does not wait on imports
    both = [WarmRequest, PrepareRequest]
    qtbot.waitUntil(lambda: started == both, timeout=1000)  # well before 1.5 s
    window.full._prepare_timer.stop()
    command, _eid = add_item(window.doc.case, "One more report")
    window.doc.apply(command)
    assert not window.full._prepare_timer.isActive() and started == both
