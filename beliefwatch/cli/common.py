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


def add_engine_options(p: argparse.ArgumentParser) -> None:
    from beliefwatch.inference.engines import DEFAULT_DRAWS, DEFAULT_SEED, ENGINES

    p.add_argument("--engine", choices=ENGINES, default="auto", help="inference engine")
    p.add_argument("--draws", type=positive_int, default=DEFAULT_DRAWS, help="draws per chain")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")


def case_files(files: list[Path]) -> list[Path]:
    if files:
        return files
    from beliefwatch.examples import example_files

    return example_files()


def load(files: list[Path]):
    import beliefwatch as bw

    return bw.load_case(*case_files(files))


def warn(messages: list[str]) -> None:
    for m in messages:
        print(f"warning: {m}", file=sys.stderr)


def write_stdout(text: str) -> None:
    """Print a file's text; with standard output closed (``>&-``) say so instead of losing it."""
    if sys.stdout is None:
        from beliefwatch.core.errors import CaseError

        raise CaseError("standard output is closed: nothing was written (give -o FILE)")
    sys.stdout.write(text)
    sys.stdout.flush()
