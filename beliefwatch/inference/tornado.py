"""Tornado: the leader's credence with one uncertain input at a time moved to each end of its
range, every other input at its central value (MODEL.md section 7; docs/analyses.md)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import rules
from beliefwatch.inference.exact import softmax
from beliefwatch.inference.spec import Spec, effective_likelihood, prior_scale

# A fixed prior strength s is moved to s / STRENGTH_FACTOR and s * STRENGTH_FACTOR.
STRENGTH_FACTOR = 2.0
# A group's correlation is moved across all of [0, 1]: independent items to one fact.
CORRELATION_RANGE = (0.0, 1.0)


class Bar(NamedTuple):
    input: str  # prior:H, likelihood:ITEM:H, reliability:SOURCE_OR_ITEM, correlation:G, ...
    low: float  # the leader's credence with the input at the low end of its range
    high: float  # ... at the high end


class Tornado(NamedTuple):
    bars: list[Bar]  # sorted by |high - low|, widest first
    center: float  # the leader's credence with every input at its central value
    ranges: dict[str, tuple[float, float]]  # the input's own low and high end


def credence_at(spec: Spec, k: int, *, prior=None, lik=None, rel=None, weight=None) -> np.ndarray:
    """Point credence of hypothesis k with some inputs replaced; leading axes are variants.

    prior (..., K), lik (..., J, K), rel (..., J), weight (..., J).
    """
    prior = spec.prior if prior is None else prior
    weight = spec.weight if weight is None else weight
    eff = effective_likelihood(spec, lik, rel)
    with np.errstate(divide="ignore"):
        logits = np.log(prior) + (np.asarray(weight)[..., :, None] * np.log(eff)).sum(axis=-2)
    return softmax(logits)[..., k]


def tornado(case: Case, spec: Spec, k: int) -> Tornado:
    """Every uncertain input of the case, moved one at a time; k is the leader's column."""
    names: list[str] = []
    ranges: dict[str, tuple[float, float]] = {}
    lows: list[float] = []
    highs: list[float] = []

    def add(name: str, ends: tuple[float, float], values) -> None:
        names.append(name)
        ranges[name] = (float(ends[0]), float(ends[1]))
        lows.append(float(values[0]))
        highs.append(float(values[1]))

    center = float(credence_at(spec, k))
    _priors(case, spec, k, add)
    _likelihoods(case, spec, k, add)
    _reliabilities(case, spec, k, add)
    _correlations(case, spec, k, add)
    if spec.alpha is not None:
        s = float(spec.alpha.sum())
        # E[p] = p-bar whatever s: the credence P(H | E) does not depend on the strength (only
        # the interval does), so both ends are the central credence.
        add("prior_strength", (s / STRENGTH_FACTOR, s * STRENGTH_FACTOR), (center, center))
    bars = [Bar(*x) for x in zip(names, lows, highs, strict=True)]
    bars.sort(key=lambda b: -_width(b))
    return Tornado(bars, center, ranges)


def _width(b: Bar) -> float:
    w = abs(b.high - b.low)
    return w if np.isfinite(w) else 0.0


def _priors(case: Case, spec: Spec, k: int, add) -> None:
    # The ends as typed (scaled only if the typed priors do not sum to 1), not by the sum of
    # the central values: "0.3-0.5" shows as [0.3, 0.5] even though its centre is not 0.4.
    total = prior_scale([h.prior for h in case.hypotheses])
    for m, h in enumerate(case.hypotheses):
        if not h.prior.uncertain:
            continue
        ends = (h.prior.low / total, h.prior.high / total)
        rows = []
        for x in ends:
            p = spec.prior.copy()
            rest = 1.0 - p[m]
            # The other priors keep their proportions and the whole still sums to 1.
            p = p * ((1.0 - x) / rest) if rest > 0 else p
            p[m] = x
            rows.append(p / p.sum())
        add(f"prior:{h.id}", ends, credence_at(spec, k, prior=np.array(rows)))


def _likelihoods(case: Case, spec: Spec, k: int, add) -> None:
    jj, kk = np.nonzero(spec.uncertain)
    if not jj.size:
        return
    items = {e.id: e for e in case.evidence}
    ends = np.array(
        [
            (est.low, est.high)
            for est in (items[spec.items[j]].likelihoods[spec.hypotheses[m]]
                        for j, m in zip(jj, kk, strict=True))
        ]
    )  # fmt: skip
    explicit = np.array([items[i].base_rate is not None for i in spec.items])
    with np.errstate(divide="ignore"):
        logs = spec.weight[:, None] * np.log(effective_likelihood(spec))
        # Every other item's sum, with zeros counted apart so that -inf never meets -inf.
        rest = np.log(spec.prior) + rules.leave_one_out(logs)
    cred = np.empty((2, jj.size))
    # A chunk of cells at a time: 200 hypotheses x 100,000 uncertain cells would need GBs.
    step = max(1, CHUNK_VALUES // spec.K)
    for s in range(0, jj.size, step):
        cut = slice(s, s + step)
        cred[:, cut] = _moved_credence(spec, k, jj[cut], kk[cut], ends[cut], explicit, rest)
    for i, (j, m) in enumerate(zip(jj, kk, strict=True)):
        name = f"likelihood:{spec.items[j]}:{spec.hypotheses[m]}"
        add(name, ends[i], cred[:, i])


CHUNK_VALUES = 2_000_000  # cells x hypotheses moved at once


def _moved_credence(spec, k, jj, kk, ends, explicit, rest) -> np.ndarray:
    """(2, cells): the leader's credence with each cell at the low and the high end."""
    # As if the analyst had typed the end value: the item's row is rebuilt the way the update
    # builds it (unrated cells and a default base rate c follow the rated values), every other
    # item stays. Memory grows with cells x K, not cells x items.
    n, K = jj.size, spec.K
    v = np.arange(n)
    rows = np.broadcast_to(spec.lik[jj], (2, n, K)).copy()
    rows[:, ~spec.rated[jj]] = np.nan
    rows[0, v, kk], rows[1, v, kk] = ends[:, 0], ends[:, 1]
    rows, _ = rules.fill_unrated(rows, spec.live)
    c = np.where(explicit[jj], spec.base[jj], rules.base_rate(rows, spec.live))
    moved = rules.effective(rows, spec.rel[jj], c)
    with np.errstate(divide="ignore"):
        logits = rest[jj] + spec.weight[jj, None] * np.log(moved)
    return softmax(logits)[..., k]


def _reliabilities(case: Case, spec: Spec, k: int, add) -> None:
    done: set[str] = set()
    for j in np.flatnonzero(spec.rel_uncertain):
        if spec.rel_source[j] >= 0:
            key = spec.shared_sources[spec.rel_source[j]]
            est = case.source(key).reliability
            rows = spec.rel_source == spec.rel_source[j]
        else:
            key = spec.items[j]
            est = case.item(key).reliability
            rows = np.arange(spec.J) == j
        if key in done:
            continue
        done.add(key)
        rel = np.broadcast_to(spec.rel, (2, spec.J)).copy()
        rel[0, rows] = est.low
        rel[1, rows] = est.high
        add(f"reliability:{key}", (est.low, est.high), credence_at(spec, k, rel=rel))


def _correlations(case: Case, spec: Spec, k: int, add) -> None:
    groups = np.array([g or "" for g in spec.groups], dtype=object)
    for g in case.groups:
        rows = groups == g.id
        if not rows.any():
            continue
        n = int((rows & spec.informative).sum()) if spec.informative is not None else rows.sum()
        weight = np.broadcast_to(spec.weight, (2, spec.J)).copy()
        for i, rho in enumerate(CORRELATION_RANGE):
            weight[i, rows] = rules.group_weight(rho, n)
        add(f"correlation:{g.id}", CORRELATION_RANGE, credence_at(spec, k, weight=weight))
