"""Drive the window as an analyst would (offscreen)."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import beliefwatch as bw

pytestmark = pytest.mark.gui


def cell(model, item_id, hyp_id):
    case = model.doc.case
    i = next(i for i, e in enumerate(case.evidence) if e.id == item_id)
    row = model.row_of_item(i)
    col = len(model.META) + case.hypothesis_ids.index(hyp_id)
    return model.index(row, col)


def credence(window, hid):
    return window.live.result.credences[hid]


def test_opens_the_example_with_credences(window):
    assert window.doc.case.question.startswith("Why has Beijing")
    assert window.hyp_model.rowCount() == 8
    assert window.matrix_model.rowCount() == len(window.doc.case.evidence)
    assert window.bars.figure is not None
    assert window.timeline.figure is None  # drawn when first shown, not on every edit
    window.tabs.setCurrentWidget(window.timeline)
    assert window.timeline.figure is not None
    leader = window.live.result.leader
    assert window.doc.case.hypothesis(leader).name in window.statusBar().currentMessage()
    assert not window.isWindowModified()


def test_editing_a_prior_and_a_likelihood_moves_the_credences_and_undo_restores(window):
    before = credence(window, "buffer")
    prior_index = window.hyp_model.index(window.doc.case.hypothesis_ids.index("buffer"), 1)
    assert window.hyp_model.setData(prior_index, "0.6")
    after_prior = credence(window, "buffer")
    assert after_prior > before
    assert window.hyp_model.data(prior_index) == "0.6"
    assert window.isWindowModified()

    idx = cell(window.matrix_model, "friendship-year-fizzles", "buffer")
    assert window.matrix_model.setData(idx, "0.9")
    assert credence(window, "buffer") > after_prior
    assert window.matrix_model.data(idx) == "0.9"

    window.doc.undo_stack.undo()
    assert credence(window, "buffer") == pytest.approx(after_prior)
    window.doc.undo_stack.undo()
    assert credence(window, "buffer") == pytest.approx(before)
    assert not window.isWindowModified()
    window.doc.undo_stack.redo()
    assert credence(window, "buffer") == pytest.approx(after_prior)


def test_a_bad_cell_is_refused_with_a_message_and_nothing_changes(window):
    idx = cell(window.matrix_model, "ditch", "buffer")
    before = window.matrix_model.data(idx)
    assert not window.matrix_model.setData(idx, "likley")
    assert window.matrix_model.data(idx) == before
    assert "did you mean 'likely'" in window.statusBar().currentMessage()
    assert window.doc.undo_stack.count() == 0


def test_unrated_cells_are_marked(window):
    idx = cell(window.matrix_model, "ditch", "other")
    assert window.matrix_model.data(idx) == "NA"
    assert window.matrix_model.data(idx, Qt.ItemDataRole.FontRole).italic()


def test_cells_are_coloured_by_weight_of_evidence(window):
    for_ = cell(window.matrix_model, "friendship-year-fizzles", "displeasure")
    against = cell(window.matrix_model, "friendship-year-fizzles", "bloc")
    blue = window.matrix_model.data(for_, Qt.ItemDataRole.BackgroundRole).color()
    red = window.matrix_model.data(against, Qt.ItemDataRole.BackgroundRole).color()
    assert blue.blue() > blue.red() and red.red() > red.blue()


def test_transpose_and_sort(window):
    m = window.matrix_model
    n_items = len(window.doc.case.evidence)
    window.transpose.setChecked(True)
    assert (m.rowCount(), m.columnCount()) == (8, n_items)
    window.transpose.setChecked(False)
    window.sort.setCurrentText("diagnosticity")
    diag = window.live.diagnosticity
    rows = window.live.row_of_item
    shown = [diag[rows[window.doc.case.evidence[i].id]] for i in m.order]
    assert shown == sorted(shown, reverse=True)


def test_add_an_item_then_rate_it(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Kim visits Beijing", True))
    n = len(window.doc.case.evidence)
    window.add_item()
    assert len(window.doc.case.evidence) == n + 1
    new = window.doc.case.evidence[-1]
    assert window.details.item_id == new.id
    assert window.matrix_model.setData(cell(window.matrix_model, new.id, "buffer"), "CC")
    assert window.doc.case.item(new.id).likelihoods["buffer"].kind == "rating"


def test_full_update_runs_in_a_worker_and_shows_plots(window, qtbot):
    window.start_full_update()
    assert window._thread is not None
    with qtbot.waitSignal(window._worker.finished, timeout=120_000) as blocker:
        pass
    result, figures = blocker.args
    assert set(figures) == {"forest", "dists", "diag"}
    qtbot.waitUntil(lambda: window._thread is None, timeout=10_000)
    assert result.engine == "exact" and result.n_draws == 4000
    assert window.full_result is result
    assert window.full_forest.figure is not None
    assert "Credence" in window.full_text.toPlainText()


def test_save_and_reopen_loses_nothing(window, tmp_path, monkeypatch):
    idx = cell(window.matrix_model, "ditch", "buffer")
    window.matrix_model.setData(idx, "0.33")
    path = tmp_path / "one-file.toml"
    assert window._save_to(path)
    assert not window.isWindowModified()
    assert path.name in window.windowTitle()
    original = bw.update(window.doc.case)
    reopened = bw.load_case(path)
    assert bw.update(reopened).credences == pytest.approx(original.credences)
    assert reopened.item("ditch").likelihoods["buffer"].low == 0.33
    assert len(reopened.indicators) == len(window.doc.case.indicators)


def test_a_broken_file_gives_a_clear_message(window, tmp_path, monkeypatch):
    bad = tmp_path / "broken.toml"
    bad.write_text('question = "q"\n[[hypotheses]]\nid = "a"\nprior = 2\n', encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert not window.open_files([bad])
    assert shown and "broken.toml" in shown[0] and "outside [0, 1]" in shown[0]
    assert window.doc.case.question.startswith("Why has Beijing")  # the open case is kept


def test_autosave_and_recovery(window, qtbot, monkeypatch):
    window.matrix_model.setData(cell(window.matrix_model, "ditch", "buffer"), "0.31")
    window.write_recovery()
    recovery = window.recovery_path()
    assert recovery.exists()
    from beliefwatch.gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.offer_recovery()
    assert second.doc.case.item("ditch").likelihoods["buffer"].low == 0.31
    assert second.isWindowModified()
    second.doc.undo_stack.setClean()
    assert Path(recovery).exists()


def test_closing_with_unsaved_changes_asks_first(window, monkeypatch):
    window.matrix_model.setData(cell(window.matrix_model, "ditch", "buffer"), "0.32")
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.close()
    assert asked and "unsaved changes" in asked[0]
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()


def test_export_report_from_the_window(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "from-window.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_report()
    html = target.read_text(encoding="utf-8")
    leader = window.live.result.leader
    assert f"{100 * window.live.result.credences[leader]:.1f}%" in html
    assert "Report written to" in window.statusBar().currentMessage()


def test_add_a_source_with_admiralty_reliability(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window.details.show_item("ditch")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Rodong Sinmun", True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("D - not usually reliable", True))
    before = window.live.result.credences["displeasure"]
    window.add_source()
    source = window.doc.case.source("rodong-sinmun")
    assert source.reliability.central == 0.40
    assert window.doc.case.item("ditch").source == "rodong-sinmun"
    assert window.live.result.credences["displeasure"] < before  # a weaker source, less pull
