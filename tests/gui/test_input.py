"""Input that must go where the user means it: dates typed over, shortcuts in a text field,
focus after a button, names turned into ids, errors that keep what was typed."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QPushButton

pytestmark = pytest.mark.gui


def when_dialog_opens(qtbot, act):
    """Run ``act(dialog)`` on the modal dialog the next click opens."""

    def go():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, go)
            return
        act(dialog)

    QTimer.singleShot(0, go)


def button(widget, text):
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def test_mark_observed_takes_the_date_typed_over_the_selected_one(window, qtbot):
    watch = window.watch
    window.show_panel(watch)
    watch._select("divers")
    seen = {}

    def answer(dialog):
        seen["who"] = [dialog.who.itemText(i) for i in range(dialog.who.count())]
        field = dialog.when
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "2025-09-03")
        dialog.who.setCurrentText("Cable operator")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_dialog_opens(qtbot, answer)
    qtbot.mouseClick(button(watch, "Mark observed…"), Qt.MouseButton.LeftButton)
    item = window.doc.case.item("divers")
    assert item.date == dt.date(2025, 9, 3)
    assert item.source == "operator"  # chosen by its name
    assert "Cable operator" in seen["who"] and "operator" not in seen["who"]
    assert "Divers find the cable cut clean" in window.statusBar().currentMessage()


def test_mark_observed_refuses_a_wrong_date_in_the_dialog_keeping_it(window, qtbot):
    window.show_panel(window.watch)
    window.watch._select("divers")
    seen = {}

    def answer(dialog):
        dialog.when.setText("2025-13-40")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen["problem"] = dialog.problem.text()
        seen["still open"] = dialog.isVisible()
        seen["typed"] = dialog.when.text()
        dialog.reject()

    when_dialog_opens(qtbot, answer)
    qtbot.mouseClick(button(window.watch, "Mark observed…"), Qt.MouseButton.LeftButton)
    assert "month 13 is out of range (1-12)" in seen["problem"]
    assert seen["still open"] and seen["typed"] == "2025-13-40"
    assert [i.id for i in window.doc.case.indicators] == ["divers"]


def test_ctrl_shift_h_adds_a_hypothesis_while_typing_the_question(window, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Cable wear", True))
    q = window.hypotheses.question
    q.setFocus()
    q.end(False)
    qtbot.keyClicks(q, " now")
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(q, Qt.Key.Key_H, mods)
    names = [h.name for h in window.doc.case.hypotheses]
    assert "Cable wear" in names
    assert window.doc.case.question == "What caused the outage? now"  # what was typed counts


def test_after_record_and_reveal_no_text_is_left_selected(window, qtbot):
    window.activateWindow()
    panel = window.training_views.training
    panel.mode.setChecked(True)
    panel.name.setText("Kim")
    panel.set_typed({"quake": 40, "sabotage": 30, "fault": 20, "other": 10})
    panel.record.setFocus()
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert window.doc.case.estimates
    focus = QApplication.focusWidget()
    assert focus is not window.hypotheses.question
    assert not window.hypotheses.question.hasSelectedText()
    assert focus is None or panel.isAncestorOf(focus)


def test_a_refused_reliability_asks_again_keeping_the_name(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Harbour master", True))
    asked = []
    answers = iter([("Q", True), ("0.4-0.9", True)])

    def get_item(parent, title, label, items, current, editable):
        asked.append((title, label, items[current]))
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    window.actions["add_s"].trigger()
    assert len(asked) == 2
    title, label, shown = asked[1]
    assert "Harbour master" in title and "'Q'" in label and shown == "Q"
    src = window.doc.case.sources[-1]
    assert src.name == "Harbour master" and src.reliability.text() == "0.4-0.9"
    assert "Source 'Harbour master' added" in window.statusBar().currentMessage()


def test_a_date_out_of_range_says_which_part(window):
    d = window.details
    d.show_item("tremor")
    d.date.setText("2025-13-40")
    d.date.editingFinished.emit()
    msg = window.statusBar().currentMessage()
    assert "month 13 is out of range (1-12)" in msg and "YYYY-MM-DD" not in msg
    assert window.doc.case.item("tremor").date == dt.date(2025, 1, 2)


def test_a_group_is_created_from_a_name_with_an_id_made_from_it(window):
    d = window.details
    d.show_item("alarm")
    d.group.setCurrentText("Anchor-drag reports")
    d.group.lineEdit().editingFinished.emit()
    case = window.doc.case
    g = case.group(case.item("alarm").group)
    assert (g.id, g.name) == ("anchor-drag-reports", "Anchor-drag reports")
    assert d.group.currentText() == "Anchor-drag reports"
    # The same name again joins that group rather than making a second one.
    d.show_item("tremor")
    d.group.setCurrentText("anchor-drag REPORTS")
    d.group.lineEdit().editingFinished.emit()
    assert window.doc.case.item("tremor").group == "anchor-drag-reports"
    assert len(window.doc.case.groups) == 2
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert [g.id for g in window.doc.case.groups] == ["wire"]
