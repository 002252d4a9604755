"""Errors a user sees: one line naming the file, the item and what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

MAX_MESSAGE = 300  # characters: a message is one line a user reads, not a dump of the input
# C0 and C1 controls, DEL, lone surrogates (a file name that is not UTF-8) and the Unicode
# direction overrides: none of them may reach a terminal as they are (an ESC ] sequence sets the
# window's title, a CSI moves the cursor, U+202E reverses the text shown).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control character written as an escape (``\\x1b``), except ``keep``."""
    return _UNPRINTABLE.sub(lambda m: m[0] if m[0] in keep else _escape(m[0]), text)


def _escape(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def shown(value: object, width: int = 60) -> str:
    """A value echoed in a message: its repr, cut to ``width`` characters."""
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 12]}...({len(text):,} chars)"


class CaseError(Exception):
    """Bad input in a case file; ``str()`` is the one-line message shown to the user."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        item: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.item = item
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.file:
            file = self.file if len(self.file) <= 120 else "..." + self.file[-117:]
            where = file + (f":{self.line}" if self.line else "")
        item = self.item if self.item is None or len(self.item) <= 80 else self.item[:77] + "..."
        parts = [p for p in (where, item) if p]
        text = printable(": ".join([*parts, self.message]))
        if len(text) > MAX_MESSAGE:  # an echoed value too long: keep the start and the end
            text = text[: MAX_MESSAGE - 84] + " ... " + text[-79:]
        return text


def nearest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The closest option to a misspelt word, for 'did you mean' hints."""
    import difflib

    folded = {o.lower(): o for o in options}
    hits = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.5)
    return folded[hits[0]] if hits else None


def did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str:
    hit = nearest(word, options)
    return f" (did you mean {hit!r}?)" if hit else ""
