"""The open case as the window sees it: the core Case, its files, and every edit as a command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from beliefwatch.core.case import Case
from beliefwatch.core.commands import Command
from beliefwatch.core.errors import CaseError


class _UndoableEdit(QUndoCommand):
    """Any core command, undone by restoring the case as it was before it.

    The cases before and after are kept, not copied: nothing changes the document's case in
    place (every edit is a command, which changes a copy), so the stack, the window and the
    cases around them can share one object each.
    """

    def __init__(self, doc: CaseDocument, before: Case, after: Case, text: str) -> None:
        super().__init__(text)
        self._doc, self._before, self._after = doc, before, after

    def redo(self) -> None:
        self._doc._set_case(self._after)

    def undo(self) -> None:
        self._doc._set_case(self._before)


class CaseDocument(QObject):
    changed = Signal()  # the case's content changed (an edit, undo or redo)
    replaced = Signal()  # a different case was opened or created
    path_changed = Signal()
    error = Signal(str)  # an edit was refused: one line for the status bar
    note = Signal(str)  # something the analyst should know, not an error

    def __init__(self, case: Case | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.case = case or Case(question="")
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.path_changed)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def apply(self, command: Command) -> bool:
        """Apply a core command as one undoable step; a refused edit changes nothing."""
        try:
            after = command.applied_to(self.case)
        except CaseError as e:
            self.error.emit(str(e))
            return False
        self.undo_stack.push(_UndoableEdit(self, self.case, after, command.text))
        return True

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


def self_contained(case: Case) -> Case:
    """The case with everything in it: what came through ``include`` is written out too.

    The window saves one file; an edit to an included item must not be dropped on save.
    """
    if not case.includes and not case.included:
        return case
    out = case.copy()
    out.includes, out.included = [], set()
    return out
