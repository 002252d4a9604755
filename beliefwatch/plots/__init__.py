"""Figure builders: pure functions from a Result to a matplotlib Figure. No Qt, no pyplot state.

The window embeds these figures; the reports save them as SVG or PNG. The builders load on
first use (matplotlib.figure is about a second), not on ``import beliefwatch.plots``: the
window imports the colours and name helpers here long before it needs a figure. matplotlib's
settings for every figure are in ``mpl.py``, which the builders import Figure from.
"""

import importlib

_BUILDERS = {
    "credence_bars": "figures",
    "diagnostics": "figures",
    "forest": "figures",
    "posterior_dists": "figures",
    "timeline": "figures",
    "hypothesis_colors": "palette",
    "use_cjk_fallback": "fonts",
}

__all__ = sorted(_BUILDERS)


def __getattr__(name: str):
    if name not in _BUILDERS:
        raise AttributeError(f"module 'beliefwatch.plots' has no attribute {name!r}")
    return getattr(importlib.import_module(f"beliefwatch.plots.{_BUILDERS[name]}"), name)
