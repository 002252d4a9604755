"""Analyses built on the model (MODEL.md section 7): what drives the conclusion, conflict and
the watch list. ``analyze(case, result)`` gathers them for the window, reports and CLI.

Which credence each uses is set out in docs/analyses.md: the headline credences of the result
for the leader, the weight to overtake it, its share of the draws and the watch list; the
point credence at central values (the same number on a conjugate case) for everything that
recomputes the case with an input changed (influence, Bayes factors, tornado).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import exact, rules
from beliefwatch.inference.result import Result
from beliefwatch.inference.spec import Spec, build_spec
from beliefwatch.inference.tornado import Bar
from beliefwatch.inference.tornado import tornado as _tornado
from beliefwatch.inference.watch import IndicatorValue, entropy_bits, indicator_values

# Rounding leaves ~1e-16 where an item is exactly neutral to the rest: that is not conflict.
CONFLICT_TOLERANCE = 1e-9

__all__ = [
    "Analysis",
    "Bar",
    "IndicatorValue",
    "ItemDriver",
    "analyze",
    "conflict",
    "conflict_by_item",
    "entropy_bits",
    "indicator_values",
    "leader_share",
    "to_overtake",
]


@dataclass
class ItemDriver:
    id: str
    text: str
    influence: dict[str, float]  # credence with the item minus credence without it
    bayes_factor_db: dict[str, float]  # 10 log10 of its Bayes factor for H against the rest

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "influence": {h: _num(v) for h, v in self.influence.items()},
            "bayes_factor_db": {h: _num(v) for h, v in self.bayes_factor_db.items()},
        }


@dataclass
class Analysis:
    hypotheses: list[str]
    names: dict[str, str]
    credences: dict[str, float]
    leader: str
    runner_up: str | None  # None when the case has one hypothesis
    to_overtake_db: float  # 10 log10(p_leader / p_runner_up)
    leader_share: float  # share of the draws in which the leader leads
    n_draws: int
    conflict: float  # Hugin's measure, natural log; > 0: the evidence pulls apart
    conflict_items: list[tuple[str, float]]  # items in conflict with the rest, most first
    items: list[ItemDriver]  # timeline order
    indicators: list[IndicatorValue]  # best first
    tornado: list[Bar] = field(default_factory=list)  # widest first; empty if not computed
    tornado_center: float | None = None  # the leader's credence at central values
    tornado_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    # Where the Dirichlet prior strength came from: "set" in the case, "fitted" to the prior
    # ranges (MODEL.md 3), "" when the prior is fixed.
    prior_strength_from: str = ""

    @property
    def prior_strength_note(self) -> str:
        """Why a "prior strength" input appears, for a user who may never have typed one."""
        how = {
            "set": "as set in the case",
            "fitted": "fitted to your prior ranges",
        }.get(self.prior_strength_from)
        if how is None:
            return ""
        return (
            f"prior strength ({how}): how firmly the priors hold; it moves only the interval, "
            "never the credence"
        )

    def item(self, item_id: str) -> ItemDriver:
        return next(i for i in self.items if i.id == item_id)

    def indicator(self, indicator_id: str) -> IndicatorValue:
        return next(v for v in self.indicators if v.id == indicator_id)

    @property
    def overtake_ratio(self) -> float:
        return 10 ** (self.to_overtake_db / 10) if math.isfinite(self.to_overtake_db) else math.inf

    @property
    def conflict_warning(self) -> str | None:
        """A sentence for the window and the reports when the evidence pulls apart, else None."""
        if not self.conflict > CONFLICT_TOLERANCE:
            return None
        named = ", ".join(f"'{i}'" for i, _ in self.conflict_items[:5])
        return f"The evidence pulls in different directions (conflict {self.conflict:.2f} > 0)" + (
            f": {named} pull against the rest." if named else "."
        )

    def to_dict(self) -> dict:
        """Exactly the object ``beliefwatch analyze --json`` prints (non-finite numbers: null)."""
        return {
            "leader": self.leader,
            "runner_up": self.runner_up,
            "to_overtake_db": _num(self.to_overtake_db),
            "leader_share": _num(self.leader_share),
            "conflict": _num(self.conflict),
            "items": [i.to_dict() for i in self.items],
            "tornado": [
                {"input": b.input, "low": _num(b.low), "high": _num(b.high)} for b in self.tornado
            ],
            "indicators": [v.to_dict() for v in self.indicators],
        }


def analyze(
    case: Case, result: Result, *, tornado: bool = True, spec: Spec | None = None
) -> Analysis:
    """Every analysis of MODEL.md section 7 for a case and its computed ``result``.

    ``tornado=False`` skips the one part that grows with the number of uncertain inputs;
    ``spec``: the case's spec when the caller has built it already (the window, every edit).
    """
    spec = build_spec(case) if spec is None else spec
    # Every per-hypothesis array is in the case's order, looked up by id in the result.
    hids = spec.hypotheses
    if set(hids) != set(result.credences):
        raise ValueError("the result was computed for other hypotheses: update the case again")
    cred = np.array([result.credences[h] for h in hids])
    order = np.argsort(-cred, kind="stable")
    lead = int(order[0])
    runner = int(order[1]) if len(hids) > 1 else None
    share = leader_share(result, hids[lead])
    if not result.n_draws and spec.has_uncertainty:
        share = math.nan  # uncertain inputs but no draws (too few effective ones): unknown
    a = Analysis(
        hypotheses=list(hids),
        names=dict(result.names),
        credences=dict(result.credences),
        leader=hids[lead],
        runner_up=None if runner is None else hids[runner],
        to_overtake_db=math.inf if runner is None else to_overtake(cred),
        leader_share=share,
        n_draws=result.n_draws,
        conflict=conflict(spec),
        conflict_items=[],
        items=_drivers(case, spec),
        indicators=indicator_values(case, cred),
    )
    if a.conflict > CONFLICT_TOLERANCE:
        values = conflict_by_item(spec)
        a.conflict_items = [
            (spec.items[j], float(values[j]))
            for j in np.argsort(-values, kind="stable")
            if values[j] > CONFLICT_TOLERANCE
        ]
    if spec.alpha is not None:
        a.prior_strength_from = "fitted" if case.prior_strength is None else "set"
    if tornado:
        t = _tornado(case, spec, spec.hypotheses.index(a.leader))
        a.tornado, a.tornado_center, a.tornado_ranges = t.bars, t.center, t.ranges
    return a


def to_overtake(credences: np.ndarray) -> float:
    """Decibans a single new item must give the runner-up over the leader to make it lead."""
    top, second = np.sort(credences)[::-1][:2]
    if second <= 0:
        return math.inf
    return 10.0 * math.log10(top / second)


def leader_share(result: Result, leader: str | None = None) -> float:
    """Share of the draws in which the leader (default: the result's) has the largest credence."""
    if result.draws is None:
        return 1.0
    k = result.hypotheses.index(leader or result.leader)
    draws = result.draws.reshape(-1, result.draws.shape[-1])
    return float(np.mean(np.argmax(draws, axis=1) == k))


def conflict(spec: Spec) -> float:
    """Hugin's conflict measure log[prod_e P(e) / P(e_1..e_n)] (> 0: evidence pulls apart).

    P is the prior predictive, P(e) = sum_k p_k prod l'_k ** w, the likelihoods after
    reliability and tempered by their group weight as in the update. A dependence group is one
    piece of evidence e (its items echo one fact), as influence counts it.
    """
    if not spec.J:
        return 0.0
    pieces, _ = _pieces(spec)
    log_prior = exact.log_prior(spec.prior)
    singles = _logsumexp(log_prior + pieces, axis=1).sum()
    return float(singles - _logsumexp(log_prior + pieces.sum(axis=0), axis=0))


def conflict_by_item(spec: Spec) -> np.ndarray:
    """(J,) conflict of each item's piece of evidence (the item, or its whole dependence
    group) with all the others: log[P(e_piece) P(e_rest) / P(e)].

    Positive: the item pulls against the rest of the evidence.
    """
    pieces, of_item = _pieces(spec)
    log_prior = exact.log_prior(spec.prior)
    single = _logsumexp(log_prior + pieces, axis=1)
    others = _logsumexp(log_prior + rules.leave_one_out(pieces), axis=1)
    joint = _logsumexp(log_prior + pieces.sum(axis=0), axis=0)
    return (single + others - joint)[of_item]


def _pieces(spec: Spec) -> tuple[np.ndarray, np.ndarray]:
    """(P, K) tempered log-likelihood of each piece of evidence - an independent item or a
    whole dependence group - and (J,) the piece of each item."""
    contrib = exact.log_contributions(spec)
    gi = spec.group_index
    if gi is None or not (gi >= 0).any():
        return contrib, np.arange(spec.J)
    key = np.where(gi >= 0, gi, gi.max() + 1 + np.arange(spec.J))
    _, of_item = np.unique(key, return_inverse=True)
    pieces = np.zeros((of_item.max() + 1, spec.K))
    np.add.at(pieces, of_item, contrib)
    return pieces, of_item


def _drivers(case: Case, spec: Spec) -> list[ItemDriver]:
    if not spec.J:
        return []
    with_all = exact.point_posterior(spec)
    infl = exact.influence(spec)
    without = with_all[None, :] - infl
    bf = _odds_ratio_db(with_all[None, :], without)
    hids = spec.hypotheses
    return [
        ItemDriver(
            id=item,
            text=case.item(item).text,
            influence=dict(zip(hids, map(float, infl[j]), strict=True)),
            bayes_factor_db=dict(zip(hids, map(float, bf[j]), strict=True)),
        )
        for j, item in enumerate(spec.items)
    ]


def _odds_ratio_db(after: np.ndarray, before: np.ndarray) -> np.ndarray:
    """10 log10 of odds(H_k : the rest) after over before, for every k (the Bayes factor)."""
    after = np.broadcast_to(after, before.shape)
    # The rest is summed from its own (small) entries, not as 1 - p, to keep its precision.
    off = (~np.eye(after.shape[-1], dtype=bool)).astype(float)
    rest_after = after @ off
    rest_before = before @ off
    with np.errstate(divide="ignore", invalid="ignore"):
        return 10.0 * (
            np.log10(after) - np.log10(rest_after) - np.log10(before) + np.log10(rest_before)
        )


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.squeeze(np.log(np.exp(x - top).sum(axis=axis, keepdims=True)) + top, axis=axis)


def _num(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None
