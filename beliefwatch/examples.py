"""Where the bundled case libraries live: in the package once installed, else in the checkout.

The repository's ``priors/`` and ``evidence/`` folders are the one copy that is edited. A build
(``setup.py``) copies them into the package as ``beliefwatch/bundled/``, so that a wheel or a
desktop bundle carries them; a checkout or an editable install has no such copy and reads the
repository's folders in place.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

EXAMPLE = "china-dprk-russia"
BUNDLED = "bundled"  # the folder inside the package that a build fills


def _library_root() -> Path:
    packaged = Path(str(files("beliefwatch"))) / BUNDLED
    if (packaged / "priors").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


ROOT = _library_root()
PRIORS = ROOT / "priors"
EVIDENCE = ROOT / "evidence"


def example_files(name: str = EXAMPLE) -> list[Path]:
    """The priors file of a bundled case and every evidence file that belongs to it."""
    priors = PRIORS / f"{name}.toml"
    if not priors.exists():
        raise FileNotFoundError(f"bundled case {name!r} not found under {PRIORS}")
    return [priors, *sorted(EVIDENCE.glob(f"{name}*.toml"))]


def teaching_files() -> list[Path]:
    return sorted((PRIORS / "teaching").glob("*.toml"))


def exercise_files() -> list[Path]:
    """The exercises (``priors/exercises/``); empty when none are bundled."""
    return sorted((PRIORS / "exercises").glob("*.toml"))
