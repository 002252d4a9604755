"""The exact engine: point update, timeline and the conjugate i.i.d. sampler (MODEL.md 2, 6a)."""

from __future__ import annotations

import numpy as np

from beliefwatch.core.errors import CaseError
from beliefwatch.inference.spec import Spec, effective_likelihood


def log_contributions(spec: Spec, lik=None, rel=None) -> np.ndarray:
    """w_j * log l'_jk for every item and hypothesis, (..., J, K)."""
    with np.errstate(divide="ignore"):
        return spec.weight[:, None] * np.log(effective_likelihood(spec, lik, rel))


def log_prior(prior: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log(prior)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Normalise log-weights along the last axis; rows with no finite entry become NaN."""
    top = logits.max(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore"):
        w = np.exp(logits - top)
        return w / w.sum(axis=-1, keepdims=True)


def point_posterior(spec: Spec) -> np.ndarray:
    """Posterior at the central values: also the exact credence P(H | E) of MODEL.md 6a.1."""
    return timeline(spec)[-1]


def timeline(spec: Spec) -> np.ndarray:
    """(J+1, K): the prior, then the posterior after each item in timeline order."""
    steps = np.vstack([log_prior(spec.prior), log_contributions(spec)])
    post = softmax(np.cumsum(steps, axis=0))
    bad = np.isnan(post).any(axis=1)
    if bad.any():
        j = int(np.argmax(bad)) - 1
        raise CaseError(
            "together with the items before it, leaves no hypothesis possible "
            "(every hypothesis has been ruled out by a likelihood of 0)",
            file=spec.origins[j],
            item=spec.item_label(j),
        )
    return post


def weight_of_evidence(spec: Spec, k: int, m: int) -> np.ndarray:
    """(J,) decibans each item gives hypothesis k over m: 10 log10(l'_jk / l'_jm), tempered."""
    eff = effective_likelihood(spec)
    with np.errstate(divide="ignore", invalid="ignore"):
        return spec.weight * 10.0 * np.log10(eff[:, k] / eff[:, m])


def diagnosticity(spec: Spec) -> np.ndarray:
    """(J,) the largest weight of evidence over pairs of hypotheses (0 = no information)."""
    eff = effective_likelihood(spec)
    with np.errstate(divide="ignore"):
        return spec.weight * 10.0 * np.log10(eff.max(axis=1) / eff.min(axis=1))


def influence(spec: Spec) -> np.ndarray:
    """(J, K) leave-one-out: credence with every item minus credence without item j."""
    contrib = log_contributions(spec)
    ruled_out = np.isinf(contrib)
    finite = np.where(ruled_out, 0.0, contrib)
    # Sums without item j, keeping track of zeros separately so that -inf never meets -inf.
    rest = log_prior(spec.prior) + finite.sum(axis=0) - finite
    zeros_left = ruled_out.sum(axis=0) - ruled_out
    without = softmax(np.where(zeros_left > 0, -np.inf, rest))
    return point_posterior(spec)[None, :] - without


def sample_conjugate(spec: Spec, n: int, rng: np.random.Generator) -> np.ndarray:
    """n i.i.d. draws of pi(theta) under P(theta | E) by MODEL.md 6a; returns (n, K).

    The marginal P(H | E) picks a hypothesis per draw; the prior is then drawn from its
    Dirichlet updated by that hypothesis, and each uncertain likelihood of the picked
    hypothesis from the two-part mixture Beta(a+1, b) : Beta(a, b) with weights
    r*a/(a+b) : (1-r)*c. Likelihoods of the other hypotheses keep their priors.
    """
    K, J = spec.K, spec.J
    cred = point_posterior(spec)
    k = rng.choice(K, size=n, p=cred)
    rows = np.arange(n)

    if spec.alpha is not None:
        shape = np.broadcast_to(spec.alpha, (n, K)).copy()
        shape[rows, k] += 1.0
        g = rng.standard_gamma(shape)
        p = g / g.sum(axis=1, keepdims=True)
    else:
        p = np.broadcast_to(spec.prior, (n, K))

    if J == 0:
        return p.copy() if spec.alpha is not None else np.broadcast_to(cred, (n, K)).copy()

    lik = np.broadcast_to(spec.lik, (n, J, K)).copy()
    jj, kk = np.nonzero(spec.uncertain)
    if jj.size:
        lik[:, jj, kk] = rng.beta(spec.lik_a[jj, kk], spec.lik_b[jj, kk], size=(n, jj.size))
        # The picked hypothesis' uncertain cells: the conjugate mixture component.
        a = spec.lik_a[:, k].T  # (n, J)
        b = spec.lik_b[:, k].T
        unc = spec.uncertain[:, k].T
        w_up = spec.rel * a / (a + b)
        w_keep = (1.0 - spec.rel) * spec.base
        with np.errstate(invalid="ignore", divide="ignore"):
            p_up = np.where(w_up + w_keep > 0, w_up / (w_up + w_keep), 1.0)
        up = unc & (rng.random((n, J)) < p_up)
        ni, nj = np.nonzero(up)
        lik[ni, nj, k[ni]] = rng.beta(a[ni, nj] + 1.0, b[ni, nj])

    logits = log_prior(p) + log_contributions(spec, lik).sum(axis=1)
    return softmax(logits)


def equal_tailed(draws: np.ndarray, prob: float) -> tuple[np.ndarray, np.ndarray]:
    """Equal-tailed credible interval ends along the first axis."""
    tail = (1.0 - prob) / 2.0
    lo, hi = np.quantile(draws, [tail, 1.0 - tail], axis=0)
    return lo, hi
