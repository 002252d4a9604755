"""Benchmark of the PyMC engine (issue 3): naive pm.sample() against the engine as tuned.

One process, one model: the bundled example with one source of uncertain reliability shared
by three reports. Prints wall time, the smallest bulk ESS over the credences, ESS per second
and the ratios. Run with `make bench-pymc` (a few minutes; the first compile dominates).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import beliefwatch as bw
from beliefwatch.core.elicitation import parse_likelihood
from beliefwatch.examples import example_files
from beliefwatch.inference import pymc_engine
from beliefwatch.inference.spec import build_spec
from tests.cases import with_shared_source


def min_bulk_ess(tree, k: int) -> float:
    """The smallest bulk ESS over the case's k credences (pm.sample on the engine's padded
    model returns its padded slots too, unnamed, and those are exactly 0)."""
    from arviz_stats import ess

    cred = tree["posterior"]["credence"]
    dims = [d for d in cred.dims if d not in ("chain", "draw")]
    values = cred.transpose("chain", "draw", *dims).values[..., :k]
    return float(ess(values, method="bulk").min())


def case():
    c = bw.load_case(*example_files())
    reports = ["troops-15000", "ditch", "yalu-bridge-resumes"]
    return with_shared_source(c, "shaky", [0.3, 0.9], reports)


def main() -> None:
    import pymc as pm

    rows = []
    spec = build_spec(case())

    model = pymc_engine.build_model(spec)
    for label, kwargs in [
        ("pm.sample() defaults", {}),
        ("pm.sample(nuts_sampler='pymc')", {"nuts_sampler": "pymc"}),
    ]:
        t = time.perf_counter()
        with model:
            tree = pm.sample(random_seed=1, progressbar=False, **kwargs)
        rows.append((label, time.perf_counter() - t, min_bulk_ess(tree, spec.K)))

    t = time.perf_counter()
    r = bw.update(case(), engine="pymc", seed=1)
    rows.append(("engine: first run in this process", time.perf_counter() - t,
                 r.diagnostics["min_ess_bulk"]))  # fmt: skip

    edited = case()
    edited.item("troops-15000").likelihoods["rogue-ally"] = parse_likelihood(0.45)
    edited.item("kcna-polices-beijing").likelihoods["rogue-ally"] = parse_likelihood([0.6, 0.9])
    t = time.perf_counter()
    r = bw.update(edited, engine="pymc", seed=2)
    rows.append(("engine: re-run after a value edit", time.perf_counter() - t,
                 r.diagnostics["min_ess_bulk"]))  # fmt: skip

    base = rows[0][2] / rows[0][1]
    print(f"{'configuration':<36} {'wall s':>8} {'min ESS':>8} {'ESS/s':>8} {'vs naive':>9}")
    for label, secs, ess in rows:
        rate = ess / secs
        print(f"{label:<36} {secs:8.2f} {ess:8.0f} {rate:8.0f} {rate / base:8.1f}x")


if __name__ == "__main__":
    main()
