"""``update``, ``validate``, ``report`` and ``example``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beliefwatch.cli.common import add_engine_options, add_files, case_files, load, warn


def register(sub) -> dict:
    up = sub.add_parser("update", help="compute credences and print them")
    add_files(up)
    add_engine_options(up)
    up.add_argument("--json", action="store_true", help="print one JSON object")
    up.add_argument("--timeline", action="store_true", help="also print the credence timeline")

    va = sub.add_parser("validate", help="check case files without computing")
    add_files(va)

    rep = sub.add_parser("report", help="write a credence report (PDF, HTML or Markdown)")
    add_files(rep)
    rep.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="OUT.pdf, OUT.html or OUT.md (plots go in OUT_files/ beside it)",
    )
    add_engine_options(rep)
    rep.add_argument("--author", default=None, help="name printed on the report")

    sub.add_parser("example", help="print the bundled example's files")
    return {"update": cmd_update, "validate": cmd_validate, "report": cmd_report,
            "example": cmd_example}  # fmt: skip


def cmd_update(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.reports.text import result_table, timeline_table

    result = bw.update(load(args.files, args), engine=args.engine, draws=args.draws, seed=args.seed)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(result_table(result))
    if args.timeline:
        print()
        print(timeline_table(result))
    warn(result.warnings)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.inference.exact import timeline
    from beliefwatch.inference.spec import build_spec

    files = case_files(args.files)
    case = bw.load_case(*files)
    spec = build_spec(case)
    timeline(spec)  # catches evidence that together rules out every hypothesis
    print(
        f"ok: {len(files)} file(s), {spec.K} hypotheses, {spec.J} evidence items, "
        f"{len(case.sources)} sources, {len(case.indicators)} indicators"
    )
    warn(spec.warnings)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import warnings

    import beliefwatch as bw
    from beliefwatch.io.safe_write import check_not_input
    from beliefwatch.reports import write_report

    case = load(args.files, args)
    check_not_input(args.output, [*case.files, *case.includes])
    result = bw.update(case, engine=args.engine, draws=args.draws, seed=args.seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            path = write_report(case, result, args.output, author=args.author)
        except ValueError as e:
            print(f"beliefwatch: error: {e}", file=sys.stderr)
            return 2
    # Every warning raised while writing reaches the analyst once, with the result's own.
    seen = dict.fromkeys([*result.warnings, *(str(w.message) for w in caught)])
    warn(list(seen))
    print(f"wrote {path} ({result.engine} engine, seed {result.seed})")
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    from beliefwatch.examples import example_files

    for f in example_files():
        print(f)
    return 0
