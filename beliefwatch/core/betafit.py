"""Quantile matching: the Beta distribution whose 5% and 95% quantiles are given."""

from __future__ import annotations

import math
from functools import lru_cache

LOWER_Q, UPPER_Q = 0.05, 0.95
# Interval ends at exactly 0 or 1 have no Beta quantile; they are read as "very close to".
EDGE = 1e-3
_Z95 = 1.6448536269514722


def _logit(x: float) -> float:
    return math.log(x / (1 - x))


@lru_cache(maxsize=4096)
def fit_beta(low: float, high: float) -> tuple[float, float]:
    """Return (a, b) with P(X < low) = 5% and P(X < high) = 95% for X ~ Beta(a, b).

    The start point comes from a normal approximation on the logit scale; a Newton-type
    least-squares solve in (log a, log b) then matches both quantiles on the logit scale,
    where the two residuals are of comparable size whatever the interval.
    """
    from scipy.optimize import least_squares
    from scipy.special import betaincinv

    lo = max(low, min(EDGE, high / 2))
    hi = min(high, max(1 - EDGE, (1 + low) / 2))
    if hi <= lo:
        raise ValueError(f"interval [{low}, {high}] has no width")
    target = (_logit(lo), _logit(hi))
    # For Beta(a, b) the logit is roughly normal with mean log(a/b) and variance 1/a + 1/b.
    mu = 0.5 * (target[0] + target[1])
    sd = (target[1] - target[0]) / (2 * _Z95)
    m = 1 / (1 + math.exp(-mu))
    conc = max(1.0 / (sd * sd * m * (1 - m)), 0.5)
    x0 = (math.log(m * conc), math.log((1 - m) * conc))

    def residuals(x):
        a, b = math.exp(x[0]), math.exp(x[1])
        q_lo = min(max(betaincinv(a, b, LOWER_Q), 1e-300), 1 - 1e-16)
        q_hi = min(max(betaincinv(a, b, UPPER_Q), 1e-300), 1 - 1e-16)
        return [_logit(q_lo) - target[0], _logit(q_hi) - target[1]]

    sol = least_squares(residuals, x0, xtol=1e-12, ftol=1e-12, gtol=1e-12)
    a, b = math.exp(sol.x[0]), math.exp(sol.x[1])
    return a, b
