"""The general engine (MODEL.md 6b): the model in PyMC, sampled by nutpie's NUTS.

The only module that imports pymc, pytensor and nutpie. Compiling is the slow part (seconds),
so a compiled model is kept per *structure* - which inputs are uncertain, how many hypotheses
and items - and every number goes in through ``pm.Data``: an analyst's edit of a value
re-samples without recompiling.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

# PyTensor must never look for a C compiler: most analysts' laptops have none, and with one
# present but no compiled back end wanted, the probe only costs time. Set before any import.
if "cxx=" not in os.environ.get("PYTENSOR_FLAGS", ""):
    _flags = os.environ.get("PYTENSOR_FLAGS", "")
    os.environ["PYTENSOR_FLAGS"] = ",".join(f for f in (_flags, "cxx=") if f)

import nutpie
import pymc as pm
import pytensor.tensor as pt

from beliefwatch.inference import exact, rules
from beliefwatch.inference.control import Cancelled, Progress
from beliefwatch.inference.result import make_result
from beliefwatch.inference.spec import Spec

TUNE = 1000
RHAT_MAX, ESS_MIN = 1.01, 400

_compile_lock = threading.Lock()  # PyTensor compilation is not thread-safe
# Compiled models by structure, least recently used first: each holds an LLVM module of tens of
# MB, so only the last few structures an analyst worked on are kept.
_compiled: OrderedDict[tuple, _Compiled] = OrderedDict()
MAX_COMPILED = 4


@dataclass
class _Compiled:
    model: Any  # nutpie CompiledModel
    cells: tuple[np.ndarray, np.ndarray]  # (j, k) of the uncertain likelihood cells
    own_rel: np.ndarray  # items with an uncertain reliability of their own


def _data_values(spec: Spec, compiled: _Compiled) -> dict[str, np.ndarray]:
    jj, kk = compiled.cells
    live = spec.prior > 0
    values = {
        "prior_central": spec.prior,
        "lik_fixed": spec.lik,
        "lik_a": spec.lik_a[jj, kk],
        "lik_b": spec.lik_b[jj, kk],
        "rel_fixed": spec.rel,
        "base": spec.base,
        "weight": spec.weight,
        "alpha": spec.alpha[live] if spec.alpha is not None else np.ones(int(live.sum())),
        "src_a": spec.source_beta[0],
        "src_b": spec.source_beta[1],
        "own_a": spec.rel_a[compiled.own_rel],
        "own_b": spec.rel_b[compiled.own_rel],
    }
    return values


def build_model(spec: Spec) -> tuple[pm.Model, _Compiled]:
    """The PyMC model of MODEL.md 6b for this case's structure, holding its current values."""
    jj, kk = np.nonzero(spec.uncertain)
    own_rel = np.flatnonzero(spec.rel_uncertain & (spec.rel_source < 0))
    shared_items = np.flatnonzero(spec.rel_source >= 0)
    live = np.flatnonzero(spec.prior > 0)
    holder = _Compiled(None, (jj, kk), own_rel)
    v = _data_values(spec, holder)
    coords = {"hypothesis": spec.hypotheses, "source": spec.shared_sources}
    with pm.Model(coords=coords) as model:
        data = {name: pm.Data(name, value) for name, value in v.items()}
        if spec.alpha is not None:
            p_live = pm.Dirichlet("prior", a=data["alpha"], shape=len(live))
            p = pt.set_subtensor(pt.zeros(spec.K)[live], p_live)
        else:
            p = data["prior_central"]
        lik = data["lik_fixed"]
        if len(jj):
            cells = pm.Beta("likelihood", alpha=data["lik_a"], beta=data["lik_b"], shape=len(jj))
            lik = pt.set_subtensor(lik[jj, kk], cells)
        rel = data["rel_fixed"]
        if len(spec.shared_sources):
            r_src = pm.Beta("reliability", alpha=data["src_a"], beta=data["src_b"], dims="source")
            rel = pt.set_subtensor(rel[shared_items], r_src[spec.rel_source[shared_items]])
        if len(own_rel):
            r_own = pm.Beta("item_reliability", alpha=data["own_a"], beta=data["own_b"],
                            shape=len(own_rel))  # fmt: skip
            rel = pt.set_subtensor(rel[own_rel], r_own)
        eff = rules.effective(lik, rel, data["base"])
        joint = pt.log(p) + (data["weight"][:, None] * pt.log(eff)).sum(axis=0)
        pm.Potential("evidence", pm.math.logsumexp(joint))
        pm.Deterministic("credence", pt.special.softmax(joint), dims="hypothesis")
    return model, holder


def _compiled_for(spec: Spec, progress: Progress | None) -> _Compiled:
    key = spec.structure
    with _compile_lock:
        hit = _compiled.get(key)
        if hit is None:
            if progress:
                progress(0.0, "compiling the model (once per structure)")
            model, hit = build_model(spec)
            hit.model = nutpie.compile_pymc_model(model, freeze_model=False)
            _compiled[key] = hit
            while len(_compiled) > MAX_COMPILED:
                _compiled.popitem(last=False)
        _compiled.move_to_end(key)
    return hit


def prepare(spec: Spec, progress: Progress | None = None) -> bool:
    """Compile the model for this structure ahead of a run; True if it was not cached yet."""
    fresh = spec.structure not in _compiled
    _compiled_for(spec, progress)
    return fresh


def run(
    spec: Spec,
    *,
    draws: int,
    chains: int,
    seed: int | None,
    prob: float,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    tune: int = TUNE,
):
    """Sample P(theta | E) and return a Result with the posterior DataTree and diagnostics."""
    started = time.perf_counter()
    compiled = _compiled_for(spec, progress)
    # Data the graph does not use (say, source reliabilities when none is uncertain) is
    # pruned at compile time and must not be passed back.
    used = {var.name for var in compiled.model.shared_var_keys}
    values = {k: v for k, v in _data_values(spec, compiled).items() if k in used}
    model = compiled.model.with_data(**values)
    compiled_at = time.perf_counter()
    total = chains * (tune + draws)

    def on_progress(chain_progress) -> None:
        if progress is None:
            return
        done = sum(c.finished_draws for c in chain_progress)
        tuning = any(c.tuning for c in chain_progress)
        progress(min(done / total, 1.0), "tuning" if tuning else "sampling")

    sampler = nutpie.sample(
        model,
        draws=draws,
        tune=tune,
        chains=chains,
        cores=min(chains, os.cpu_count() or 1),
        seed=seed,
        progress_bar=False,
        blocking=False,
        progress_callback=on_progress,
        progress_rate=200,
        save_warmup=False,
    )
    while True:
        if cancel is not None and cancel.is_set():
            sampler.cancel()
            raise Cancelled("full update cancelled")
        try:
            tree = sampler.wait(timeout=0.1)
            break
        except TimeoutError:
            continue
    if progress:
        progress(1.0, "done")
    sampled_at = time.perf_counter()

    draws_arr = tree["posterior"]["credence"].transpose("chain", "draw", "hypothesis").values
    flat = draws_arr.reshape(-1, spec.K)
    cred = flat.mean(axis=0)
    lo, hi = exact.equal_tailed(flat, prob)
    diagnostics = _diagnostics(tree, spec)
    diagnostics.update(
        compile_seconds=round(compiled_at - started, 3),
        sampling_seconds=round(sampled_at - compiled_at, 3),
        tune=tune,
    )
    warnings = list(spec.warnings) + _diagnostic_warnings(diagnostics)
    return make_result(
        spec, "pymc", cred, lo, hi, prob, exact.timeline(spec), warnings, draws_arr, seed,
        tree=tree, diagnostics=diagnostics,
    )  # fmt: skip


def _diagnostics(tree, spec: Spec) -> dict[str, Any]:
    from arviz_stats import ess, rhat

    cred = tree["posterior"]["credence"].transpose("chain", "draw", "hypothesis").values
    # A credence that never varies (a ruled-out hypothesis) has no r-hat or ESS to speak of:
    # it is perfectly mixed and every draw counts.
    constant = cred.std(axis=(0, 1)) == 0
    n = cred.shape[0] * cred.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(constant, 1.0, rhat(cred))
        bulk = np.where(constant, n, ess(cred, method="bulk"))
        tail = np.where(constant, n, ess(cred, method="tail", prob=0.05))
    divergences = int(tree["sample_stats"]["diverging"].values.sum())
    return {
        "r_hat": dict(zip(spec.hypotheses, map(float, r), strict=True)),
        "ess_bulk": dict(zip(spec.hypotheses, map(float, bulk), strict=True)),
        "ess_tail": dict(zip(spec.hypotheses, map(float, tail), strict=True)),
        "divergences": divergences,
        "max_r_hat": float(np.nanmax(r)),
        "min_ess_bulk": float(np.nanmin(bulk)),
        "min_ess_tail": float(np.nanmin(tail)),
    }


def _diagnostic_warnings(d: dict[str, Any]) -> list[str]:
    out = []
    if d["max_r_hat"] > RHAT_MAX:
        out.append(
            f"chains disagree (largest r-hat {d['max_r_hat']:.3f} > {RHAT_MAX}): "
            "the intervals may be wrong - run more draws"
        )
    if d["min_ess_bulk"] < ESS_MIN:
        out.append(
            f"few effective draws (smallest bulk ESS {d['min_ess_bulk']:.0f} < {ESS_MIN}): "
            "the credences carry more Monte Carlo error than usual - run more draws"
        )
    if d["divergences"]:
        out.append(
            f"{d['divergences']} divergent transitions: the sampler struggled with this "
            "posterior; treat the intervals with caution"
        )
    return out
