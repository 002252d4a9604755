import os
import sys
import textwrap
import types
from pathlib import Path

import pytest

# Before anything imports matplotlib or Qt.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Numba's fast-math made a fresh compile differ from a cached one for the same seed.
os.environ.setdefault("PYTENSOR_FLAGS", "numba__fastmath=False")

ROOT = Path(__file__).resolve().parent.parent

# `make test-fast` (pytest --fast): the headless, in-process part of the suite, in under a
# minute. Left out: the window (tests/gui, qtbot), PyMC, and anything that starts a process.
FAST_SKIP_FILES = {"test_pymc_engine.py", "test_runner.py", "test_wheel.py"}
FAST_SKIP_FIXTURES = {"run_cli", "qtbot"}


def pytest_addoption(parser):
    parser.addoption(
        "--fast", action="store_true", help="no PyMC, no subprocess, no window (make test-fast)"
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--fast"):
        return
    keep, drop = [], []
    for item in items:
        slow = (
            "gui" in item.path.parts
            or item.path.name in FAST_SKIP_FILES
            or FAST_SKIP_FIXTURES & set(getattr(item, "fixturenames", ()))
            or item.get_closest_marker("slow") is not None
        )
        (drop if slow else keep).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


class _RefusedInFast(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):  # introspection (hypothesis, pytest) is not a use
            raise AttributeError(name)
        pytest.skip("uses the PyMC engine: run by make test, not make test-fast")


def pytest_configure(config):
    """Under --fast, whatever reaches PyMC - in a test or a fixture of any scope - is skipped
    where it does so (the filter above leaves out most of them before they cost anything)."""
    if config.getoption("--fast"):
        stub = _RefusedInFast("beliefwatch.inference.pymc_engine")
        sys.modules["beliefwatch.inference.pymc_engine"] = stub


@pytest.fixture(autouse=True)
def _no_process_in_fast(request, monkeypatch):
    """Under --fast, a test that starts a process is skipped where it does so. (Only around
    the tests: matplotlib may run fc-list once while the modules are imported.)"""
    if request.config.getoption("--fast"):
        import subprocess

        def refuse(*args, **kwargs):
            pytest.skip("starts a process: run by make test, not make test-fast")

        monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


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
