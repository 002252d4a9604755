"""The tornado figure: the leader's credence with each uncertain input at the ends of its range."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from beliefwatch.inference.analyses import Analysis
from beliefwatch.plots.figures import PERCENT
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


def tornado_label(a: Analysis, name: str) -> str:
    """An input as the tornado names it: what it is, and its range."""
    lo, hi = a.tornado_ranges.get(name, (np.nan, np.nan))
    return f"{_short(readable(a, name), 46)}  [{lo:.3g}, {hi:.3g}]"


def readable(a: Analysis, name: str) -> str:
    """'likelihood:ITEM:HYP' as 'P(item text | hypothesis)', names instead of ids."""
    kind, _, rest = name.partition(":")
    texts = {d.id: d.text for d in a.items}
    if kind == "prior" and rest in a.names:
        return f"prior of {short_name(a.names[rest], 24)}"
    if kind == "likelihood":
        item, _, hyp = rest.rpartition(":")
        return f"P({_short(texts.get(item, item), 22)} | {short_name(a.names.get(hyp, hyp), 14)})"
    if kind == "reliability":
        who = a.source_names.get(rest) or texts.get(rest, rest)
        return f"reliability of {_short(who, 30)}"
    if kind == "correlation":
        return f"correlation within group {_short(a.group_names.get(rest, rest), 24)}"
    if kind == "prior_strength":
        return "prior strength (fitted)" if a.prior_strength_from == "fitted" else "prior strength"
    return name


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
