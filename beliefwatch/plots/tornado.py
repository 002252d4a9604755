"""The tornado figure: the leader's credence with each uncertain input at the ends of its range."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from beliefwatch.inference.analyses import Analysis
from beliefwatch.plots.figures import PERCENT
from beliefwatch.plots.input_names import tornado_label
from beliefwatch.plots.mpl import Figure
from beliefwatch.plots.names import short_name

LOW_COLOR = "#0072B2"  # Okabe-Ito blue: the input at the low end of its range
HIGH_COLOR = "#E69F00"  # orange: at the high end


def tornado_figure(a: Analysis, *, top: int = 12, width: float = 6.4) -> Figure:
    """Horizontal bars from the central credence to each end, widest on top (the first ``top``).

    Empty analyses (no uncertain input) give a figure that says so rather than no figure.
    """
    bars = [b for b in a.tornado if np.isfinite(b.low) and np.isfinite(b.high)][:top]
    n = len(bars)
    fig = Figure(figsize=(width, max(1.6, 0.32 * n + 1.1)), layout="constrained")
    ax = fig.add_subplot()
    center = a.tornado_center if a.tornado_center is not None else a.credences[a.leader]
    if not n:
        ax.text(0.5, 0.5, "No uncertain inputs: nothing to move.", ha="center", va="center")
        ax.set_axis_off()
        return fig
    y = np.arange(n)[::-1]
    for yi, b in zip(y, bars, strict=True):
        ax.barh(yi, b.low - center, left=center, height=0.6, color=LOW_COLOR)
        ax.barh(yi, b.high - center, left=center, height=0.6, color=HIGH_COLOR)
    ax.axvline(center, color="#222222", lw=1)
    labels = [tornado_label(a, b.input) for b in bars]
    ax.set_yticks(y, labels, fontsize=7)
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlabel(f"credence of “{short_name(a.names[a.leader], 32)}” (line: all inputs central)")
    ax.legend(
        [Patch(color=LOW_COLOR), Patch(color=HIGH_COLOR)],
        ["input at the low end", "input at the high end"],
        fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2,
    )  # fmt: skip
    ax.spines[["top", "right"]].set_visible(False)
    return fig
