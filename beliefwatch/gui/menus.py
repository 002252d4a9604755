"""The window's actions, menus and toolbar, in one place."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar
from shiboken6 import isValid


def make_action(parent, text, slot, shortcut=None, tip=None) -> QAction:
    a = QAction(text, parent)
    a.triggered.connect(drop_args(slot))
    if shortcut is not None:
        a.setShortcut(shortcut)
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(tip)
    return a


def drop_args(slot):
    """``slot`` called with no arguments: ``triggered(bool)`` and ``clicked(bool)`` pass
    ``checked``, which a method with an optional first parameter would take for its value
    (Export report once received ``False`` for its path)."""
    return lambda *_args: slot()


def undo_actions(window: QMainWindow, stack) -> tuple[QAction, QAction]:
    """Undo/Redo whose labels stay short (the toolbar keeps its layout); the tooltip says what."""
    undo = make_action(window, "&Undo", stack.undo, QKeySequence.StandardKey.Undo)
    redo = make_action(window, "&Redo", stack.redo, QKeySequence.StandardKey.Redo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda t: _tip(undo, "Undo", t))
    stack.redoTextChanged.connect(lambda t: _tip(redo, "Redo", t))
    undo.setEnabled(False)
    redo.setEnabled(False)
    return undo, redo


def _tip(action: QAction, verb: str, what: str) -> None:
    if isValid(action):  # the stack can outlive the window's actions
        action.setToolTip(f"{verb} {what}" if what else verb)


def build_menus(window: QMainWindow, a: dict, recent_menu) -> QToolBar:
    m = window.menuBar()
    f = m.addMenu("&File")
    f.addAction(a["new"])
    f.addAction(a["open"])
    f.addMenu(recent_menu)
    f.addAction(a["open_team"])
    f.addAction(a["open_team_folder"])
    f.addSeparator()
    for key in ("save", "save_as", "export"):
        f.addAction(a[key])
    f.addSeparator()
    f.addAction(a["quit"])
    e = m.addMenu("&Edit")
    for group in (("undo", "redo"), ("add_h", "del_h", "up_h", "down_h", "rename_h"),
                  ("add_e", "del_e", "rename_e"), ("add_s",)):  # fmt: skip
        for key in group:
            e.addAction(a[key])
        e.addSeparator()
    u = m.addMenu("&Update")
    u.addAction(a["full"])
    u.addAction(a["cancel"])
    u.addSeparator()
    engines = QActionGroup(window)
    for key in ("engine_auto", "engine_pymc"):
        engines.addAction(a[key])
        u.addAction(a[key])
    h = m.addMenu("&Help")
    h.addAction(a["guide"])
    h.addAction(a["about"])

    tb = QToolBar("Main")
    tb.setMovable(False)
    tb.setObjectName("main-toolbar")
    groups = [("new", "open", "save"), ("undo", "redo"), ("add_h", "add_e"), ("full", "export")]
    for i, group in enumerate(groups):
        if i:
            tb.addSeparator()
        for key in group:
            tb.addAction(a[key])
    window.addToolBar(tb)
    return tb
