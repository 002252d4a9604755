"""Quantile matching: the Beta distribution whose 5% and 95% quantiles are given."""

from __future__ import annotations

import math
from functools import lru_cache

from beliefwatch.core.solvers import newton_2d

LOWER_Q, UPPER_Q = 0.05, 0.95
# Interval ends at exactly 0 or 1 have no Beta quantile; they are read as "very close to":
# EDGE, or half the other end where that is closer. Any other end is fitted as typed, however
# small: a rule-out item [1e-4, 0.01] must stay one.
EDGE = 1e-3
# Below this an end is beyond what the quantile solve (and anyone's judgement) resolves.
FLOOR = 1e-9
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
    lo = min(EDGE, high / 2) if low <= 0.0 else max(low, FLOOR)
    hi = max(1 - EDGE, (1 + low) / 2) if high >= 1.0 else min(high, 1 - FLOOR)
    if hi <= lo:
        raise ValueError(f"interval [{low}, {high}] has no width")
    if lo + hi > 1.0:
        # Quantiles near 1 lose their digits to rounding (1 - 1e-9 has few left); near 0
        # they keep them. X ~ Beta(a, b) iff 1 - X ~ Beta(b, a): solve the mirror image.
        b, a = _solve(1.0 - hi, 1.0 - lo)
        return a, b
    return _solve(lo, hi)


def _solve(lo: float, hi: float) -> tuple[float, float]:
    from scipy.special import betaincinv

    target = (_logit(lo), _logit(hi))
    # For Beta(a, b) the logit is roughly normal with mean log(a/b) and variance 1/a + 1/b.
    mu = 0.5 * (target[0] + target[1])
    sd = (target[1] - target[0]) / (2 * _Z95)
    m = 1 / (1 + math.exp(-mu))
    conc = max(1.0 / (sd * sd * m * (1 - m)), 0.5)
    x0 = (math.log(m * conc), math.log((1 - m) * conc))

    def residuals(x) -> tuple[float, float]:
        a, b = math.exp(x[0]), math.exp(x[1])
        q_lo = min(max(float(betaincinv(a, b, LOWER_Q)), 1e-300), 1 - 1e-16)
        q_hi = min(max(float(betaincinv(a, b, UPPER_Q)), 1e-300), 1 - 1e-16)
        return _logit(q_lo) - target[0], _logit(q_hi) - target[1]

    best = None
    # The normal approximation is a poor start for very wide, U-shaped fits: then the solve
    # is retried from Beta(1, 1) and from smaller shapes, keeping the closest match.
    for start in (x0, (0.0, 0.0), (-1.0, -1.0), (-2.0, -2.0)):
        x, err = newton_2d(residuals, start)
        if best is None or err < best[0]:
            best = (err, x)
        if err < 1e-10:
            break
    if best[0] >= 1e-7:  # Newton did not settle: the general least-squares solve decides
        best = _least_squares(residuals, x0)
    a, b = math.exp(best[1][0]), math.exp(best[1][1])
    return a, b


def _least_squares(residuals, x0) -> tuple[float, tuple[float, float]]:
    from scipy.optimize import least_squares

    best = None
    for start in (x0, (0.0, 0.0), (-1.0, -1.0), (-2.0, -2.0)):
        sol = least_squares(residuals, start, xtol=1e-12, ftol=1e-12, gtol=1e-12)
        err = float(max(abs(r) for r in sol.fun))
        if best is None or err < best[0]:
            best = (err, (float(sol.x[0]), float(sol.x[1])))
        if err < 1e-7:
            break
    return best
