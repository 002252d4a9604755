"""The general engine (MODEL.md 6b): the model in PyMC, sampled by nutpie's NUTS.

The only module that imports pymc, pytensor and nutpie. Compiling is the slow part: the log
density and its gradient are compiled by PyTensor's Numba back end, which keeps them on disk
(a new process loads them in about a second), and nutpie calls them from Python; nutpie's own
C callback is re-optimised by LLVM in every process (25-40 s on the example). The model is
compiled at *padded* sizes (``Spec.structure``) and every value and switch goes in through
``pm.Data``: an item, a hypothesis or a range added inside the bucket needs no new compile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

# PyTensor must never look for a C compiler: most analysts' laptops have none, and with one
# present but no compiled back end wanted, the probe only costs time. Set before any import.
if "cxx=" not in os.environ.get("PYTENSOR_FLAGS", ""):
    _flags = os.environ.get("PYTENSOR_FLAGS", "")
    os.environ["PYTENSOR_FLAGS"] = ",".join(f for f in (_flags, "cxx=") if f)

import nutpie
import pymc as pm
import pytensor
import pytensor.tensor as pt
from nutpie.compile_pymc import _make_functions, _prepare_dims_and_coords
from nutpie.compiled_pyfunc import from_pyfunc
from pymc.initial_point import make_initial_point_fn

from beliefwatch.inference import exact, rules
from beliefwatch.inference.control import Cancelled, Progress
from beliefwatch.inference.result import make_result
from beliefwatch.inference.spec import Spec

# A desktop bundle ships compiled models (packaging/build.sh, entry.py) to seed the cache with.
FROZEN = getattr(sys, "frozen", False)
TUNE = 1000
RHAT_MAX, ESS_MIN = 1.01, 400

_compile_lock = threading.Lock()  # PyTensor compilation is not thread-safe
# Compiled models by size bucket (Spec.structure), least recently used first: each holds an
# LLVM module of tens of MB; an analyst's case rarely leaves its bucket.
_compiled: OrderedDict[tuple, Any] = OrderedDict()  # structure -> nutpie PyFuncModel
MAX_COMPILED = 4


def _padded(values: np.ndarray, shape: tuple[int, ...], fill: float) -> np.ndarray:
    out = np.full(shape, fill, dtype=float)
    out[tuple(slice(0, n) for n in values.shape)] = values
    return out


def _random_cells(spec: Spec) -> tuple[np.ndarray, np.ndarray]:
    """(j, k) of the uncertain likelihood cells of live hypotheses (a dead column's cells
    change no credence), in the order of the engine's "likelihood" variable."""
    return np.nonzero(spec.uncertain & spec.live[None, :])


def _own_reliabilities(spec: Spec) -> np.ndarray:
    return np.flatnonzero(spec.rel_uncertain & (spec.rel_source < 0))


def _data_values(spec: Spec, structure: tuple | None = None) -> dict[str, np.ndarray]:
    """Every number and every switch of the case, padded to its bucket's sizes.

    Unused slots are inert: a padded hypothesis is not live (credence exactly 0, no part of
    the evidence); a padded item has weight 0 and likelihood 1; a padded cell or reliability
    writes into a scratch row that is dropped; a padded source serves no item. Their random
    variables are sampled from a Beta(1, 1) or Gamma prior that nothing reads, so the
    posterior of everything real is the unpadded model's.
    """
    Kb, Jb, Sb, Nb, Ob = structure or spec.structure
    K, S = spec.K, len(spec.shared_sources)
    live = np.zeros(Kb)
    live[:K] = spec.live
    jj, kk = _random_cells(spec)
    own = _own_reliabilities(spec)
    src_a, src_b = np.ones(Sb), np.ones(Sb)
    src_a[:S], src_b[:S] = spec.source_beta
    alpha = np.ones(Kb)
    if spec.alpha is not None:
        alpha[:K] = np.where(spec.live, spec.alpha, 1.0)
    index = {"dtype": np.int64}
    return {
        "live": live,
        "prior_central": _padded(spec.prior, (Kb,), 0.0),
        "prior_random": np.array(float(spec.alpha is not None)),
        "alpha": alpha,
        "lik_fixed": _padded(np.where(spec.live, spec.lik, 1.0), (Jb, Kb), 1.0),
        "cell_j": _padded(jj, (Nb,), Jb).astype(**index),  # Jb: the scratch row
        "cell_k": _padded(kk, (Nb,), 0).astype(**index),
        "lik_a": _padded(spec.lik_a[jj, kk], (Nb,), 1.0),
        "lik_b": _padded(spec.lik_b[jj, kk], (Nb,), 1.0),
        "rel_fixed": _padded(spec.rel, (Jb,), 1.0),
        "base": _padded(spec.base, (Jb,), 1.0),
        "weight": _padded(spec.weight, (Jb,), 0.0),
        "own_item": _padded(own, (Ob,), Jb).astype(**index),
        "own_a": _padded(spec.rel_a[own], (Ob,), 1.0),
        "own_b": _padded(spec.rel_b[own], (Ob,), 1.0),
        "src_random": _padded((spec.rel_source >= 0).astype(float), (Jb,), 0.0),
        "src_index": _padded(np.maximum(spec.rel_source, 0), (Jb,), 0.0).astype(**index),
        "src_a": src_a,
        "src_b": src_b,
    }


def build_model(spec: Spec, structure: tuple | None = None) -> pm.Model:
    """The PyMC model of MODEL.md 6b at this case's padded sizes, holding its current values.

    The uncertain cells and item reliabilities are vectors scattered into the item rows by
    index arrays (data), and a shared source's reliability is picked by a 0/1 switch: which
    inputs are uncertain is data too. ``structure``: sizes to pad to other than the case's own.
    """
    Kb, Jb, Sb, Nb, Ob = structure = structure or spec.structure
    with pm.Model() as model:
        values = _data_values(spec, structure)
        d = {name: pm.Data(name, value) for name, value in values.items()}
        live = d["live"] > 0
        # Independent Gammas normalised over the live slots are Dirichlet(live alphas), and a
        # padded slot stays independent of everything (a padded Dirichlet coupled it to the
        # live ones through the simplex and doubled NUTS's steps per draw).
        g = pm.Gamma("prior", alpha=d["alpha"], beta=1.0, shape=Kb)
        p_live = g * d["live"] / (g * d["live"]).sum()
        p = pt.switch(d["prior_random"] > 0, p_live, d["prior_central"])
        cells = pm.Beta("likelihood", alpha=d["lik_a"], beta=d["lik_b"], shape=Nb)
        scratch = pt.concatenate([d["lik_fixed"], pt.ones((1, Kb))])  # row Jb takes padding
        lik = pt.set_subtensor(scratch[d["cell_j"], d["cell_k"]], cells)[:Jb]
        r_own = pm.Beta("item_reliability", alpha=d["own_a"], beta=d["own_b"], shape=Ob)
        rel = pt.concatenate([d["rel_fixed"], pt.ones(1)])
        rel = pt.set_subtensor(rel[d["own_item"]], r_own)[:Jb]
        r_src = pm.Beta("reliability", alpha=d["src_a"], beta=d["src_b"], shape=Sb)
        rel = pt.switch(d["src_random"] > 0, r_src[d["src_index"]], rel)
        eff = rules.effective(lik, rel, d["base"])
        evidence = (d["weight"][:, None] * pt.log(eff)).sum(axis=0)
        # log(1) where dead keeps the gradient finite; the switch then rules the slot out.
        joint = pt.switch(live, pt.log(pt.switch(live, p, 1.0)) + evidence, -np.inf)
        pm.Potential("evidence", pm.math.logsumexp(joint))
        pm.Deterministic("credence", pt.special.softmax(joint))
    return model


class _Functions:
    """The model's log density with its gradient, and its expansion to every variable of the
    trace: PyTensor functions compiled by Numba (``logp_fn``, ``expand_fn``), called by nutpie
    from Python (~20 us a call on the example, so the Python hop costs little)."""

    def __init__(self, logp_pt, expand_pt, names: list[str], shapes: list[tuple]) -> None:
        self.logp_fn, self.expand_fn = logp_pt.vm.jit_fn, expand_pt.vm.jit_fn
        self.logp_names = [v.name for v in logp_pt.get_shared()]
        self.expand_names = [v.name for v in expand_pt.get_shared()]
        self.names, self.shapes = names, shapes

    def logp(self, x: np.ndarray, **shared) -> tuple[float, np.ndarray]:
        value, grad = self.logp_fn(x, *[shared[n] for n in self.logp_names])
        return float(value), np.asarray(grad, dtype="float64", order="C")

    def expand(self, x: np.ndarray, **shared) -> dict[str, np.ndarray]:
        values = self.expand_fn(x, *[shared[n] for n in self.expand_names])
        return {
            name: np.asarray(v, dtype="float64", order="C").reshape(shape)
            for name, v, shape in zip(self.names, values, self.shapes, strict=True)
        }

    def make_logp(self):
        return self.logp

    def make_expand(self, _seed1, _seed2, _chain):  # the expansion draws nothing at random
        return self.expand


def _compile(model: pm.Model, data: dict[str, np.ndarray]):
    """The model as a nutpie model over :class:`_Functions`, each compiled - or loaded from
    PyTensor's disk cache - here rather than in the middle of the first run."""
    start = make_initial_point_fn(
        model=model, default_strategy="support_point", jitter_rvs=set(model.free_RVs),
        return_transformed=True,
    )  # fmt: skip
    lock = threading.Lock()  # nutpie asks for starting points from several chain threads

    def initial_point(seed):
        with lock:
            return start(seed)

    n_dim, _, logp_pt, expand_pt, flat_start, shape_info, reparameterized = _make_functions(
        model, mode="NUMBA", compute_grad=True, join_expanded=False,
        pymc_initial_point_fn=initial_point,
    )  # fmt: skip
    names, _, shapes = shape_info
    functions = _Functions(logp_pt, expand_pt, names, shapes)
    dims, coords = _prepare_dims_and_coords(model, shape_info, reparameterized)
    shared = {name: np.asarray(v) for name, v in data.items()}
    # Numba compiles on the first call for the argument types: make it happen now, with the
    # types every later call passes.
    x = flat_start(0)
    functions.logp(x, **shared)
    functions.expand(x, **shared)
    return from_pyfunc(
        ndim=n_dim, make_logp_fn=functions.make_logp, make_expand_fn=functions.make_expand,
        make_initial_point_fn=flat_start, expanded_dtypes=[np.dtype("float64")] * len(names),
        expanded_shapes=shapes, expanded_names=names, dims=dims, coords=coords,
        shared_data=shared, reparameterized_names=reparameterized,
    )  # fmt: skip


def _seed_cache(shipped: Path, target: Path) -> None:
    """Copy the bundle's compiled models into PyTensor's cache, where the user has none."""
    if not shipped.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    for f in shipped.iterdir():
        if not (target / f.name).exists():
            shutil.copyfile(f, target / f.name)


def _compiled_for(spec: Spec, progress: Progress | None, structure: tuple | None = None):
    key = structure or spec.structure
    with _compile_lock:
        hit = _compiled.get(key)
        if hit is None:
            if FROZEN and not _compiled:
                with contextlib.suppress(OSError):  # unwritable: it only costs the compile
                    _seed_cache(Path(sys._MEIPASS) / "beliefwatch" / "numba-cache",
                                Path(pytensor.config.base_compiledir) / "numba")  # fmt: skip
            if progress:
                progress(0.0, "compiling the model (once per size of case)")
            hit = _compile(build_model(spec, key), _data_values(spec, key))
            _compiled[key] = hit
            while len(_compiled) > MAX_COMPILED:
                _compiled.popitem(last=False)
        _compiled.move_to_end(key)
    return hit


def prepare(spec: Spec, progress: Progress | None = None, structure: tuple | None = None) -> bool:
    """Compile the model for this case's size bucket (or ``structure``) ahead of a run; True
    if it was new."""
    fresh = (structure or spec.structure) not in _compiled
    _compiled_for(spec, progress, structure)
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
    model = compiled.with_data(**_data_values(spec))
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
        cores=1,  # each gradient is a Python call under the GIL: more threads only contend
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
    tree["posterior"] = _unpadded(tree["posterior"].to_dataset(), spec)

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


def _unpadded(post, spec: Spec):
    """The posterior as the unpadded model would give it: the case's hypotheses (named), its
    live prior weights, its uncertain cells and reliabilities; no padding slot."""
    import xarray as xr

    K, S = spec.K, len(spec.shared_sources)
    coords = {"chain": post["chain"], "draw": post["draw"], "hypothesis": spec.hypotheses,
              "source": spec.shared_sources}  # fmt: skip
    out = xr.Dataset(coords=coords)

    def put(name: str, dim: str, values: np.ndarray) -> None:
        out[name] = (("chain", "draw", dim), values)

    put("credence", "hypothesis", post["credence"].values[..., :K])
    if spec.alpha is not None:
        p = post["prior"].values[..., :K][..., spec.prior > 0]
        put("prior", "prior_dim_0", p / p.sum(axis=-1, keepdims=True))
    n_cells = len(_random_cells(spec)[0])
    if n_cells:
        put("likelihood", "likelihood_dim_0", post["likelihood"].values[..., :n_cells])
    if S:
        put("reliability", "source", post["reliability"].values[..., :S])
    n_own = len(_own_reliabilities(spec))
    if n_own:
        put("item_reliability", "item_reliability_dim_0",
            post["item_reliability"].values[..., :n_own])  # fmt: skip
    out.attrs.update(post.attrs)
    return out


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
