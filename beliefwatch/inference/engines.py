"""``update``: pick an engine, run it, return a :class:`Result`."""

from __future__ import annotations

import threading

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import exact
from beliefwatch.inference.control import Progress
from beliefwatch.inference.result import Result, make_result
from beliefwatch.inference.spec import Spec, build_spec

ENGINES = ("auto", "exact", "pymc")
DEFAULT_SEED = 20250408  # reproducible by default; the result and report state the seed
DEFAULT_DRAWS = 1000  # per chain
DEFAULT_CHAINS = 4


def update(
    case: Case,
    engine: str = "auto",
    *,
    draws: int = DEFAULT_DRAWS,
    chains: int = DEFAULT_CHAINS,
    seed: int | None = DEFAULT_SEED,
    prob: float = 0.9,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """Update the case's credences.

    ``engine``: "exact" (MODEL.md 6a), "pymc" (6b) or "auto" (exact when the case is
    conjugate). ``draws`` is per chain. ``progress(fraction, message)`` may be called from
    this thread; set ``cancel`` to stop a long run (raises :class:`Cancelled`).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if not 0 < prob < 1:
        raise ValueError(f"interval probability must be in (0, 1), got {prob}")
    if draws < 1 or chains < 1:
        raise ValueError("draws and chains must be at least 1")
    spec = build_spec(case)
    if choose_engine(spec, engine) == "pymc":
        from beliefwatch.inference import pymc_engine

        return pymc_engine.run(
            spec, draws=draws, chains=chains, seed=seed, prob=prob,
            progress=progress, cancel=cancel,
        )  # fmt: skip
    return run_exact(spec, draws=draws, chains=chains, seed=seed, prob=prob)


def choose_engine(spec: Spec, engine: str = "auto") -> str:
    """The engine ``update`` runs: "auto" is exact when MODEL.md 6a applies, else pymc."""
    if engine != "auto":
        return engine
    return "exact" if spec.conjugate or not spec.has_uncertainty else "pymc"


def run_exact(spec: Spec, *, draws: int, chains: int, seed: int | None, prob: float) -> Result:
    warnings = list(spec.warnings)
    steps = exact.timeline(spec)
    cred = steps[-1]
    samples = None
    diagnostics: dict = {}
    if not spec.has_uncertainty:
        lo = hi = cred
    elif spec.conjugate:
        rng = np.random.default_rng(seed)
        samples = exact.sample_conjugate(spec, draws * chains, rng).reshape(chains, draws, spec.K)
        lo, hi = exact.equal_tailed(samples.reshape(-1, spec.K), prob)
        diagnostics = {"method": "conjugate", "ess": float(draws * chains)}
    else:
        from beliefwatch.inference import importance

        rng = np.random.default_rng(seed)
        weighted = importance.sample(spec, draws * chains, rng)
        cred = np.clip(weighted.credence / weighted.credence.sum(), 0.0, 1.0)
        diagnostics = {"method": "importance", "ess": round(weighted.ess, 1)}
        if weighted.ess >= importance.MIN_ESS:
            lo, hi = importance.weighted_equal_tailed(weighted.pi, weighted.weights, prob)
            resampled = importance.resample(weighted.pi, weighted.weights, rng)
            samples = resampled.reshape(chains, draws, spec.K)
        else:
            lo = hi = np.full(spec.K, np.nan)
            warnings.append(
                f"only {weighted.ess:.0f} effective draws of {draws * chains}: the "
                "interval needs a full update (F5)"
            )
    return make_result(
        spec, "exact", cred, lo, hi, prob, steps, warnings, samples, seed, diagnostics=diagnostics
    )
