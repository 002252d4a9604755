"""Errors a user sees: one line naming the file, the item and what is wrong."""

from __future__ import annotations

from pathlib import Path


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
            where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (where, self.item) if p]
        return ": ".join([*parts, self.message])


def nearest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The closest option to a misspelt word, for 'did you mean' hints."""
    import difflib

    folded = {o.lower(): o for o in options}
    hits = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.5)
    return folded[hits[0]] if hits else None


def did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str:
    hit = nearest(word, options)
    return f" (did you mean {hit!r}?)" if hit else ""
