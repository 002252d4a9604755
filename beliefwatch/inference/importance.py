"""Credence intervals for non-conjugate cases without MCMC: importance sampling (MODEL.md 6).

The exact engine cannot draw P(theta | E) i.i.d. when a reliability is uncertain or a
dependence group tempers a Beta likelihood (MODEL.md 6a needs fixed r and untempered Beta
cells). Split theta into u - the uncertain reliabilities (one per shared source, one per item
with its own range) and the uncertain cells of tempered items - and the rest (prior, the other
Beta cells). Given u the rest is conjugate again, so:

1. draw u from its prior (the proposal);
2. weight it by P(E | u) = sum_k E[p_k] prod_j m_jk(u), in closed form: m_jk is
   r_j E[l_jk] + (1 - r_j) c_j for an untempered item and l'_jk(u) ** w_j for a tempered one;
3. given u, draw the hypothesis, the prior and the untempered Beta cells exactly as in 6a.

That is importance sampling with prior draws as the proposal and P(E | theta) as the weight,
with the conjugate part integrated out (Rao-Blackwellised): the weights vary only with the
few dimensions of u, so far fewer draws are wasted than when weighting whole prior draws. The
credence is the weighted mean of P(H | E, u); the interval the weighted equal-tailed quantiles
of pi(theta); the effective sample size of the weights says how far to trust them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beliefwatch.inference import rules
from beliefwatch.inference.exact import (
    beta_draws,
    exp_shifted,
    log_contributions,
    log_prior,
    prior_given,
    redraw_picked,
    softmax,
)
from beliefwatch.inference.spec import Spec

MIN_ESS = 100  # below this many effective draws an interval is not shown
CHUNK_CELLS = 1_000_000  # draws x items x hypotheses held in memory at once


@dataclass
class Weighted:
    pi: np.ndarray  # (n, K) pi(theta) per draw
    weights: np.ndarray  # (n,) normalised importance weights
    credence: np.ndarray  # (K,) weighted mean of P(H | E, u)
    ess: float  # effective sample size of the weights: 1 / sum(w^2)


def sample(spec: Spec, n: int, rng: np.random.Generator) -> Weighted:
    """n weighted draws of pi(theta) under P(theta | E) (see the module's docstring)."""
    K = spec.K
    random_item = spec.uncertain.any(axis=1) | spec.rel_uncertain
    R = np.flatnonzero(random_item)
    constant = log_contributions(spec)[~random_item].sum(axis=0)  # items that never vary
    step = max(1, CHUNK_CELLS // max(1, R.size * K))
    parts = [_chunk(spec, R, constant, min(step, n - s), rng) for s in range(0, n, step)]
    log_w = np.concatenate([p[0] for p in parts])
    post_u = np.concatenate([p[1] for p in parts])
    pi = np.concatenate([p[2] for p in parts])
    top = log_w.max()
    if not np.isfinite(top):  # no draw of u allows the evidence at all
        w = np.full(n, 1.0 / n)
    else:
        w = np.exp(log_w - top)
        w /= w.sum()
    ess = float(1.0 / np.square(w).sum())
    return Weighted(pi=pi, weights=w, credence=w @ post_u, ess=ess)


def _chunk(spec: Spec, R: np.ndarray, constant: np.ndarray, m: int, rng: np.random.Generator):
    """(log P(E | u), P(H | E, u), pi(theta)) for m draws; theta restricted to items R."""
    K = spec.K
    tempered = spec.weight[R] < 1.0
    unc = spec.uncertain[R]
    lik_a, lik_b = spec.lik_a[R], spec.lik_b[R]
    base, weight = spec.base[R], spec.weight[R]

    # u, part 1: reliabilities - one draw per shared source, one per item with its own range.
    rel = np.broadcast_to(spec.rel[R], (m, R.size)).copy()
    src = spec.rel_source[R]
    if len(spec.shared_sources):
        src_a, src_b = spec.source_beta
        r_src = beta_draws(rng, src_a, src_b, size=(m, src_a.size))
        shared = np.flatnonzero(src >= 0)
        rel[:, shared] = r_src[:, src[shared]]
    own = np.flatnonzero(spec.rel_uncertain[R] & (src < 0))
    if own.size:
        rel[:, own] = beta_draws(rng, spec.rel_a[R][own], spec.rel_b[R][own], size=(m, own.size))

    # u, part 2: the Beta cells of tempered items, from their priors.
    lik = np.broadcast_to(spec.lik[R], (m, R.size, K)).copy()
    tj, tk = np.nonzero(unc & tempered[:, None])
    if tj.size:
        lik[:, tj, tk] = beta_draws(rng, lik_a[tj, tk], lik_b[tj, tk], size=(m, tj.size))

    # P(E, H_k | u): untempered Beta cells enter through their means (lik holds them now).
    with np.errstate(divide="ignore"):
        logs = (weight[:, None] * np.log(rules.effective(lik, rel, base))).sum(axis=1)
    logit_u = log_prior(spec.prior) + constant + logs
    top = logit_u.max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        post_u = exp_shifted(logit_u - top)
        total = post_u.sum(axis=1, keepdims=True)
        log_w = (top + np.log(total))[:, 0]
        post_u /= total
    impossible = ~np.isfinite(log_w)
    post_u[impossible] = 0.0
    log_w[impossible] = -np.inf

    # Given u, 6a exactly: the hypothesis, then the prior and the untempered Beta cells.
    cum = np.cumsum(post_u, axis=1)
    k = np.minimum((rng.random((m, 1)) * cum[:, -1:] > cum).sum(axis=1), K - 1)
    p = prior_given(spec, k, rng)
    log_p = log_prior(spec.prior if p is None else p)
    uj, uk = np.nonzero(unc & ~tempered[:, None])
    if uj.size:
        lik[:, uj, uk] = beta_draws(rng, lik_a[uj, uk], lik_b[uj, uk], size=(m, uj.size))
        redraw_picked(rng, lik, lik_a, lik_b, unc[:, k].T & ~tempered[None, :], k, rel, base)
        with np.errstate(divide="ignore"):
            logs = (weight[:, None] * np.log(rules.effective(lik, rel, base))).sum(axis=1)
    with np.errstate(invalid="ignore"):
        pi = softmax(log_p + constant + logs)
    pi[impossible] = 0.0
    return log_w, post_u, pi


def weighted_equal_tailed(
    values: np.ndarray, weights: np.ndarray, prob: float
) -> tuple[np.ndarray, np.ndarray]:
    """Equal-tailed interval ends of each column of values (n, K) under normalised weights.

    The weighted empirical CDF is read at the midpoints of each draw's weight and
    interpolated, the weighted analogue of numpy's default quantile.
    """
    tail = (1.0 - prob) / 2.0
    order = np.argsort(values, axis=0, kind="stable")
    x = np.take_along_axis(values, order, axis=0)
    w = weights[order]
    cdf = np.cumsum(w, axis=0) - 0.5 * w
    lo = np.array([np.interp(tail, cdf[:, k], x[:, k]) for k in range(values.shape[1])])
    hi = np.array([np.interp(1.0 - tail, cdf[:, k], x[:, k]) for k in range(values.shape[1])])
    return lo, hi


def resample(values: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Systematic resampling: len(values) equally weighted draws (for plots and the tree)."""
    n = len(values)
    positions = (rng.random() + np.arange(n)) / n
    idx = np.minimum(np.searchsorted(np.cumsum(weights), positions), n - 1)
    return values[idx]
