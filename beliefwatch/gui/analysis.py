"""The numbers the window shows, recomputed (exactly, quickly) after every edit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import beliefwatch as bw
from beliefwatch.core.case import Case
from beliefwatch.inference import exact
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


def analyse(case: Case) -> Live:
    """Raises CaseError for a case that cannot be computed; the window keeps the last good one."""
    spec = build_spec(case)
    result = bw.update(case, engine="exact", draws=LIVE_DRAWS)
    eff = effective_likelihood(spec)
    with np.errstate(divide="ignore"):
        cell_db = spec.weight[:, None] * 10 * np.log10(eff / eff.mean(axis=1, keepdims=True))
    return Live(
        spec=spec,
        result=result,
        cell_db=cell_db,
        diagnosticity=exact.diagnosticity(spec),
        influence=np.abs(exact.influence(spec)).max(axis=1) if spec.J else np.zeros(0),
        row_of_item={item: j for j, item in enumerate(spec.items)},
    )
