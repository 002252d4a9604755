"""Renaming an id, with every reference to it following (an edit like any other)."""

from __future__ import annotations

from beliefwatch.core.case import Case
from beliefwatch.core.command import Command
from beliefwatch.core.errors import CaseError
from beliefwatch.core.ids import ID_RULE, is_valid_id


def rename_id(kind: str, old: str, new: str) -> Command:
    """Rename a hypothesis, item, indicator, source or group id; every reference follows."""
    if not is_valid_id(new):
        raise CaseError(f"id {new!r} must be {ID_RULE}")
    if kind not in ("hypothesis", "evidence", "indicator", "source", "group"):
        raise CaseError(f"cannot rename a {kind}")

    def change(c: Case) -> None:
        pool = {
            "hypothesis": c.hypotheses,
            "evidence": [*c.evidence, *c.indicators],
            "indicator": [*c.evidence, *c.indicators],
            "source": c.sources,
            "group": c.groups,
        }[kind]
        target = next((x for x in pool if x.id == old), None)
        if target is None:
            raise CaseError(f"no {kind} with id '{old}'")
        if new != old and any(x.id == new for x in pool):
            raise CaseError(f"id '{new}' is already taken")
        target.id = new
        if kind == "hypothesis":
            for row in [*c.evidence, *c.indicators]:
                if old in row.likelihoods:
                    row.likelihoods = {
                        (new if h == old else h): v for h, v in row.likelihoods.items()
                    }
            _rename_in_training(c, old, new)
        elif kind == "source":
            for e in c.evidence:
                if e.source == old:
                    e.source = new
        elif kind == "group":
            for e in c.evidence:
                if e.group == old:
                    e.group = new

    return Command(f"Rename {kind} {old} to {new}", change)


def _rename_in_training(c: Case, old: str, new: str) -> None:
    # A resolution or trainees' estimates (training cases) name hypotheses too.
    res = getattr(c, "resolution", None)
    if res is not None and getattr(res, "answer", None) == old:
        res.answer = new
    for est in getattr(c, "estimates", []) or []:
        cred = getattr(est, "credences", None)
        if isinstance(cred, dict) and old in cred:
            est.credences = {(new if h == old else h): v for h, v in cred.items()}
