"""Small solvers for the elicitation fits, in plain Python.

The fits run when a case loads, so before the window shows it: scipy.optimize would cost
0.4 s to import there, and its general solvers ~1 ms a fit of Python overhead on problems of
one or two unknowns.
"""

from __future__ import annotations

import math

_GOLDEN = (math.sqrt(5) - 1) / 2


def newton_2d(residuals, start, steps: int = 60) -> tuple[tuple[float, float], float]:
    """A root of two residuals in two unknowns: damped Newton with a central-difference
    Jacobian. Returns the point and its largest residual (it stops early where it cannot
    improve: the caller decides what is close enough)."""
    x = start
    r = residuals(x)
    err = max(abs(r[0]), abs(r[1]))
    h = 1e-6
    for _ in range(steps):
        if err < 1e-12:
            break
        cols = []
        for i in (0, 1):
            up = (x[0] + h, x[1]) if i == 0 else (x[0], x[1] + h)
            dn = (x[0] - h, x[1]) if i == 0 else (x[0], x[1] - h)
            ru, rd = residuals(up), residuals(dn)
            cols.append(((ru[0] - rd[0]) / (2 * h), (ru[1] - rd[1]) / (2 * h)))
        (j00, j10), (j01, j11) = cols
        det = j00 * j11 - j01 * j10
        if not math.isfinite(det) or det == 0.0:
            break
        dx = ((j11 * r[0] - j01 * r[1]) / det, (-j10 * r[0] + j00 * r[1]) / det)
        step = 1.0
        while step > 1e-4:  # halve the step until the residual shrinks
            trial = (x[0] - step * dx[0], x[1] - step * dx[1])
            rt = residuals(trial)
            et = max(abs(rt[0]), abs(rt[1]))
            if math.isfinite(et) and et < err:
                x, r, err = trial, rt, et
                break
            step /= 2
        else:
            break
    return x, err


def minimize_bounded(f, lo: float, hi: float, tol: float = 1e-9) -> float:
    """The minimiser of a unimodal ``f`` on [lo, hi], by golden-section search to ``tol``."""
    a, b = lo, hi
    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    fc, fd = f(c), f(d)
    while b - a > tol:
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - _GOLDEN * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + _GOLDEN * (b - a)
            fd = f(d)
    return (a + b) / 2
