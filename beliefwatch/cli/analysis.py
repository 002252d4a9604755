"""``analyze`` (what drives the conclusion, conflict, the watch list) and ``observe``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from beliefwatch.cli.common import add_engine_options, add_files, load, warn


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-04-08") from None


def register(sub) -> dict:
    an = sub.add_parser("analyze", help="what drives the conclusion, conflict and the watch list")
    add_files(an)
    add_engine_options(an)
    an.add_argument("--json", action="store_true", help="print one JSON object")

    ob = sub.add_parser(
        "observe",
        help="mark a watched indicator observed: the file that holds it moves it to the evidence",
    )
    ob.add_argument("files", nargs="+", type=Path, help="case files (TOML)")
    ob.add_argument("--indicator", required=True, metavar="ID", help="the indicator's id")
    outcome = ob.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--happened", action="store_true", help="it happened")
    outcome.add_argument("--did-not-happen", action="store_true", help="it did not happen")
    ob.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD",
                    help="when it was observed")  # fmt: skip
    ob.add_argument("--source", default="", help="who reported it (default: the indicator's)")
    return {"analyze": cmd_analyze, "observe": cmd_observe}


def cmd_analyze(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.inference.analyses import analyze
    from beliefwatch.reports.analysis_text import analysis_tables

    case = load(args.files, args)
    result = bw.update(case, engine=args.engine, draws=args.draws, seed=args.seed)
    a = analyze(case, result)
    if args.json:
        # The object's keys are a contract: the engine is named beside it, on stderr.
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=1, allow_nan=False))
        print(f"engine: {result.engine_line}", file=sys.stderr)
        return 0
    print(f"Engine: {result.engine_line}")
    print(analysis_tables(a))
    warn(result.warnings)
    return 0


def cmd_observe(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.core.commands import observe
    from beliefwatch.inference.exact import timeline
    from beliefwatch.inference.spec import build_spec
    from beliefwatch.io.observe import write_observation

    case = bw.load_case(*args.files)
    after = observe(case, args.indicator, args.happened, args.date, args.source).applied_to(case)
    item = after.evidence[-1]
    timeline(build_spec(after))  # refuse an outcome that no hypothesis allows, before writing
    notes: list[str] = []
    path = write_observation(case, item, notes)
    outcome = "happened" if args.happened else "did not happen"
    print(f"{path}: indicator '{item.id}' moved to the evidence ({outcome}, {args.date})")
    warn(notes)
    return 0
