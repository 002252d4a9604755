"""The command line: ``beliefwatch update|validate|report FILES...``; no command: the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

COMMANDS = ("update", "validate", "report", "example")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="beliefwatch",
        description="Bayesian credences for competing hypotheses. "
        "With no command, opens the window (on FILES, or on the bundled example).",
    )
    sub = p.add_subparsers(dest="command")

    up = sub.add_parser("update", help="compute credences and print them")
    _files(up)
    _engine_options(up)
    up.add_argument("--json", action="store_true", help="print one JSON object")
    up.add_argument("--timeline", action="store_true", help="also print the credence timeline")

    va = sub.add_parser("validate", help="check case files without computing")
    _files(va)

    rep = sub.add_parser("report", help="write a credence report (PDF, HTML or Markdown)")
    _files(rep)
    rep.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="OUT.pdf, OUT.html or OUT.md (plots go in OUT_files/ beside it)",
    )
    _engine_options(rep)
    rep.add_argument("--author", default=None, help="name printed on the report")

    sub.add_parser("example", help="print the bundled example's files")
    return p


def _files(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="*", type=Path, help="case files (TOML); default: the bundled example"
    )


def _engine_options(p: argparse.ArgumentParser) -> None:
    from beliefwatch.inference.engines import DEFAULT_DRAWS, DEFAULT_SEED, ENGINES

    p.add_argument("--engine", choices=ENGINES, default="auto", help="inference engine")
    p.add_argument("--draws", type=int, default=DEFAULT_DRAWS, help="draws per chain")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")


def _case_files(files: list[Path]) -> list[Path]:
    if files:
        return files
    from beliefwatch.examples import example_files

    return example_files()


def _warn(messages: list[str]) -> None:
    for m in messages:
        print(f"warning: {m}", file=sys.stderr)


def cmd_update(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.textreport import result_table, timeline_table

    case = bw.load_case(*_case_files(args.files))
    result = bw.update(case, engine=args.engine, draws=args.draws, seed=args.seed)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(result_table(result))
    if args.timeline:
        print()
        print(timeline_table(result))
    _warn(result.warnings)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    import beliefwatch as bw
    from beliefwatch.inference.spec import build_spec

    files = _case_files(args.files)
    case = bw.load_case(*files)
    spec = build_spec(case)
    from beliefwatch.inference.exact import timeline

    timeline(spec)  # catches evidence that together rules out every hypothesis
    print(
        f"ok: {len(files)} file(s), {spec.K} hypotheses, {spec.J} evidence items, "
        f"{len(case.sources)} sources, {len(case.indicators)} indicators"
    )
    _warn(spec.warnings)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import warnings

    import beliefwatch as bw
    from beliefwatch.reports import write_report

    case = bw.load_case(*_case_files(args.files))
    result = bw.update(case, engine=args.engine, draws=args.draws, seed=args.seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            path = write_report(case, result, args.output, author=args.author)
        except ValueError as e:
            print(f"beliefwatch: error: {e}", file=sys.stderr)
            return 2
    _warn([str(w.message) for w in caught if "font" in str(w.message)])
    print(f"wrote {path} ({result.engine} engine, seed {result.seed})")
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    from beliefwatch.examples import example_files

    for f in example_files():
        print(f)
    return 0


def open_window(files: list[Path]) -> int:
    try:
        from beliefwatch.gui.app import main as gui_main
    except ImportError as e:
        if "beliefwatch.gui" not in str(e):
            raise
        print(
            "the window is not available in this build; use 'beliefwatch update'", file=sys.stderr
        )
        return 2
    return gui_main([str(f) for f in files])


def main(argv: list[str] | None = None) -> int:
    from beliefwatch.io.errors import CaseError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            return open_window([Path(a) for a in argv])
        args = _parser().parse_args(argv)
        handler = {
            "update": cmd_update,
            "validate": cmd_validate,
            "example": cmd_example,
            "report": cmd_report,
        }[args.command]
        return handler(args)
    except CaseError as e:
        print(f"beliefwatch: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"beliefwatch: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("beliefwatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
