"""Figure builders: pure functions from a Result to a matplotlib Figure. No Qt, no pyplot state.

The window embeds these figures; the reports save them as SVG or PNG.
"""

from beliefwatch.plots.figures import (
    credence_bars,
    diagnostics,
    forest,
    hypothesis_colors,
    posterior_dists,
    timeline,
)
from beliefwatch.plots.fonts import use_cjk_fallback

__all__ = [
    "credence_bars",
    "diagnostics",
    "forest",
    "hypothesis_colors",
    "posterior_dists",
    "timeline",
    "use_cjk_fallback",
]
