"""The exact engine: point update, timeline and the conjugate i.i.d. sampler (MODEL.md 2, 6a)."""

from __future__ import annotations

import numpy as np

from beliefwatch.core.errors import CaseError
from beliefwatch.inference import rules
from beliefwatch.inference.spec import Spec, effective_likelihood

__all__ = [
    "beta_draws",
    "diagnosticity",
    "effective_likelihood",
    "equal_tailed",
    "exp_shifted",
    "influence",
    "log_contributions",
    "log_prior",
    "point_posterior",
    "sample_conjugate",
    "softmax",
    "timeline",
    "weight_of_evidence",
]


def log_contributions(spec: Spec, lik=None, rel=None) -> np.ndarray:
    """w_j * log l'_jk for every item and hypothesis, (..., J, K)."""
    with np.errstate(divide="ignore"):
        logs = np.log(effective_likelihood(spec, lik, rel))
    if (spec.weight == 1.0).all():
        return logs
    return spec.weight[:, None] * logs


def log_prior(prior: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log(prior)


# exp() below about -708 underflows through a slow path (10-100x slower); weights that small
# (relative to the largest, 1) are 0 at double precision anyway.
_EXP_FLOOR = -700.0


def exp_shifted(shifted: np.ndarray) -> np.ndarray:
    """exp(x) for x <= 0, exactly 0 below _EXP_FLOOR; NaN stays NaN."""
    return np.exp(np.maximum(shifted, _EXP_FLOOR)) * (shifted > _EXP_FLOOR)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Normalise log-weights along the last axis; rows with no finite entry become NaN."""
    top = logits.max(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore"):
        w = exp_shifted(logits - top)
        w /= w.sum(axis=-1, keepdims=True)
    return w


def point_posterior(spec: Spec) -> np.ndarray:
    """Posterior at the central values: also the exact credence P(H | E) of MODEL.md 6a.1."""
    post = softmax(log_prior(spec.prior) + log_contributions(spec).sum(axis=0))
    if np.isnan(post).any():
        timeline(spec)  # names the item after which no hypothesis is left
    return post


def timeline(spec: Spec) -> np.ndarray:
    """(J+1, K): the prior, then the posterior after each item in timeline order."""
    # Worked hypothesis-major, (K, J+1): the reductions over hypotheses then run along
    # contiguous rows of J+1 values instead of over J+1 short rows of K.
    steps = np.empty((spec.K, spec.J + 1))
    steps[:, 0] = log_prior(spec.prior)
    np.cumsum(log_contributions(spec).T, axis=1, out=steps[:, 1:])
    steps[:, 1:] += steps[:, :1]
    with np.errstate(invalid="ignore"):
        post = exp_shifted(steps - steps.max(axis=0))
        post /= post.sum(axis=0)
    bad = np.isnan(post[0])
    if bad.any():
        j = int(np.argmax(bad)) - 1
        raise CaseError(
            "together with the items before it, leaves no hypothesis possible "
            "(every hypothesis has been ruled out by a likelihood of 0)",
            file=spec.origins[j],
            item=spec.item_label(j),
        )
    return post.T


def weight_of_evidence(spec: Spec, k: int, m: int) -> np.ndarray:
    """(J,) decibans each item gives hypothesis k over m: 10 log10(l'_jk / l'_jm), tempered.

    Zero when k or m has prior 0 (no item can shift odds against a hypothesis that cannot be
    true) and where the item rules out both (it says nothing about which of the two).
    """
    J = spec.J
    if not (spec.prior[k] > 0 and spec.prior[m] > 0) or k == m:
        return np.zeros(J)
    eff = spec.eff
    a, b = eff[:, k], eff[:, m]
    with np.errstate(divide="ignore", invalid="ignore"):
        db = spec.weight * 10.0 * np.log10(a / b)
    return np.where((a == 0) & (b == 0), 0.0, db)


def diagnosticity(spec: Spec) -> np.ndarray:
    """(J,) the largest weight of evidence over pairs of live hypotheses (0 = no information).

    Only hypotheses with a prior above 0 count: a likelihood for a hypothesis that cannot be
    true changes no credence. Infinite where the item rules out one live hypothesis.
    """
    live = spec.live
    if live.sum() < 2:
        return np.zeros(spec.J)
    eff = spec.eff if live.all() else spec.eff[:, live]
    with np.errstate(divide="ignore"):
        return spec.weight * 10.0 * np.log10(eff.max(axis=1) / eff.min(axis=1))


def influence(spec: Spec) -> np.ndarray:
    """(J, K) leave-one-out: credence with every item minus credence without item j.

    Removing an item from a dependence group of n informative items also re-weights the
    others: they share w = 1 / (1 + rho (n - 2)) instead of 1 / (1 + rho (n - 1)) (MODEL.md 5).
    """
    J, K = spec.J, spec.K
    if J == 0:
        return np.zeros((0, K))
    with np.errstate(divide="ignore"):
        raw = np.log(spec.eff)  # untempered log l'
    finite, zero = rules.split_zeros(raw)
    w = spec.weight[:, None]
    # Sums over every item (tempered), keeping zeros apart so that -inf never meets -inf.
    total = (w * finite).sum(axis=0)
    total_zeros = zero.sum(axis=0)
    rest = total - w * finite
    rest_zeros = total_zeros - zero
    gi = spec.group_index if spec.group_index is not None else np.full(J, -1)
    counts = np.ones(J, dtype=bool) if spec.informative is None else spec.informative
    for g in np.unique(gi[gi >= 0]):
        members = np.flatnonzero(gi == g)
        n = int(counts[members].sum())
        group_sum = finite[members].sum(axis=0)
        w_old = float(spec.weight[members[0]])
        # Without an informative member the group is one smaller; an uninformative one was
        # never counted in its size.
        smaller = rules.group_weight(spec.group_rho[members], n - 1)
        w_new = np.where(counts[members], smaller, w_old)[:, None]
        outside = total - w_old * group_sum
        rest[members] = outside + w_new * (group_sum - finite[members])
        rest_zeros[members] = total_zeros - zero[members]  # the zeros of the group stay zeros
    logits = log_prior(spec.prior) + rest
    without = softmax(rules.with_zeros(logits, rest_zeros))
    return point_posterior(spec)[None, :] - without


# Draws x uncertain cells held in memory at once by the sampler (32 MB per array): a case of
# 200 hypotheses x 5,000 items with 10% ranges samples within a few hundred MB.
CHUNK_CELLS = 4_000_000


def sample_conjugate(spec: Spec, n: int, rng: np.random.Generator) -> np.ndarray:
    """n i.i.d. draws of pi(theta) under P(theta | E) by MODEL.md 6a; returns (n, K).

    The marginal P(H | E) picks a hypothesis per draw; the prior is then drawn from its
    Dirichlet updated by that hypothesis, and each uncertain likelihood of the picked
    hypothesis from the two-part mixture Beta(a+1, b) : Beta(a, b) with weights
    r*a/(a+b) : (1-r)*c. Likelihoods of the other hypotheses keep their priors. Fixed cells add
    the same constant to every draw, so only the uncertain cells are drawn, a chunk of draws
    at a time (``CHUNK_CELLS``): memory stays bounded whatever the size of the case.
    """
    K = spec.K
    cred = point_posterior(spec)
    k = rng.choice(K, size=n, p=cred)
    p = prior_given(spec, k, rng)
    logp = log_prior(spec.prior)[None, :] if p is None else log_prior(p)
    unc = spec.uncertain
    with np.errstate(invalid="ignore"):
        constant = np.where(unc, 0.0, log_contributions(spec)).sum(axis=0)
    if not unc.any():
        if spec.alpha is None:
            return np.broadcast_to(cred, (n, K)).copy()
        return softmax(logp + constant)

    # The uncertain cells, column by column (hypothesis-major), so that one reduceat sums them.
    kk, jj = np.nonzero(unc.T)
    starts = np.flatnonzero(np.r_[True, kk[1:] != kk[:-1]])
    cols = kk[starts]
    col_start = np.zeros(K, dtype=np.intp)
    col_count = np.zeros(K, dtype=np.intp)
    col_start[cols] = starts
    col_count[cols] = np.diff(np.r_[starts, kk.size])
    a, b = spec.lik_a[jj, kk], spec.lik_b[jj, kk]
    rel, base, weight = spec.rel[jj], spec.base[jj], spec.weight[jj]
    w_up = rel * a / (a + b)
    w_keep = (1.0 - rel) * base
    with np.errstate(invalid="ignore", divide="ignore"):
        p_up = np.where(w_up + w_keep > 0, w_up / (w_up + w_keep), 1.0)
    mixed, tempered = (rel != 1.0).any(), (weight != 1.0).any()

    out = np.empty((n, K))
    step = max(1, CHUNK_CELLS // kk.size)
    for s in range(0, n, step):
        e = min(n, s + step)
        x = beta_draws(rng, a, b, size=(e - s, kk.size))
        # The picked hypothesis' cells of each draw: redrawn from the conjugate mixture.
        cnt = col_count[k[s:e]]
        ni = np.repeat(np.arange(e - s), cnt)
        nu = col_start[k[s:e]][ni] + np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        up = rng.random(nu.size) < p_up[nu]
        ni, nu = ni[up], nu[up]
        x[ni, nu] = beta_draws(rng, a[nu] + 1.0, b[nu])
        if mixed:  # each cell is an item's own column: (draws, cells, 1) for the rule
            x = rules.effective(x[..., None], rel, base)[..., 0]
        with np.errstate(divide="ignore"):
            np.log(x, out=x)
        if tempered:
            x *= weight
        logits = logp[s:e] + constant if p is not None else np.tile(logp + constant, (e - s, 1))
        logits[:, cols] += np.add.reduceat(x, starts, axis=1)
        out[s:e] = softmax(logits)
    return out


def prior_given(spec: Spec, k: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
    """Draws of the prior from its Dirichlet updated by the picked hypotheses ``k`` (6a.2);
    None for a fixed prior."""
    if spec.alpha is None:
        return None
    shape = np.broadcast_to(spec.alpha, (k.size, spec.K)).copy()
    shape[np.arange(k.size), k] += 1.0
    g = rng.standard_gamma(shape)
    return g / g.sum(axis=1, keepdims=True)


def redraw_picked(rng, lik, lik_a, lik_b, picked, k, rel, base) -> None:
    """The picked hypothesis' uncertain cells from the conjugate mixture (6a.2), in place:
    Beta(a+1, b) : Beta(a, b) with weights r*a/(a+b) : (1-r)*c. ``picked``: (draws, items)."""
    a = lik_a[:, k].T
    b = lik_b[:, k].T
    w_up = rel * a / (a + b)
    w_keep = (1.0 - rel) * base
    with np.errstate(invalid="ignore", divide="ignore"):
        p_up = np.where(w_up + w_keep > 0, w_up / (w_up + w_keep), 1.0)
    up = picked & (rng.random(picked.shape) < p_up)
    ni, nj = np.nonzero(up)
    lik[ni, nj, k[ni]] = beta_draws(rng, a[ni, nj] + 1.0, b[ni, nj])


def beta_draws(rng: np.random.Generator, a, b, size=None) -> np.ndarray:
    """Beta draws kept above 0: a Beta fitted to a range starting near 0 (a << 1) can round
    to exactly 0, which would rule a hypothesis out in that draw."""
    x = np.asarray(rng.beta(a, b, size=size))
    return np.maximum(x, np.finfo(float).tiny, out=x)


def equal_tailed(draws: np.ndarray, prob: float) -> tuple[np.ndarray, np.ndarray]:
    """Equal-tailed credible interval ends along the first axis."""
    tail = (1.0 - prob) / 2.0
    lo, hi = np.quantile(draws, [tail, 1.0 - tail], axis=0)
    return lo, hi
