"""The copy of a case an edit changes: structural, so that undo keeps what did not change.

New containers and records, sharing every value (estimates are frozen; dates, strings and
numbers immutable) - a few hundred objects instead of a deep copy, and the spec's row cache,
keyed on estimate identities, stays warm.
"""

from __future__ import annotations

import copy

from beliefwatch.core.case import Case

_CONTAINERS = (list, dict, set)
_RECORD_LISTS = ("hypotheses", "evidence", "sources", "groups", "indicators", "estimates")


def _record_copy(record):
    """One record (a hypothesis, an item...) with its own lists and dicts; the values in them
    are shared. A command changes a record's fields or its containers, never a value in place
    (estimates are frozen; dates, strings and numbers immutable)."""
    out = copy.copy(record)
    for name, value in vars(out).items():
        if isinstance(value, _CONTAINERS):
            setattr(out, name, type(value)(value))
    return out


def editable_copy(case: Case) -> Case:
    """A copy any command may change in place without touching ``case``."""
    out = _record_copy(case)
    for name in _RECORD_LISTS:
        setattr(out, name, [_record_copy(r) for r in getattr(case, name)])
    if case.resolution is not None:
        out.resolution = copy.copy(case.resolution)
    return out
