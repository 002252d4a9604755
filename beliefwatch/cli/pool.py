"""``pool``: several analysts' versions of one case, pooled (docs/team.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beliefwatch.cli.common import add_engine_options, warn


def register(sub) -> dict:
    p = sub.add_parser(
        "pool",
        help="pool several analysts' versions of one case; rank the disagreements that matter",
        description="Each FILE is one analyst's case (it may include shared files); a folder "
        'stands for its .toml files. The analyst is the file\'s analyst = "...", else its name.',
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="FILES", help="case files or folders")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("-o", "--output", type=Path, help="write the team report (.pdf or .html)")
    p.add_argument("--names", action="store_true", help="show analysts' names in the report")
    add_engine_options(p)
    return {"pool": cmd_pool}


def run_pool(args: argparse.Namespace):
    from beliefwatch.inference.pool import pool
    from beliefwatch.io.team import load_team

    return pool(load_team(args.paths), engine=args.engine, seed=args.seed)


def cmd_pool(args: argparse.Namespace) -> int:
    from beliefwatch.inference.pool import team_json

    team = run_pool(args)
    if args.output is not None:
        from beliefwatch.reports.team import write_team_report

        try:
            path = write_team_report(team, args.output, names=args.names)
        except ValueError as e:
            print(f"beliefwatch: error: {e}", file=sys.stderr)
            return 2
        print(f"wrote {path} ({len(team.analysts)} analysts)", file=sys.stderr if args.json else
              sys.stdout)  # fmt: skip
    if args.json:
        print(json.dumps(team_json(team), ensure_ascii=False, indent=1))
    elif args.output is None:
        print(table(team))
    warn(team.warnings)
    return 0


def table(team) -> str:
    from beliefwatch.reports.team_text import team_table

    return team_table(team)
