"""Figure builders: pure functions from a Result to a matplotlib Figure. No Qt, no pyplot state.

The window embeds these figures; the reports save them as SVG or PNG. The builders load on
first use (matplotlib.figure is about a second), not on ``import beliefwatch.plots``: the
window imports the colours and name helpers here long before it needs a figure.

Every text in a figure is the analyst's own words, never mathtext: a name like "Spend $5 on #1
& $6" would otherwise be parsed as a formula and make the figure fail. Set process-wide, as
the CJK fallback is (fonts.py): tick labels are created as late as drawing, and figures come
from ArviZ too, so a per-figure setting would miss some.
"""

import importlib

import matplotlib

matplotlib.rcParams["text.parse_math"] = False

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
