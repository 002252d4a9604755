"""The sentences a user reads about a conclusion - the bottom line, what would change my mind,
how firmly the leader leads, the live panel's headline, whether ACH and Bayes agree - written
once, for the window, the reports and the command line.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

from beliefwatch.core.elicitation import ICD203
from beliefwatch.inference.analyses import Analysis

if TYPE_CHECKING:
    from beliefwatch.inference.live import Live


def icd203_word(p: float) -> tuple[str, float, float]:
    """The ICD 203 expression of likelihood whose band holds p, with the band."""
    for word, (lo, hi) in ICD203.items():
        if p < hi or word == "almost certain":
            return word, lo, hi
    raise AssertionError("unreachable")


def bottom_line(name: str, p: float, n_hypotheses: int) -> str:
    """The report's bottom line for the leader ``name`` at credence p.

    Below 50% the leader is only the most likely of the set: that comes first, and that no
    hypothesis is more likely than not, before the ICD 203 word (which alone - "unlikely" - could
    read as a verdict against the very answer it names).
    """
    word, lo, hi = icd203_word(p)
    assess = f"We assess it is {word} ({100 * lo:.0f}–{100 * hi:.0f}%) that the answer is: {name}."
    if p >= 0.5 or n_hypotheses < 2:
        return assess
    return (
        f"{name} is the most likely of the {n_hypotheses} hypotheses, but no hypothesis is more "
        f"likely than not. {assess}"
    )


def times(ratio: float) -> str:
    """A likelihood ratio rounded up, so that an item of the stated weight does make the
    change: 1.24 -> "1.3", 123.2 -> "124", 5000 -> "5,000" (never "1.2e+02")."""
    if not math.isfinite(ratio):
        return "∞"
    if ratio < 10:
        return f"{math.ceil(ratio * 10 - 1e-9) / 10:g}"
    return f"{math.ceil(ratio - 1e-9):,}"


def overtake_sentence(a: Analysis, names: dict[str, str] | None = None) -> str:
    """What one new item would have to be for the runner-up to lead (names: shorter ones)."""
    if a.runner_up is None:
        return "There is only one hypothesis: nothing can overtake it."
    names = names or a.names
    x, y = names[a.runner_up], names[a.leader]
    if not math.isfinite(a.to_overtake_db):
        return f"no single item can make “{x}” lead: its credence is 0"
    return (
        f"an item {times(a.overtake_ratio)} times as likely under “{x}” as under “{y}” would "
        f"make “{x}” lead"
    )


def change_my_mind(a: Analysis, names: dict[str, str] | None = None) -> str | None:
    """ "What would change my mind" as one sentence, None with a single hypothesis."""
    if a.runner_up is None:
        return None
    x = (names or a.names)[a.runner_up]
    if not math.isfinite(a.to_overtake_db):
        return f"What would change my mind: {overtake_sentence(a, names)}."
    return (
        f"What would change my mind: the runner-up, “{x}”, is {a.to_overtake_db:.1f} dB "
        f"behind: {overtake_sentence(a, names)}."
    )


def robustness_sentence(a: Analysis) -> str:
    """How firmly the leader leads across the draws of the uncertain inputs."""
    if math.isnan(a.leader_share):
        return "leads in a share of draws that could not be estimated (too few draws)"
    if not a.n_draws:
        return "leads at every value of the inputs (no input is uncertain)"
    return f"leads in {100 * a.leader_share:.0f}% of draws"


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
    firm = "" if not r.n_draws else f"; {robustness_sentence(live.analysis)}"
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


def ach_verdict(names: dict[str, str], parc: dict[str, float],
                cred: dict[str, float] | None) -> str:  # fmt: skip
    """One line: do ACH (fewest weighted inconsistencies) and Bayes (highest credence) pick the
    same hypothesis? Ties are said as ties, however many share ACH's best score."""
    from beliefwatch.inference.ach_scores import compare_rankings
    from beliefwatch.plots.training import join_names, score_text

    c = compare_rankings(parc, cred)
    best = c.ach_best
    tied = f", tied at {score_text(parc[best[0]])}" if len(best) > 1 else ""
    ach_txt = join_names([names[h] for h in best]) + tied
    if c.bayes_lead is None:
        return f"ACH's least inconsistent: {ach_txt}. Credences hidden until you record."
    lead = f"<b>{escape(names[c.bayes_lead])}</b>"
    if c.agree:
        others = [names[h] for h in best if h != c.bayes_lead]
        with_ = f" (tied with {join_names(others)})" if others else ""
        return (f"ACH and Bayes agree: {lead} is least inconsistent{with_} and leads with "
                f"{100 * c.lead_credence:.0f}%.")  # fmt: skip
    together = " together" if len(best) > 1 else ""
    return (f"<b>They disagree.</b> ACH's least inconsistent: {ach_txt} "
            f"({100 * c.ach_best_credence:.0f}%{together} by Bayes); Bayes leads with {lead} "
            f"({100 * c.lead_credence:.0f}%).")  # fmt: skip
