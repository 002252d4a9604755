"""An installed wheel carries the case libraries and runs without the checkout (issue 13.6)."""

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The sources a wheel is built from; the rest of the checkout must not be needed.
_SKIP = shutil.ignore_patterns(
    ".*", "__pycache__", "*.egg-info", "build", "dist", "out", "tests", "docs", "scripts"
)


def _library_files() -> dict[str, bytes]:
    """Every file of the repository's case libraries, keyed by its path in the package."""
    out = {}
    for top in ("priors", "evidence"):
        for p in sorted((ROOT / top).rglob("*")):
            rel = p.relative_to(ROOT)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in rel.parts)
            if p.is_file() and not hidden:
                out[f"beliefwatch/bundled/{rel.as_posix()}"] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel from a copy of the sources, install it into a bare folder."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=_SKIP)
    wheels = base / "wheels"
    # No build isolation: the test venv's setuptools builds it, so the test needs no network.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(wheels), str(src)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("beliefwatch-*.whl")
    target = base / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         str(target), str(wheel)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return wheel, target, elsewhere


def _run(installed, *args):
    _, target, elsewhere = installed
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True
    )


def test_wheel_carries_every_case_file_unchanged(installed):
    wheel = installed[0]
    with zipfile.ZipFile(wheel) as z:
        shipped = {n: z.read(n) for n in z.namelist() if n.startswith("beliefwatch/bundled/")}
    expected = _library_files()
    assert expected, "the repository has no case files"
    assert shipped == expected


def test_installed_wheel_updates_the_bundled_example_outside_the_checkout(installed):
    question = tomllib.loads((ROOT / "priors" / "china-dprk-russia.toml").read_text("utf-8"))[
        "question"
    ]
    # The exact engine keeps this fast whatever the example holds; PyMC has its own tests.
    done = _run(installed, "-m", "beliefwatch.cli", "update", "--engine", "exact")
    assert done.returncode == 0, done.stderr
    assert question in done.stdout


def test_installed_package_reads_its_own_copy(installed):
    _, target, _ = installed
    done = _run(
        installed,
        "-c",
        "import beliefwatch, beliefwatch.examples as e\n"
        "print(beliefwatch.__file__)\n"
        "for p in [*e.example_files(), *e.teaching_files()]: print(p)\n",
    )
    assert done.returncode == 0, done.stderr
    module, *cases = done.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    n_teaching = len(list((ROOT / "priors" / "teaching").glob("*.toml")))
    assert len(cases) >= 2 + n_teaching
    for case in cases:
        assert Path(case).is_relative_to(target / "beliefwatch" / "bundled"), case
