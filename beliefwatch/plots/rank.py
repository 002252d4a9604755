"""One readable convergence plot: rank histograms of the leader's credence, one line per chain.

When the chains sample the same distribution every chain's ranks are spread evenly; a chain
stuck in one region shows as a line far above or below the others.
"""

from __future__ import annotations

import numpy as np

from beliefwatch.inference.result import Result
from beliefwatch.plots.mpl import Figure
from beliefwatch.plots.names import short_name

BINS = 20


def leader_ranks(result: Result, *, width: float = 6.0, height: float = 3.0) -> Figure | None:
    """None when there are no draws from several chains to compare."""
    if result.draws is None or result.draws.shape[0] < 2 or result.draws.shape[1] < BINS:
        return None
    k = result.hypotheses.index(result.leader)
    draws = result.draws[:, :, k]  # (chain, draw)
    chains, n = draws.shape
    ranks = draws.ravel().argsort(kind="stable").argsort(kind="stable").reshape(chains, n)
    edges = np.linspace(0, chains * n, BINS + 1)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    expected = n / BINS
    for c in range(chains):
        counts, _ = np.histogram(ranks[c], bins=edges)
        ax.step(np.arange(BINS), counts / expected, where="mid", label=f"chain {c + 1}")
    ax.axhline(1.0, color="#444", lw=1, ls="--")
    ax.set_ylim(0, max(2.0, ax.get_ylim()[1]))
    ax.set_xticks([])
    ax.set_xlabel("rank of the draw among all chains (low → high)")
    ax.set_ylabel("draws per bin / expected")
    ax.set_title(f"Do the chains agree on “{short_name(result.names[result.leader], 48)}”?",
                 fontsize=9)  # fmt: skip
    ax.legend(fontsize=8, ncols=min(chains, 4), loc="upper center", frameon=False)
    return fig
