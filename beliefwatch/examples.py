"""Where the bundled case libraries live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRIORS = ROOT / "priors"
EVIDENCE = ROOT / "evidence"
EXAMPLE = "china-dprk-russia"


def example_files(name: str = EXAMPLE) -> list[Path]:
    """The priors file of a bundled case and every evidence file that belongs to it."""
    priors = PRIORS / f"{name}.toml"
    if not priors.exists():
        raise FileNotFoundError(f"bundled case {name!r} not found under {PRIORS}")
    return [priors, *sorted(EVIDENCE.glob(f"{name}*.toml"))]


def teaching_files() -> list[Path]:
    return sorted((PRIORS / "teaching").glob("*.toml"))
