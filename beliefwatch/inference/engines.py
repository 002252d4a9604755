"""``update``: pick the cheapest engine whose diagnostic passes, run it, return a Result.

"auto" (MODEL.md 6): exact (6a) when the case is conjugate or has no uncertain inputs; else
importance sampling (6c) when its Pareto k-hat and effective sample size pass; else PyMC (6b).
Every result names the engine that produced it and the figures that made it trusted.
"""

from __future__ import annotations

import threading

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.inference import exact, trust
from beliefwatch.inference.control import Progress
from beliefwatch.inference.result import Result, make_result
from beliefwatch.inference.spec import Spec, build_spec

ENGINES = ("auto", "exact", "importance", "pymc")
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

    ``engine``: "auto" (see the module's docstring), or one engine forced: "exact" (6a; on a
    case that is not conjugate it cannot run, and importance sampling answers under its own
    name), "importance" (6c, kept with a warning when its diagnostic fails) or "pymc" (6b).
    ``draws`` x ``chains`` is PyMC's sample size and the importance engine's batch (it adds
    batches until trusted and precise). ``progress(fraction, message)`` may be called from
    this thread; set ``cancel`` to stop a long run (raises :class:`Cancelled`).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if not 0 < prob < 1:
        raise ValueError(f"interval probability must be in (0, 1), got {prob}")
    if draws < 1 or chains < 1:
        raise ValueError("draws and chains must be at least 1")
    spec = build_spec(case)
    chosen = choose_engine(spec, engine)
    fallback = None
    if chosen == "exact":
        return run_exact(spec, draws=draws, chains=chains, seed=seed, prob=prob)
    if chosen == "importance":
        result = run_importance(spec, draws=draws, chains=chains, seed=seed, prob=prob)
        if engine == "exact":
            result.diagnostics["requested"] = "exact"
        if engine != "auto" or result.diagnostics["trusted"]:
            return result
        fallback = result.diagnostics
    result = run_pymc(spec, draws=draws, chains=chains, seed=seed, prob=prob,
                      progress=progress, cancel=cancel)  # fmt: skip
    if fallback is not None:
        result.diagnostics["importance"] = {
            k: fallback[k] for k in ("pareto_k", "ess", "draws", "proposal", "criteria")
        }
    return result


def choose_engine(spec: Spec, engine: str = "auto") -> str:
    """The engine ``update`` tries first: "exact" where MODEL.md 6a applies (or nothing is
    uncertain), "importance" for any other case unless "pymc" is asked for. Under "auto" an
    importance estimate that fails its diagnostic goes on to PyMC."""
    if engine == "pymc":
        return "pymc"
    if engine in ("auto", "exact") and (spec.conjugate or not spec.has_uncertainty):
        return "exact"
    return "importance"


def run_exact(spec: Spec, *, draws: int, chains: int, seed: int | None, prob: float) -> Result:
    """MODEL.md 6a, or - for a case that is not conjugate - a fixed budget of draws x chains
    importance draws (no growing: the window calls this on every edit), named as such."""
    if not (spec.conjugate or not spec.has_uncertainty):
        return run_importance(spec, draws=draws, chains=chains, seed=seed, prob=prob, grow=False)
    warnings = list(spec.warnings)
    steps = exact.timeline(spec)
    cred = steps[-1]
    samples = None
    diagnostics: dict = {"trusted": True, "criteria": trust.exact_criteria(spec)}
    if not spec.has_uncertainty:
        lo = hi = cred
        diagnostics["method"] = "point"
    else:
        rng = np.random.default_rng(seed)
        samples = exact.sample_conjugate(spec, draws * chains, rng).reshape(chains, draws, spec.K)
        lo, hi = exact.equal_tailed(samples.reshape(-1, spec.K), prob)
        diagnostics.update(method="conjugate", ess=float(draws * chains))
    return make_result(
        spec, "exact", cred, lo, hi, prob, steps, warnings, samples, seed, diagnostics=diagnostics
    )


def run_importance(
    spec: Spec, *, draws: int, chains: int, seed: int | None, prob: float, grow: bool = True
) -> Result:
    """MODEL.md 6c: batches of draws x chains until trusted and precise (``grow``), or one."""
    from beliefwatch.inference import importance
    from beliefwatch.inference.psis import K_MAX

    rng = np.random.default_rng(seed)
    est = importance.estimate(spec, rng, batch=draws * chains, grow=grow)
    w = est.draws
    ess = w.ess
    cred = np.clip(w.credence / w.credence.sum(), 0.0, 1.0)
    criteria = trust.importance_criteria(w.khat, ess, importance.MIN_ESS, K_MAX)
    diagnostics = {
        "pareto_k": trust.reported_k(w.khat),
        "ess": round(ess, 1),
        "draws": w.n,
        "pilot_draws": est.pilot_draws,
        "proposal": est.proposal,
        "mcse": round(float(w.mcse.max()), 5),
        "trusted": est.trusted,
        "criteria": criteria,
        "not_exact": trust.not_conjugate_because(spec),
    }
    if not grow:
        # A preview on every edit: one batch, too small to reach the ESS bar by design.
        diagnostics["preview"] = True
    warnings = list(spec.warnings)
    samples = None
    if ess >= importance.SHOWN_ESS:
        lo, hi = importance.weighted_equal_tailed(w.pi, w.weights, prob)
        samples = importance.resample(w.pi, w.weights, rng, draws * chains)
        samples = samples.reshape(chains, draws, spec.K)
    else:
        lo = hi = np.full(spec.K, np.nan)
        warnings.append(
            f"only {ess:.0f} effective draws of {w.n}: the interval needs a full update "
            "(F5, or --engine pymc)"
        )
    if grow and not est.trusted and ess >= importance.SHOWN_ESS:
        warnings.append(
            f"importance sampling not trusted ({criteria}): check with a full update "
            "(F5, or --engine pymc)"
        )
    return make_result(
        spec, "importance", cred, lo, hi, prob, exact.timeline(spec), warnings, samples, seed,
        diagnostics=diagnostics,
    )  # fmt: skip


def run_pymc(spec: Spec, *, progress=None, cancel=None, **kw) -> Result:
    from beliefwatch.inference import pymc_engine

    result = pymc_engine.run(spec, progress=progress, cancel=cancel, **kw)
    d = result.diagnostics
    d.update(trusted=trust.pymc_trusted(d), criteria=trust.pymc_criteria(d))
    return result
