"""Pareto-smoothed importance sampling (PSIS) and its diagnostic, in NumPy.

Vehtari, Simpson, Gelman, Yao and Gabry, "Pareto smoothed importance sampling" (JMLR 2024):
the largest M = min(n / 5, 3 sqrt(n)) importance ratios are replaced by the expected order
statistics of a generalized Pareto distribution fitted to them, and the fitted shape k-hat says
whether the ratios have a finite variance in practice (k-hat <= 0.7 for n in the thousands).

This follows arviz-stats' ``psislw`` step for step (a test compares the two). It is written out
here because importing arviz-stats costs about 2.5 s, longer than the whole update it serves.
"""

from __future__ import annotations

import math

import numpy as np

K_MAX = 0.7  # above this k-hat the smoothed estimate is not trusted (Vehtari et al. 2024)


def psis(log_ratios: np.ndarray) -> tuple[np.ndarray, float]:
    """Smoothed, normalised weights (summing to 1) and k-hat for log importance ratios (n,).

    k-hat is -inf when the largest ratios are all equal (bounded weights, nothing to fit) and
    +inf when no tail can be fitted: too few draws have any weight at all, or a quarter of the
    tail ties at its bottom (a few draws hold the weight). arviz-stats gives NaN there.
    """
    lw = np.asarray(log_ratios, dtype=float)
    n = lw.size
    top = lw.max(initial=-np.inf)
    if not np.isfinite(top):
        return np.full(n, 1.0 / max(n, 1)), math.inf
    lw = lw - top
    m = math.floor(3.0 * math.sqrt(n)) if n > 225 else n // 5
    khat = -math.inf
    if m >= 5:
        order = np.argsort(lw, kind="stable")
        tail_ids = order[n - m :]
        tail = lw[tail_ids]
        cutoff = lw[order[n - m - 1]]
        if not np.isfinite(cutoff):
            khat = math.inf  # more than n - m draws have no weight: nothing to smooth
        elif tail[-1] - tail[0] > np.finfo(float).tiny:
            exp_cut = math.exp(cutoff)
            khat, sigma = _gpdfit(np.exp(tail) - exp_cut)
            if np.isfinite(khat):
                p = np.arange(0.5, m) / m
                with np.errstate(divide="ignore", invalid="ignore"):
                    smoothed = np.log(_gpinv(p, khat, sigma, exp_cut))
                if np.isfinite(smoothed).all():
                    lw = lw.copy()
                    lw[tail_ids] = np.minimum(smoothed, tail[-1])
    w = np.exp(lw)
    return w / w.sum(), float(khat)


def ess(weights: np.ndarray) -> float:
    """Effective sample size of normalised weights: 1 / sum(w^2)."""
    return float(1.0 / np.square(weights).sum())


def mcse(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Monte Carlo standard error of the self-normalised weighted mean of each column of
    ``values`` (n, K): sqrt(sum w^2 (h - mean)^2) (the delta method, Owen 2013 ch. 9)."""
    mean = weights @ values
    return np.sqrt(np.square(weights) @ np.square(values - mean))


def _gpdfit(x: np.ndarray) -> tuple[float, float]:
    """Generalized Pareto (k, sigma) for sorted exceedances x >= 0: Zhang and Stephens' (2009)
    empirical Bayes estimate with the weakly informative prior on k of Vehtari et al. (2024)."""
    n = x.size
    prior_bs, prior_k = 3.0, 10.0
    m_est = 30 + int(n**0.5)
    xstar = x[int(n / 4 + 0.5) - 1]  # the first quartile
    if xstar <= x[0]:
        return math.inf, math.nan
    b = 1.0 - np.sqrt(m_est / (np.arange(1, m_est + 1) - 0.5))
    b /= prior_bs * xstar
    b += 1.0 / x[-1]
    k = np.log1p(-b[:, None] * x).mean(axis=1)
    len_scale = n * (np.log(-b / k) - k - 1.0)
    w_theta = np.exp(len_scale - len_scale.max())
    w_theta /= w_theta.sum()
    keep = w_theta >= 10 * np.finfo(float).eps
    w_theta, b = w_theta[keep], b[keep]
    w_theta /= w_theta.sum()
    b_post = float(w_theta @ b)
    kappa = float(np.log1p(-b_post * x).mean())
    sigma = -kappa / b_post
    kappa = (n * kappa + prior_k * 0.5) / (n + prior_k)
    if math.isnan(kappa):
        return math.inf, math.nan
    return kappa, sigma


def _gpinv(p: np.ndarray, k: float, sigma: float, mu: float) -> np.ndarray:
    """Quantiles of the generalized Pareto distribution."""
    if not sigma > 0:
        return np.full_like(p, np.nan)
    if k == 0:
        return mu - sigma * np.log1p(-p)
    return mu + sigma * np.expm1(-k * np.log1p(-p)) / k
