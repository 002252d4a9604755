"""Where the credences go if a watched indicator happens, and if it does not."""

from __future__ import annotations

import textwrap

import numpy as np

from beliefwatch.inference.analyses import Analysis
from beliefwatch.inference.watch import IndicatorValue
from beliefwatch.plots.figures import PERCENT
from beliefwatch.plots.mpl import Figure
from beliefwatch.plots.names import short_names


def outcome_figure(a: Analysis, v: IndicatorValue, *, width: float = 6.0) -> Figure:
    """Credences now, if the indicator happens, and if it does not: grouped horizontal bars."""
    hids = sorted(a.hypotheses, key=lambda h: -a.credences[h])
    fig = Figure(figsize=(width, 0.42 * len(hids) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(hids))[::-1]
    series = [
        ("now", a.credences, "#9a9a9a"),
        (f"if it happens ({100 * v.p_happens:.0f}%)", v.if_happens, "#0072B2"),
        (f"if it does not ({100 * (1 - v.p_happens):.0f}%)", v.if_not, "#E69F00"),
    ]
    h = 0.26
    for i, (label, cred, colour) in enumerate(series):
        ax.barh(y + (1 - i) * h, [cred[k] for k in hids], height=h, color=colour, label=label)
    short = short_names(a.names, 24)
    names = [short[k] for k in hids]
    ax.set_yticks(y, names, fontsize=8)
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlim(0, 1)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    # 60 characters: the watch panel is about 5 in wide at 1366 px, and 80 ran off its edge.
    ax.set_title(textwrap.fill(v.text, 60, max_lines=2, placeholder=" …"), fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
