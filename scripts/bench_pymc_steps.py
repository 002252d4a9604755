"""One PyMC-engine run on the bundled example, in this new process: compile and sampling
seconds, NUTS leapfrog steps per draw and tree depth, smallest bulk ESS, as one JSON line.

Run it several times (the first run of a new graph also fills the disk cache) and take medians.
"""

import json
import time

from beliefwatch.examples import example_files
from beliefwatch.inference import pymc_engine
from beliefwatch.inference.spec import build_spec
from beliefwatch.io.load import load_case

started = time.perf_counter()
spec = build_spec(load_case(*example_files()))
result = pymc_engine.run(spec, draws=1000, chains=4, seed=1, prob=0.9)
d, stats = result.diagnostics, result.tree["sample_stats"]
print(
    json.dumps(
        {
            "bucket": spec.structure,
            "compile_seconds": d["compile_seconds"],
            "sampling_seconds": d["sampling_seconds"],
            "steps_per_draw": round(float(stats["n_steps"].mean()), 2),
            "tree_depth": round(float(stats["depth"].mean()), 2),
            "min_ess_bulk": round(d["min_ess_bulk"]),
            "divergences": d["divergences"],
            "total_seconds": round(time.perf_counter() - started, 1),
        }
    )
)
