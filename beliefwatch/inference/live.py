"""The live numbers a view of the case shows, recomputed (exactly, quickly) after every edit:
the update with its quick interval, each cell's decibans, each item's diagnosticity and
influence, and the analyses of MODEL.md section 7. No Qt: the window only displays them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import exact
from beliefwatch.inference.analyses import Analysis, analyze
from beliefwatch.inference.engines import DEFAULT_CHAINS, DEFAULT_SEED, run_exact
from beliefwatch.inference.result import Result
from beliefwatch.inference.spec import Spec, build_spec, effective_likelihood

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
