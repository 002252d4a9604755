"""The open case as the window sees it: the core Case, its file, and every edit as a command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from beliefwatch.core.case import Case


class EditCommand(QUndoCommand):
    """An edit of the case, undone by restoring the case as it was before.

    Cases are small (tens of hypotheses, hundreds of items), so a snapshot per edit is cheap,
    and every kind of edit - a cell, a prior, a reorder - undoes the same exact way.
    """

    def __init__(self, doc: CaseDocument, text: str, change: Callable[[Case], None]) -> None:
        super().__init__(text)
        self._doc = doc
        self._before = doc.case.copy()
        after = doc.case.copy()
        change(after)
        self._after = after

    def redo(self) -> None:
        self._doc._set_case(self._after.copy())

    def undo(self) -> None:
        self._doc._set_case(self._before.copy())


class CaseDocument(QObject):
    changed = Signal()  # the case's content changed (an edit, undo or redo)
    replaced = Signal()  # a different case was opened or created
    path_changed = Signal()

    def __init__(self, case: Case | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.case = case or Case(question="")
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.path_changed)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def edit(self, text: str, change: Callable[[Case], None]) -> None:
        """Apply a change to the case as one undoable step."""
        self.undo_stack.push(EditCommand(self, text, change))

    def _set_case(self, case: Case) -> None:
        self.case = case
        self.changed.emit()

    def replace(self, case: Case, path: Path | None) -> None:
        self.case = case
        self.path = path
        self.undo_stack.clear()
        self.replaced.emit()
        self.changed.emit()
        self.path_changed.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
        self.path_changed.emit()
