"""The training views' figures: the trainee's estimate beside the computed credences, and the
ACH ranking beside the Bayesian one (pure builders returning a Figure, as everywhere in plots/)."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from beliefwatch.plots.names import short_names

ACH_COLOR, BAYES_COLOR = "#D55E00", "#0072B2"


def comparison_figure(result, est: dict[str, float]) -> Figure:
    """Prior, the trainee's estimate and the computed credence per hypothesis, as bars."""
    hyps = result.hypotheses
    fig = Figure(figsize=(6.0, max(2.2, 0.55 * len(hyps) + 1.0)), layout="constrained")
    ax = fig.subplots()
    ys = range(len(hyps))
    h3 = 0.27
    series = (("prior", result.prior, "#BBBBBB"), ("you", est, "#D55E00"),
              ("computed", result.credences, "#0072B2"))  # fmt: skip
    for i, (label, vals, color) in enumerate(series):
        ax.barh([y + (1 - i) * h3 for y in ys], [100 * vals[h] for h in hyps], height=h3,
                color=color, label=label)  # fmt: skip
    short = short_names(result.names, 24)
    ax.set_yticks(list(ys), [short[h] for h in hyps], fontsize=8)
    ax.invert_yaxis()
    top = max(max(v.values()) for _l, v, _c in series)
    ax.set_xlim(0, min(100, 10 * math.ceil(10 * top + 0.5)))  # room for the legend
    ax.set_xlabel("credence (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(fontsize=8, loc="lower right", framealpha=0.9)
    ax.grid(axis="x", alpha=0.3)
    return fig


def ranking_figure(names: dict[str, str], parc: dict[str, float],
                   credences: dict[str, float] | None) -> Figure:  # fmt: skip
    """Hypotheses ranked by weighted PARC (left) and by credence (right), the same one joined."""
    hyps = list(names)
    n = len(hyps)
    fig = Figure(figsize=(6.0, max(2.4, 0.32 * n + 0.9)), layout="constrained")
    ax = fig.subplots()
    ach_order = sorted(hyps, key=lambda h: (parc[h], hyps.index(h)))
    left = {h: n - 1 - i for i, h in enumerate(ach_order)}
    short = short_names(names, 26)
    for h in hyps:
        ax.text(-0.06, left[h], f"{short[h]}  {parc[h]:g}", ha="right", va="center", fontsize=8)
    if credences is not None:
        bayes_order = sorted(hyps, key=lambda h: (-credences[h], hyps.index(h)))
        right = {h: n - 1 - i for i, h in enumerate(bayes_order)}
        for h in hyps:
            moved = abs(left[h] - right[h]) >= 2  # a swap of neighbours is noise, not news
            ax.plot([0, 1], [left[h], right[h]], color=BAYES_COLOR if moved else "#AAAAAA",
                    lw=2 if moved else 1, marker="o", ms=4)  # fmt: skip
            ax.text(1.06, right[h], f"{100 * credences[h]:.0f}%  {short[h]}", ha="left",
                    va="center", fontsize=8)  # fmt: skip
    else:
        ax.plot([0] * n, list(left.values()), "o", color=ACH_COLOR, ms=4)
        ax.text(1.06, (n - 1) / 2, "credences hidden\nuntil you record\nyour estimate",
                ha="left", va="center", fontsize=8, color="#666666")  # fmt: skip
    ax.text(-0.06, n - 0.2, "ACH: fewest inconsistencies (PARC, weighted)", ha="right",
            va="bottom", fontsize=8, color=ACH_COLOR, weight="bold")  # fmt: skip
    ax.text(1.06, n - 0.2, "Bayes: highest credence", ha="left", va="bottom", fontsize=8,
            color=BAYES_COLOR, weight="bold")  # fmt: skip
    ax.set_xlim(-1.5, 2.5)
    ax.set_ylim(-0.5, n + 0.5)
    ax.axis("off")
    return fig
