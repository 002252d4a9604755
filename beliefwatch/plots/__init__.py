"""Figure builders: pure functions from a Result to a matplotlib Figure. No Qt, no pyplot state.

The window embeds these figures; the reports save them as SVG or PNG.

Every text in a figure is the analyst's own words, never mathtext: a name like "Spend $5 on #1
& $6" would otherwise be parsed as a formula and make the figure fail. Set process-wide, as
the CJK fallback is (fonts.py): tick labels are created as late as drawing, and figures come
from ArviZ too, so a per-figure setting would miss some.
"""

import matplotlib

matplotlib.rcParams["text.parse_math"] = False

from beliefwatch.plots.figures import (  # noqa: E402
    credence_bars,
    diagnostics,
    forest,
    hypothesis_colors,
    posterior_dists,
    timeline,
)
from beliefwatch.plots.fonts import use_cjk_fallback  # noqa: E402

__all__ = [
    "credence_bars",
    "diagnostics",
    "forest",
    "hypothesis_colors",
    "posterior_dists",
    "timeline",
    "use_cjk_fallback",
]
