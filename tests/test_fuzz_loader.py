"""Mutation fuzz of the loader and the exact engine (issue 13.14).

Bundled case files are mutated at random - a value replaced by a hostile one, a key or line
removed, an entry duplicated, text garbled - and sent through ``load_case`` and ``update``.
Every outcome must be a Result with sound numbers or a CaseError with a one-line message;
anything else (a traceback from numpy, a KeyError, NaN in the JSON) is a bug.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import random
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.examples import example_files

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS = 500

HOSTILE = [
    -0.0, 0, 0.0, 1, 1.0, -1, 2, 0.5, 1e-300, 5e-324, 1e300, math.nan, math.inf, -math.inf,
    True, False, "", " ", "NA", "na", "likely", "almost no chance", "CC", "II", "F", "A", "Z",
    "0.6-0.9", "60-90%", "0.9-0.6", "70%", "150%", "-0.0", "x", "h0", "[0.1, 0.2]",
    [0.2, 0.1], [0, 0], [0.0, 1.0], [-0.0, 0.5], [1e-12, 1e-11], [0.3], [], [0.1, 0.2, 0.3],
    ["likely", "CC"], {}, {"buffer": 0.5}, {"nope": 0.5}, dt.date(2024, 2, 29),
    dt.datetime(2024, 1, 1, 12, 0), "2024-13-45", "x" * 500, 10**20, -5, 3, "é", "a b",
    "buffer", "other", "wire", "rok-gov", 2**63, -(10**400),
]  # fmt: skip
NEW_KEYS = ["extra", "prior", "prior_strength", "likelihoods", "group", "reliability", "date",
            "base_rate", "correlation", "source"]  # fmt: skip
EDGES = [-0.0, 0.0, 1.0, 1e-300, 5e-324, 1 - 1e-16, [-0.0, 0.0], [0.0, 1e-300], [1 - 1e-16, 1.0]]
NUMERIC_KEYS = {"prior", "likelihoods", "reliability", "correlation", "base_rate", "date"}
GARBAGE_LINES = ["= 1", "[[", "x = ", 'prior = "', "[[evidence]]", "[[hypotheses]]\nid = 1"]


def case_sets() -> list[list[Path]]:
    sets = [list(example_files())]
    sets += [[p] for p in sorted((ROOT / "priors" / "teaching").glob("*.toml"))]
    return sets


def _leaves(node, path=()):
    """Every (path, value) in a parsed TOML document, tables and arrays included."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))


def _parent(doc, path):
    for p in path[:-1]:
        doc = doc[p]
    return doc


def mutate_data(doc: dict, rnd: random.Random) -> dict:
    paths = [p for p, _ in _leaves(doc) if p]
    if not paths:
        return doc
    if "hypotheses" in doc and rnd.random() < 0.3:
        doc["prior_strength"] = rnd.choice([0.5, 5, 1e5])  # priors become a Dirichlet
        if rnd.random() < 0.5 and isinstance(doc["hypotheses"], list) and doc["hypotheses"]:
            rnd.choice(doc["hypotheses"])["prior"] = rnd.choice(EDGES)
            return doc
    # Half the time hit a number the model computes with: that is where numpy can fail.
    numeric = [p for p in paths if set(p) & NUMERIC_KEYS]
    path = rnd.choice(numeric if numeric and rnd.random() < 0.5 else paths)
    parent, key = _parent(doc, path), path[-1]
    action = rnd.random()
    if action < 0.6:
        parent[key] = rnd.choice(EDGES if rnd.random() < 0.3 else HOSTILE)
    elif action < 0.75:
        del parent[key]
    elif action < 0.9 and isinstance(parent, list):
        parent.insert(
            rnd.randrange(len(parent) + 1), json.loads(json.dumps(parent[key], default=str))
        )
    elif isinstance(parent, dict):
        parent[rnd.choice(NEW_KEYS)] = rnd.choice(HOSTILE)
    return doc


def mutate_text(text: str, rnd: random.Random) -> str:
    lines = text.splitlines()
    i = rnd.randrange(len(lines))
    action = rnd.random()
    if action < 0.4 and "=" in lines[i]:
        key = lines[i].split("=", 1)[0]
        value = rnd.choice(HOSTILE)
        literal = repr(value) if not isinstance(value, str) else json.dumps(value)
        lines[i] = f"{key}= {literal.replace('nan', 'nan').replace('True', 'true')}"
    elif action < 0.7:
        del lines[i]
    else:
        lines.insert(i, rnd.choice(GARBAGE_LINES))
    return "\n".join(lines) + "\n"


def check_outcome(files: list[Path], label: str, seed: int) -> str:
    try:
        case = bw.load_case(*files)
        result = bw.update(case, engine="exact", draws=50, chains=2, seed=seed)
    except CaseError as e:
        message = str(e)
        assert message and "\n" not in message, f"{label}: multi-line error {message!r}"
        assert len(message) <= 300, f"{label}: {len(message)} characters"
        assert any(f.name in message for f in files), f"{label}: names no file: {message!r}"
        return "error"
    except Exception as e:  # the bug the fuzz is for: say which mutation found it
        raise AssertionError(f"{label}: uncaught {type(e).__name__}: {e}") from e
    cred = [result.credences[h] for h in result.hypotheses]
    assert all(math.isfinite(c) and 0.0 <= c <= 1.0 for c in cred), f"{label}: {cred}"
    assert sum(cred) == pytest.approx(1.0, abs=1e-6), label
    for h in result.hypotheses:
        lo, hi = result.intervals[h]
        if math.isnan(lo) or math.isnan(hi):
            assert any("F5" in w for w in result.warnings), f"{label}: NaN interval, no warning"
        else:
            assert -1e-9 <= lo <= hi <= 1 + 1e-9, f"{label}: interval {lo}, {hi}"
    json.dumps(result.to_dict(), allow_nan=False)
    return "result"


def test_mutated_case_files_give_a_result_or_a_one_line_error(tmp_path):
    rnd = random.Random(20261125)
    sets = case_sets()
    outcomes = {"result": 0, "error": 0}
    for n in range(MUTATIONS):
        files = rnd.choice(sets)
        target = rnd.randrange(len(files))
        folder = tmp_path / f"m{n}"
        folder.mkdir()
        written = []
        for i, src in enumerate(files):
            text = src.read_text(encoding="utf-8")
            if i == target:
                if rnd.random() < 0.7:
                    doc = mutate_data(tomllib.loads(text), rnd)
                    text = tomli_w.dumps(doc)
                else:
                    text = mutate_text(text, rnd)
            out = folder / src.name
            out.write_text(text, encoding="utf-8")
            written.append(out)
        label = f"mutation {n} of {files[target].name}"
        outcomes[check_outcome(written, label, seed=n)] += 1
    # The fuzz is only worth its time if it reaches both ends.
    assert outcomes["result"] > MUTATIONS // 10 and outcomes["error"] > MUTATIONS // 10


# ---- issue 19: the file types added since, integer overflow, and the one-line contract -------
# Every outcome is a result or one line of at most 300 characters that names the file.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from beliefwatch.core.errors import MAX_MESSAGE  # noqa: E402
from beliefwatch.io import ach  # noqa: E402

BIG_INTS = [2**63, -(2**63) - 1, 10**30, -(10**400), 2**64 + 1]
VALUES = (
    st.sampled_from(HOSTILE + EDGES + BIG_INTS) | st.integers() | st.floats() | st.text(max_size=30)
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def outcome_of(files: list[Path], label: str, action=None) -> str:
    """'result' or 'error' (a one-line CaseError of <= 300 characters naming a file)."""
    try:
        case = action() if action else bw.load_case(*files)
        result = bw.update(case, engine="exact", draws=20, chains=2, seed=1)
    except CaseError as e:
        message = str(e)
        assert "\n" not in message and len(message) <= MAX_MESSAGE, f"{label}: {message!r}"
        assert any(f.name in message for f in files), f"{label}: names no file: {message!r}"
        return "error"
    except Exception as e:
        raise AssertionError(f"{label}: uncaught {type(e).__name__}: {str(e)[:300]}") from e
    assert all(math.isfinite(result.credences[h]) for h in result.hypotheses), label
    json.dumps(result.to_dict(), allow_nan=False)
    return "result"


TAXI_DOC = {
    "question": "Which cab?",
    "hypotheses": [{"id": "blue", "prior": 0.15}, {"id": "green", "prior": 0.85}],
    "evidence": [{"id": "w", "text": "Witness", "likelihoods": {"blue": 0.8, "green": 0.2}}],
}
EXTRA_KEYS = ["answer", "date", "source", "analyst", "recorded", "credences", "blue", "nope"]


@st.composite
def training_docs(draw):
    """The taxicab case with a hostile [resolution] and [[estimates]]."""
    doc = json.loads(json.dumps(TAXI_DOC))
    res = {"answer": draw(st.sampled_from(["blue", "green", "x"]) | VALUES)}
    for key in draw(st.lists(st.sampled_from(EXTRA_KEYS), max_size=3)):
        res[key] = draw(VALUES)
    doc["resolution"] = draw(st.just(res) | VALUES)
    estimates = []
    for _ in range(draw(st.integers(0, 3))):
        cred = {h: draw(VALUES) for h in draw(st.lists(st.sampled_from(["blue", "green", "x"])))}
        e = {
            "analyst": draw(st.text(max_size=8) | VALUES),
            "credences": draw(st.just(cred) | VALUES),
        }
        if draw(st.booleans()):
            e["recorded"] = draw(VALUES)
        estimates.append(e)
    doc["estimates"] = draw(st.just(estimates) | VALUES)
    return doc


def _toml(doc) -> str | None:
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return None  # not TOML at all (a NaN key, a None): nothing a user could write


@FUZZ
@given(training_docs())
def test_resolution_and_estimates_give_a_result_or_a_one_line_error(tmp_path_factory, doc):
    text = _toml(doc)
    if text is None:
        return
    path = tmp_path_factory.mktemp("t") / "trainee.toml"
    path.write_text(text, encoding="utf-8")
    outcome_of([path], "training doc")


@FUZZ
@given(
    st.lists(
        st.sampled_from(["b.toml", "c.toml", "a.toml", "../x.toml", "", "b.toml\0"]) | VALUES,
        max_size=4,
    ),
    st.lists(st.sampled_from(["a.toml", "c.toml", "b.toml"]), max_size=3),
    st.integers(0, 30),
)
def test_include_tricks_give_a_result_or_a_one_line_error(tmp_path_factory, a_inc, b_inc, depth):
    """Cycles, self-includes, missing files, non-strings, and chains of some depth."""
    folder = tmp_path_factory.mktemp("inc")
    (folder / "a.toml").write_text(_toml({**TAXI_DOC, "include": a_inc}) or "", encoding="utf-8")
    (folder / "b.toml").write_text(_toml({"include": b_inc}) or "", encoding="utf-8")
    chain = [f"c{i}.toml" for i in range(depth)] + ["b.toml"]
    (folder / "c.toml").write_text(_toml({"include": chain[:1]}) or "", encoding="utf-8")
    for i in range(depth):
        (folder / chain[i]).write_text(_toml({"include": [chain[i + 1]]}) or "", encoding="utf-8")
    outcome_of([folder / "a.toml"], f"include {a_inc!r} / {b_inc!r} / depth {depth}")


@FUZZ
@given(st.sampled_from([p for s in case_sets() for p in s]), st.sampled_from(BIG_INTS), st.data())
def test_integers_beyond_64_bits_anywhere_are_one_line(tmp_path_factory, src, big, data):
    lines = src.read_text(encoding="utf-8").splitlines()
    numeric = [i for i, ln in enumerate(lines) if re.match(r"\s*[\w-]+\s*=\s*-?\d", ln)]
    i = data.draw(st.sampled_from(numeric))
    key = lines[i].split("=", 1)[0]
    path = tmp_path_factory.mktemp("int") / src.name
    path.write_text("\n".join([*lines[:i], f"{key}= {big}", *lines[i + 1 :]]), "utf-8")
    files = [path]
    if src.name in {p.name for p in example_files()}:  # the example's other file beside it
        files = [path.with_name(p.name) for p in example_files()]
        for p in example_files():
            if p.name != src.name:
                path.with_name(p.name).write_text(p.read_text(encoding="utf-8"), "utf-8")
    assert outcome_of(files, f"{src.name} line {i + 1} = {big}") == "error"


ACH_FIELDS = ["NAME", "VALUES", "CREDIBILITY", "RELEVANCE", "DATE", "NOTES", "TYPE", "LINK"]


@st.composite
def achz_bytes(draw):
    names = draw(st.lists(st.text(max_size=12), min_size=0, max_size=4))
    hyps = "".join(f"<HYPOTHESIS><NAME>{_xml(n)}</NAME></HYPOTHESIS>" for n in names)
    items = ""
    for _ in range(draw(st.integers(0, 3))):
        fields = {
            f: draw(
                st.text(max_size=12)
                | st.sampled_from(
                    ["C,I", "CC,II,N", "HIGH", "LOW", "1735689600000", "-1e30", "9" * 40, "NA,,x"]
                )
            )
            for f in draw(st.lists(st.sampled_from(ACH_FIELDS), max_size=5))
        }
        items += "<EVIDENCE>" + "".join(f"<{k}>{_xml(v)}</{k}>" for k, v in fields.items())
        items += "</EVIDENCE>"
    xml = f"<ACH><PROJECT-TITLE>{_xml(draw(st.text(max_size=10)))}</PROJECT-TITLE>"
    xml += f"<MATRIX>{hyps}{items}</MATRIX></ACH>"
    raw = xml.encode(draw(st.sampled_from(["utf-16", "utf-8", "utf-16-le"])))
    how = draw(st.sampled_from(["gzip", "plain", "truncated", "flipped"]))
    if how == "plain":
        return raw
    packed = bytearray(gzip.compress(raw))
    if how == "truncated":
        return bytes(packed[: draw(st.integers(0, len(packed)))])
    if how == "flipped":
        i = draw(st.integers(0, len(packed) - 1))
        packed[i] ^= draw(st.integers(1, 255))
    return bytes(packed)


def _xml(text: str) -> str:
    return "".join(c for c in text if c.isprintable()).replace("&", "&amp;").replace("<", "&lt;")


@FUZZ
@given(achz_bytes())
def test_hostile_achz_files_give_a_case_or_a_one_line_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("achz") / "matrix.achz"
    path.write_bytes(raw)
    outcome_of([path], "achz", action=lambda: ach.import_ach(path))


CSV_CELLS = st.text(max_size=12) | st.sampled_from(
    ['"', '""', '"x', "=1+1", "@SUM(A1)", "-", "++", "C C", "0.6-0.9", "\r\n", ";", ",", "'=x"]
)


@FUZZ
@given(
    st.lists(st.lists(CSV_CELLS, min_size=1, max_size=5), min_size=1, max_size=5),
    st.sampled_from([",", ";"]),
    st.booleans(),
)
def test_hostile_csv_files_give_a_case_or_a_one_line_error(tmp_path_factory, rows, sep, header):
    if header:
        rows = [["evidence", *rows[0][1:]], *rows[1:]]
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    path = tmp_path_factory.mktemp("csv") / "matrix.csv"
    path.write_text(text, encoding="utf-8")
    if outcome_of([path], f"csv {text!r}", action=lambda: ach.read_ach_csv(path)) != "result":
        return
    # What was read survives export and import unchanged (formula cells included).
    case = ach.read_ach_csv(path)
    again = path.with_name("again.csv")
    again.write_text(ach.ach_csv_text(case), encoding="utf-8", newline="")
    back = ach.read_ach_csv(again)
    assert [h.name for h in back.hypotheses] == [h.name for h in case.hypotheses]
    assert [e.text for e in back.evidence] == [e.text for e in case.evidence]
