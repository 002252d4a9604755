"""The one rule for ids (hypotheses, items, sources, groups, indicators), for files and window.

Ids appear as TOML keys in likelihood tables and in file names of plots, so they stay plain:
ASCII letters, digits, '-', '_', '.' and ':', starting with a letter or digit.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
ID_RULE = "a word of letters, digits, '-', '_', '.' or ':' (starting with a letter or digit)"


def is_valid_id(text: object) -> bool:
    return isinstance(text, str) and bool(ID_PATTERN.match(text))


def make_id(name: str, taken, *, fallback: str = "item", max_len: int = 24) -> str:
    """A valid id not in ``taken``, derived from a free-text name ("Reuters/AP" -> "reuters-ap"),
    cut after a whole word to at most ``max_len`` characters (plus "-n" when taken).

    Letters with accents lose them; other scripts (Korean, Chinese) fall back to ``fallback``
    with a number, since an id must stay ASCII.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = _cut(re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-"), max_len)
    taken = set(taken)
    if not base:
        base = fallback
    elif base not in taken:
        return base
    n = 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _cut(slug: str, max_len: int) -> str:
    """At most ``max_len`` characters, ending at a whole word when the first word fits."""
    if len(slug) <= max_len:
        return slug
    head = slug[: max_len + 1]  # a '-' just past the limit ends a whole word too
    cut = head.rfind("-")
    return (head[:cut] if cut > 0 else slug[:max_len]).strip("-")
