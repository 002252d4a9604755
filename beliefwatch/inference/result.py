"""What an update returns: credences, intervals, timeline, warnings and the draws."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from beliefwatch.inference.fingerprint import Fingerprint
    from beliefwatch.inference.spec import Spec


@dataclass
class TimelineStep:
    item: str | None  # None for the starting point (the prior)
    date: dt.date | None
    credences: dict[str, float]


@dataclass
class Result:
    """An update's answer. ``intervals`` ends are NaN when the engine could not trust them
    (a warning says why); ``to_dict`` writes those as null."""

    engine: str
    question: str
    hypotheses: list[str]
    names: dict[str, str]
    prior: dict[str, float]
    credences: dict[str, float]
    intervals: dict[str, tuple[float, float]]
    interval_prob: float
    steps: np.ndarray  # (J+1, K) point credences: the prior, then after each item
    step_items: list[str]
    step_dates: list[dt.date | None]
    warnings: list[str] = field(default_factory=list)
    draws: np.ndarray | None = None  # (chain, draw, hypothesis) samples of the credence
    seed: int | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    tree: Any = None  # an engine's own DataTree (PyMC); else built from draws on demand
    # The inputs it was computed from: the one test of "is this result current" (fingerprint.py)
    fingerprint: Fingerprint | None = None

    @cached_property
    def timeline(self) -> list[TimelineStep]:
        """Credences after each item in date order, starting at the prior (built on demand:
        a case of 1,000 items would otherwise build 1,001 dicts on every edit)."""
        hids = self.hypotheses
        values = self.steps.tolist()
        out = [TimelineStep(None, None, dict(zip(hids, values[0], strict=True)))]
        out += [
            TimelineStep(item, date, dict(zip(hids, row, strict=True)))
            for item, date, row in zip(self.step_items, self.step_dates, values[1:], strict=True)
        ]
        return out

    @property
    def leader(self) -> str:
        return max(self.credences, key=self.credences.__getitem__)

    @property
    def engine_line(self) -> str:
        """The engine and why its numbers were trusted, e.g. "importance sampling (PSIS) ·
        Pareto k̂ 0.31 ≤ 0.7, ESS 3,400 ≥ 1,000"."""
        from beliefwatch.inference.trust import describe

        return describe(self.engine, self.diagnostics)

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
                    "prior": _number(self.prior[h]),
                    "credence": _number(self.credences[h]),
                    "interval": [_number(x) for x in self.intervals[h]],
                }
                for h in self.hypotheses
            ],
            "timeline": [
                {
                    "item": item,
                    "date": date.isoformat() if date else None,
                    "credences": dict(zip(self.hypotheses, map(_number, row), strict=True)),
                }
                for item, date, row in zip(
                    [None, *self.step_items],
                    [None, *self.step_dates],
                    self.steps.tolist(),
                    strict=True,
                )
            ],
            "warnings": list(self.warnings),
            "diagnostics": {k: _json_safe(v) for k, v in self.diagnostics.items() if _plain(v)},
        }


def _plain(v: Any) -> bool:
    return isinstance(v, str | int | float | bool | list | dict | type(None))


def _number(x: float) -> float | None:
    """JSON has no NaN: an unknown number is null."""
    x = float(x)
    return x if math.isfinite(x) else None


def _json_safe(v: Any) -> Any:
    if isinstance(v, float):
        return _number(v)
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_safe(x) for x in v]
    return v


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
    from beliefwatch.inference.fingerprint import fingerprint

    hids = spec.hypotheses
    lo, hi = np.asarray(lo, dtype=float).tolist(), np.asarray(hi, dtype=float).tolist()
    return Result(
        engine=engine,
        question=spec.question,
        hypotheses=list(hids),
        names=dict(zip(hids, spec.names, strict=True)),
        prior=_by_id(hids, spec.prior),
        credences=_by_id(hids, cred),
        intervals=dict(zip(hids, zip(lo, hi, strict=True), strict=True)),
        interval_prob=prob,
        steps=steps,
        step_items=spec.items,
        step_dates=spec.dates,
        warnings=warnings,
        draws=samples,
        seed=seed,
        fingerprint=fingerprint(spec),
        **extra,
    )


def _by_id(hids: list[str], values) -> dict[str, float]:
    return dict(zip(hids, np.asarray(values, dtype=float).tolist(), strict=True))
