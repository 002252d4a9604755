"""Pooling several analysts' versions of one case (docs/team.md).

Each analyst's credences; per hypothesis their spread (max - min); the linear pool (mean) and
the logarithmic pool (normalised geometric mean); a pooled case in which every cell the
analysts rated differently becomes their disagreement (inference/pool_cell.py), updated by
``update(engine="auto")`` like any case; and the disagreements that matter
(inference/pool_swing.py), ranked by how far they move the pooled leader's credence.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beliefwatch.core.case import Case
from beliefwatch.core.elicitation import Estimate
from beliefwatch.inference.pool_swing import (
    Disagreement,
    disagreements,
    item_versions,
    same_estimate,
)


@dataclass
class Analyst:
    name: str
    file: Path
    case: Case
    result: Any  # Result


@dataclass
class Team:
    hypotheses: list[str]
    names: dict[str, str]
    question: str
    analysts: list[Analyst]
    linear: dict[str, float]
    logarithmic: dict[str, float]
    spread: dict[str, float]
    pooled_case: Case
    pooled: Any  # Result of the pooled case
    leader: str
    disagreements: list[Disagreement]
    partial: dict[str, list[str]]  # item -> the analysts who have it, when not all do
    warnings: list[str] = field(default_factory=list)


def linear_pool(credences: list[dict[str, float]], hyps: list[str]) -> dict[str, float]:
    if _all_equal(credences, hyps):  # the mean of equal numbers, without rounding
        return {h: credences[0][h] for h in hyps}
    return {h: sum(c[h] for c in credences) / len(credences) for h in hyps}


def log_pool(credences: list[dict[str, float]], hyps: list[str]) -> dict[str, float]:
    """Normalised geometric mean; a hypothesis one analyst rules out (0) stays out."""
    if _all_equal(credences, hyps):
        return {h: credences[0][h] for h in hyps}
    n = len(credences)
    g = {h: 0.0 if any(c[h] <= 0 for c in credences)
         else math.exp(sum(math.log(c[h]) for c in credences) / n) for h in hyps}  # fmt: skip
    total = sum(g.values())
    if not total > 0:  # every hypothesis ruled out by someone: the analysts cannot be pooled
        raise ValueError("every hypothesis is given 0 by some analyst: no logarithmic pool")
    return {h: g[h] / total for h in hyps}


def _log_pool_or_say_why(creds, hyps: list[str], names: list[str]) -> dict[str, float]:
    from beliefwatch.core.errors import CaseError

    try:
        return log_pool(creds, hyps)
    except ValueError:
        zeros = "; ".join(f"{n}: {', '.join(h for h in hyps if c[h] <= 0)}"
                          for n, c in zip(names, creds, strict=True)
                          if any(c[h] <= 0 for h in hyps))  # fmt: skip
        raise CaseError("no logarithmic pool: every hypothesis is given 0 by some analyst "
                        f"({zeros})") from None  # fmt: skip


def _all_equal(credences: list[dict[str, float]], hyps: list[str]) -> bool:
    return all(c[h] == credences[0][h] for c in credences for h in hyps)


def _pooled_estimate(values: list[Estimate]) -> Estimate:
    from beliefwatch.inference.pool_cell import pool_cell

    rated = [v for v in values if v.rated]
    if not rated:
        return values[0]
    if all(same_estimate(rated[0], v) for v in rated[1:]):
        return rated[0]
    cell = pool_cell([(v.low, v.high, v.beta) for v in rated])
    lo, hi = round(cell.low, 4), round(cell.high, 4)
    if hi - lo < 1e-4:  # the analysts' values all but agree: one number
        return Estimate("number", cell.mean, cell.mean, round(cell.mean, 4))
    return Estimate("range", lo, hi, [lo, hi])


def pooled_case(cases: list[Case], names: list[str]) -> tuple[Case, list[str]]:
    """The team's case: cells every analyst who has the item rates alike are kept; the others
    are pooled. Priors that differ are pooled the same way, hypothesis by hypothesis.
    Returns the case and what the pooling had to decide (for the output)."""
    notes: list[str] = []
    base = copy.deepcopy(cases[0])
    base.analyst = "pooled"
    base.resolution, base.estimates, base.includes, base.included = None, [], [], set()
    hyps = base.hypothesis_ids
    for h in base.hypotheses:
        priors = [c.hypothesis(h.id).prior for c in cases]
        h.prior = _pooled_estimate(priors)
    evidence = []
    for item, versions in item_versions(cases).items():
        e = copy.deepcopy(versions[0][1])
        e.likelihoods = {h: _pooled_estimate([v.likelihood(h) for _, v in versions])
                         for h in hyps}  # fmt: skip
        rels = {(v.reliability.low, v.reliability.high) if v.reliability else None
                for _, v in versions}  # fmt: skip
        if len(rels) > 1:
            notes.append(f"item {item}: analysts differ on its reliability; "
                         f"{names[versions[0][0]]}'s is used")  # fmt: skip
        evidence.append(e)
    base.evidence = evidence
    sources = {s.id: s for c in reversed(cases) for s in c.sources}
    for sid in sources:
        rels = {(s.reliability.low, s.reliability.high) if s.reliability else None
                for c in cases for s in c.sources if s.id == sid}  # fmt: skip
        if len(rels) > 1:
            first = next(n for n, c in zip(names, cases, strict=True)
                         if any(s.id == sid for s in c.sources))  # fmt: skip
            notes.append(f"source {sid}: analysts differ on its reliability; {first}'s is used")
    groups = {g.id: g for c in reversed(cases) for g in c.groups}
    base.sources, base.groups = list(sources.values()), list(groups.values())
    return base, notes


def pool(members, *, engine: str = "auto", seed: int | None = None) -> Team:
    """``members``: (name, file, case) of each analyst, hypotheses already checked alike."""
    from beliefwatch.inference.engines import DEFAULT_SEED, update

    seed = DEFAULT_SEED if seed is None else seed
    analysts = [Analyst(m.name, m.file, m.case, update(m.case, engine, seed=seed))
                for m in members]  # fmt: skip
    first = analysts[0].case
    hyps = first.hypothesis_ids
    creds = [a.result.credences for a in analysts]
    cases = [a.case for a in analysts]
    names = [a.name for a in analysts]
    team_case, warnings = pooled_case(cases, names)
    pooled = update(team_case, engine, seed=seed)
    leader = max(hyps, key=lambda h: pooled.credences[h])
    versions = item_versions(cases)
    partial = {item: [names[a] for a, _ in v] for item, v in versions.items()
               if len(v) < len(cases)}  # fmt: skip
    for item, who in partial.items():
        warnings.append(f"item {item} is only in {', '.join(who)}'s case: it counts for "
                        "them only")  # fmt: skip
    for a in analysts:
        warnings += [f"{a.name}: {w}" for w in a.result.warnings]
    warnings += [f"pooled: {w}" for w in pooled.warnings]
    return Team(
        hypotheses=hyps,
        names={h.id: h.name for h in first.hypotheses},
        question=first.question,
        analysts=analysts,
        linear=linear_pool(creds, hyps),
        logarithmic=_log_pool_or_say_why(creds, hyps, names),
        spread={h: max(c[h] for c in creds) - min(c[h] for c in creds) for h in hyps},
        pooled_case=team_case,
        pooled=pooled,
        leader=leader,
        disagreements=disagreements(team_case, cases, names, versions, leader),
        partial=partial,
        warnings=warnings,
    )


def team_json(team: Team) -> dict[str, Any]:
    """``pool --json``, key for key as the issue writes it."""
    hyps = team.hypotheses
    return {
        "hypotheses": hyps,
        "analysts": [
            {
                "name": a.name,
                "file": str(a.file),
                "credences": {h: a.result.credences[h] for h in hyps},
            }
            for a in team.analysts
        ],
        "linear": team.linear,
        "logarithmic": team.logarithmic,
        "spread": team.spread,
        "pooled": {
            "credences": {h: team.pooled.credences[h] for h in hyps},
            "intervals": {h: list(team.pooled.intervals[h]) for h in hyps},
            "engine": team.pooled.engine,
        },
        "disagreements": [
            {"item": d.item, "spread_db": d.spread_db, "swing": d.swing} for d in team.disagreements
        ],
    }
