"""Is a result still the result of this case? A report of a stale one names the wrong leader.

Every result carries the fingerprint of the inputs it was computed from
(``inference/fingerprint.py``, the one definition the window uses too); the case's present
fingerprint is compared with it, and if anything differs the numbers belong to another case and
a report must refuse them, saying what changed.
"""

from __future__ import annotations

from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError
from beliefwatch.inference.fingerprint import differences, fingerprint
from beliefwatch.inference.result import Result


class StaleResultError(ValueError):
    """The result was computed for another version of the case; str() is one line."""


def stale_reason(case: Case, result: Result) -> str | None:
    """Why the result does not belong to the case (one line), or None when it does."""
    from beliefwatch.inference.spec import build_spec

    if result.fingerprint is None:
        problems = ["it does not say which inputs it was computed from"]
    else:
        try:
            now = fingerprint(build_spec(case))
        except CaseError as e:
            problems = [f"the case can no longer be computed: {e}"]
        else:
            problems = differences(now, result.fingerprint)
    if not problems:
        return None
    return f"the result is out of date ({'; '.join(problems)} since the update): update again"


def result_matches(case: Case, result: Result) -> bool:
    """True when the result was computed from the case's present inputs."""
    return stale_reason(case, result) is None


def check_fresh(case: Case, result: Result) -> None:
    """Raise StaleResultError (a ValueError) naming what differs, if the result is stale."""
    reason = stale_reason(case, result)
    if reason is not None:
        raise StaleResultError(reason)
