"""What an update returns: credences, intervals, timeline, warnings and the draws."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from beliefwatch.inference.spec import Spec


@dataclass
class TimelineStep:
    item: str | None  # None for the starting point (the prior)
    date: dt.date | None
    credences: dict[str, float]


@dataclass
class Result:
    engine: str
    question: str
    hypotheses: list[str]
    names: dict[str, str]
    prior: dict[str, float]
    credences: dict[str, float]
    intervals: dict[str, tuple[float, float]]
    interval_prob: float
    timeline: list[TimelineStep]
    warnings: list[str] = field(default_factory=list)
    draws: np.ndarray | None = None  # (chain, draw, hypothesis) samples of the credence
    seed: int | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    tree: Any = None  # an engine's own DataTree (PyMC); else built from draws on demand

    @property
    def leader(self) -> str:
        return max(self.credences, key=self.credences.__getitem__)

    @property
    def n_draws(self) -> int:
        return 0 if self.draws is None else int(self.draws.shape[0] * self.draws.shape[1])

    @cached_property
    def posterior(self):
        """The draws as an ArviZ DataTree: variable ``credence`` on (chain, draw, hypothesis).

        Without uncertain inputs there is one draw, the exact credence itself.
        """
        if self.tree is not None:
            return self.tree
        from arviz_base import from_dict

        draws = self.draws
        if draws is None:
            draws = np.array([self.credences[h] for h in self.hypotheses])[None, None, :]
        tree = from_dict(
            {"posterior": {"credence": draws}},
            dims={"credence": ["hypothesis"]},
            coords={"hypothesis": list(self.hypotheses)},
        )
        seed = -1 if self.seed is None else self.seed
        tree["posterior"].attrs.update(engine=self.engine, seed=seed)
        return tree

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the command line's --json)."""
        return {
            "question": self.question,
            "engine": self.engine,
            "seed": self.seed,
            "draws": self.n_draws,
            "interval_prob": self.interval_prob,
            "hypotheses": [
                {
                    "id": h,
                    "name": self.names[h],
                    "prior": self.prior[h],
                    "credence": self.credences[h],
                    "interval": list(self.intervals[h]),
                }
                for h in self.hypotheses
            ],
            "timeline": [
                {
                    "item": s.item,
                    "date": s.date.isoformat() if s.date else None,
                    "credences": s.credences,
                }
                for s in self.timeline
            ],
            "warnings": list(self.warnings),
            "diagnostics": {k: v for k, v in self.diagnostics.items() if _plain(v)},
        }


def _plain(v: Any) -> bool:
    return isinstance(v, str | int | float | bool | list | dict | type(None))


def make_result(
    spec: Spec,
    engine: str,
    cred,
    lo,
    hi,
    prob: float,
    steps: np.ndarray,
    warnings: list[str],
    samples: np.ndarray | None,
    seed: int | None,
    **extra,
) -> Result:
    hids = spec.hypotheses
    timeline = [TimelineStep(None, None, _by_id(hids, steps[0]))]
    timeline += [
        TimelineStep(item, date, _by_id(hids, steps[j + 1]))
        for j, (item, date) in enumerate(zip(spec.items, spec.dates, strict=True))
    ]
    return Result(
        engine=engine,
        question=spec.question,
        hypotheses=list(hids),
        names=dict(zip(hids, spec.names, strict=True)),
        prior=_by_id(hids, spec.prior),
        credences=_by_id(hids, cred),
        intervals={h: (float(lo[k]), float(hi[k])) for k, h in enumerate(hids)},
        interval_prob=prob,
        timeline=timeline,
        warnings=warnings,
        draws=samples,
        seed=seed,
        **extra,
    )


def _by_id(hids: list[str], values) -> dict[str, float]:
    return {h: float(v) for h, v in zip(hids, values, strict=True)}
