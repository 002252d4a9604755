"""Analyst text made inert in Markdown, for every section of the Markdown report."""

from __future__ import annotations

# Markdown punctuation that would turn analyst text into markup (emphasis, links, code, and the
# $...$ math of GitHub, GitLab and Obsidian: "Spend $5 on #1 & $6" is money, not a formula). `<`,
# `>` and `&` become entities instead: most viewers render inline HTML, so a hypothesis named
# <img onerror=...> would run as script.
_MARKUP = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]|#$"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def md_text(text: object) -> str:
    """Analyst text as inert Markdown, on one line (a line break would end a quote or a cell).

    `|` is escaped too, so the same text is safe in a table cell.
    """
    return " ".join(str(text).translate(_MARKUP).split())
