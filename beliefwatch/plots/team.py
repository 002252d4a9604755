"""The team's spread: each analyst's credence per hypothesis beside the pools (docs/team.md)."""

from __future__ import annotations

from beliefwatch.plots.mpl import Figure
from beliefwatch.plots.names import short_names

ANALYST_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
POOL_COLOR = "#222222"


def spread_figure(team, labels: list[str] | None = None, *, width: float = 6.4,
                  height: float | None = None) -> Figure:  # fmt: skip
    """One row per hypothesis: a grey bar from the lowest to the highest analyst, a dot per
    analyst, the linear (|) and logarithmic (x) pools, and the pooled credence (diamond) with
    its interval. ``labels`` stand for the analysts' names (hidden in a shared report)."""
    hyps = team.hypotheses
    labels = labels or [a.name for a in team.analysts]
    names = short_names({h: team.names[h] or h for h in hyps}, 26)
    rows = len(hyps)
    fig = Figure(figsize=(width, height or 1.3 + 0.45 * rows), layout="constrained")
    ax = fig.subplots()
    ys = list(range(rows))[::-1]
    n = len(team.analysts)
    for y, h in zip(ys, hyps, strict=True):
        values = [a.result.credences[h] for a in team.analysts]
        ax.plot([min(values), max(values)], [y, y], color="#cccccc", lw=7, solid_capstyle="round",
                zorder=1)  # fmt: skip
        lo, hi = team.pooled.intervals[h]
        ax.plot([lo, hi], [y - 0.28, y - 0.28], color=POOL_COLOR, lw=1.2, zorder=2)
        ax.plot(team.pooled.credences[h], y - 0.28, marker="D", color=POOL_COLOR, ms=5, zorder=3)
        ax.plot(team.linear[h], y, marker="|", color=POOL_COLOR, ms=12, mew=1.5, zorder=3)
        ax.plot(team.logarithmic[h], y, marker="x", color=POOL_COLOR, ms=6, zorder=3)
        for i, v in enumerate(values):
            # Analysts who agree would hide one another: a small vertical offset each.
            ax.plot(v, y + 0.12 * (i - (n - 1) / 2) / max(n, 1), marker="o", ms=5, zorder=4,
                    color=ANALYST_COLORS[i % len(ANALYST_COLORS)], alpha=0.9)  # fmt: skip
    for i, lab in enumerate(labels):
        ax.plot([], [], marker="o", ls="", color=ANALYST_COLORS[i % len(ANALYST_COLORS)],
                label=lab)  # fmt: skip
    ax.plot([], [], marker="|", ls="", color=POOL_COLOR, ms=10, mew=1.5, label="linear pool")
    ax.plot([], [], marker="x", ls="", color=POOL_COLOR, label="logarithmic pool")
    pct = round(100 * team.pooled.interval_prob)
    ax.plot([], [], marker="D", color=POOL_COLOR, ms=4, lw=1.2,
            label=f"pooled case ({pct}% interval; {team.pooled.engine})")  # fmt: skip
    ax.set_yticks(ys, [names[h] for h in hyps], fontsize=8)
    ax.set_ylim(-0.7, rows - 0.4)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{100 * x:.0f}%")
    ax.set_xlabel("credence", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Where the analysts stand: grey bar = their spread", fontsize=9)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig
