"""The disagreements that matter (docs/team.md): for every item the analysts rated differently,

- its spread in dB: the largest difference between two analysts' weights of evidence
  10 log10(l'_k / l'_m) for one pair of hypotheses (effective central likelihoods, MODEL.md
  sections 2 and 4), so a team sees in Good's decibans how far apart they read the item;
- its swing: the pooled leader's point credence with each analyst's version of the item and
  every other item pooled; the swing is the largest less the smallest. Sorted by swing, largest
  first: a team discusses first what changes the answer.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np

from beliefwatch.core.case import Case, Evidence
from beliefwatch.core.elicitation import Estimate

# A likelihood of 0 has no weight of evidence in dB: read as this small (-40 dB).
FLOOR = 1e-4


@dataclass
class Disagreement:
    item: str
    spread_db: float
    swing: float
    text: str
    analysts: list[str]  # who rated the item
    cells: dict[str, dict[str, Estimate]]  # analyst -> hypothesis -> their value
    notes: dict[str, str]  # analyst -> their note on the item
    leader: dict[str, float]  # analyst -> pooled leader's credence with their version


def same_estimate(a: Estimate, b: Estimate) -> bool:
    """The same judgment, however written ("likely" and [0.55, 0.8] are one)."""
    if a.rated != b.rated:
        return False
    return not a.rated or (math.isclose(a.low, b.low, abs_tol=1e-12)
                           and math.isclose(a.high, b.high, abs_tol=1e-12))  # fmt: skip


def item_versions(cases: list[Case]) -> dict[str, list[tuple[int, Evidence]]]:
    """Item id -> (analyst index, their item), in order of first appearance."""
    out: dict[str, list[tuple[int, Evidence]]] = {}
    for a, case in enumerate(cases):
        for e in case.evidence:
            out.setdefault(e.id, []).append((a, e))
    return out


def differs(versions: list[tuple[int, Evidence]], hyps: list[str]) -> bool:
    first = versions[0][1]
    return any(not same_estimate(first.likelihood(h), e.likelihood(h))
               for _, e in versions[1:] for h in hyps)  # fmt: skip


def _weights_db(row: np.ndarray) -> np.ndarray:
    """(K, K) weights of evidence 10 log10(l_k / l_m) of one item."""
    db = 10 * np.log10(np.maximum(row, FLOOR))
    return db[:, None] - db[None, :]


def _leader_credence(case: Case, item: str, version: Evidence, leader: int) -> float:
    from beliefwatch.inference.exact import point_posterior
    from beliefwatch.inference.spec import build_spec

    variant = copy.copy(case)
    variant.evidence = [copy.copy(version) if e.id == item else e for e in case.evidence]
    return float(point_posterior(build_spec(variant))[leader])


def disagreements(
    team_case: Case,
    cases: list[Case],
    names: list[str],
    versions: dict[str, list[tuple[int, Evidence]]],
    leader: str,
) -> list:
    from beliefwatch.inference.spec import build_spec

    hyps = team_case.hypothesis_ids
    k_lead = hyps.index(leader)
    specs: dict[int, object] = {}
    out = []
    for item, vs in versions.items():
        if len(vs) < 2 or not differs(vs, hyps):
            continue
        weights = []
        for a, _ in vs:
            spec = specs.setdefault(a, build_spec(cases[a]))
            weights.append(_weights_db(np.asarray(spec.eff[spec.items.index(item)])))
        w = np.stack(weights)
        spread_db = float((w.max(axis=0) - w.min(axis=0)).max())
        lead = {names[a]: _leader_credence(team_case, item, e, k_lead) for a, e in vs}
        out.append(
            Disagreement(
                item=item,
                spread_db=spread_db,
                swing=max(lead.values()) - min(lead.values()),
                text=vs[0][1].text,
                analysts=[names[a] for a, _ in vs],
                cells={names[a]: {h: e.likelihood(h) for h in hyps} for a, e in vs},
                notes={names[a]: e.notes for a, e in vs},
                leader=lead,
            )
        )
    out.sort(key=lambda d: (-d.swing, -d.spread_db, d.item))
    return out
