"""Benchmark of the command line on the bundled example (issue 17): each command from a new
process, the median of 3 runs, beside ``--engine exact`` in the same run.

Prints a Markdown table: wall-clock median, the median CPU time of the child (user + system:
on a shared machine wall time also counts other people's work), the engine each command
reported, and the issue's target. Run with `make bench-cli` (a few minutes; `--self-test`
compiles PyMC once).

    python scripts/bench_cli.py [--runs N] [--only update,report] [--cases]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "priors" / "exercises"

# (name, arguments, target in seconds, also with --engine exact)
COMMANDS = [
    ("update", ["update"], 1.5, True),
    ("report -o x.pdf", ["report", "-o", "{tmp}/x.pdf"], 3.0, True),
    ("analyze --json", ["analyze", "--json"], 2.0, True),
    ("score priors/exercises --json", ["score", str(EXERCISES), "--json"], 10.0, True),
    ("--self-test", ["--self-test"], 30.0, False),
]


def run_once(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, its stdout and stderr) of one command in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "beliefwatch.cli", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"},
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"beliefwatch {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # analyze --json keeps its object's keys to its contract and names the engine on stderr
    return wall, cpu, done.stdout + "\n" + done.stderr


def engine_of(stdout: str) -> str:
    """The engine(s) a command reported: from --json, the table or the report line."""
    try:
        data = json.loads(stdout)
    except ValueError:
        data = None
    if isinstance(data, dict):
        if "engine" in data:
            return data["engine"]
        found = {c.get("engine") for c in data.get("cases", []) if isinstance(c, dict)}
        if "result" in data and isinstance(data["result"], dict):
            found.add(data["result"].get("engine"))
        found.discard(None)
        if found:
            return "+".join(sorted(found))
    for line in stdout.splitlines():
        for marker in ("Engine: ", "engine: ", "engine chosen by auto: ", "("):
            if marker in line and ("engine" in line.lower() or "PSIS" in line):
                tail = line.split(marker, 1)[1]
                for name in ("importance", "exact", "pymc", "PyMC"):
                    if tail.lower().startswith(name.lower()):
                        return name.lower()
    return "?"


def measure(args: list[str], runs: int) -> tuple[float, float, str]:
    walls, cpus, engine = [], [], "?"
    for _ in range(runs):
        wall, cpu, out = run_once(args)
        walls.append(wall)
        cpus.append(cpu)
        engine = engine_of(out)
    return statistics.median(walls), statistics.median(cpus), engine


def routes() -> None:
    """Which engine auto picks for each bundled case, with its diagnostic (one process)."""
    sys.path.insert(0, str(ROOT))
    import beliefwatch as bw
    from beliefwatch.examples import example_files

    cases = [("example (china-dprk-russia)", example_files())]
    cases += [(f"exercises/{p.stem}", [p]) for p in sorted(EXERCISES.glob("*.toml"))]
    cases += [
        (f"teaching/{p.stem}", [p]) for p in sorted((ROOT / "priors/teaching").glob("*.toml"))
    ]
    print("| case | engine | k̂ | ESS | draws | seconds |")
    print("|---|---|---|---|---|---|")
    for name, files in cases:
        case = bw.load_case(*files)
        start = time.perf_counter()
        r = bw.update(case)
        took = time.perf_counter() - start
        d = r.diagnostics
        k = f"{d['pareto_k']:.2f}" if "pareto_k" in d else "–"
        ess = f"{d['ess']:,.0f}" if "ess" in d else "–"
        n = d.get("draws", r.n_draws)
        print(f"| {name} | {r.engine} | {k} | {ess} | {n:,} | {took:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated command names (prefixes)")
    ap.add_argument("--cases", action="store_true", help="only list where auto sends each case")
    opts = ap.parse_args()
    if opts.cases:
        routes()
        return
    wanted = [w.strip() for w in opts.only.split(",") if w.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        for name, args, target, with_exact in COMMANDS:
            if wanted and not any(name.startswith(w) for w in wanted):
                continue
            args = [a.replace("{tmp}", tmp) for a in args]
            wall, cpu, engine = measure(args, opts.runs)
            exact = measure([*args, "--engine", "exact"], opts.runs) if with_exact else None
            rows.append((name, wall, cpu, engine, exact, target))
            print(f"measured {name}", file=sys.stderr, flush=True)
    print(f"Medians of {opts.runs} runs, each in a new process; CPU = the child's user + system.")
    print()
    print("| command on the example | auto: wall | auto: CPU | engine | "
          "`--engine exact`: wall | target | met |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, wall, cpu, engine, exact, target in rows:
        ex = f"{exact[0]:.2f} s ({exact[2]})" if exact else "–"
        met = "yes" if wall <= target else "no"
        print(
            f"| `{name}` | {wall:.2f} s | {cpu:.2f} s | {engine} | {ex} | ≤ {target:g} s | {met} |"
        )


if __name__ == "__main__":
    main()
