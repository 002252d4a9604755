"""The training parts of a case file: ``include``, ``[resolution]``, ``[[estimates]]`` and the
ACH weights of an item (``ach_credibility``, ``relevance``).

Kept apart from ``load.py`` so that each stays short; ``load.py`` calls these while reading.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from beliefwatch.core.case import AnalystEstimate, Case, Resolution
from beliefwatch.core.errors import did_you_mean, shown

ACH_WEIGHT_KEYS = ("ach_credibility", "relevance")
ACH_WEIGHTS = ("HIGH", "MEDIUM", "LOW")
_WEIGHT_SHORT = {"H": "HIGH", "M": "MEDIUM", "L": "LOW"}
RESOLUTION_KEYS = {"answer", "date", "source"}
# Trainees write probabilities or percentages (the scores normalise them): beyond 100 is a slip,
# and 1e308 + 1e308 would overflow the normalisation to inf.
MAX_CREDENCE = 100
ESTIMATE_KEYS = {"analyst", "recorded", "credences"}


def ach_weight(value: object) -> str | None:
    """HIGH / MEDIUM / LOW from the ways tools write it (High, h, ...); None if it is not one."""
    if not isinstance(value, str):
        return None
    word = value.strip().upper()
    word = _WEIGHT_SHORT.get(word, word)
    return word if word in ACH_WEIGHTS else None


def read_weights(f, e: dict, label: str) -> dict:
    out = {}
    for key in ACH_WEIGHT_KEYS:
        if key in e:
            word = ach_weight(e[key])
            if word is None:
                raise f.error(f"{key} must be HIGH, MEDIUM or LOW, got {e[key]!r}", label, key)
            out[key] = word
    return out


def read_includes(case: Case, files: list, make_file) -> list:
    """The given files, each followed by the files it includes (relative to itself), once."""
    out: list = []
    seen: set[Path] = set()

    def take(f):
        """Note ``f`` as read; its include paths to visit next, in order."""
        seen.add(f.path.resolve())
        out.append(f)
        names = f.data.get("include", [])
        if isinstance(names, str) or not isinstance(names, list):
            raise f.error('include must be a list of file paths: include = ["other.toml"]',
                          key="include")  # fmt: skip
        return iter([(f, name) for name in names])

    # Depth first, in the order written, with a stack of our own: a chain of includes 1,000
    # files deep must not exhaust Python's recursion limit.
    for first in files:
        if first.path.resolve() in seen:
            continue
        stack = [take(first)]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                continue
            f, name = step
            if not isinstance(name, str) or not name.strip():
                raise f.error(f"include: {shown(name)} is not a file path", key="include")
            path = Path(os.path.normpath(f.path.parent / name))
            if not path.is_file():
                raise f.error(f"include: no file {shown(name)} (looked for {path})", key="include")
            if path.resolve() in seen:
                # Already read (a cycle, or named earlier on the command line): its content
                # is part of the case as read there, so saving writes it rather than an include.
                continue
            case.includes.append(path)
            stack.append(take(make_file(path)))
    return out


def read_date(f, value: object, item: str, key: str = "date") -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise f.error(f"{key} must be a date like 2025-02-27, got {value!r}", item, key)


def _datetime(f, value: object, item: str) -> dt.datetime | dt.date | None:
    if value is None or isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise f.error(
        f"recorded must be a date and time like 2025-03-01T14:30:00, got {value!r}",
        item,
        "recorded",
    )


def _text(f, value: object, item: str, key: str) -> str:
    if not isinstance(value, str):
        raise f.error(f"{key} must be text, got {value!r}", item, key)
    return value


def read_extras(case: Case, f) -> None:
    """``[resolution]`` and ``[[estimates]]`` of one file."""
    data = f.data
    if "resolution" in data:
        r = data["resolution"]
        item = "resolution"
        if not isinstance(r, dict):
            raise f.error("resolution must be a table: [resolution]", key="resolution")
        for key in r:
            if key not in RESOLUTION_KEYS:
                hint = did_you_mean(key, sorted(RESOLUTION_KEYS))
                raise f.error(f"unknown key {key!r}{hint}", item, key)
        if case.resolution is not None:
            raise f.error("a second [resolution] (a case has one answer)", item)
        if "answer" not in r:
            raise f.error("has no answer (the id of the hypothesis that proved true)", item)
        case.resolution = Resolution(
            answer=_text(f, r["answer"], item, "answer"),
            date=read_date(f, r.get("date"), item, "date"),
            source=_text(f, r.get("source", ""), item, "source"),
        )
    raw = data.get("estimates", [])
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise f.error("estimates must be written as [[estimates]] tables", key="estimates")
    for i, e in enumerate(raw):
        item = f"estimate #{i + 1}"
        for key in e:
            if key not in ESTIMATE_KEYS:
                raise f.error(f"unknown key {key!r}{did_you_mean(key, sorted(ESTIMATE_KEYS))}",
                              item, key)  # fmt: skip
        if "analyst" not in e:
            raise f.error("has no analyst (who made the estimate)", item)
        analyst = _text(f, e["analyst"], item, "analyst")
        item = f"estimate #{i + 1} ({analyst})"
        cred = e.get("credences", {})
        if not isinstance(cred, dict) or not cred:
            raise f.error("needs credences: [estimates.credences] with hypothesis = number",
                          item, "credences")  # fmt: skip
        values = {}
        for h, v in cred.items():
            ok = isinstance(v, int | float) and not isinstance(v, bool)
            if not ok or not 0 <= v <= MAX_CREDENCE:  # NaN and inf fail the comparison
                why = "must be a number >= 0 and <= 100 (a probability or a percentage)"
                raise f.error(f"credence for {h!r} {why}, got {shown(v, 30)}", item, h)
            values[str(h)] = float(v)
        if sum(values.values()) <= 0:
            raise f.error("credences are all 0; give at least one a positive number", item)
        case.estimates.append(
            AnalystEstimate(analyst, values, _datetime(f, e.get("recorded"), item))
        )


def check_extras(case: Case, files: list) -> None:
    """Answers and estimates name hypotheses of the case (known only once all files are read);
    note what came from included files (``save`` writes ``include`` instead of it)."""
    hids = case.hypothesis_ids
    r = case.resolution
    if r is not None and r.answer not in hids:
        f = next(f for f in files if "resolution" in f.data)
        hint = did_you_mean(r.answer, hids)
        raise f.error(f"answer {r.answer!r} is not a hypothesis of the case{hint}",
                      "resolution", "answer")  # fmt: skip
    written = [(f, i) for f in files for i, _ in enumerate(f.data.get("estimates", []))]
    for (f, i), est in zip(written, case.estimates, strict=True):
        for h in est.credences:
            if h not in hids:
                raise f.error(f"credence for unknown hypothesis {h!r}{did_you_mean(h, hids)}",
                              f"estimate #{i + 1} ({est.analyst})", h)  # fmt: skip
    included = {p.resolve() for p in case.includes}
    for f in files:
        if f.path.resolve() in included:
            for table in ("hypotheses", "sources", "groups", "evidence", "indicators"):
                for entry in f.data.get(table, []):
                    case.included.add((table, entry["id"]))


MAX_CELLS = 5_000_000  # likelihood cells (items x hypotheses): 5x the largest case measured


def check_whole(case: Case, files: list) -> None:
    """What only the whole case shows: its size, and that some hypothesis is possible."""
    cells = (len(case.evidence) + len(case.indicators)) * len(case.hypotheses)
    if cells > MAX_CELLS:
        names = ", ".join(p.name for p in case.files)
        from beliefwatch.core.errors import CaseError

        raise CaseError(f"{len(case.evidence) + len(case.indicators):,} items x "
                        f"{len(case.hypotheses):,} hypotheses = {cells:,} likelihood cells; "
                        f"BeliefWatch handles up to {MAX_CELLS:,} (files: {names})")  # fmt: skip
    if case.hypotheses and all(h.prior.central == 0 for h in case.hypotheses):
        first = case.hypotheses[0].id
        hyps = [(f, e) for f in files for e in f.data.get("hypotheses", [])]
        f = next((f for f, e in hyps if e.get("id") == first), files[0])
        raise f.error("every prior is 0: at least one hypothesis must be possible", key="prior")


def without_included(case: Case) -> Case:
    """The case less what its included files hold: saving writes ``include`` for that."""
    if not case.included:
        return case
    out = case.copy()
    for table in ("hypotheses", "sources", "groups", "evidence", "indicators"):
        kept = [x for x in getattr(out, table) if (table, x.id) not in case.included]
        setattr(out, table, kept)
    return out


def training_tables(case: Case, folder: Path | None) -> dict:
    """``include``, ``[resolution]`` and ``[[estimates]]`` as TOML-ready data (empty: none)."""
    data: dict = {}
    if case.includes:
        if folder is None:
            folder = case.files[0].parent if case.files else Path.cwd()
        data["include"] = [
            Path(os.path.relpath(p.resolve(), Path(folder).resolve())).as_posix()
            for p in case.includes
        ]
    r = case.resolution
    if r is not None:
        data["resolution"] = {"answer": r.answer}
        if r.date is not None:
            data["resolution"]["date"] = r.date
        if r.source:
            data["resolution"]["source"] = r.source
    if case.estimates:
        data["estimates"] = [
            {"analyst": e.analyst}
            | ({"recorded": e.recorded} if e.recorded is not None else {})
            | {"credences": dict(e.credences)}
            for e in case.estimates
        ]
    return data


def has_resolution(path: Path) -> bool:
    """Whether a TOML file holds ``[resolution]`` (an unreadable file that seems to: True, so
    that loading it reports the problem)."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return isinstance(tomllib.loads(text).get("resolution"), dict)
    except tomllib.TOMLDecodeError:
        return "[resolution]" in text


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)  # .venv, .git and the like


def resolved_case_files(paths: list[Path]) -> list[Path]:
    """Case files to score: each file given, and in each folder given (searched through its
    subfolders) the ``.toml`` files that hold ``[resolution]``; in path order."""
    from beliefwatch.core.errors import CaseError

    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = (f for f in p.rglob("*.toml") if not _hidden(f.relative_to(p)))
            out += sorted(f for f in found if f.is_file() and has_resolution(f))
        elif p.exists():
            out.append(p)
        else:
            raise CaseError("file or folder not found", file=p)
    return list(dict.fromkeys(out))
