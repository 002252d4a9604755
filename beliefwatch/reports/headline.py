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
    # Equal to the shown precision: none leads, and the one picked first must not be named.
    tied = [h for h in r.hypotheses if abs(r.credences[h] - p) < 5e-4]
    if len(tied) > 1:
        names = [r.names[h] for h in tied]
        who, each = " and ".join([", ".join(names[:-1]), names[-1]]), " each"
        verb = "Tied"
    else:
        who, each, verb = r.names[lead], "", "Leading"
    if plain:
        return f"{verb}: {who} ({100 * p:.0f}%{each}; {interval}{firm})"

    return (f"<b>{verb}: {escape(who)}</b> — {100 * p:.0f}%{each} "
            f"<span style='color:#555'>({escape(interval)}{escape(firm)})</span>")  # fmt: skip
