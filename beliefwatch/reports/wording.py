"""The sentences a user reads about a conclusion - the bottom line, what would change my mind,
how firmly the leader leads - written once, for the window, the reports and the command line.
"""

from __future__ import annotations

import math

from beliefwatch.core.elicitation import ICD203
from beliefwatch.inference.analyses import Analysis


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
