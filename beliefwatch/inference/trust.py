"""Why an engine's numbers were trusted, in words every output shares (MODEL.md 6).

Each result's diagnostics carry ``trusted`` (bool) and ``criteria`` (the figures against
their thresholds); the terminal table, the report and the window print them through here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from beliefwatch.inference.spec import Spec

LABELS = {
    "exact": "exact",
    "importance": "importance sampling (PSIS)",
    "pymc": "PyMC (NUTS)",
}
RHAT_MAX, PYMC_ESS_MIN = 1.01, 400  # MODEL.md 6b


def reported_k(khat: float) -> float:
    """k-hat as a plain number: below -1 the weights are bounded and the value says no more
    (-inf when the largest weights are all equal); 10 stands for a tail that could not be
    fitted at all (too few draws with any weight)."""
    if math.isnan(khat):
        return 10.0
    return round(min(max(khat, -1.0), 10.0), 3)


def exact_criteria(spec: Spec) -> str:
    if not spec.has_uncertainty:
        return "no uncertain inputs"
    return "conjugate: i.i.d. draws"


def importance_criteria(khat: float, ess: float, min_ess: float, k_max: float) -> str:
    k = reported_k(khat)
    k_text = "could not be fitted" if k >= 10.0 else f"{k:.2f} {'≤' if k <= k_max else '>'} {k_max}"
    ess_op = "≥" if ess >= min_ess else "<"
    return f"Pareto k̂ {k_text}, ESS {ess:,.0f} {ess_op} {min_ess:,.0f}"


def pymc_trusted(d: dict[str, Any]) -> bool:
    return d["max_r_hat"] <= RHAT_MAX and d["min_ess_bulk"] >= PYMC_ESS_MIN and not d["divergences"]


def pymc_criteria(d: dict[str, Any]) -> str:
    r, ess, div = d["max_r_hat"], d["min_ess_bulk"], d["divergences"]
    return (
        f"r-hat {r:.3f} {'≤' if r <= RHAT_MAX else '>'} {RHAT_MAX}, "
        f"ESS {ess:,.0f} {'≥' if ess >= PYMC_ESS_MIN else '<'} {PYMC_ESS_MIN}, "
        + ("no divergences" if not div else f"{div} divergences")
    )


def not_conjugate_because(spec: Spec) -> str:
    """The first input that keeps MODEL.md 6a from applying, for the reader."""
    if spec.shared_sources:
        return f"source '{spec.shared_sources[0]}' has an uncertain reliability"
    own = np.flatnonzero(spec.rel_uncertain)
    if own.size:
        return f"{spec.item_label(int(own[0]))} has an uncertain reliability"
    tempered = np.flatnonzero((spec.weight < 1.0) & spec.uncertain.any(axis=1))
    if tempered.size:
        j = int(tempered[0])
        return f"dependence group '{spec.groups[j]}' tempers a ranged likelihood"
    return "the case is conjugate"


def describe(engine: str, diagnostics: dict[str, Any]) -> str:
    """One line: the engine and why its numbers were (or were not) trusted."""
    label = LABELS.get(engine, engine)
    criteria = diagnostics.get("criteria")
    if not criteria:
        return label
    if diagnostics.get("preview"):
        return f"{label} · quick preview: {criteria}"
    if diagnostics.get("trusted", True):
        return f"{label} · {criteria}"
    return f"{label} · NOT trusted: {criteria}"
