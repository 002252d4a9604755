"""The Edit and Update actions pressed as Qt presses them: from the menu (``trigger()`` emits
triggered(bool)), by shortcut, and through the hypotheses panel's buttons. The table of which
test covers which action is ``COVERED`` in test_actions.py."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QToolButton

from tests.gui.actions_help import HOW, press

pytestmark = pytest.mark.gui

FIXED = """format = 1
question = "Is the bridge safe?"
[[hypotheses]]
id = "safe"
name = "Safe"
prior = 0.6
[[hypotheses]]
id = "unsafe"
name = "Unsafe"
prior = 0.4
[[evidence]]
id = "crack"
text = "A crack in a pier"
[evidence.likelihoods]
safe = 0.2
unsafe = 0.7
"""


def answer_text(monkeypatch, text):
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (asked.append(a), (text, True))[1])  # fmt: skip
    return asked


def panel_button(window, key):
    """The hypotheses panel's own button for an action (−, ↑, ↓, id…)."""
    return next(b for b in window.hypotheses.findChildren(QToolButton)
                if b.defaultAction() is window.actions[key])  # fmt: skip


def ids(window):
    return window.doc.case.hypothesis_ids


def select_item(window, eid):
    m = window.matrix.model
    row = m.row_of_item([e.id for e in window.doc.case.evidence].index(eid))
    window.matrix.view.setCurrentIndex(m.index(row, 0))
    assert window.item() == eid


@pytest.mark.parametrize("how", HOW)
def test_undo_and_redo(window, qtbot, how):
    m = window.hypotheses.model
    idx = m.index(ids(window).index("sabotage"), 1)
    assert m.setData(idx, "0.6")
    press(window, qtbot, "undo", how)
    assert m.data(idx) == "0.3" and not window.isWindowModified()
    press(window, qtbot, "redo", how)
    assert m.data(idx) == "0.6" and window.isWindowModified()


@pytest.mark.parametrize("how", HOW)
def test_add_hypothesis(window, qtbot, monkeypatch, how):
    asked = answer_text(monkeypatch, "Cable wear from age")
    press(window, qtbot, "add_h", how)
    assert len(asked) == 1
    assert window.doc.case.hypotheses[-1].name == "Cable wear from age"
    assert window.hypotheses.model.rowCount() == 5


@pytest.mark.parametrize("how", ["menu", "button"])
def test_remove_hypothesis(window, qtbot, how):
    window.hypotheses.select("fault")
    if how == "menu":
        window.actions["del_h"].trigger()
    else:
        qtbot.mouseClick(panel_button(window, "del_h"), Qt.MouseButton.LeftButton)
    assert "fault" not in ids(window) and window.hypotheses.model.rowCount() == 3


def test_remove_hypothesis_with_none_selected_says_so(window):
    window.hypotheses.view.clearSelection()
    window.actions["del_h"].trigger()
    assert window.statusBar().currentMessage() == "⚠ select a hypothesis to remove"
    assert len(ids(window)) == 4


@pytest.mark.parametrize("how", ["menu", "button"])
def test_move_hypothesis(window, qtbot, how):
    window.hypotheses.select("sabotage")

    def go(key):
        if how == "menu":
            window.actions[key].trigger()
        else:
            qtbot.mouseClick(panel_button(window, key), Qt.MouseButton.LeftButton)

    go("up_h")
    assert ids(window) == ["sabotage", "quake", "fault", "other"]
    go("down_h")
    go("down_h")
    assert ids(window) == ["quake", "fault", "sabotage", "other"]
    assert window.hypotheses.selected_id() == "sabotage"  # the selection follows


def test_change_hypothesis_id(window, monkeypatch):
    window.hypotheses.select("quake")
    answer_text(monkeypatch, "seismic")
    window.actions["rename_h"].trigger()
    assert ids(window)[0] == "seismic"
    assert window.doc.case.item("tremor").likelihoods["seismic"].central == 0.9


@pytest.mark.parametrize("how", HOW)
def test_add_evidence_item(window, qtbot, monkeypatch, how):
    answer_text(monkeypatch, "A second tremor was felt on the coast")
    press(window, qtbot, "add_e", how)
    item = window.doc.case.evidence[-1]
    assert item.text == "A second tremor was felt on the coast"
    assert window.details.item_id == item.id
    assert window.tabs.currentWidget() is window.details_tabs  # the editor, to rate it
    assert window.details.text.toPlainText() == item.text


def test_remove_evidence_item(window):
    select_item(window, "alarm")
    window.actions["del_e"].trigger()
    assert "alarm" not in [e.id for e in window.doc.case.evidence]


def test_change_evidence_id(window, monkeypatch):
    select_item(window, "ship")
    answer_text(monkeypatch, "loiter")
    window.actions["rename_e"].trigger()
    assert window.doc.case.item("loiter").text == "A cargo ship loitered above the cable"


def test_add_source(window, monkeypatch):
    answer_text(monkeypatch, "Coastguard")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("A - Completely reliable", True))
    window.actions["add_s"].trigger()
    src = window.doc.case.sources[-1]
    assert src.name == "Coastguard" and src.reliability.text() == "A"
    names = [
        window.sources.sources.item(r, 1).text() for r in range(window.sources.sources.rowCount())
    ]
    assert "Coastguard" in names


@pytest.mark.parametrize("how", HOW)
def test_full_update(window, qtbot, tmp_path, how):
    path = tmp_path / "bridge.toml"
    path.write_text(FIXED, encoding="utf-8")
    assert window.open_files([path])
    with qtbot.waitSignal(window.full.finished, timeout=180_000):
        press(window, qtbot, "full", how)
        assert not window.actions["full"].isEnabled() and window.actions["cancel"].isEnabled()
    msg = window.statusBar().currentMessage()
    assert window.tabs.currentWidget() is window.full_panel, msg
    assert msg.startswith("Full update done (exact engine)"), msg
    assert window.full_panel.forest.figure is not None
    assert window.actions["full"].isEnabled() and not window.actions["cancel"].isEnabled()


@pytest.mark.parametrize("how", HOW)
def test_cancel_full_update(window, qtbot, how):
    with qtbot.waitSignal(window.full.finished, timeout=180_000):
        window.actions["full"].trigger()
        press(window, qtbot, "cancel", how)
    msg = window.statusBar().currentMessage()
    # Cancelled, unless the update beat the key press; either way nothing is left running.
    assert msg.startswith(("Full update cancelled", "Full update done")), msg
    assert not window.cancel_button.isVisible() and window.actions["full"].isEnabled()
