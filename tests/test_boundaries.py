"""The headless core stays free of Qt and PyMC, and `import beliefwatch` stays light."""

import subprocess
import sys

import pytest

CORE_MODULES = [
    "beliefwatch",
    "beliefwatch.cli",
    "beliefwatch.core.case",
    "beliefwatch.core.elicitation",
    "beliefwatch.io.load",
    "beliefwatch.io.save",
    "beliefwatch.inference.engines",
    "beliefwatch.inference.exact",
    "beliefwatch.reports.text",
    "beliefwatch.inference.analyses",
    "beliefwatch.runner",
    "beliefwatch.plots",
    "beliefwatch.reports",
    "beliefwatch.reports.content",
    "beliefwatch.reports.html",
    "beliefwatch.reports.markdown",
    "beliefwatch.reports.pdf",
]

BLOCK = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
"""


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_imports_with_qt_and_pymc_blocked(module):
    blocked = {"PySide6", "pymc", "pytensor", "nutpie", "shiboken6"}
    out = _run(BLOCK.format(blocked=blocked) + f"import {module}")
    assert out.returncode == 0, out.stderr


def test_exact_update_runs_with_qt_and_pymc_blocked():
    blocked = {"PySide6", "pymc", "pytensor", "nutpie", "shiboken6"}
    code = BLOCK.format(blocked=blocked) + (
        "import beliefwatch as bw\n"
        "from beliefwatch.examples import teaching_files\n"
        "from tests.cases import make_case\n"
        "r = bw.update(make_case(['likely', 0.3], [[[0.6, 0.9], 'I']]), engine='exact')\n"
        "r.posterior\n"
        "print(r.engine)\n"
    )
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "exact"


def test_import_beliefwatch_loads_no_heavy_modules():
    out = _run(
        "import sys, beliefwatch\n"
        "heavy = {'numpy', 'scipy', 'PySide6', 'pymc', 'arviz_base', 'xarray', 'matplotlib'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_window_opens_the_example_without_matplotlib_or_scipy():
    """The window on screen with its first case needs Qt, numpy and the live engine; matplotlib
    (0.3 s) waits for the first figure and scipy (0.7 s with scipy.optimize) for a fit that
    needs it. The example's ranged cells and prior are fitted by core/solvers.py."""
    out = _run(
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from beliefwatch.examples import example_files\n"
        "from beliefwatch.gui import fullupdate\n"
        "from beliefwatch.gui.main_window import MainWindow\n"
        "fullupdate.PRECOMPILE = False  # no background process: this test is about imports\n"
        "app = QApplication([])\n"
        "w = MainWindow()\n"
        "w.show()\n"
        "before = {m.split('.')[0] for m in sys.modules}\n"
        "assert w.open_files(example_files())\n"
        "for _ in range(20):\n"
        "    app.processEvents()\n"
        "print(sorted({'matplotlib', 'scipy.optimize'} & set(sys.modules)), "
        "sorted({'matplotlib', 'scipy'} & before))\n"
        "w.doc.undo_stack.setClean()\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[] []"


def test_no_module_is_over_400_lines():
    """A newcomer reads any module in one sitting (issue 8); split a module before it grows."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "beliefwatch"
    long = {
        str(p.relative_to(package)): n
        for p in package.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
