"""One cell the analysts rated differently, pooled by a hierarchical model (docs/team.md).

On the logit scale each analyst's value is the shared value plus that analyst's own noise:

    y_a = mu + e_a + u_a,   e_a ~ N(0, tau^2),   u_a ~ N(0, s_a^2)

where y_a and s_a^2 are the mean and variance of the logit of the analyst's own distribution
(s_a = 0 for a plain number). Weakly informative priors, because a team has two to five
analysts: mu ~ N(0, PRIOR_SD^2) (90% of the shared value between 0.08 and 0.92) and
tau ~ HalfNormal(TAU_SCALE) (analysts rarely differ by more than a couple of units of logit,
e.g. 0.3 against 0.8). tau is integrated out on a grid; given tau the posterior of mu is normal.

The pooled cell is the posterior predictive of the shared value, sigmoid(mu + d) with
d ~ N(0, mean s_a^2) so that a cell keeps the imprecision the analysts themselves gave it; it
is moment-matched to a Beta and written as that Beta's 90% interval, so that the pooled case is
an ordinary case (MODEL.md section 3) for any engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

PRIOR_SD = 1.5
TAU_SCALE = 1.0
# Plain numbers of 0 or 1 have no logit: they are read as this close to the edge.
EDGE = 1e-4
_TAU = np.linspace(1e-3, 6.0, 600)
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(48)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


@dataclass(frozen=True)
class PooledCell:
    mean: float  # of the pooled value, on the probability scale
    sd: float
    a: float  # the moment-matched Beta
    b: float
    low: float  # its 5% and 95% quantiles
    high: float


def logit_moments(low: float, high: float, beta: tuple[float, float] | None) -> tuple[float, float]:
    """Mean and variance of logit(X) for one analyst's value X (a number or a Beta)."""
    if beta is None:
        x = min(max(low, EDGE), 1 - EDGE)
        return math.log(x / (1 - x)), 0.0
    from scipy.special import digamma, polygamma

    a, b = beta
    return float(digamma(a) - digamma(b)), float(polygamma(1, a) + polygamma(1, b))


def posterior_mu(y, s2, tau=_TAU) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights, means, variances) of mu's posterior as a mixture over the ``tau`` grid."""
    y, s2, tau = (np.asarray(v, dtype=float) for v in (y, s2, tau))
    d = tau[:, None] ** 2 + s2[None, :]  # (T, n) each analyst's variance around mu
    prec = 1 / PRIOR_SD**2 + (1 / d).sum(axis=1)
    means = ((y[None, :] / d).sum(axis=1)) / prec
    var = 1 / prec
    # log p(y | tau): y ~ N(0, diag(d) + PRIOR_SD^2 11'), by the determinant lemma and
    # Sherman-Morrison, so no matrix is formed.
    quad = (y[None, :] ** 2 / d).sum(axis=1) - prec * means**2
    logdet = np.log(d).sum(axis=1) + np.log(PRIOR_SD**2 * prec)
    logw = -0.5 * (quad + logdet) - 0.5 * (tau / TAU_SCALE) ** 2
    w = np.exp(logw - logw.max())
    return w / w.sum(), means, var


def pool_cell(values: list[tuple[float, float, tuple[float, float] | None]]) -> PooledCell:
    """Pool the analysts' values (low, high, Beta or None) of one cell."""
    from scipy.special import betaincinv, expit

    moments = [logit_moments(lo, hi, beta) for lo, hi, beta in values]
    y = [m for m, _ in moments]
    s2 = [v for _, v in moments]
    w, means, var = posterior_mu(y, s2)
    sd = np.sqrt(var + float(np.mean(s2)))
    x = expit(means[:, None] + sd[:, None] * _NODES[None, :])  # (T, nodes)
    m1 = float(w @ (x @ _WEIGHTS))
    m2 = float(w @ ((x * x) @ _WEIGHTS))
    v = max(m2 - m1 * m1, 1e-12)
    conc = max(m1 * (1 - m1) / v - 1, 1e-3)
    a, b = m1 * conc, (1 - m1) * conc
    low, high = (float(betaincinv(a, b, q)) for q in (0.05, 0.95))
    return PooledCell(m1, math.sqrt(v), a, b, low, high)
