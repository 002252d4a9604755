"""Entry point of the desktop bundle: the ``beliefwatch`` command, frozen by PyInstaller.

Runs before anything heavy is imported, so that the settings below hold in every process of
the bundle, including the child process that runs full updates (it starts through this file).
"""

import multiprocessing
import os
import sys
from pathlib import Path


def user_cache() -> Path:
    """A folder the user can always write to, outside the (possibly read-only) bundle."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "BeliefWatch"


def configure() -> None:
    cache = user_cache()
    flags = [f for f in os.environ.get("PYTENSOR_FLAGS", "").split(",") if f]
    names = {f.split("=", 1)[0].strip() for f in flags}
    # No C compiler on the target: PyTensor compiles with Numba, and must not even probe for
    # g++ (in a frozen app that probe can crash when one is installed).
    if "cxx" not in names:
        flags.append("cxx=")
    # PyTensor's compiled models (and its Numba cache) go beside the user's other caches; a
    # folder of its own keeps them apart from any other PyTensor version on the machine.
    if "base_compiledir" not in names:
        flags.append(f"base_compiledir={cache / 'pytensor'}")
    os.environ["PYTENSOR_FLAGS"] = ",".join(flags)
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache / "numba"))
    # The bundle ships the models it compiled when it was built (packaging/build.sh), so the
    # first PyMC run does not spend ~20 s compiling; Numba reuses compiled code only on the CPU
    # model it was compiled for, so the bundle compiles for a generic CPU of its architecture.
    os.environ.setdefault("NUMBA_CPU_NAME", "generic")


if __name__ == "__main__":
    # First of all: in a child process started by multiprocessing this runs the child's work
    # and exits, instead of opening a second window.
    multiprocessing.freeze_support()
    configure()
    from beliefwatch.cli import main

    sys.exit(main())
