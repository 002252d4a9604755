"""The colours of BeliefWatch's figures, without matplotlib: the window's native charts use
them too, so that a hypothesis has one colour everywhere."""

from __future__ import annotations

# Colour-blind-safe (Okabe-Ito, then Tol's muted) so hypotheses keep one colour everywhere.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
]  # fmt: skip
PRIOR_GREY = "#B8B8B8"


def hypothesis_colors(ids: list[str]) -> dict[str, str]:
    return {h: PALETTE[i % len(PALETTE)] for i, h in enumerate(ids)}
