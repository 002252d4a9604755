"""Training: ``import-ach``, ``export-ach``, ``ach-scores``, ``score`` and ``class-report``."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from beliefwatch.cli.common import (
    add_engine_options,
    add_files,
    check_draws,
    load,
    warn,
    write_stdout,
)

PATHS_HELP = "case files, or folders searched for case files with [resolution]"


def register(sub) -> dict:
    imp = sub.add_parser("import-ach", help="make a case file from an ACH matrix (.achz or .csv)")
    imp.add_argument("file", type=Path, help="FILE.achz (PARC ACH 2.0) or FILE.csv")
    imp.add_argument("-o", "--output", type=Path, default=None,
                     help="CASE.toml to write (default: print it)")  # fmt: skip

    exp = sub.add_parser("export-ach", help="write a case's matrix as an ACH CSV table")
    add_files(exp)
    exp.add_argument("-o", "--output", type=Path, default=None,
                     help="OUT.csv to write (default: print it)")  # fmt: skip

    sc = sub.add_parser("ach-scores", help="classic ACH scores beside the Bayesian credences")
    add_files(sc)
    add_engine_options(sc)
    sc.add_argument("--json", action="store_true", help="print one JSON object")

    sco = sub.add_parser("score", help="Brier and log scores of resolved cases, with calibration")
    sco.add_argument("paths", nargs="+", type=Path, help=PATHS_HELP)
    add_engine_options(sco)
    sco.add_argument("--json", action="store_true", help="print one JSON object")

    rep = sub.add_parser("class-report", help="the instructor's class report (PDF or HTML)")
    rep.add_argument("paths", nargs="+", type=Path, help=PATHS_HELP)
    rep.add_argument("-o", "--output", type=Path, required=True, help="OUT.pdf or OUT.html")
    rep.add_argument("--names", action="store_true", help="show trainees' names (default: hidden)")
    add_engine_options(rep)
    return {"import-ach": cmd_import, "export-ach": cmd_export, "ach-scores": cmd_ach_scores,
            "score": cmd_score, "class-report": cmd_class_report}  # fmt: skip


def cmd_import(args: argparse.Namespace) -> int:
    from beliefwatch.io.ach import import_ach
    from beliefwatch.io.save import dumps_case, save_case

    case = import_ach(args.file)
    if args.output is None:
        write_stdout(dumps_case(case))
        return 0
    save_case(case, args.output, inputs=[args.file])
    print(f"wrote {args.output} ({len(case.hypotheses)} hypotheses, {len(case.evidence)} items)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from beliefwatch.io.ach import ach_csv_text, write_ach_csv

    case = load(args.files)
    if args.output is None:
        write_stdout(ach_csv_text(case))
        return 0
    write_ach_csv(case, args.output, inputs=[*case.files, *case.includes])
    print(f"wrote {args.output} ({len(case.hypotheses)} hypotheses, {len(case.evidence)} items)")
    return 0


def _update(case, args):
    import beliefwatch as bw

    return bw.update(case, engine=args.engine, draws=args.draws, seed=args.seed)


def cmd_ach_scores(args: argparse.Namespace) -> int:
    from beliefwatch.inference.ach_scores import ach_scores

    case = load(args.files, args)
    result = _update(case, args)
    scores = ach_scores(case, result.credences)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
        return 0
    os_ = scores["open_synthesis"]
    print(
        f"{'hypothesis':24} {'credence':>8} {'PARC':>6} {'weighted':>8} {'OS inc':>6} {'OS con':>6}"
    )
    for h in case.hypotheses:
        print(f"{h.id[:24]:24} {scores['credences'][h.id]:8.1%} {scores['parc'][h.id]:6g} "
              f"{scores['parc_weighted'][h.id]:8.2f} {os_['inconsistency'][h.id]:6g} "
              f"{os_['consistency'][h.id]:6g}")  # fmt: skip
    print("\nPARC and Open Synthesis inconsistency: lowest is most likely.")
    print("diagnosticity (sd of the item's ratings): "
          + ", ".join(f"{k} {v:.2f}" for k, v in scores["diagnosticity"].items()))  # fmt: skip
    warn(result.warnings)
    return 0


def scored_entries(
    paths: list[Path], args, output: Path | None = None
) -> tuple[list, list[str], list]:
    """(file, case, computed credences) for every resolved case in ``paths``; warnings; the
    results, which say what engine computed each. ``output``: the file the command will write,
    refused if it is one of the cases read."""
    import beliefwatch as bw
    from beliefwatch.core.errors import CaseError
    from beliefwatch.io.case_extras import resolved_case_files
    from beliefwatch.io.safe_write import check_not_input

    files = resolved_case_files(paths)
    if not files:
        raise CaseError("no case files with [resolution] found in " + ", ".join(map(str, paths)))
    entries, warnings, results = [], [], []
    for f in files:
        case = bw.load_case(f)
        check_draws(case, args.draws)
        if output is not None:
            check_not_input(output, [*case.files, *case.includes])
        if case.resolution is None:
            raise CaseError("has no [resolution] (the answer) to score against", file=f)
        result = _update(case, args)
        entries.append((str(f), case, result.credences))
        results.append(result)
        warnings += [f"{f}: {w}" for w in result.warnings]
    return entries, warnings, results


def engines_used(results) -> str:
    """ "exact 3, importance 3": which engines computed a set of cases."""
    from collections import Counter

    return ", ".join(f"{e} {n}" for e, n in sorted(Counter(r.engine for r in results).items()))


def _finite(node):
    """JSON has no Infinity or NaN: a score that is not a number is null."""
    if isinstance(node, dict):
        return {k: _finite(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_finite(v) for v in node]
    if isinstance(node, float) and not math.isfinite(node):
        return None
    return node


def _num(x: float | None, fmt: str = ".3f") -> str:
    return "-" if x is None or not math.isfinite(x) else format(x, fmt)


def cmd_score(args: argparse.Namespace) -> int:
    from beliefwatch.inference.scoring import score_cases

    entries, warnings, results = scored_entries(args.paths, args)
    out = score_cases(entries)
    for row, result in zip(out["cases"], results, strict=True):
        row["engine"] = result.engine
        row["engine_line"] = result.engine_line
    if args.json:
        print(json.dumps(_finite(out), ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    for c in out["cases"]:
        print(f"{c['file']}: answer {c['answer']}; computed Brier {_num(c['computed']['brier'])}, "
              f"log {_num(c['computed']['log'])} ({c['engine_line']})")  # fmt: skip
        for e in c["estimates"]:
            note = "" if e["coherent"] else f" (sums to {e['sum']:g}: normalised)"
            print(f"  {e['analyst']}: Brier {_num(e['brier'])}, log {_num(e['log'])}{note}")
    m = out["mean"]
    print(f"mean computed: Brier {_num(m['computed']['brier'])}, log {_num(m['computed']['log'])}")
    print(
        f"mean estimates: Brier {_num(m['estimates']['brier'])}, log {_num(m['estimates']['log'])}"
    )
    print("Brier: 0 best, 2 worst. Log: ln of the probability given to the answer, 0 best.")
    from beliefwatch.inference.scoring import murphy_words

    print(murphy_words(out["murphy"]["computed"], "computed credences"))
    if out["murphy"]["estimates"] is not None:
        print(murphy_words(out["murphy"]["estimates"], "trainees' estimates"))
    warn(warnings)
    return 0


def cmd_class_report(args: argparse.Namespace) -> int:
    from beliefwatch.reports.class_report import write_class_report

    entries, warnings, results = scored_entries(args.paths, args, output=args.output)
    try:
        path = write_class_report(entries, args.output, names=args.names)
    except ValueError as e:
        print(f"beliefwatch: error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({len(entries)} cases; engines: {engines_used(results)})")
    warn(warnings)
    return 0
