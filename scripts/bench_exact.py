"""Benchmark of the exact engine (issues 2, 8.4, 13.2). Prints medians; run with `make bench`.

Goals: bw.update(engine="exact") on 20 hypotheses x 1,000 point-valued items at most 2 ms end
to end (median in a fresh process after one warm-up call), reported with its ratio to the
arithmetic alone (the point update and timeline on a built spec); 4,000 interval draws for
9 hypotheses x 30 ranged items under 100 ms; the live panel's importance-sampled update of the
bundled example (4 x 250 draws) under 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import beliefwatch as bw
from beliefwatch.examples import example_files
from beliefwatch.inference import exact
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case


def median_ms(fn, repeat: int) -> float:
    fn()  # warm caches (Beta fits, imports)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(0)
    big = make_case(
        rng.uniform(0.05, 0.95, 20).tolist(), rng.uniform(0.05, 0.95, (1000, 20)).round(3).tolist()
    )
    big_spec = build_spec(big)
    ranged_rows = []
    for _ in range(30):
        lo = rng.uniform(0.05, 0.6, 9).round(2)
        ranged_rows.append(
            [[float(a), float(a + w)] for a, w in zip(lo, rng.uniform(0.1, 0.3, 9), strict=True)]
        )
    ranged = make_case([1 / 9] * 9, ranged_rows, strength=20.0)
    ranged_spec = build_spec(ranged)

    example = bw.load_case(*example_files())
    example_spec = build_spec(example)

    arithmetic = median_ms(lambda: exact.timeline(big_spec), 200)
    end_to_end = median_ms(lambda: bw.update(big, engine="exact"), 200)
    rows = [
        ("20 x 1000: arithmetic alone (timeline on a built spec)", arithmetic),
        ("20 x 1000: build spec from the case", median_ms(lambda: build_spec(big), 100)),
        ("20 x 1000: bw.update(engine='exact') end to end", end_to_end),
        (
            "9 x 30 ranged: 4,000 conjugate draws + intervals",
            median_ms(
                lambda: exact.equal_tailed(
                    exact.sample_conjugate(ranged_spec, 4000, np.random.default_rng(1)), 0.9
                ),
                50,
            ),
        ),
        (
            "9 x 30 ranged: bw.update end to end (4 x 1000 draws)",
            median_ms(lambda: bw.update(ranged, engine="exact"), 20),
        ),
        (
            f"example ({example_spec.K} x {example_spec.J}"
            f"{', non-conjugate' if not example_spec.conjugate else ''}): live update, 4 x 250",
            median_ms(lambda: bw.update(example, engine="exact", draws=250), 50),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  median")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.2f} ms")
    print(f"20 x 1000 end to end / arithmetic alone: {end_to_end / arithmetic:.1f}x")
    live = bw.update(example, engine="exact", draws=250)
    print(f"example live update: {live.diagnostics}")


if __name__ == "__main__":
    main()
