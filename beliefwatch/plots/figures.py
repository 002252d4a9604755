"""The figures of BeliefWatch. Each builder returns a new Figure that the caller owns."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from beliefwatch.inference.result import Result
from beliefwatch.plots.fonts import use_cjk_fallback
from beliefwatch.plots.labels import PERCENT, fit_titles, percent_panels
from beliefwatch.plots.mpl import Figure
from beliefwatch.plots.names import label_lines, short_name, short_names
from beliefwatch.plots.palette import PRIOR_GREY, hypothesis_colors


def _with_fonts(builder):
    """Korean and Chinese names draw in the CJK fallback font, not as boxes."""
    import functools

    @functools.wraps(builder)
    def build(*args, **kwargs):
        use_cjk_fallback()
        return builder(*args, **kwargs)

    return build


@_with_fonts
def credence_bars(result: Result, *, width: float = 6.4, height: float | None = None) -> Figure:
    """Prior beside credence for each hypothesis, leader on top, with the credible interval."""
    order = sorted(result.hypotheses, key=lambda h: result.credences[h])
    n = len(order)
    fig = Figure(figsize=(width, height or max(2.2, 0.45 * n + 0.8)), layout="constrained")
    ax = fig.add_subplot()
    colors = hypothesis_colors(result.hypotheses)
    y = np.arange(n)
    cred = np.array([result.credences[h] for h in order])
    prior = np.array([result.prior[h] for h in order])
    lo = np.array([result.intervals[h][0] for h in order])
    hi = np.array([result.intervals[h][1] for h in order])
    ax.barh(y + 0.2, prior, height=0.32, color=PRIOR_GREY, label="prior")
    ax.barh(y - 0.15, cred, height=0.42, color=[colors[h] for h in order], label="credence")
    if np.any(hi > lo):
        ax.errorbar(
            cred, y - 0.15, xerr=[cred - lo, hi - cred], fmt="none", ecolor="#222222",
            elinewidth=1.2, capsize=3, label=f"{round(100 * result.interval_prob)}% interval",
        )  # fmt: skip
    for yi, c, top in zip(y, cred, hi, strict=True):
        ax.text(max(c, top) + 0.015, yi - 0.15, f"{100 * c:.0f}%", va="center", fontsize=8)
    ax.set_yticks(y, [label_lines(result.names[h]) for h in order], fontsize=8)
    ax.set_xlim(0, 1.08)
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlabel("probability")
    # The credence bars are coloured per hypothesis: the legend shows a neutral swatch (a
    # stand-in patch, so that no real bar is recoloured).
    handles, labels = ax.get_legend_handles_labels()
    handles = [Patch(color="#555555") if lab == "credence" else h
               for h, lab in zip(handles, labels, strict=True)]  # fmt: skip
    ax.legend(handles, labels, loc="lower right", fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


@_with_fonts
def timeline(result: Result, *, width: float = 6.4, height: float = 3.2) -> Figure:
    """Credence of each hypothesis after each item, in date order, starting at the prior."""
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    colors = hypothesis_colors(result.hypotheses)
    steps = result.timeline
    x = np.arange(len(steps))
    for h in result.hypotheses:
        # A dot on the last step: drawn "post", the final credence is otherwise only the end
        # of a vertical jump at the right edge.
        ax.step(x, [s.credences[h] for s in steps], where="post", color=colors[h], lw=1.6,
                marker="o", markersize=3, markevery=[len(x) - 1],
                label=label_lines(result.names[h], 30))  # fmt: skip
    labels = ["prior"] + [s.date.isoformat() if s.date else s.item or "" for s in steps[1:]]
    every = -(-len(labels) // max(4, round(width * 1.3)))  # rotated dates need ~0.75 in each
    ax.set_xticks(x[::every], labels[::every], rotation=40, ha="right", fontsize=7)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PERCENT)
    ax.set_ylabel("credence")
    ax.set_xlabel("evidence, in date order")
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if len(result.hypotheses) <= 10:
        # Leader first, as in the bar chart, rather than in the order they were typed.
        handles = dict(zip(result.hypotheses, ax.get_lines(), strict=True))
        ranked = sorted(result.hypotheses, key=lambda h: -result.credences[h])
        lines = [handles[h] for h in ranked]
        ax.legend(lines, [line.get_label() for line in lines], fontsize=7.5, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0))  # fmt: skip
    return fig


@_with_fonts
def forest(result: Result) -> Figure:
    """Forest plot of the credences (needs draws): per hypothesis the credence, the interval
    the result states (thin) and the central 50% of the draws (thick), rows named.

    Drawn with matplotlib rather than ArviZ's plot_forest: importing arviz-plots costs about
    1.5 s of CPU, half a report's budget, and its default 89% interval is not the one the
    report's tables give.
    """
    order = sorted(result.hypotheses, key=lambda h: result.credences[h])
    n = len(order)
    fig = Figure(figsize=(7.0, 0.4 * n + 0.9), layout="constrained")
    ax = fig.add_subplot()
    colors = hypothesis_colors(result.hypotheses)
    # Fixed inputs: the exact engine draws nothing, and every interval is the credence itself.
    draws = None if result.draws is None else result.draws.reshape(-1, len(result.hypotheses))
    column = {h: k for k, h in enumerate(result.hypotheses)}
    for y, h in enumerate(order):
        lo, hi = result.intervals[h]
        if draws is None or not len(draws):
            q25 = q75 = result.credences[h]
        else:
            q25, q75 = np.quantile(draws[:, column[h]], [0.25, 0.75])
        ax.plot([lo, hi], [y, y], color=colors[h], lw=1.2, solid_capstyle="butt")
        ax.plot([q25, q75], [y, y], color=colors[h], lw=4.0, solid_capstyle="butt")
        ax.plot([result.credences[h]], [y], "o", color="white", mec=colors[h], ms=5)
    ax.set_yticks(range(n), [short_name(result.names[h], 30) for h in order], fontsize=8)
    ax.set_ylim(-0.6, n - 0.4)
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlabel(f"credence: {round(100 * result.interval_prob)}% interval, central 50% of draws")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right", "left"]].set_visible(False)
    return fig


@_with_fonts
def posterior_dists(result: Result) -> Figure:
    """ArviZ marginal distributions of each credence, titled by hypothesis name."""
    import arviz_plots as azp

    pc = azp.plot_dist(
        result.posterior, var_names=["credence"], labeller=_names_labeller(result, 44),
        backend="matplotlib", figure_kwargs={"figsize": _grid_size(len(result.hypotheses))},
    )  # fmt: skip
    fig = _figure_of(pc)
    percent_panels(fig)
    return fig


@_with_fonts
def diagnostics(result: Result) -> Figure:
    """ArviZ rank plots of the credence chains: flat histograms mean well-mixed chains."""
    import arviz_plots as azp

    pc = azp.plot_rank(
        result.posterior, var_names=["credence"], labeller=_names_labeller(result, 44),
        backend="matplotlib", figure_kwargs={"figsize": _grid_size(len(result.hypotheses))},
    )  # fmt: skip
    fig = _figure_of(pc)
    fit_titles(fig)
    return fig


def _names_labeller(result: Result, width: int):
    """Label each panel or row by the hypothesis name (shortened to width), not its id."""
    from arviz_base.labels import BaseLabeller

    names = short_names(result.names, width)

    class _Names(BaseLabeller):
        def sel_to_str(self, sel, isel):
            return ", ".join(names.get(str(v), str(v)) for v in sel.values())

        def make_label_vert(self, var_name, sel, isel):
            return self.sel_to_str(sel, isel) or str(var_name)

        make_label_flat = make_label_vert

    return _Names()


def _grid_size(n: int) -> tuple[float, float]:
    """Room for a two-line title above each panel of ArviZ's four-wide grid."""
    return 12.0, 2.6 * -(-n // 4) + 0.3


def _figure_of(pc) -> Figure:
    import matplotlib.pyplot as plt

    fig = pc.viz["figure"].item()
    plt.close(fig)  # ArviZ builds through pyplot; the caller owns the figure from here
    if fig.get_layout_engine() is None:
        # Without a layout engine the panel titles ran into the tick labels above them.
        fig.set_layout_engine("constrained")
    return fig
