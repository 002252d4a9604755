"""BeliefWatch: Bayesian credences for analysts weighing competing hypotheses.

The package imports quickly and without Qt or PyMC; the public API::

    import beliefwatch as bw
    case = bw.load_case("priors/x.toml", "evidence/x.toml")
    result = bw.update(case, engine="auto", seed=1)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Case", "CaseError", "Result", "load_case", "save_case", "update"]

if TYPE_CHECKING:
    from beliefwatch.core.case import Case
    from beliefwatch.core.errors import CaseError
    from beliefwatch.inference.engines import update
    from beliefwatch.inference.result import Result
    from beliefwatch.io.load import load_case
    from beliefwatch.io.save import save_case

_LAZY = {
    "Case": "beliefwatch.core.case",
    "CaseError": "beliefwatch.core.errors",
    "Result": "beliefwatch.inference.result",
    "load_case": "beliefwatch.io.load",
    "save_case": "beliefwatch.io.save",
    "update": "beliefwatch.inference.engines",
}


def __getattr__(name: str) -> Any:
    # Submodules load on first use so that `import beliefwatch` stays instant.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'beliefwatch' has no attribute {name!r}")
