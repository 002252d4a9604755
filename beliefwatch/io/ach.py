"""ACH matrices in and out: PARC ACH 2.0 ``.achz`` files and CSV tables.

A cell keeps its ACH rating (CC C N I II NA) as the analyst's tool wrote it, so the Bayesian
model reads it through the rating's default interval (MODEL.md section 3) and the classic ACH
scores read the rating itself. Credibility becomes an item reliability (``CREDIBILITY_LETTER``,
explained in docs/training.md); credibility and relevance are also kept as item fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from beliefwatch.core.case import Case, Evidence, Hypothesis
from beliefwatch.core.elicitation import Estimate, parse_likelihood, parse_reliability
from beliefwatch.core.errors import CaseError
from beliefwatch.core.ids import is_valid_id, make_id
from beliefwatch.io.case_extras import ach_weight

# HIGH: the source is as good as they come (Admiralty A, r = 0.95); MEDIUM, every PARC item's
# default: usually reliable (B, 0.80); LOW: doubtful (D, 0.40). See docs/training.md.
CREDIBILITY_LETTER = {"HIGH": "A", "MEDIUM": "B", "LOW": "D"}
# The other ways ACH tools write a rating.
RATING_SYNONYMS = {
    "++": "CC", "+": "C", "0": "N", "-": "I", "--": "II",
    "VC": "CC", "VI": "II", "N/A": "NA", "": "NA",
}  # fmt: skip
RATINGS = ("CC", "C", "N", "I", "II", "NA")
CSV_COLUMNS = ("id", "evidence", "date", "source", "credibility", "relevance")


def normalise_rating(text: str) -> str | None:
    """'C C' -> 'CC', '++' -> 'CC', 'vi' -> 'II'; None when it is not an ACH rating."""
    word = re.sub(r"\s+", "", text).upper()
    word = RATING_SYNONYMS.get(word, word)
    return word if word in RATINGS else None


def _cell(text: str, where: str, file: Path) -> Estimate | None:
    """An imported cell: an ACH rating, or anything a case file accepts as a likelihood."""
    rating = normalise_rating(text)
    if rating is not None:
        return parse_likelihood(rating)
    try:
        est = parse_likelihood(text)
    except ValueError as e:
        raise CaseError(f"{e}; ACH ratings are CC C N I II NA", file=file, item=where) from None
    return est if est.rated or est.raw is not None else None


def _new_case(question: str, names: list[str], file: Path) -> Case:
    if not names:
        raise CaseError("no hypotheses found", file=file)
    ids: list[str] = []
    for n in names:
        ids.append(make_id(n, ids, fallback="h"))
    k = len(names)
    # Equal priors written in full, so that they sum to 1 exactly.
    hyps = [
        Hypothesis(h, n, Estimate("number", 1 / k, 1 / k, 1 / k))
        for h, n in zip(ids, names, strict=True)
    ]
    return Case(question=question, hypotheses=hyps, files=[file])


def _weights(ev: Evidence, credibility: str, relevance: str, where: str, file: Path) -> None:
    for key, text in (("credibility", credibility), ("relevance", relevance)):
        if not text.strip():
            continue
        word = ach_weight(text)
        if word is None:
            raise CaseError(f"{key} must be HIGH, MEDIUM or LOW (or H, M, L), got {text!r}",
                            file=file, item=where)  # fmt: skip
        if key == "credibility":
            ev.ach_credibility = word
            ev.reliability = parse_reliability(CREDIBILITY_LETTER[word])
        else:
            ev.relevance = word


# ---- PARC ACH 2.0 (.achz) ----


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].upper() if isinstance(tag, str) else ""


def _find_all(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if _local(el.tag) == name]


def _child_text(el: ET.Element, name: str) -> str:
    """The text of the first element ``name`` under ``el``; else an attribute of that name."""
    found = [x for x in _find_all(el, name) if x is not el]
    if found:
        return "".join(found[0].itertext()).strip()
    attrs = {_local(k): v for k, v in el.attrib.items()}
    return attrs.get(name, "").strip()


# A real PARC matrix is a few hundred KB of XML; a decompression bomb is gigabytes.
MAX_ACH_BYTES = 64 * 2**20


def _gunzip(raw: bytes, file: Path) -> bytes:
    """The decompressed bytes, read a block at a time and refused beyond ``MAX_ACH_BYTES``."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            while block := gz.read(2**20):
                out += block
                if len(out) > MAX_ACH_BYTES:
                    raise CaseError(
                        f"decompresses to more than {MAX_ACH_BYTES // 2**20} MB (the limit for "
                        "an ACH matrix); not read",
                        file=file,
                    )
    except (OSError, EOFError, zlib.error) as e:
        raise CaseError(f"damaged gzip data ({e})", file=file) from None
    return bytes(out)


def _xml_text(raw: bytes, file: Path) -> str:
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, file)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    else:
        # No byte-order mark: UTF-16 without one puts a zero byte beside each ASCII letter.
        codec = (
            "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be" if raw[:1] == b"\x00" else "utf-8"
        )
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        raise CaseError("not a PARC ACH file (expected gzip of UTF-16 XML)", file=file) from None
    # The declaration names the bytes' encoding; the text is already decoded.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text)


def read_achz(path: str | Path) -> Case:
    """A case from a PARC ACH 2.0 ``.achz`` file (a gzip of UTF-16 XML)."""
    file = Path(path)
    raw = _read_bytes(file)
    try:
        root = ET.fromstring(_xml_text(raw, file))
    except ET.ParseError as e:
        raise CaseError(f"not a PARC ACH file: XML error {e}", file=file) from None
    title = _child_text(root, "PROJECT-TITLE")
    names = [_child_text(h, "NAME") for h in _find_all(root, "HYPOTHESIS")]
    for i, n in enumerate(names):
        if not n:
            raise CaseError("has no NAME", file=file, item=f"hypothesis #{i + 1}")
    case = _new_case(title or file.stem, names, file)
    classification = _child_text(root, "CLASSIFICATION")
    if classification:
        case.notes = f"Classification: {classification}"
    taken: list[str] = []
    for i, el in enumerate(_find_all(root, "EVIDENCE")):
        text = _child_text(el, "NAME")
        where = f"evidence #{i + 1}" + (f" ({text[:40]!r})" if text else "")
        if not text:
            raise CaseError("has no NAME (the evidence text)", file=file, item=where)
        ev = Evidence(id=make_id(text, taken, fallback="e"), text=text, origin=str(file))
        taken.append(ev.id)
        ev.notes = _child_text(el, "NOTES")
        extra = [f"{k.title()}: {v}" for k in ("TYPE", "CODE", "FLAG") if (v := _child_text(el, k))]
        if extra:
            ev.notes = "\n".join([ev.notes, *extra]).strip()
        ev.link = _child_text(el, "LINK")
        ev.date = _epoch_ms(_child_text(el, "DATE"), where, file)
        _weights(ev, _child_text(el, "CREDIBILITY"), _child_text(el, "RELEVANCE"), where, file)
        values = _child_text(el, "VALUES")
        cells = [c.strip() for c in values.split(",")] if values else []
        if cells and len(cells) != len(case.hypotheses):
            k = len(case.hypotheses)
            raise CaseError(
                f"VALUES has {len(cells)} ratings for {k} hypotheses", file=file, item=where
            )
        for h, c in zip(case.hypotheses, cells, strict=False):
            est = _cell(c, f"{where}, hypothesis {h.name!r}", file)
            if est is not None:
                ev.likelihoods[h.id] = est
        case.evidence.append(ev)
    return case


def _epoch_ms(text: str, where: str, file: Path) -> dt.date | None:
    if not text:
        return None
    try:
        ms = int(float(text))
        return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise CaseError(
            f"DATE must be epoch milliseconds, got {text!r}", file=file, item=where
        ) from None


# ---- CSV ----


def _read_bytes(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_ACH_BYTES:
            mb = file.stat().st_size / 2**20
            raise CaseError(f"is {mb:.0f} MB, more than the {MAX_ACH_BYTES // 2**20} MB limit "
                            "for an ACH matrix; not read", file=file)  # fmt: skip
        return file.read_bytes()
    except FileNotFoundError:
        raise CaseError("file not found", file=file) from None
    except IsADirectoryError:
        raise CaseError("is a folder, not a file", file=file) from None
    except OSError as e:
        raise CaseError(f"cannot read: {e.strerror}", file=file) from None


def _delimiter(text: str) -> str:
    """Comma or semicolon: the one whose header row has an ``evidence`` column, else the one
    the header row uses more (a hypothesis name may hold either)."""
    for d in (",", ";"):
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=d), [])
        if any(h.strip().lower() == "evidence" for h in header):
            return d
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def read_ach_csv(path: str | Path) -> Case:
    """A case from a CSV matrix: ``evidence`` (the text), optional ``id``, ``date``, ``source``,
    ``credibility``, ``relevance``; every other column is a hypothesis named by its header."""
    file = Path(path)
    raw = _read_bytes(file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise CaseError(f"not UTF-8 text (byte 0x{raw[e.start]:02x}); save it as UTF-8",
                        file=file, item=f"line {line}") from None  # fmt: skip
    # strict: an unterminated quote is refused, not read as one cell holding the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows, lines, end = [], [], 0
    try:
        for r in reader:
            if any(c.strip() for c in r):
                rows.append([unneutralise(c) for c in r])
                lines.append(end + 1)  # where the row starts, for messages
            end = reader.line_num
    except csv.Error as e:
        what = ("a cell longer than 131,072 characters" if "field larger" in str(e)
                else f"unterminated or misplaced quote ({e})")  # fmt: skip
        raise CaseError(f"{what}; fix the file in a spreadsheet or text editor",
                        file=file, item=f"line {end + 1}") from None  # fmt: skip
    if not rows:
        raise CaseError(
            "empty file (expected a header row: evidence, then one column per hypothesis)",
            file=file,
        )
    header = [h.strip() for h in rows[0]]
    while header and not header[-1]:  # spreadsheets leave empty columns at the end
        header.pop()
    top = f"line {lines[0]}"
    known = {h.lower(): i for i, h in enumerate(header) if h.lower() in CSV_COLUMNS}
    for col in known:
        if sum(h.lower() == col for h in header) > 1:
            raise CaseError(f"two {col!r} columns in the header row; keep one", file=file, item=top)
    if "evidence" not in known:
        raise CaseError("no 'evidence' column in the header row", file=file, item=top)
    hyp_cols = [i for i, h in enumerate(header) if h.lower() not in CSV_COLUMNS]
    for i in hyp_cols:
        if not header[i]:
            raise CaseError(
                f"column {i + 1} has no header (a hypothesis needs a name)",
                file=file,
                item=top,
            )
    case = _new_case(file.stem, [header[i] for i in hyp_cols], file)
    taken: list[str] = []
    for n, row in zip(lines[1:], rows[1:], strict=True):

        def get(col: str, row: list[str] = row) -> str:
            i = known.get(col)
            return row[i].strip() if i is not None and i < len(row) else ""

        where = f"line {n}"
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            raise CaseError(f"{len(row)} cells for {len(header)} columns", file=file, item=where)
        text = get("evidence")
        if not text:
            raise CaseError("no evidence text", file=file, item=where)
        wanted = get("id")
        if wanted and is_valid_id(wanted):
            if wanted in taken:
                raise CaseError(f"duplicate id {wanted!r}", file=file, item=where)
            eid = wanted
        else:
            eid = make_id(wanted or text, taken, fallback="e")
        taken.append(eid)
        ev = Evidence(id=eid, text=text, source=get("source"), origin=str(file))
        ev.date = _iso_date(get("date"), where, file)
        _weights(ev, get("credibility"), get("relevance"), where, file)
        for i, h in zip(hyp_cols, case.hypotheses, strict=True):
            cell = row[i] if i < len(row) else ""
            est = _cell(cell, f"{where}, column {h.name!r}", file)
            if est is not None:
                ev.likelihoods[h.id] = est
        case.evidence.append(ev)
    return case


def _iso_date(text: str, where: str, file: Path) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise CaseError(
            f"date must be like 2025-02-27, got {text!r}", file=file, item=where
        ) from None


def import_ach(path: str | Path) -> Case:
    """Read an ACH matrix; the format follows the suffix (``.achz`` or ``.csv``)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".achz", ".ach", ".xml"):
        return read_achz(file)
    if suffix in (".csv", ".txt"):
        return read_ach_csv(file)
    raise CaseError("unknown ACH format: expected a .achz (PARC ACH 2.0) or .csv file", file=file)


def cell_text(est: Estimate | None) -> str:
    if est is None or (not est.rated and est.raw is None):
        return ""
    return est.text()


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP
# "CSV injection"); written with a leading apostrophe, which those tools show as text. Reading
# takes one apostrophe off such a cell, so a case survives the round trip exactly.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``; also ``'=x`` -> ``''=x``, so that reading takes exactly one off."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def unneutralise(cell: str) -> str:
    """The cell as it was before :func:`neutralise`."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_START) else cell


def ach_csv_text(case: Case) -> str:
    """The case as an ACH CSV table (UTF-8, comma), readable by :func:`read_ach_csv`."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    names = [h.name or h.id for h in case.hypotheses]
    # A hypothesis named like a fixed column would be read back as that column.
    names = [
        h.id if n.lower() in CSV_COLUMNS else n for n, h in zip(names, case.hypotheses, strict=True)
    ]
    w.writerow([*CSV_COLUMNS, *map(neutralise, names)])
    for e in case.evidence:
        w.writerow(map(neutralise, [
            e.id, e.text, e.date.isoformat() if e.date else "", e.source,
            e.ach_credibility or "", e.relevance or "",
            *(cell_text(e.likelihoods.get(h.id)) for h in case.hypotheses),
        ]))  # fmt: skip
    return buf.getvalue()


def write_ach_csv(case: Case, path: str | Path, *, inputs=()) -> Path:
    from beliefwatch.io.safe_write import atomic_write

    atomic_write(Path(path), ach_csv_text(case), inputs=inputs)
    return Path(path)
