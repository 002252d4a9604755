"""How big a case BeliefWatch takes: time and peak memory of `validate`, `update` and `analyze`
on a generated case (issue 19: 200 hypotheses x 5,000 items, 10% of the cells ranges, within
2 GB, loading <= 3 s).

Each command runs in a new process (`python -m beliefwatch.cli ...`); its peak resident memory
comes from getrusage(RUSAGE_CHILDREN) of a fresh child, its time from the wall clock. Median of
``--repeat`` runs.

    python scripts/bench_size.py [--hypotheses 200] [--items 5000] [--ranges 0.1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def case_text(k: int, j: int, ranges: float, seed: int = 19) -> str:
    """A case of k hypotheses and j items; a share ``ranges`` of the cells are ranges."""
    rnd = random.Random(seed)
    out = ["format = 1", 'question = "Which of many?"', ""]
    for h in range(k):
        out += ["[[hypotheses]]", f'id = "h{h}"', f'name = "Hypothesis {h}"', ""]
    for i in range(j):
        date = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out += ["[[evidence]]", f'id = "e{i}"', f'text = "Item {i} seen"', f"date = {date}",
                "[evidence.likelihoods]"]  # fmt: skip
        for h in range(k):
            # Close to uninformative, so that 5,000 items leave more than one hypothesis alive.
            x = round(rnd.uniform(0.45, 0.55), 3)
            if rnd.random() < ranges:
                out.append(f"h{h} = [{round(x - 0.05, 3)}, {round(x + 0.05, 3)}]")
            else:
                out.append(f"h{h} = {x}")
        out.append("")
    return "\n".join(out)


def run(args: list[str]) -> tuple[float, float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code, last stderr line) of one CLI run
    in a new process. CPU time is shown beside the wall clock: on a shared machine the wall
    clock also counts the time other processes held the cores."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "tail = (r.stderr.strip().splitlines() or [''])[-1][:200]\n"
        "print(dt, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, r.returncode, tail, sep='\\t')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "beliefwatch.cli", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    t, cpu, rss, rc, tail = out.stdout.rstrip("\n").split("\t")
    return float(t), float(cpu), float(rss), int(rc), tail


def load_time(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``load_case`` alone, in a new process (imports not counted)."""
    code = (
        "import sys, time, beliefwatch as bw\n"
        "t, c = time.perf_counter(), time.process_time()\n"
        "bw.load_case(sys.argv[1])\n"
        "print(time.perf_counter() - t, time.process_time() - c)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True)  # fmt: skip
    wall, cpu = map(float, out.stdout.split())
    return wall, cpu


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--hypotheses", type=int, default=200)
    p.add_argument("--items", type=int, default=5000)
    p.add_argument("--ranges", type=float, default=0.1)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        path.write_text(case_text(a.hypotheses, a.items, a.ranges), encoding="utf-8")
        size = path.stat().st_size / 1e6
        print(f"case: {a.hypotheses} hypotheses x {a.items} items, {a.ranges:.0%} ranges, "
              f"{size:.1f} MB; median of {a.repeat} runs, each a new process")  # fmt: skip
        print(f"python {sys.version.split()[0]}, {sys.platform}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':42} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  exit")
        loads = [load_time(path) for _ in range(a.repeat)]
        wall = statistics.median(x[0] for x in loads)
        cpu = statistics.median(x[1] for x in loads)
        print(f"{'load_case(big.toml) alone':42} {wall:8.2f} {cpu:8.2f}")
        for cmd in (["validate"], ["update", "--engine", "exact"],
                    ["analyze", "--engine", "exact"]):  # fmt: skip
            runs = [run([*cmd, str(path)]) for _ in range(a.repeat)]
            t = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            rc = runs[-1][3]
            print(f"{' '.join(cmd) + ' big.toml':42} {t:8.2f} {cpu:8.2f} {rss:8.0f}  {rc}"
                  + (f"  ({runs[-1][4]})" if rc else ""))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
