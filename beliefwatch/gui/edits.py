"""Edit actions that ask the analyst something first (a name, a reliability), then apply a core
command. Each action is undoable through the document's stack."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from beliefwatch.core import commands
from beliefwatch.core.elicitation import ADMIRALTY_NAMES, parse_reliability
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.document import CaseDocument


class Edits(QObject):
    def __init__(self, doc: CaseDocument, window: QWidget, selection) -> None:
        """``selection``: an object with ``hypothesis()`` and ``item()`` returning ids or None."""
        super().__init__(window)
        self.doc, self.window, self.selection = doc, window, selection

    def _apply(self, build) -> bool:
        try:
            command = build()
        except CaseError as e:
            self.doc.error.emit(str(e))
            return False
        return self.doc.apply(command)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.window, title, label, text=text)
        return value.strip() if ok and value.strip() else None

    # -- hypotheses -----------------------------------------------------------------------
    def add_hypothesis(self) -> None:
        name = self._ask("Add hypothesis", "Name of the new hypothesis:")
        if name:
            self._apply(lambda: commands.add_hypothesis(self.doc.case, name))

    def remove_hypothesis(self) -> None:
        hid = self.selection.hypothesis()
        if hid is None:
            self.doc.error.emit("select a hypothesis to remove")
            return
        self.doc.apply(commands.remove_hypothesis(hid))

    def move_hypothesis(self, step: int) -> None:
        hid = self.selection.hypothesis()
        if hid is not None and self.doc.apply(commands.move_hypothesis(hid, step)):
            self.selection.select_hypothesis(hid)

    def rename_hypothesis_id(self) -> None:
        hid = self.selection.hypothesis()
        if hid is None:
            self.doc.error.emit("select a hypothesis whose id to change")
            return
        new = self._ask("Change id", f"New id for hypothesis '{hid}' (every cell follows):", hid)
        if new and new != hid:
            self._apply(lambda: commands.rename_id("hypothesis", hid, new))

    # -- evidence -------------------------------------------------------------------------
    def add_item(self) -> str | None:
        text = self._ask("Add evidence", "What was observed?")
        if not text:
            return None
        try:
            command, eid = commands.add_item(self.doc.case, text, dt.date.today())
        except CaseError as e:
            self.doc.error.emit(str(e))
            return None
        return eid if self.doc.apply(command) else None

    def remove_item(self) -> None:
        eid = self.selection.item()
        if eid is None:
            self.doc.error.emit("select an evidence item to remove")
            return
        self.doc.apply(commands.remove_item(eid))

    def rename_item_id(self) -> None:
        eid = self.selection.item()
        if eid is None:
            self.doc.error.emit("select an evidence item whose id to change")
            return
        new = self._ask("Change id", f"New id for evidence item '{eid}':", eid)
        if new and new != eid:
            self._apply(lambda: commands.rename_id("evidence", eid, new))

    # -- sources --------------------------------------------------------------------------
    def add_source(self) -> None:
        """Declare a source; items cite it from Details (nothing is attached silently).

        A refused reliability asks again with the reason, keeping the name and what was typed.
        """
        name = self._ask("Add source", "Name of the source:")
        if not name:
            return
        letters = [f"{k} - {v}" for k, v in ADMIRALTY_NAMES.items()]
        ask = "Reliability (or type a number or a range such as 0.4-0.9):"
        label, current = ask, 5
        while True:
            choice, ok = QInputDialog.getItem(self.window, f"Add source: {name}", label, letters,
                                              current, True)  # fmt: skip
            if not ok:
                return
            text = choice.split(" - ")[0].strip()
            try:
                rel = parse_reliability(text)
                command, _sid = commands.add_source(self.doc.case, name, rel)
            except (ValueError, CaseError) as e:
                self.doc.error.emit(f"source '{name}': {e}")
                label = f"⚠ {text!r}: {e}\n{ask}"
                letters = [choice] + [x for x in letters if x != choice]
                current = 0
                continue
            break
        if self.doc.apply(command):
            self.doc.note.emit(f"Source '{name}' added: cite it from an item's Details")
