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

__all__ = [
    "credence_bars",
    "diagnostics",
    "forest",
    "hypothesis_colors",
    "posterior_dists",
    "timeline",
]
