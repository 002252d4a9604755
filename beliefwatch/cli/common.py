"""Arguments and output helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_files(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="*", type=Path, help="case files (TOML); default: the bundled example"
    )


MAX_DRAWS = 1_000_000  # per chain: 4 chains x 10^6 draws is more than any interval needs
MAX_SEED = 2**32 - 1  # what every engine accepts (PyMC's and NumPy's generators)


def draws(text: str) -> int:
    """A whole number of draws, 1 to MAX_DRAWS; 1e5 is accepted as the number it names."""
    try:
        value = float(text) if any(c in text.lower() for c in ".e") else int(text)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if value != value or value in (float("inf"), float("-inf")) or value != int(value):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number")
    value = int(value)
    if not 1 <= value <= MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_DRAWS:,}, got {text[:40]}")
    return value


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be 0 to {MAX_SEED}, got {text[:40]}")
    return value


def add_engine_options(p: argparse.ArgumentParser) -> None:
    from beliefwatch.inference.engines import DEFAULT_DRAWS, DEFAULT_SEED, ENGINES

    p.add_argument("--engine", choices=ENGINES, default="auto", help="inference engine")
    p.add_argument("--draws", type=draws, default=DEFAULT_DRAWS,
                   help=f"draws per chain (1 to {MAX_DRAWS:,})")  # fmt: skip
    p.add_argument("--seed", type=seed, default=DEFAULT_SEED, help=f"random seed (0 to {MAX_SEED})")


def case_files(files: list[Path]) -> list[Path]:
    if files:
        return files
    from beliefwatch.examples import example_files

    return example_files()


MAX_DRAW_VALUES = 50_000_000  # draws x chains x hypotheses kept: 400 MB


def load(files: list[Path], args: argparse.Namespace | None = None):
    """The case; with ``args``, refuse --draws too many to hold for its hypotheses."""
    import beliefwatch as bw

    case = bw.load_case(*case_files(files))
    if args is not None:
        check_draws(case, args.draws)
    return case


def check_draws(case, n: int) -> None:
    from beliefwatch.core.errors import CaseError
    from beliefwatch.inference.engines import DEFAULT_CHAINS

    k = max(1, len(case.hypotheses))
    values = n * DEFAULT_CHAINS * k
    if values > MAX_DRAW_VALUES:
        most = MAX_DRAW_VALUES // (DEFAULT_CHAINS * k)
        raise CaseError(
            f"--draws {n:,} x {DEFAULT_CHAINS} chains x {k} hypotheses would keep "
            f"{values * 8 / 1e9:.1f} GB of draws; at most {most:,} draws for this case"
        )


def warn(messages: list[str]) -> None:
    from beliefwatch.core.errors import printable

    for m in messages:
        print(f"warning: {printable(m)}", file=sys.stderr)


def write_stdout(text: str) -> None:
    """Print a file's text; with standard output closed (``>&-``) say so instead of losing it."""
    if sys.stdout is None:
        from beliefwatch.core.errors import CaseError

        raise CaseError("standard output is closed: nothing was written (give -o FILE)")
    sys.stdout.write(text)
    sys.stdout.flush()
