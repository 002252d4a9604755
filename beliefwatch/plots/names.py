"""Hypothesis names shortened for narrow places (table columns, plot axes), still telling apart.

Analysts write names like "Rogue ally: Beijing fears losing Pyongyang if it pushes": the part
before the colon is the name they use in speech, so that is the short form when it fits.
"""

from __future__ import annotations

import functools
import textwrap
import unicodedata

ELLIPSIS = "…"


def text_width(text: str) -> int:
    """Width in Latin-letter columns: a Hangul or Han character is as wide as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    """The longest start of text no wider than width."""
    used = 0
    for i, c in enumerate(text):
        used += text_width(c)
        if used > width:
            return text[:i]
    return text


@functools.lru_cache(maxsize=4096)  # every repaint of a table or chart asks again
def short_name(name: str, width: int = 18) -> str:
    """At most ``width`` columns wide: the name, its head before a colon, or its words cut with …"""
    name = " ".join(name.split())
    if text_width(name) <= width:
        return name
    head = name.split(":", 1)[0].strip()
    if head and head != name and text_width(head) <= width:
        return head
    return cut_words(name, width)


@functools.lru_cache(maxsize=4096)  # the tornado asks for each input's name at five widths
def cut_words(text: str, width: int) -> str:
    """At most ``width`` columns: the text, or its first whole words with … (mid-word only
    when a word boundary would leave less than half the room)."""
    text = " ".join(text.split())
    if text_width(text) <= width:
        return text
    cut = _cut(text, width - 1)
    if text[len(cut)] not in " -":
        # Whole words (or the parts of a hyphenated one, "China-Japan…") when the cut would
        # land mid-word and a boundary leaves enough.
        at = max(cut.rfind(" "), cut.rfind("-"))
        if at > 0 and text_width(cut[:at]) >= width // 2:
            cut = cut[:at]
    return cut.rstrip(" :,;-") + ELLIPSIS


def short_names(names: dict[str, str], width: int = 18) -> dict[str, str]:
    """Short forms by id that still tell every hypothesis apart.

    Where two short forms collide the names are cut plainly (more characters survive); where
    that still collides the id is added, and as a last resort the ids alone are used: a short
    name must never stand for two hypotheses.
    """
    out = {h: short_name(n, width) or h for h, n in names.items()}
    for h in _clashing(out):
        n = " ".join(names[h].split())
        out[h] = n if text_width(n) <= width else _cut(n, width - 1) + ELLIPSIS
    for h in _clashing(out):
        out[h] = f"{out[h]} ({h})"
    return {h: h for h in names} if _clashing(out) else out


def _clashing(labels: dict[str, str]) -> list[str]:
    count: dict[str, int] = {}
    for s in labels.values():
        count[s] = count.get(s, 0) + 1
    return [h for h, s in labels.items() if count[s] > 1]


def label_lines(text: str, width: int = 34) -> str:
    """At most two lines; a name cut short says so with … rather than stop mid-sentence."""
    lines = textwrap.wrap(" ".join(text.split()), width)
    if len(lines) > 2:
        # The rest cut at words, not shortened as a name: the head before a colon of a
        # fragment ("9): a resentful…" -> "9)") would leave a stray piece on the second line.
        lines = [lines[0], cut_words(" ".join(lines[1:]), width)]
    return "\n".join(lines)
