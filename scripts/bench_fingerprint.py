"""What the one staleness test costs: the fingerprint of a spec (on every edit in the window and
before every report), on the bundled example and on a case of 1,000 items.

    .venv/bin/python scripts/bench_fingerprint.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import beliefwatch as bw
from beliefwatch.examples import example_files
from beliefwatch.inference.fingerprint import fingerprint
from beliefwatch.inference.spec import build_spec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.cases builds the big case
from bench_exact import median_ms  # scripts/ is on the path when this runs as a script

from tests.cases import make_case


def main() -> None:
    example = build_spec(bw.load_case(*example_files()))
    big = build_spec(make_case([0.4, 0.3, 0.2, 0.1], [[[0.6, 0.9], 0.3, 0.5, 0.2]] * 1000))
    for name, spec in (("example", example), ("1,000 items", big)):
        fp = median_ms(lambda spec=spec: fingerprint(spec), 50)
        print(f"{name:12s} J={spec.J:5d} K={spec.K}: fingerprint {fp:.2f} ms (median of 50)")


if __name__ == "__main__":
    main()
