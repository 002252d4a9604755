"""Helpers for pressing the window's actions as Qt does (tests/gui/test_actions*.py)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

HOW = ("menu", "key")  # an action with a shortcut is pressed both ways


def label(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…").strip()


def window_actions(window) -> dict[str, QAction]:
    """What a user can reach: every action in the menus (and their submenus) and the toolbar.
    Entries of Open Recent are one kind, whatever the file."""
    found: dict[str, QAction] = {}

    def walk(actions, recent=False):
        for a in actions:
            if a.menu() is not None:
                walk(a.menu().actions(), recent=a.menu() is window.files.recent_menu)
            elif not a.isSeparator():
                found["Open Recent ▸ a case" if recent else label(a)] = a

    walk(window.menuBar().actions())
    for bar in window.findChildren(QToolBar):
        walk(bar.actions())
    return found


def press(window, qtbot, key: str, how: str) -> None:
    """Trigger ``window.actions[key]`` from its menu (``trigger()`` emits triggered(bool), as a
    click does) or by its shortcut, typed into the evidence matrix."""
    action = window.actions[key]
    if how == "menu":
        action.trigger()
        return
    combo = action.shortcut()[0]
    target = window.matrix.view
    target.setFocus()
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def shortcut_keys(window) -> set[str]:
    return {k for k, a in window.actions.items() if not a.shortcut().isEmpty()}
