"""The calibration (reliability) diagram: how often forecasts of about p came true."""

from __future__ import annotations

from typing import Any

from beliefwatch.plots.labels import percent_axes
from beliefwatch.plots.mpl import Figure

COMPUTED_COLOR = "#0072B2"
ESTIMATE_COLOR = "#D55E00"


def calibration_diagram(
    series: dict[str, list[dict[str, Any]]],
    *,
    width: float = 6.4,
    height: float = 4.8,
    title: str | None = None,
) -> Figure:
    """Observed frequency against mean forecast per bin, one line per series (e.g.
    ``{"computed": bins, "trainees": bins}`` from :func:`scoring.calibration`), with the
    forecasts per bin as bars below so that a point resting on two forecasts is seen as such.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    ax, counts = fig.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    ax.plot([0, 1], [0, 1], color="#888888", lw=1, ls="--", label="perfect calibration")
    colors = [COMPUTED_COLOR, ESTIMATE_COLOR, "#009E73", "#CC79A7"]
    n_series = max(len(series), 1)
    bar_w = 0.1 / (n_series + 1)
    for k, (label, bins) in enumerate(series.items()):
        color = colors[k % len(colors)]
        full = [b for b in bins if b["n"]]
        xs = [b["mean_forecast"] for b in full]
        ys = [b["frequency"] for b in full]
        total = sum(b["n"] for b in bins)
        ax.plot(xs, ys, marker="o", color=color, label=f"{label} ({total} forecasts)")
        lefts = [b["lo"] + bar_w * (k + 0.5) for b in bins]
        counts.bar(lefts, [b["n"] for b in bins], width=bar_w, align="edge", color=color)
        for x, b in zip(lefts, bins, strict=True):
            if b["n"]:
                counts.text(x + bar_w / 2, b["n"], str(b["n"]), ha="center", va="bottom",
                            fontsize=6)  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("observed frequency")
    ax.set_title(title or "Calibration: how often forecasts of about p came true", fontsize=10)
    ax.legend(fontsize=8, loc="best", framealpha=0.9)
    ax.grid(alpha=0.3)
    counts.set_xlabel("forecast probability (bins of 10 points)")
    counts.set_ylabel("forecasts")
    counts.set_xticks([i / 10 for i in range(11)])
    percent_axes(ax, counts)
    counts.margins(y=0.25)
    counts.grid(axis="y", alpha=0.3)
    return fig
