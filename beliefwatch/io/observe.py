"""Mark a watched indicator observed: it becomes an evidence item (MODEL.md section 7).

It happened: the item's likelihoods are the indicator's, l. It did not happen: 1 - l, cell by
cell (a word or rating becomes its mirror word, "likely" -> "unlikely", "C" -> "I"; a range
[a, b] becomes [1 - b, 1 - a]). The item keeps the indicator's id, text, notes, source and
reliability and records ``from_indicator``, so ``update`` then gives exactly the credences
the watch list promised for that outcome.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import tomli_w

from beliefwatch.core.case import Case, Evidence, Indicator
from beliefwatch.core.commands import Command
from beliefwatch.core.elicitation import ACH, ICD203, Estimate, parse_likelihood
from beliefwatch.core.errors import CaseError, did_you_mean
from beliefwatch.io.save import _evidence, atomic_write

NOT_HAPPENED = "Did not happen: "


def observe(
    case: Case, indicator_id: str, happened: bool, date: dt.date | None, source: str = ""
) -> Command:
    """The edit that moves the indicator to the evidence; ``.applied_to(case)`` gives the case.

    ``source``: who reported the outcome (default: the indicator's own source).
    """
    ind = find_indicator(case, indicator_id)
    item = evidence_from_indicator(ind, happened, date, source)

    def change(c: Case) -> None:
        c.indicators = [i for i in c.indicators if i.id != indicator_id]
        c.included.discard(("indicators", indicator_id))
        c.evidence.append(item)

    verb = "happened" if happened else "did not happen"
    return Command(f"Mark '{indicator_id}' observed ({verb})", change)


def find_indicator(case: Case, indicator_id: str) -> Indicator:
    for ind in case.indicators:
        if ind.id == indicator_id:
            return ind
    known = [i.id for i in case.indicators]
    files = ", ".join(p.name for p in case.files) or "the case"
    if not known:
        raise CaseError(f"no indicator {indicator_id!r}: {files} watch no indicators")
    raise CaseError(
        f"no indicator {indicator_id!r} in {files}{did_you_mean(indicator_id, known)}"
        f" (indicators: {', '.join(known)})"
    )


def evidence_from_indicator(
    ind: Indicator, happened: bool, date: dt.date | None, source: str = ""
) -> Evidence:
    likelihoods = dict(ind.likelihoods)
    if not happened:
        likelihoods = {h: complement(est) for h, est in likelihoods.items()}
    return Evidence(
        id=ind.id,
        text=ind.text if happened else NOT_HAPPENED + ind.text,
        likelihoods=likelihoods,
        date=date,
        source=source or ind.source,
        reliability=ind.reliability,
        notes=ind.notes,
        origin=ind.origin,
        from_indicator=ind.id,
    )


def complement(est: Estimate) -> Estimate:
    """P(it does not happen | H) = 1 - P(it happens | H), in the analyst's own vocabulary."""
    if not est.rated:
        return est
    lo, hi = _round(1.0 - est.high), _round(1.0 - est.low)
    if est.kind in ("word", "rating"):
        table = ICD203 if est.kind == "word" else ACH
        for name, (a, b) in table.items():
            if abs(a - lo) < 1e-9 and abs(b - hi) < 1e-9:
                return parse_likelihood(name)
    if est.uncertain:
        return parse_likelihood([lo, hi])
    return parse_likelihood(lo)


def _round(x: float) -> float:
    # 1 - 0.85 is 0.15000000000000002: keep the file as short as the analyst would write it.
    return round(x, 12)


def write_observation(case: Case, item: Evidence) -> Path:
    """Rewrite, atomically, the file that holds the item's indicator: the indicator's entry
    leaves the watch list and the item joins that file's evidence. Comments stay."""
    indicator_id = str(item.from_indicator)
    ind = find_indicator(case, indicator_id)
    if ind.origin is None:
        raise CaseError(f"indicator {indicator_id!r} was not read from a file")
    path = Path(ind.origin)
    text = path.read_text(encoding="utf-8")
    atomic_write(path, observed_text(text, indicator_id, item, path))
    return path


def observed_text(text: str, indicator_id: str, item: Evidence, path: Path | None = None) -> str:
    """The file's text with the indicator's entry removed and the item appended."""
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
    new = tomli_w.dumps({"evidence": [entry]}, multiline_strings=True)
    edited = _without_entry(text, indicator_id).rstrip("\n") + "\n\n" + new
    try:
        if tomllib.loads(edited) == expected:
            return edited
    except tomllib.TOMLDecodeError:
        pass
    # The entry could not be cut out line by line (an inline table, a string that looks like a
    # header): write the same data in full, at the cost of the file's comments.
    return tomli_w.dumps(expected, multiline_strings=True)


_HEADER = re.compile(r"^\s*\[")


def _without_entry(text: str, indicator_id: str) -> str:
    """Cut the ``[[indicators]]`` entry with this id (and its sub-tables) out of the text."""
    lines = text.splitlines(keepends=True)
    headers = [i for i, ln in enumerate(lines) if _HEADER.match(ln)]
    id_line = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(indicator_id) + r"[\"']\s*(#.*)?$")
    for n, start in enumerate(headers):
        if lines[start].strip().replace(" ", "") != "[[indicators]]":
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
