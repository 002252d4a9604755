"""The window, driven offscreen as an analyst would: what it shows after each step."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

import beliefwatch as bw

pytestmark = pytest.mark.gui


def cell(model, item_id, hyp_id):
    case = model.doc.case
    i = [e.id for e in case.evidence].index(item_id)
    k = case.hypothesis_ids.index(hyp_id)
    if model.transposed:
        return model.index(k, model.row_of_item(i))
    return model.index(model.row_of_item(i), len(model.META) + k)


def credence(window, hid):
    return window.live.result.credences[hid]


def test_opens_the_case_with_credences_and_names(window):
    case = window.doc.case
    assert window.hypotheses.model.rowCount() == 4
    assert window.matrix.model.rowCount() == len(case.evidence)
    assert window.credences.pane.shown
    assert not window.timeline.shown  # drawn when first shown, not on every edit
    window.tabs.setCurrentWidget(window.timeline)
    assert window.timeline.shown
    assert "Leading: Earthquake damage" in window.credences.headline.text()
    assert "Leading: Earthquake damage" in window.statusBar().currentMessage()
    # Headers show names (short), the full name and the id in the tooltip.
    m = window.matrix.model
    header = m.headerData(2, Qt.Orientation.Horizontal)
    assert header.replace("\n", " ") == "Earthquake damage"
    tip = m.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert case.hypotheses[0].name in tip and "quake" in tip


def test_transposed_matrix_shows_item_texts_not_ids(window):
    window.matrix.transpose.setChecked(True)
    m = window.matrix.model
    labels = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert labels[0].startswith("A magnitude")
    assert "tremor" not in labels


def test_editing_a_prior_and_a_likelihood_moves_the_credences_and_undo_restores(window):
    before = credence(window, "sabotage")
    m = window.hypotheses.model
    prior_index = m.index(window.doc.case.hypothesis_ids.index("sabotage"), 1)
    assert m.setData(prior_index, "0.6")
    assert credence(window, "sabotage") > before
    assert m.data(prior_index) == "0.6"
    assert window.isWindowModified()
    idx = cell(window.matrix.model, "alarm", "sabotage")
    assert window.matrix.model.setData(idx, "0.95")
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert credence(window, "sabotage") == pytest.approx(before)
    assert not window.isWindowModified()


def test_a_bad_cell_is_refused_with_a_message_and_nothing_changes(window):
    idx = cell(window.matrix.model, "tremor", "quake")
    before = window.matrix.model.data(idx)
    assert not window.matrix.model.setData(idx, "likley")
    assert window.matrix.model.data(idx) == before
    assert "likley" in window.statusBar().currentMessage()


def test_unrated_cells_are_marked_and_cells_coloured(window):
    m = window.matrix.model
    idx = cell(m, "tremor", "other")
    assert m.data(idx) == "NA"
    assert m.data(idx, Qt.ItemDataRole.FontRole).italic()
    blue = m.data(cell(m, "tremor", "quake"), Qt.ItemDataRole.BackgroundRole).color()
    red = m.data(cell(m, "tremor", "sabotage"), Qt.ItemDataRole.BackgroundRole).color()
    assert blue.blue() > blue.red() and red.red() > red.blue()


def test_sort_by_diagnosticity(window):
    m = window.matrix.model
    window.matrix.sort.setCurrentText("diagnosticity")
    diag = window.live.diagnosticity
    rows = window.live.row_of_item
    shown = [diag[rows[window.doc.case.evidence[i].id]] for i in m.order]
    assert shown == sorted(shown, reverse=True)
    assert m.order != list(range(len(m.order)))  # the order really changed for this case


def test_add_an_item_then_rate_it(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Reuters/AP: port closed", True))
    n = len(window.doc.case.evidence)
    window.add_item()
    new = window.doc.case.evidence[-1]
    assert len(window.doc.case.evidence) == n + 1
    assert new.id.startswith("reuters-ap-port") and window.details.item_id == new.id
    assert window.matrix.model.setData(cell(window.matrix.model, new.id, "quake"), "CC")
    assert window.doc.case.item(new.id).likelihoods["quake"].kind == "rating"


def test_save_and_reopen_loses_nothing_and_ids_made_from_names_reload(window, tmp_path,
                                                                        monkeypatch):  # fmt: skip
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("연합뉴스 보도", True))
    window.add_item()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Reuters/AP", True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("C - fairly reliable", True))
    window.edits.add_source()
    path = tmp_path / "one-file.toml"
    assert window.files._save_to(path)
    assert not window.isWindowModified() and path.name in window.windowTitle()
    reopened = bw.load_case(path)  # ids the window made follow the loader's rule
    assert bw.update(reopened).credences == pytest.approx(bw.update(window.doc.case).credences)
    assert reopened.source("reuters-ap") is not None
    assert len(reopened.evidence) == len(window.doc.case.evidence)
    assert len(reopened.indicators) == 1


def test_a_broken_file_gives_a_clear_message(window, tmp_path, monkeypatch):
    bad = tmp_path / "broken.toml"
    bad.write_text('question = "q"\n[[hypotheses]]\nid = "a"\nprior = 2\n', encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert not window.open_files([bad])
    assert shown and "broken.toml" in shown[0] and "outside [0, 1]" in shown[0]
    assert window.doc.case.question == "What caused the outage?"  # the open case is kept


def test_autosave_and_recovery(window, qtbot, monkeypatch):
    window.matrix.model.setData(cell(window.matrix.model, "alarm", "quake"), "0.31")
    window.files.write_recovery()
    recovery = window.files.recovery_path()
    assert recovery.exists()
    from beliefwatch.gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.offer_recovery()
    assert second.doc.case.item("alarm").likelihoods["quake"].low == 0.31
    assert second.isWindowModified()
    second.doc.undo_stack.setClean()
    assert Path(recovery).exists()


def test_closing_with_unsaved_changes_asks_first(window, monkeypatch):
    window.matrix.model.setData(cell(window.matrix.model, "alarm", "quake"), "0.32")
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


def test_toolbar_buttons_keep_their_place_when_undo_has_a_long_text(window):
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "main-toolbar")
    full = bar.widgetForAction(window.actions["full"])
    x = full.x()
    m = window.hypotheses.model
    assert m.setData(m.index(0, 0), "A much longer name for the earthquake hypothesis")
    assert window.actions["undo"].text() == "&Undo"
    assert "Rename quake" in window.actions["undo"].toolTip()
    assert full.x() == x
