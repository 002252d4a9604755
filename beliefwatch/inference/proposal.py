"""Proposals for the importance engine: the prior of the uncertain inputs, or a Beta mixture
fitted to their posterior (MODEL.md 6c, "or a better proposal").

The inputs u that the importance engine draws (uncertain reliabilities, uncertain cells of
tempered items) all have Beta priors. Given the hypothesis H_k, P(E, H_k | u) factorises over
sources and items, so the posterior of u is close to a mixture over hypotheses of products of
one-dimensional densities. The fitted proposal is exactly that shape:

    q(u) = delta * prior(u) + (1 - delta) * sum_k P(H_k | E) prod_d Beta(u_d; a_kd, b_kd)

with each Beta moment-matched to the weighted draws of a pilot run, its variance widened (an
importance proposal should have heavier tails than its target), and a cell that H_k does not see
kept at its prior. The defensive share delta of the prior bounds every ratio prior / q by
1 / delta, so a poor fit costs effective draws but never gives unbounded weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

DEFENSIVE = 0.1  # the prior's share of a fitted proposal
# Variance of each fitted Beta relative to the weighted pilot's: 1 + 1 / sqrt(D). Wider is
# safer in one dimension, but the cost of a too-wide proposal multiplies over dimensions.
MIN_MASS = 1e-3  # hypotheses with less posterior mass get no component of their own
_LO, _HI = np.finfo(float).tiny, 1.0 - np.finfo(float).epsneg


@dataclass
class Proposal:
    shares: np.ndarray  # (C,) mixture weights, summing to 1; component 0 is the prior
    a: np.ndarray  # (C, D) Beta parameters per component and input
    b: np.ndarray
    name: str = "prior"

    @classmethod
    def prior(cls, a: np.ndarray, b: np.ndarray) -> Proposal:
        return cls(np.ones(1), a[None, :].astype(float), b[None, :].astype(float))

    @property
    def is_prior(self) -> bool:
        return self.shares.size == 1

    def draw(self, m: int, rng: np.random.Generator) -> np.ndarray:
        """(m, D) draws, kept strictly inside (0, 1)."""
        comp = rng.choice(self.shares.size, size=m, p=self.shares)
        u = rng.beta(self.a[comp], self.b[comp])
        return np.clip(u, _LO, _HI, out=u)

    def log_pdf(self, u: np.ndarray) -> np.ndarray:
        """(m,) log q(u)."""
        log_u, log_1mu = np.log(u), np.log1p(-u)
        per = log_u @ (self.a - 1.0).T + log_1mu @ (self.b - 1.0).T - _log_beta(self.a, self.b)
        per += np.log(self.shares)
        top = per.max(axis=1, keepdims=True)
        return (top + np.log(np.exp(per - top).sum(axis=1, keepdims=True)))[:, 0]


def log_prior_u(proposal: Proposal, u: np.ndarray) -> np.ndarray:
    """(m,) log density of u under the prior (component 0 of any proposal)."""
    a, b = proposal.a[:1], proposal.b[:1]
    return (np.log(u) @ (a - 1.0).T + np.log1p(-u) @ (b - 1.0).T - _log_beta(a, b))[:, 0]


def fit(
    prior: Proposal, u: np.ndarray, weights: np.ndarray, post_u: np.ndarray, sees: np.ndarray
) -> Proposal:
    """A proposal fitted to weighted draws ``u`` (m, D) of the posterior.

    ``weights`` (m,) are normalised importance weights, ``post_u`` (m, K) P(H | E, u) per
    draw, ``sees`` (K, D) whether P(E, H_k | u) depends on input d at all.
    """
    a0, b0 = prior.a[0], prior.b[0]
    mass = weights @ post_u
    shares, comp_a, comp_b = [DEFENSIVE], [a0], [b0]
    for k in np.flatnonzero(mass >= MIN_MASS):
        wk = weights * post_u[:, k]
        wk = wk / wk.sum()
        mean = wk @ u
        var = wk @ np.square(u - mean) * (1.0 + 1.0 / np.sqrt(u.shape[1]))
        a, b = _moment_beta(mean, var)
        shares.append((1.0 - DEFENSIVE) * mass[k])
        comp_a.append(np.where(sees[k], a, a0))
        comp_b.append(np.where(sees[k], b, b0))
    s = np.array(shares)
    return Proposal(s / s.sum(), np.array(comp_a), np.array(comp_b), name="fitted")


def _moment_beta(mean: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Beta parameters with the given means and variances; a variance too large for a Beta
    (or none at all, from a single dominant draw) is brought into range."""
    mean = np.clip(mean, 1e-6, 1 - 1e-6)
    top = mean * (1.0 - mean)
    var = np.clip(var, 1e-4 * top, 0.9 * top)
    strength = top / var - 1.0
    return mean * strength, (1.0 - mean) * strength


def _log_beta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(C,) sum over inputs of log B(a, b) per component."""
    lg = np.vectorize(math.lgamma, otypes=[float])
    return (lg(a) + lg(b) - lg(a + b)).sum(axis=1)
