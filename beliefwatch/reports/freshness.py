"""Is a result still the result of this case? A report of a stale one names the wrong leader.

A result keeps the hypothesis ids it was computed for and, in its timeline, the items in the
order and with the dates it used, and the point credence after each. Every engine's timeline
is the exact one, so recomputing it (milliseconds) also tells whether a prior, likelihood or
reliability changed since. If anything differs, the numbers belong to another case and a report
must refuse them.
"""

from __future__ import annotations

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError
from beliefwatch.inference.result import Result

SHOWN = 4  # ids named in a message before "and N more"


class StaleResultError(ValueError):
    """The result was computed for another version of the case; str() is one line."""


def _ids(ids: list[str]) -> str:
    head = ", ".join(repr(i) for i in ids[:SHOWN])
    return head + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _differ(what: str, now: list[str], then: list[str]) -> list[str]:
    added = [i for i in now if i not in set(then)]
    removed = [i for i in then if i not in set(now)]
    out = []
    if removed:
        out.append(f"{what} {_ids(removed)} removed")
    if added:
        out.append(f"{what} {_ids(added)} added")
    return out


def stale_reason(case: Case, result: Result) -> str | None:
    """Why the result does not belong to the case (one line), or None when it does."""
    problems = _differ("hypothesis", case.hypothesis_ids, list(result.hypotheses))
    then_items = [s.item for s in result.timeline if s.item is not None]
    now_items = [e.id for e in case.evidence]
    problems += _differ("item", now_items, then_items)
    if not problems:
        dated = {s.item: s.date for s in result.timeline if s.item is not None}
        moved = [e.id for e in case.evidence if e.date != dated[e.id]]
        if moved:
            problems.append(f"item {_ids(moved)} re-dated")
    if not problems:
        changed = _value_change(case, result)
        if changed:
            problems.append(changed)
    if not problems:
        return None
    return f"the result is out of date ({'; '.join(problems)} since the update): update again"


def _value_change(case: Case, result: Result) -> str | None:
    from beliefwatch.inference import exact
    from beliefwatch.inference.spec import build_spec

    try:
        spec = build_spec(case)
        now = exact.timeline(spec)
    except CaseError as e:
        return f"the case can no longer be computed: {e}"
    if [s.item for s in result.timeline[1:]] != spec.items:
        return "items in another order"
    then = np.array([[s.credences[h] for h in spec.hypotheses] for s in result.timeline])
    differs = ~np.isclose(then, now, rtol=1e-9, atol=1e-12).all(axis=1)
    if not differs.any():
        return None
    j = int(np.argmax(differs))
    # The timeline is cumulative: its first changed step is the first changed input.
    return "the priors changed" if j == 0 else f"item {spec.items[j - 1]!r} changed"


def result_matches(case: Case, result: Result) -> bool:
    """True when the result was computed for the case's present hypotheses and items."""
    return stale_reason(case, result) is None


def check_fresh(case: Case, result: Result) -> None:
    """Raise StaleResultError (a ValueError) naming what differs, if the result is stale."""
    reason = stale_reason(case, result)
    if reason is not None:
        raise StaleResultError(reason)
