"""Reading case files (TOML): one or more files make one case.

Every problem becomes a :class:`CaseError` whose message names the file, the item and the line.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

from beliefwatch.core.case import (
    FORMAT_VERSION,
    Case,
    Evidence,
    Group,
    Hypothesis,
    Indicator,
    Source,
)
from beliefwatch.core.elicitation import (
    Estimate,
    parse_likelihood,
    parse_prior,
    parse_reliability,
)
from beliefwatch.core.errors import CaseError, did_you_mean
from beliefwatch.core.ids import ID_RULE, is_valid_id
from beliefwatch.io import case_extras as extras
from beliefwatch.io import toml_text
from beliefwatch.io.safe_write import read_bytes

TOP_KEYS = {
    "format", "question", "prior_strength", "notes",
    "hypotheses", "sources", "groups", "evidence", "indicators",
    "include", "resolution", "estimates", "analyst",
}  # fmt: skip
TABLE_KEYS = {
    "hypotheses": {"id", "name", "prior", "catch_all", "notes"},
    "sources": {"id", "name", "reliability", "notes"},
    "groups": {"id", "name", "correlation", "notes"},
    "evidence": {
        "id", "text", "date", "source", "reliability", "credibility", "group",
        "base_rate", "notes", "link", "likelihoods", *extras.ACH_WEIGHT_KEYS, "from_indicator",
    },
    "indicators": {"id", "text", "notes", "likelihoods", "source", "reliability"},
}  # fmt: skip
SINGULAR = {
    "hypotheses": "hypothesis",
    "sources": "source",
    "groups": "group",
    "evidence": "evidence",
    "indicators": "indicator",
}


class _File:
    """One file being read: its path, its text (for line numbers) and its table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict = {}  # likelihood as written -> Estimate
        try:
            raw = read_bytes(path)
        except FileNotFoundError:
            raise CaseError("file not found", file=path) from None
        except IsADirectoryError:
            raise CaseError("is a folder, not a case file", file=path) from None
        except OSError as e:
            raise CaseError(f"cannot read: {e.strerror}", file=path) from None
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise CaseError(
                f"not UTF-8 text (byte 0x{raw[e.start]:02x}); save it as UTF-8",
                file=path,
                line=line,
            ) from None
        try:
            self.data = toml_text.loads(self.text)
        except toml_text.IntegerRangeError as e:
            raise CaseError(e.msg, file=path, line=e.line) from None
        except tomllib.TOMLDecodeError as e:
            # Python 3.14 gives lineno/msg; before that they are only in the message text.
            m = re.search(r"\s*\(at line (\d+), column \d+\)$", str(e))
            line = getattr(e, "lineno", None) or (int(m.group(1)) if m else None)
            msg = getattr(e, "msg", None) or (str(e)[: m.start()] if m else str(e))
            raise CaseError(f"invalid TOML: {msg}", file=path, line=line) from None

    def line_of(self, item_id: str | None, key: str | None = None) -> int | None:
        """The line where an item (and optionally one of its keys) is written, if found."""
        lines = self.text.splitlines()
        start = 0
        if item_id is not None:
            pat = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(item_id) + r"[\"']")
            found = next((i for i, ln in enumerate(lines) if pat.match(ln)), None)
            if found is None:
                return None
            start = found
            if key is None:
                return found + 1
        if key is not None:
            pat = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
            for i in range(start, len(lines)):
                if pat.match(lines[i]):
                    return i + 1
                if i > start and item_id is not None and lines[i].lstrip().startswith("[["):
                    break
        return None

    def error(self, message: str, item: str | None = None, key: str | None = None) -> CaseError:
        label = item
        item_id = item.split(" ", 1)[1].strip("'") if item and " " in item else None
        return CaseError(message, file=self.path, item=label, line=self.line_of(item_id, key))


def load_case(*paths: str | Path) -> Case:
    """Load the case made by these files (question and hypotheses in one, evidence in any)."""
    if not paths:
        raise CaseError("no case files given")
    case = Case()
    files = extras.read_includes(case, [_File(Path(p)) for p in paths], _File)
    question_from: Path | None = None
    for f in files:
        case.files.append(f.path)
        data = f.data
        for key in data:
            if key not in TOP_KEYS:
                raise f.error(f"unknown key {key!r}{did_you_mean(key, sorted(TOP_KEYS))}", key=key)
        version = data.get("format", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise f.error(f"format must be a whole number >= 1, got {version!r}", key="format")
        if version > FORMAT_VERSION:
            raise f.error(
                f"written in case-file format {version}; this BeliefWatch reads up to "
                f"format {FORMAT_VERSION} - update BeliefWatch"
            )
        if "question" in data:
            q = _text(f, data["question"], None, "question")
            if question_from is not None and q != case.question:
                raise f.error(f"a second question (the first is in {question_from.name})")
            case.question, question_from = q, f.path
        if "notes" in data:
            case.notes = _text(f, data["notes"], None, "notes")
        if "analyst" in data:
            case.analyst = _text(f, data["analyst"], None, "analyst").strip()
        if "prior_strength" in data:
            s = data["prior_strength"]
            number = isinstance(s, int | float) and not isinstance(s, bool)
            if not number or not math.isfinite(s) or s <= 0:
                raise f.error(
                    f"prior_strength must be a positive number, got {s!r}", key="prior_strength"
                )
            case.prior_strength = float(s)
        for table in ("hypotheses", "sources", "groups", "evidence", "indicators"):
            for entry in _entries(f, data, table):
                getattr(case, table).append(_READERS[table](f, entry))
        extras.read_extras(case, f)
    _check_ids(case, files)
    _check_references(case, files)
    extras.check_extras(case, files)
    if not case.hypotheses:
        names = ", ".join(p.name for p in case.files)
        raise CaseError(f"the case has no hypotheses (files: {names}); add [[hypotheses]] entries")
    if any(h.prior is None for h in case.hypotheses):
        missing = [h for h in case.hypotheses if h.prior is None]
        if len(missing) != len(case.hypotheses):
            h = missing[0]
            f = _file_of(files, "hypotheses", h.id)
            raise f.error("has no prior (give every hypothesis one, or none for equal priors)",
                          item=f"hypothesis '{h.id}'")  # fmt: skip
        equal = 1.0 / len(case.hypotheses)
        for h in case.hypotheses:
            h.prior = Estimate("number", equal, equal, round(equal, 6))
    extras.check_whole(case, files)
    return case


def _entries(f: _File, data: dict, table: str) -> list[dict]:
    raw = data.get(table, [])
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise f.error(f"{table} must be written as [[{table}]] tables", key=table)
    for i, entry in enumerate(raw):
        for key in entry:
            if key not in TABLE_KEYS[table]:
                label = _label(table, entry, i)
                hint = did_you_mean(key, sorted(TABLE_KEYS[table]))
                raise f.error(f"unknown key {key!r}{hint}", item=label, key=key)
        if "id" not in entry:
            raise f.error("has no id", item=f"{SINGULAR[table]} #{i + 1}")
        if not is_valid_id(entry["id"]):
            raise f.error(
                f"id {entry['id']!r} must be {ID_RULE}",
                item=f"{SINGULAR[table]} #{i + 1}",
            )
    return raw


def _label(table: str, entry: dict, i: int) -> str:
    eid = entry.get("id")
    return f"{SINGULAR[table]} '{eid}'" if isinstance(eid, str) else f"{SINGULAR[table]} #{i + 1}"


def _text(f: _File, value: object, item: str | None, key: str) -> str:
    if not isinstance(value, str):
        raise f.error(f"{key} must be text, got {value!r}", item=item, key=key)
    return value


def _parse(f: _File, parser, value, item: str, key: str, what: str):
    try:
        return parser(value)
    except ValueError as e:
        raise f.error(f"{what}: {e}", item=item, key=key) from None


def _read_hypothesis(f: _File, e: dict) -> Hypothesis:
    label = f"hypothesis '{e['id']}'"
    prior = _parse(f, parse_prior, e["prior"], label, "prior", "prior") if "prior" in e else None
    catch_all = e.get("catch_all", False)
    if not isinstance(catch_all, bool):
        raise f.error("catch_all must be true or false", item=label, key="catch_all")
    return Hypothesis(
        id=e["id"],
        name=_text(f, e.get("name", e["id"]), label, "name"),
        prior=prior,  # type: ignore[arg-type]  # filled in load_case when all are missing
        catch_all=catch_all,
        notes=_text(f, e.get("notes", ""), label, "notes"),
    )


def _read_source(f: _File, e: dict) -> Source:
    label = f"source '{e['id']}'"
    rel = e.get("reliability")
    return Source(
        id=e["id"],
        name=_text(f, e.get("name", ""), label, "name"),
        reliability=None
        if rel is None
        else _parse(f, parse_reliability, rel, label, "reliability", "reliability"),
        notes=_text(f, e.get("notes", ""), label, "notes"),
    )


def _read_group(f: _File, e: dict) -> Group:
    label = f"group '{e['id']}'"
    rho = e.get("correlation", 1.0)
    if isinstance(rho, bool) or not isinstance(rho, int | float) or not 0 <= rho <= 1:
        raise f.error(f"correlation must be a number in [0, 1], got {rho!r}", label, "correlation")
    return Group(
        id=e["id"],
        correlation=float(rho),
        name=_text(f, e.get("name", ""), label, "name"),
        notes=_text(f, e.get("notes", ""), label, "notes"),
    )


def _read_likelihoods(f: _File, e: dict, label: str) -> dict:
    table = e.get("likelihoods", {})
    if not isinstance(table, dict):
        raise f.error("likelihoods must be a table: [evidence.likelihoods]", label, "likelihoods")
    out = {}
    seen = f.seen
    for h, v in table.items():
        # The same few values recur across a matrix: parse each once (an Estimate is immutable,
        # so cells share it, and its Beta fit is then made once too). A text or a non-zero float
        # is its own key; -0.0 == 0.0 and 1 == 1.0 == True, so others are keyed as written.
        t = v.__class__
        key = v if t is str or (t is float and v) else (t, repr(v))
        est = seen.get(key)
        if est is None:
            try:
                toml_text.check_integers(v, f.text)
            except toml_text.IntegerRangeError as e:
                raise f.error(e.msg, label, h) from None
            est = _parse(f, parse_likelihood, v, label, h, f"likelihood for {h!r}")
            seen[key] = est
        out[h] = est
    return out


def _read_evidence(f: _File, e: dict) -> Evidence:
    label = f"evidence '{e['id']}'"
    if "text" not in e:
        raise f.error("has no text (what was observed)", item=label)
    rel = e.get("reliability")
    cred = e.get("credibility")
    if cred is not None and (isinstance(cred, bool) or cred not in range(1, 7)):
        raise f.error(f"credibility must be a whole number 1-6, got {cred!r}", label, "credibility")
    base = e.get("base_rate")
    if base is not None:
        base = _parse(f, parse_prior, base, label, "base_rate", "base_rate")
        if base.uncertain:
            raise f.error("base_rate must be a single number", label, "base_rate")
        base = base.low
    group = e.get("group")
    return Evidence(
        id=e["id"],
        text=_text(f, e["text"], label, "text"),
        likelihoods=_read_likelihoods(f, e, label),
        date=extras.read_date(f, e.get("date"), label),
        source=_text(f, e.get("source", ""), label, "source"),
        reliability=None
        if rel is None
        else _parse(f, parse_reliability, rel, label, "reliability", "reliability"),
        credibility=cred,
        group=None if group is None else _text(f, group, label, "group"),
        base_rate=base,
        notes=_text(f, e.get("notes", ""), label, "notes"),
        link=_text(f, e.get("link", ""), label, "link"),
        origin=str(f.path),
        **extras.read_weights(f, e, label),
        from_indicator=_optional_text(f, e, label, "from_indicator"),
    )


def _read_indicator(f: _File, e: dict) -> Indicator:
    label = f"indicator '{e['id']}'"
    if "text" not in e:
        raise f.error("has no text (what is being watched for)", item=label)
    return Indicator(
        id=e["id"],
        text=_text(f, e["text"], label, "text"),
        likelihoods=_read_likelihoods(f, e, label),
        notes=_text(f, e.get("notes", ""), label, "notes"),
        source=_text(f, e.get("source", ""), label, "source"),
        reliability=None
        if e.get("reliability") is None
        else _parse(f, parse_reliability, e["reliability"], label, "reliability", "reliability"),
        origin=str(f.path),
    )


def _optional_text(f: _File, e: dict, label: str, key: str) -> str | None:
    return None if e.get(key) is None else _text(f, e[key], label, key)


_READERS = {
    "hypotheses": _read_hypothesis,
    "sources": _read_source,
    "groups": _read_group,
    "evidence": _read_evidence,
    "indicators": _read_indicator,
}


def _file_of(files: list[_File], table: str, item_id: str) -> _File:
    for f in reversed(files):
        if any(e.get("id") == item_id for e in f.data.get(table, [])):
            return f
    return files[0]


def _check_ids(case: Case, files: list[_File]) -> None:
    for table in ("hypotheses", "sources", "groups"):
        seen: set[str] = set()
        for x in getattr(case, table):
            if x.id in seen:
                f = _file_of(files, table, x.id)
                raise f.error("duplicate id", item=f"{SINGULAR[table]} '{x.id}'")
            seen.add(x.id)
    seen = set()
    for x in [*case.evidence, *case.indicators]:
        if x.id in seen:
            table = "evidence" if isinstance(x, Evidence) else "indicators"
            f = _file_of(files, table, x.id)
            raise f.error("duplicate id (evidence and indicator ids share one namespace)",
                          item=f"{SINGULAR[table]} '{x.id}'")  # fmt: skip
        seen.add(x.id)


def _check_references(case: Case, files: list[_File]) -> None:
    hids = case.hypothesis_ids
    known = set(hids)
    gids = [g.id for g in case.groups]
    for table, items in (("evidence", case.evidence), ("indicators", case.indicators)):
        for x in items:
            if known.issuperset(x.likelihoods) and (
                not isinstance(x, Evidence) or x.group is None or x.group in gids
            ):
                continue
            f = _file_of(files, table, x.id)
            label = f"{SINGULAR[table]} '{x.id}'"
            for h in x.likelihoods:
                if h not in known:
                    raise f.error(
                        f"likelihood for unknown hypothesis {h!r}{did_you_mean(h, hids)}",
                        item=label,
                        key=h,
                    )
            if isinstance(x, Evidence) and x.group is not None and x.group not in gids:
                hint = did_you_mean(x.group, gids) if gids else " (declare it in [[groups]])"
                raise f.error(f"unknown group {x.group!r}{hint}", item=label, key="group")
