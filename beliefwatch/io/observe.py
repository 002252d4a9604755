"""Writing an observed indicator into its file (the edit itself: ``core.commands.observe``).

The file that holds the indicator is rewritten atomically: the indicator's entry is cut out
line by line and the new evidence item appended, so comments, the order of what stays and the
file's line endings (CRLF stays CRLF) are kept. The file must be the one that was read: one
changed on disk since (a colleague's edit), read-only, or reached through a symlink (its target
is written, the link stays) is handled by ``safe_write``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomli_w

from beliefwatch.core.case import Case, Evidence
from beliefwatch.core.errors import CaseError
from beliefwatch.io.safe_write import atomic_write, check_unchanged, resolved_target
from beliefwatch.io.save import _evidence


def write_observation(case: Case, item: Evidence, notes: list[str] | None = None) -> Path:
    """Rewrite, atomically, the file that holds the item's indicator: the indicator's entry
    leaves the watch list and the item joins that file's evidence. Comments stay; when they
    cannot (see ``observed_text``) a line saying so is added to ``notes``."""
    indicator_id = str(item.from_indicator)
    ind = next((i for i in case.indicators if i.id == indicator_id), None)
    if ind is None:
        raise CaseError(f"no indicator {indicator_id!r} in the case")
    if ind.origin is None:
        raise CaseError(f"indicator {indicator_id!r} was not read from a file")
    path = Path(ind.origin)
    target = resolved_target(path)
    check_unchanged(target)  # a colleague's edit since the case was read must not be lost
    try:
        text = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CaseError(f"cannot read it again: {e}", file=path) from None
    new, cut = _observed(text, indicator_id, item, path)
    if (
        not cut
        and any(ln.lstrip().startswith("#") for ln in text.splitlines())
        and notes is not None
    ):
        notes.append(f"{path}: the indicator could not be cut out line by line, so the file "
                     "was rewritten in full and its comments were not kept")  # fmt: skip
    atomic_write(target, new)
    return path


def observed_text(text: str, indicator_id: str, item: Evidence, path: Path | None = None) -> str:
    """The file's text with the indicator's entry removed and the item appended."""
    return _observed(text, indicator_id, item, path)[0]


def _observed(text: str, indicator_id: str, item: Evidence, path: Path | None) -> tuple[str, bool]:
    """(the new text, whether the entry was cut out line by line)."""
    data = tomllib.loads(text)
    expected = dict(data)
    expected["indicators"] = [e for e in data.get("indicators", []) if e.get("id") != indicator_id]
    if len(expected["indicators"]) == len(data.get("indicators", [])):
        raise CaseError(
            "does not hold this indicator", file=path, item=f"indicator '{indicator_id}'"
        )
    entry = _evidence(item)
    entry.pop("origin", None)
    expected["evidence"] = [*data.get("evidence", []), entry]
    if not expected["indicators"]:
        del expected["indicators"]
    nl = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    new = tomli_w.dumps({"evidence": [entry]}, multiline_strings=True).replace("\n", nl)
    edited = _without_entry(text, indicator_id).rstrip("\r\n") + nl + nl + new
    try:
        if tomllib.loads(edited) == expected:
            return edited, True
    except tomllib.TOMLDecodeError:
        pass
    # The entry could not be cut out line by line (an inline table, a string that looks like a
    # header): write the same data in full, at the cost of the file's comments.
    return tomli_w.dumps(expected, multiline_strings=True).replace("\n", nl), False


_HEADER = re.compile(r"^\s*\[")
_INDICATORS = re.compile(r"^\s*\[\[\s*indicators\s*\]\]\s*(#.*)?$")


def _without_entry(text: str, indicator_id: str) -> str:
    """Cut the ``[[indicators]]`` entry with this id (and its sub-tables) out of the text."""
    lines = text.splitlines(keepends=True)
    headers = [i for i, ln in enumerate(lines) if _HEADER.match(ln)]
    id_line = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(indicator_id) + r"[\"']\s*(#.*)?\r?$")
    for n, start in enumerate(headers):
        if not _INDICATORS.match(lines[start]):
            continue
        end = next(
            (h for h in headers[n + 1 :] if not _is_subtable(lines[h], "indicators")), len(lines)
        )
        if any(id_line.match(ln) for ln in lines[start:end]):
            # Comments and blank lines just above the next header introduce what follows.
            while end > start + 1 and (not lines[end - 1].strip() or _is_comment(lines[end - 1])):
                end -= 1
            return "".join(lines[:start] + lines[end:])
    return text


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_subtable(line: str, table: str) -> bool:
    head = line.strip().replace(" ", "")
    return head.startswith(f"[{table}.")
