"""Build hook: copy the case libraries into the package, so that a wheel carries them.

Everything else is declared in pyproject.toml. ``priors/`` and ``evidence/`` stay at the top of
the repository, where analysts browse and edit them; each build copies whatever they hold into
``beliefwatch/bundled/``, which ``beliefwatch.examples`` reads with importlib.resources.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
LIBRARIES = ("priors", "evidence")


class BuildPyWithCases(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders in place
            return
        target = Path(self.build_lib, "beliefwatch", "bundled")
        for name in LIBRARIES:
            # Start afresh: a stale build/ must not ship a case that was deleted since.
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(
                HERE / name, target / name, ignore=shutil.ignore_patterns(".*", "__pycache__")
            )


setup(cmdclass={"build_py": BuildPyWithCases})
