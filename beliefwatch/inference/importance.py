"""The importance engine (MODEL.md 6c): credences and intervals without MCMC, with PSIS.

The exact engine cannot draw P(theta | E) i.i.d. when a reliability is uncertain or a
dependence group tempers a Beta likelihood (MODEL.md 6a needs fixed r and untempered Beta
cells). Split theta into u - the uncertain reliabilities (one per shared source, one per item
with its own range) and the uncertain cells of tempered items - and the rest (prior, the other
Beta cells). Given u the rest is conjugate again, so:

1. draw u from a proposal q: its prior, or a Beta mixture fitted to its posterior by a pilot
   run (see ``proposal``);
2. weight it by prior(u) P(E | u) / q(u), with P(E | u) = sum_k E[p_k] prod_j m_jk(u) in closed
   form: m_jk is r_j E[l_jk] + (1 - r_j) c_j for an untempered item, l'_jk(u) ** w_j for a
   tempered one;
3. given u, draw the hypothesis, the prior and the untempered Beta cells exactly as in 6a.

The hypothesis is summed out, never sampled (Rao-Blackwellised): the credence is the weighted
mean of P(H | E, u), the interval the weighted equal-tailed quantiles of pi(theta). The weights
are Pareto-smoothed (``psis``); the estimate is trusted when k-hat <= 0.7 and the effective
sample size >= 1,000, and draws are added in batches until the credences' Monte Carlo error is
about +-0.005 (two standard errors) or a cap is reached.
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
from beliefwatch.inference.proposal import Proposal, fit, log_prior_u
from beliefwatch.inference.psis import K_MAX, ess, mcse, psis
from beliefwatch.inference.spec import Spec

MIN_ESS = 1000  # fewer effective draws and the estimate is not trusted (MODEL.md 6c)
SHOWN_ESS = 100  # below this many effective draws an interval is not shown at all
TARGET_MCSE = 0.0025  # credences to about +-0.005 (two standard errors)
MAX_DRAWS = 64_000  # the most draws one estimate may take before giving up
# ... and the most draws x varying items x hypotheses (about 3 s of work): a case of thousands
# of varying items stops sooner. A bound on work, not on time, so a seed gives one answer.
MAX_CELLS = 50_000_000
ADAPT_BELOW = 0.5  # a relative ESS under this from the prior tries a fitted proposal
ROUNDS = 3  # pilot rounds of fitting at most
CHUNK_CELLS = 1_000_000  # draws x items x hypotheses held in memory at once


@dataclass
class Layout:
    """Which inputs make up u, in which column: shared sources, own reliabilities, then the
    uncertain cells of tempered items; all restricted to the items R that vary."""

    R: np.ndarray  # items whose likelihood varies from draw to draw
    constant: np.ndarray  # (K,) summed log contributions of the items that never vary
    src_items: np.ndarray  # positions in R of items reporting for a shared source
    src_col: np.ndarray  # their column of u
    own_items: np.ndarray  # positions in R of items with their own uncertain reliability
    cells: tuple[np.ndarray, np.ndarray]  # (positions in R, hypothesis) of tempered Beta cells
    prior: Proposal  # the Beta priors of u, as a proposal
    sees: np.ndarray  # (K, D): does P(E, H_k | u) depend on u_d?

    @property
    def D(self) -> int:
        return self.prior.a.shape[1]


def layout(spec: Spec) -> Layout:
    K = spec.K
    R = np.flatnonzero(spec.uncertain.any(axis=1) | spec.rel_uncertain)
    constant = log_contributions(spec)[np.setdiff1d(np.arange(spec.J), R)].sum(axis=0)
    S = len(spec.shared_sources)
    src_a, src_b = spec.source_beta
    src = spec.rel_source[R]
    src_items = np.flatnonzero(src >= 0)
    own_items = np.flatnonzero(spec.rel_uncertain[R] & (src < 0))
    tempered = spec.weight[R] < 1.0
    tj, tk = np.nonzero(spec.uncertain[R] & tempered[:, None])
    a = np.concatenate([src_a, spec.rel_a[R][own_items], spec.lik_a[R][tj, tk]])
    b = np.concatenate([src_b, spec.rel_b[R][own_items], spec.lik_b[R][tj, tk]])
    sees = np.ones((K, a.size), dtype=bool)
    sees[:, S + own_items.size :] = tk[None, :] == np.arange(K)[:, None]
    return Layout(R, constant, src_items, src[src_items], own_items, (tj, tk),
                  Proposal.prior(a, b), sees)  # fmt: skip


@dataclass
class Weighted:
    """Draws of u from one proposal, their weights and what they imply."""

    log_ratio: np.ndarray  # (n,) log prior(u) P(E | u) / q(u)
    post_u: np.ndarray  # (n, K) P(H | E, u)
    pi: np.ndarray  # (n, K) pi(theta) per draw
    u: np.ndarray  # (n, D)
    weights: np.ndarray  # (n,) Pareto-smoothed normalised weights
    khat: float

    @property
    def n(self) -> int:
        return self.log_ratio.size

    @property
    def ess(self) -> float:
        return ess(self.weights)

    @property
    def credence(self) -> np.ndarray:
        """(K,) the weighted mean of P(H | E, u): the credence."""
        return self.weights @ self.post_u

    @property
    def mcse(self) -> np.ndarray:
        return mcse(self.weights, self.post_u)

    @property
    def trusted(self) -> bool:
        return self.khat <= K_MAX and self.ess >= MIN_ESS

    def joined(self, other: Weighted) -> Weighted:
        """Both batches as one sample from the same proposal, re-smoothed."""
        log_ratio = np.concatenate([self.log_ratio, other.log_ratio])
        w, k = _smooth(log_ratio)
        cat = [np.concatenate([x, y]) for x, y in
               ((self.post_u, other.post_u), (self.pi, other.pi), (self.u, other.u))]  # fmt: skip
        return Weighted(log_ratio, *cat, w, k)


def _smooth(log_ratio: np.ndarray) -> tuple[np.ndarray, float]:
    if np.ptp(log_ratio) == 0:  # nothing varies: the draws are i.i.d. from the target
        return np.full(log_ratio.size, 1.0 / log_ratio.size), -np.inf
    return psis(log_ratio)


def sample(
    spec: Spec, n: int, rng: np.random.Generator, proposal: Proposal | None = None,
    lay: Layout | None = None,
) -> Weighted:  # fmt: skip
    """n weighted draws of pi(theta) under P(theta | E) (see the module's docstring)."""
    lay = lay or layout(spec)
    q = proposal or lay.prior
    step = max(1, CHUNK_CELLS // max(1, lay.R.size * spec.K))
    parts = [_chunk(spec, lay, q, min(step, n - s), rng) for s in range(0, n, step)]
    log_ratio, post_u, pi, u = (np.concatenate([p[i] for p in parts]) for i in range(4))
    w, k = _smooth(log_ratio)
    return Weighted(log_ratio, post_u, pi, u, w, k)


def _chunk(spec: Spec, lay: Layout, q: Proposal, m: int, rng: np.random.Generator):
    """(log ratio, P(H | E, u), pi(theta), u) for m draws; theta restricted to items R."""
    K, R = spec.K, lay.R
    tempered = spec.weight[R] < 1.0
    unc = spec.uncertain[R]
    lik_a, lik_b = spec.lik_a[R], spec.lik_b[R]
    base, weight = spec.base[R], spec.weight[R]
    u = q.draw(m, rng)
    n_src, n_own = len(spec.shared_sources), lay.own_items.size

    rel = np.broadcast_to(spec.rel[R], (m, R.size)).copy()
    rel[:, lay.src_items] = u[:, lay.src_col]
    rel[:, lay.own_items] = u[:, n_src : n_src + n_own]
    lik = np.broadcast_to(spec.lik[R], (m, R.size, K)).copy()
    tj, tk = lay.cells
    lik[:, tj, tk] = u[:, n_src + n_own :]

    # P(E, H_k | u): untempered Beta cells enter through their means (lik holds them now).
    with np.errstate(divide="ignore"):
        logs = (weight[:, None] * np.log(rules.effective(lik, rel, base))).sum(axis=1)
    logit_u = log_prior(spec.prior) + lay.constant + logs
    top = logit_u.max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        post_u = exp_shifted(logit_u - top)
        total = post_u.sum(axis=1, keepdims=True)
        log_w = (top + np.log(total))[:, 0]
        post_u /= total
    impossible = ~np.isfinite(log_w)
    post_u[impossible] = 0.0
    log_w[impossible] = -np.inf
    if not q.is_prior:
        log_w += log_prior_u(q, u) - q.log_pdf(u)

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
        pi = softmax(log_p + lay.constant + logs)
    pi[impossible] = 0.0
    return log_w, post_u, pi, u


@dataclass
class Estimate:
    """The engine's answer: the pooled draws from the proposal it settled on."""

    draws: Weighted
    proposal: str  # "prior" or "fitted"
    pilot_draws: int  # draws spent on fitting the proposal, not used in the estimate

    @property
    def trusted(self) -> bool:
        return self.draws.trusted


def estimate(
    spec: Spec, rng: np.random.Generator, *, batch: int, grow: bool = True,
    max_draws: int = MAX_DRAWS,
) -> Estimate:  # fmt: skip
    """Importance-sample P(theta | E) until it is trusted and precise enough (``grow``), or
    with ``batch`` draws only. A fitted proposal replaces the prior when the prior's draws are
    mostly wasted (relative ESS under ADAPT_BELOW)."""
    lay = layout(spec)
    max_draws = max(batch, min(max_draws, MAX_CELLS // max(1, lay.R.size * spec.K)))
    current = sample(spec, batch, rng, lay=lay)
    q, pilots, name = lay.prior, 0, "prior"
    if lay.D and current.ess < ADAPT_BELOW * current.n:
        q, current, pilots, name = _adapt(spec, lay, current, rng, batch)
    while grow and not _done(current):
        if current.n >= max_draws or _hopeless(current, max_draws):
            break
        more = _needed(current) - current.n
        more = int(min(max(more, batch), max_draws - current.n))
        current = current.joined(sample(spec, more, rng, q, lay))
    return Estimate(current, name, pilots)


def _adapt(spec, lay, pilot: Weighted, rng, batch: int):
    """Fit a Beta mixture to the best weighted draws so far, a few rounds, and keep whichever
    proposal wasted the fewest draws (the prior's own draws stay valid if it wins). Only the
    kept proposal's last batch enters the estimate: each batch is i.i.d. from its proposal."""
    best, best_q, name, total = pilot, lay.prior, "prior", pilot.n
    for _ in range(ROUNDS):
        q = fit(lay.prior, best.u, best.weights, best.post_u, lay.sees)
        trial = sample(spec, batch, rng, q, lay)
        total += trial.n
        if trial.ess / trial.n > best.ess / best.n:
            best, best_q, name = trial, q, "fitted"
        if best.ess >= 2 * ADAPT_BELOW * best.n:
            break
    return best_q, best, total - best.n, name


def _done(w: Weighted) -> bool:
    return w.trusted and float(w.mcse.max()) <= TARGET_MCSE


def _needed(w: Weighted) -> int:
    """Draws that would reach the effective size and the precision asked, at this rate."""
    ratio = max(MIN_ESS / max(w.ess, 1.0), float((w.mcse.max() / TARGET_MCSE) ** 2))
    return int(np.ceil(w.n * ratio * 1.1))


def _hopeless(w: Weighted, max_draws: int) -> bool:
    """Adding draws cannot help: k-hat does not fall with n, and the ESS grows only with it."""
    if w.khat > K_MAX and w.n >= 8000:
        return True
    return w.ess * max_draws / w.n < MIN_ESS


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


def resample(
    values: np.ndarray, weights: np.ndarray, rng: np.random.Generator, n: int | None = None
) -> np.ndarray:
    """Systematic resampling: n (default len(values)) equally weighted draws."""
    n = len(values) if n is None else n
    positions = (rng.random() + np.arange(n)) / n
    idx = np.minimum(np.searchsorted(np.cumsum(weights), positions), len(values) - 1)
    return values[idx]
