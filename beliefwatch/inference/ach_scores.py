"""The classic ACH scores, as PARC ACH 2.0 and Open Synthesis compute them, beside Bayes.

Every cell is first read as an ACH rating (CC C N I II NA). A cell entered another way - a
number, a range, an ICD 203 word - counts as the rating whose default central likelihood is
nearest to its own central value; an empty cell counts as NA. So a case entered in numbers gets
the scores an analyst would get by rating it, and a rated case gets exactly the tools' scores.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from beliefwatch.core.case import Case, Evidence
from beliefwatch.core.elicitation import ACH, Estimate, parse_likelihood

PARC_POINTS = {"I": 1.0, "II": 2.0}
# Open Synthesis: II 1, I 2, N 3, C 4, CC 5; NA sits at the neutral 3.
OPEN_SYNTHESIS = {"II": 1, "I": 2, "N": 3, "C": 4, "CC": 5, "NA": 3}
WEIGHTS = {"LOW": 1 / math.sqrt(2), "MEDIUM": 1.0, "HIGH": math.sqrt(2)}


@functools.cache  # read for every cell of every score: parsed once, not per cell
def _rating_centrals() -> dict[str, float]:
    return {r: parse_likelihood(r).central for r in ACH}


def rating_of(est: Estimate | None) -> str:
    """The ACH rating a cell counts as (see the module's docstring)."""
    if est is None or not est.rated:
        return "NA"
    if est.kind == "rating":
        return str(est.raw)
    centrals = _rating_centrals()
    return min(centrals, key=lambda r: (abs(centrals[r] - est.central), r))


def item_weight(item: Evidence) -> float:
    """PARC's weight: credibility weight x relevance weight (missing counts as MEDIUM)."""
    return WEIGHTS[item.ach_credibility or "MEDIUM"] * WEIGHTS[item.relevance or "MEDIUM"]


def ratings(case: Case) -> dict[str, dict[str, str]]:
    """``{item: {hypothesis: rating}}`` for every item and hypothesis of the case."""
    return {
        e.id: {h: rating_of(e.likelihoods.get(h)) for h in case.hypothesis_ids}
        for e in case.evidence
    }


def parc(case: Case, *, weighted: bool = False) -> dict[str, float]:
    """PARC's inconsistency score per hypothesis: I 1 point, II 2; the lowest is most likely."""
    out = dict.fromkeys(case.hypothesis_ids, 0.0)
    for e in case.evidence:
        w = item_weight(e) if weighted else 1.0
        for h in out:
            out[h] += w * PARC_POINTS.get(rating_of(e.likelihoods.get(h)), 0.0)
    return out


def open_synthesis(case: Case) -> dict[str, dict[str, float]]:
    """Open Synthesis: inconsistency sums (3 - m)^2 over m < 3, consistency (m - 3)^2 over m > 3."""
    inc = dict.fromkeys(case.hypothesis_ids, 0.0)
    con = dict.fromkeys(case.hypothesis_ids, 0.0)
    for e in case.evidence:
        for h in inc:
            m = OPEN_SYNTHESIS[rating_of(e.likelihoods.get(h))]
            if m < 3:
                inc[h] += (3 - m) ** 2
            elif m > 3:
                con[h] += (m - 3) ** 2
    return {"inconsistency": inc, "consistency": con}


def diagnosticity(case: Case) -> dict[str, float]:
    """Per item, the population standard deviation of its Open Synthesis cell values."""
    out = {}
    for e in case.evidence:
        vals = [OPEN_SYNTHESIS[rating_of(e.likelihoods.get(h))] for h in case.hypothesis_ids]
        mean = sum(vals) / len(vals)
        out[e.id] = math.sqrt(sum((v - mean) ** 2 for v in vals) / len(vals))
    return out


def ach_scores(case: Case, credences: dict[str, float] | None = None) -> dict[str, Any]:
    """All the classic scores as plain data, with the Bayesian credences when given (a dict,
    or a :class:`Result`)."""
    out: dict[str, Any] = {}
    if credences is not None:
        out["credences"] = dict(getattr(credences, "credences", credences))
    out["parc"] = parc(case)
    out["parc_weighted"] = parc(case, weighted=True)
    out["open_synthesis"] = open_synthesis(case)
    out["diagnosticity"] = diagnosticity(case)
    return out


def ranks(values: dict[str, float], *, reverse: bool) -> dict[str, int]:
    """Competition ranks (1, 2, 2, 4): hypotheses with equal scores share a rank; ``reverse``
    ranks the highest first (credences), else the lowest (PARC's inconsistencies)."""
    ordered = sorted(values.values(), reverse=reverse)
    return {h: 1 + ordered.index(v) for h, v in values.items()}


@dataclass
class RankingComparison:
    """Do ACH (fewest weighted inconsistencies) and Bayes (highest credence) pick the same?"""

    ach_best: list[str]  # every hypothesis tied for PARC's lowest score, in case order
    bayes_lead: str | None  # None when the credences are not given (hidden in training)
    lead_credence: float | None
    ach_best_credence: float | None  # the credence the ACH favourites hold together

    @property
    def agree(self) -> bool:
        return self.bayes_lead is not None and self.bayes_lead in self.ach_best


def compare_rankings(parc: dict[str, float], cred: dict[str, float] | None) -> RankingComparison:
    best = min(parc.values())
    ach_best = [h for h in parc if parc[h] == best]
    if cred is None:
        return RankingComparison(ach_best, None, None, None)
    lead = max(cred, key=cred.get)
    return RankingComparison(ach_best, lead, cred[lead], sum(cred[h] for h in ach_best))
