"""An edit of a case: what the undo menu says and the change it makes to a copy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from beliefwatch.core.case import Case
from beliefwatch.core.copying import editable_copy
from beliefwatch.core.errors import CaseError


@dataclass(frozen=True)
class Command:
    text: str  # what the undo menu says: "Set prior of buffer"
    change: Callable[[Case], None]

    def applied_to(self, case: Case) -> Case:
        after = editable_copy(case)
        try:
            self.change(after)
        except KeyError as e:  # Case lookups name what is missing: "no hypothesis with id 'x'"
            raise CaseError(str(e.args[0])) from None
        return after
