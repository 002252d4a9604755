import os
import sys
import textwrap
from pathlib import Path

import pytest

# Before anything imports matplotlib or Qt.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Numba's fast-math made a fresh compile differ from a cached one for the same seed.
os.environ.setdefault("PYTENSOR_FLAGS", "numba__fastmath=False")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def write_case(tmp_path):
    """Write TOML text (dedented) to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "case.toml") -> Path:
        p = tmp_path / name
        p.write_text(textwrap.dedent(text), encoding="utf-8")
        return p

    return write


@pytest.fixture
def run_cli():
    """Run the command line in a subprocess, as a user would; returns CompletedProcess."""
    import subprocess

    def run(*args: str):
        return subprocess.run(
            [sys.executable, "-m", "beliefwatch.cli", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    return run
