"""Every menu action, toolbar button and shortcut, pressed as Qt presses it.

``action.trigger()`` emits ``triggered(bool)`` exactly as a click, a menu or a shortcut does;
``qtbot.keyClick`` goes through Qt's shortcut map. Dialogs are answered by patching the static
QFileDialog / QInputDialog / QMessageBox calls the window makes. ``COVERED`` names the test of each
action: an action the window has and this table does not know fails ``test_every_action_*``.
"""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

pytestmark = pytest.mark.gui


def label(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…").strip()


def window_actions(window) -> dict[str, QAction]:
    """What a user can reach: every action in the menus (and their submenus) and the toolbar."""
    found: dict[str, QAction] = {}

    def walk(actions):
        for a in actions:
            if a.menu() is not None:
                walk(a.menu().actions())
            elif not a.isSeparator():
                found[label(a)] = a

    walk(window.menuBar().actions())
    for bar in window.findChildren(QToolBar):
        walk(bar.actions())
    return found


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """Message boxes the window shows, as (kind, title, text); a modal box would block the run."""
    shown = []
    for kind in ("critical", "warning", "information"):

        def fake(parent, title, text, *a, _kind=kind, **k):
            shown.append((_kind, title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, fake)
    return shown


def answer_save(monkeypatch, path: Path) -> list:
    asked = []

    def fake(*args, **kwargs):
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


# -- File -------------------------------------------------------------------------------------
def _export_started(window, monkeypatch, tmp_path, press) -> Path:
    """Press, answer the file dialog; the export is then running in the background."""
    target = tmp_path / "from-the-window.md"
    asked = answer_save(monkeypatch, target)
    press()
    assert len(asked) == 1  # the file dialog opened, once
    assert window.exporter._job is not None, window.statusBar().currentMessage()
    assert not window.actions["export"].isEnabled()  # one export at a time
    assert window.statusBar().currentMessage().startswith("Exporting the report")
    return target


def test_export_menu_action_asks_for_a_path_and_writes_the_report(
    window, qtbot, monkeypatch, tmp_path, boxes
):
    target = _export_started(window, monkeypatch, tmp_path, window.actions["export"].trigger)
    qtbot.waitUntil(lambda: window.exporter._job is None, timeout=180_000)
    assert boxes == []  # no "Export failed"
    assert "What caused the outage?" in target.read_text(encoding="utf-8")
    assert f"Report written to {target}" in window.statusBar().currentMessage()
    assert window.actions["export"].isEnabled() and not window.progress.isVisible()


def _cancel_export(window, qtbot):
    window.exporter._job[1].cancel()  # the report itself is checked through the menu above
    qtbot.waitUntil(lambda: window.exporter._job is None, timeout=180_000)
    assert window.actions["export"].isEnabled()


def test_export_shortcut_ctrl_e_opens_the_dialog_and_starts(window, qtbot, monkeypatch, tmp_path):
    window.matrix.view.setFocus()
    mod = Qt.KeyboardModifier.ControlModifier
    press = lambda: qtbot.keyClick(window.matrix.view, Qt.Key.Key_E, mod)  # noqa: E731
    _export_started(window, monkeypatch, tmp_path, press)
    _cancel_export(window, qtbot)


def test_export_toolbar_button_opens_the_dialog_and_starts(window, qtbot, monkeypatch, tmp_path):
    bar = window.findChild(QToolBar, "main-toolbar")
    button = bar.widgetForAction(window.actions["export"])
    press = lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # noqa: E731
    _export_started(window, monkeypatch, tmp_path, press)
    _cancel_export(window, qtbot)


def test_export_cancelled_in_the_dialog_writes_nothing_and_stays_idle(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.actions["export"].trigger()
    assert window.actions["export"].isEnabled()
    assert not window.progress.isVisible()
    assert "Exporting" not in window.statusBar().currentMessage()


def test_no_action_or_button_passes_checked_into_an_optional_parameter():
    """``triggered(bool)``/``clicked(bool)`` hand ``checked`` to the slot: a method with an
    optional first parameter takes it for its value (Export report got ``False`` as its path).
    Actions connect through ``menus.drop_args``; buttons through it, a lambda, or a method of
    the same class whose only parameter is ``self``."""
    import ast

    root = Path(__file__).parents[2] / "beliefwatch" / "gui"
    bad = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        methods = {
            f.name: f
            for c in ast.walk(tree)
            if isinstance(c, ast.ClassDef)
            for f in c.body
            if isinstance(f, ast.FunctionDef)
        }
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            sig = call.func.value
            if call.func.attr != "connect" or not isinstance(sig, ast.Attribute):
                continue
            if sig.attr not in ("triggered", "clicked") or not call.args:
                continue
            slot = call.args[0]
            where = f"{path.name}:{call.lineno}"
            if isinstance(slot, ast.Lambda):
                continue
            if isinstance(slot, ast.Call) and getattr(slot.func, "id", "") == "drop_args":
                continue
            if sig.attr == "triggered":
                bad.append(f"{where}: an action connected straight to a slot")
            elif isinstance(slot, ast.Attribute) and len(_params(methods, slot.attr)) > 1:
                bad.append(f"{where}: {slot.attr} takes parameters")
    assert bad == []


def _params(methods: dict, name: str) -> list:
    return methods[name].args.args if name in methods else []
