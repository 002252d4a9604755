"""How long ``beliefwatch pool`` takes on the worked team example (docs/team.md).

    .venv/bin/python scripts/bench_pool.py [RUNS]

Each run is a new process, as a user runs the command; the medians are printed beside the
``update --json`` of one analyst's case (the ratio is what pooling costs over one update), and
the in-process time of ``pool()`` alone (no interpreter start or imports).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEAM = ROOT / "docs" / "team-example"


def _median_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "beliefwatch.cli", *args], check=True,
                       capture_output=True, cwd=ROOT)  # fmt: skip
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    pool = _median_seconds(["pool", str(TEAM), "--json"], runs)
    one = _median_seconds(["update", str(TEAM / "kim.toml"), "--json"], runs)
    from beliefwatch.inference.pool import pool as pool_team
    from beliefwatch.io.team import load_team

    pool_team(load_team([TEAM]))  # warm: imports and Beta fits cached
    inner = []
    for _ in range(runs):
        t0 = time.perf_counter()
        pool_team(load_team([TEAM]))
        inner.append(time.perf_counter() - t0)
    print(f"runs: {runs} (medians)")
    print(f"pool docs/team-example --json (3 analysts, new process): {pool:.2f} s")
    print(f"update kim.toml --json (one analyst, new process):       {one:.2f} s")
    print(f"ratio pool / update:                                     {pool / one:.2f}")
    print(f"pool() in process, warm:                                 "
          f"{1000 * statistics.median(inner):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
