"""An uncertain input named for a reader: 'likelihood:ITEM:HYP' as 'P(item text | hypothesis)'.

Shared by the report's tornado figure and the window's (``gui/tornado_chart.py``), without
matplotlib: the window names its bars on every edit. Names are cut at whole words with …;
``short=False`` gives them whole, for a tooltip.
"""

from __future__ import annotations

import math

from beliefwatch.inference.analyses import Analysis
from beliefwatch.plots.names import cut_words, short_name


def _whole(text: str, _width: int) -> str:
    return " ".join(text.split())


def range_text(a: Analysis, name: str) -> str:
    lo, hi = a.tornado_ranges.get(name, (math.nan, math.nan))
    return f"[{lo:.3g}, {hi:.3g}]"


def tornado_label(a: Analysis, name: str, *, short: bool = True) -> str:
    """An input as the tornado names it: what it is, and its range."""
    what = readable(a, name, short=short)
    return f"{cut_words(what, 46) if short else what}  {range_text(a, name)}"


def readable(a: Analysis, name: str, *, short: bool = True, room: float = 1.0) -> str:
    """'likelihood:ITEM:HYP' as 'P(item text | hypothesis)', names instead of ids; ``room``
    scales the widths the names are cut to (a wide window shows more of them)."""

    def cut(text: str, width: int) -> str:
        return cut_words(text, round(room * width)) if short else _whole(text, width)

    def hyp_name(text: str, width: int) -> str:
        return short_name(text, round(room * width)) if short else _whole(text, width)

    kind, _, rest = name.partition(":")
    texts = {d.id: d.text for d in a.items}
    if kind == "prior" and rest in a.names:
        return f"prior of {hyp_name(a.names[rest], 24)}"
    if kind == "likelihood":
        item, _, hyp = rest.rpartition(":")
        return f"P({cut(texts.get(item, item), 22)} | {hyp_name(a.names.get(hyp, hyp), 14)})"
    if kind == "reliability":
        who = a.source_names.get(rest) or texts.get(rest, rest)
        return f"reliability of {cut(who, 30)}"
    if kind == "correlation":
        return f"correlation within group {cut(a.group_names.get(rest, rest), 24)}"
    if kind == "prior_strength":
        return "prior strength (fitted)" if a.prior_strength_from == "fitted" else "prior strength"
    return name
