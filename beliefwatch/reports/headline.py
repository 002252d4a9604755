"""The live panel's bottom line, in words: who leads, by how much, and how firmly."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from beliefwatch.reports import wording

if TYPE_CHECKING:
    from beliefwatch.inference.live import Live


def headline(live: Live | None, *, plain: bool = False) -> str:
    """The bottom line of the live panel: who leads, by how much, and how firmly."""
    if live is None:
        return ""
    r = live.result
    lead = r.leader
    p = r.credences[lead]
    lo, hi = r.intervals[lead]
    if lo != lo or hi != hi:  # NaN: the quick interval could not be trusted
        interval = "interval needs a full update (F5)"
    elif hi > lo:
        interval = f"{round(100 * r.interval_prob)}% interval {100 * lo:.0f}–{100 * hi:.0f}%"
    else:
        interval = "no uncertain inputs, so no interval"
    firm = "" if not r.n_draws else f"; {wording.robustness_sentence(live.analysis)}"
    firm += f"; {r.engine} engine"
    name = r.names[lead]
    if plain:
        return f"Leading: {name} ({100 * p:.0f}%; {interval}{firm})"

    return (f"<b>Leading: {escape(name)}</b> — {100 * p:.0f}% "
            f"<span style='color:#555'>({escape(interval)}{escape(firm)})</span>")  # fmt: skip
