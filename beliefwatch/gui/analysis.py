"""The numbers the window shows, recomputed (exactly, quickly) after every edit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import exact
from beliefwatch.inference.analyses import Analysis, analyze
from beliefwatch.inference.engines import DEFAULT_CHAINS, DEFAULT_SEED, run_exact
from beliefwatch.inference.result import Result
from beliefwatch.inference.spec import Spec, build_spec, effective_likelihood
from beliefwatch.reports import wording

LIVE_DRAWS = 250  # per chain, 4 chains: enough for a live interval, fast enough for every edit


@dataclass
class Live:
    spec: Spec
    result: Result
    cell_db: np.ndarray  # (J, K) decibans each cell gives its hypothesis against the item's mean
    diagnosticity: np.ndarray  # (J,)
    influence: np.ndarray  # (J,) largest change of any credence when the item is left out
    row_of_item: dict[str, int]  # evidence id -> row in the spec (timeline order)
    analysis: Analysis  # MODEL.md section 7: drivers, tornado, conflict, watch list


def analyse(case: Case) -> Live:
    """Raises CaseError for a case that cannot be computed; the window keeps the last good one.

    One spec serves the update, the analyses and the matrix: this runs on every edit.
    """
    spec = build_spec(case)
    result = run_exact(spec, draws=LIVE_DRAWS, chains=DEFAULT_CHAINS, seed=DEFAULT_SEED, prob=0.9)
    analysis = analyze(case, result, spec=spec)
    eff = effective_likelihood(spec)
    with np.errstate(divide="ignore"):
        cell_db = spec.weight[:, None] * 10 * np.log10(eff / eff.mean(axis=1, keepdims=True))
    # The drivers' leave-one-out influence, as the largest change of any credence per item.
    influence = np.array([max(map(abs, d.influence.values())) for d in analysis.items])
    return Live(
        spec=spec,
        result=result,
        cell_db=cell_db,
        diagnosticity=exact.diagnosticity(spec),
        influence=influence if spec.J else np.zeros(0),
        row_of_item={item: j for j, item in enumerate(spec.items)},
        analysis=analysis,
    )


def headline(live: Live | None, *, plain: bool = False) -> str:
    """The bottom line of the live panel: who leads, by how much, and how firmly."""
    if live is None:
        return ""
    r = live.result
    lead = r.leader
    p = r.credences[lead]
    lo, hi = r.intervals[lead]
    if lo != lo or hi != hi:  # NaN: the quick interval could not be trusted
        interval = "interval needs a full update (F5)"
    elif hi > lo:
        interval = f"{round(100 * r.interval_prob)}% interval {100 * lo:.0f}–{100 * hi:.0f}%"
    else:
        interval = "no uncertain inputs, so no interval"
    firm = "" if not r.n_draws else f"; {wording.robustness_sentence(live.analysis)}"
    firm += f"; {r.engine} engine"
    name = r.names[lead]
    if plain:
        return f"Leading: {name} ({100 * p:.0f}%; {interval}{firm})"
    from html import escape

    return (f"<b>Leading: {escape(name)}</b> — {100 * p:.0f}% "
            f"<span style='color:#555'>({escape(interval)}{escape(firm)})</span>")  # fmt: skip
