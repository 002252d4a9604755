"""Mutation fuzz of the loader and the exact engine (issue 13.14).

Bundled case files are mutated at random - a value replaced by a hostile one, a key or line
removed, an entry duplicated, text garbled - and sent through ``load_case`` and ``update``.
Every outcome must be a Result with sound numbers or a CaseError with a one-line message;
anything else (a traceback from numpy, a KeyError, NaN in the JSON) is a bug.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
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
    "buffer", "other", "wire", "rok-gov",
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
