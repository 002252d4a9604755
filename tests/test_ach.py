"""ACH in and out (.achz, CSV) and the classic ACH scores, against hand-computed values."""

import csv
import datetime as dt
import gzip
import io
import math
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.case import Case, Evidence, Hypothesis
from beliefwatch.core.elicitation import ACH, parse_likelihood
from beliefwatch.core.errors import CaseError
from beliefwatch.inference.ach_scores import (
    ach_scores,
    diagnosticity,
    open_synthesis,
    parc,
    rating_of,
)
from beliefwatch.io.ach import ach_csv_text, import_ach, normalise_rating, read_ach_csv, read_achz


def achz_bytes(body: str) -> bytes:
    """A PARC ACH 2.0 file as the tool writes it: gzip of UTF-16 XML (with a byte-order mark)."""
    xml = '<?xml version="1.0" encoding="UTF-16"?>\n' + textwrap.dedent(body)
    return gzip.compress(xml.encode("utf-16"))


ACHZ = """\
<ACH-PROJECT>
  <PROJECT-TITLE>Why did the dam fail?</PROJECT-TITLE>
  <CLASSIFICATION>UNCLASSIFIED</CLASSIFICATION>
  <SOMETHING-NEW>ignored</SOMETHING-NEW>
  <MATRIX>
    <HYPOTHESES>
      <HYPOTHESIS><NAME>Design flaw</NAME></HYPOTHESIS>
      <HYPOTHESIS><NAME>Sabotage / attack</NAME></HYPOTHESIS>
      <HYPOTHESIS><NAME>Heavy rain</NAME></HYPOTHESIS>
    </HYPOTHESES>
    <EVIDENCE>
      <NAME>Cracks were reported in 2019</NAME>
      <NOTES>Inspection report</NOTES>
      <LINK>https://example.org/report</LINK>
      <TYPE>Document</TYPE>
      <DATE>1700000000000</DATE>
      <CODE>E1</CODE>
      <FLAG>false</FLAG>
      <CREDIBILITY>HIGH</CREDIBILITY>
      <RELEVANCE>LOW</RELEVANCE>
      <VALUES>C C,I I,N</VALUES>
    </EVIDENCE>
    <EVIDENCE>
      <NAME>No group claimed it</NAME>
      <CREDIBILITY>LOW</CREDIBILITY>
      <VALUES>NA,I,C</VALUES>
    </EVIDENCE>
  </MATRIX>
</ACH-PROJECT>
"""


def test_achz_import(tmp_path):
    p = tmp_path / "dam.achz"
    p.write_bytes(achz_bytes(ACHZ))
    case = read_achz(p)
    assert case.question == "Why did the dam fail?"
    assert "UNCLASSIFIED" in case.notes
    assert case.hypothesis_ids == ["design-flaw", "sabotage-attack", "heavy-rain"]
    assert [h.name for h in case.hypotheses] == ["Design flaw", "Sabotage / attack", "Heavy rain"]
    assert sum(h.prior.central for h in case.hypotheses) == pytest.approx(1.0, abs=1e-12)
    assert len({h.prior.central for h in case.hypotheses}) == 1
    e1, e2 = case.evidence
    assert e1.id == "cracks-were-reported-in"  # make_id of the name, 24 characters at most
    assert e1.text == "Cracks were reported in 2019"
    assert e1.date == dt.date(2023, 11, 14)  # 1.7e12 ms after 1970-01-01 UTC
    assert e1.link == "https://example.org/report"
    assert "Inspection report" in e1.notes and "Document" in e1.notes
    assert {h: e1.likelihood(h).raw for h in case.hypothesis_ids} == {
        "design-flaw": "CC", "sabotage-attack": "II", "heavy-rain": "N",
    }  # fmt: skip
    assert (e1.ach_credibility, e1.relevance) == ("HIGH", "LOW")
    assert e1.reliability.central == 0.95  # HIGH: Admiralty A
    assert (e2.ach_credibility, e2.relevance) == ("LOW", None)
    assert e2.reliability.central == 0.40  # LOW: Admiralty D
    assert not e2.likelihood("design-flaw").rated
    # The imported case computes: the model reads the ratings through their intervals.
    assert sum(bw.update(case, engine="exact").credences.values()) == pytest.approx(1.0)


def test_achz_lenient_layout(tmp_path):
    """Elements found wherever they sit, names also as attributes, unknown ones ignored."""
    body = """<root><x><PROJECT-TITLE>T</PROJECT-TITLE></x>
      <HYPOTHESIS NAME="One"/><deep><HYPOTHESIS><NAME>Two</NAME><EXTRA/></HYPOTHESIS></deep>
      <list><EVIDENCE><NAME>seen</NAME><VALUES>vc, --</VALUES><NEW>1</NEW></EVIDENCE></list>
    </root>"""
    p = tmp_path / "odd.achz"
    p.write_bytes(achz_bytes(body))
    case = read_achz(p)
    assert (case.question, case.hypothesis_ids) == ("T", ["one", "two"])
    assert [case.evidence[0].likelihood(h).raw for h in ("one", "two")] == ["CC", "II"]


def test_achz_without_gzip_and_utf16_le_without_bom(tmp_path):
    p = tmp_path / "plain.achz"
    p.write_bytes(textwrap.dedent(ACHZ).encode("utf-16-le"))
    assert len(read_achz(p).evidence) == 2


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (ACHZ.replace("<VALUES>NA,I,C</VALUES>", "<VALUES>NA,I</VALUES>"),
         ["evidence #2", "VALUES has 2 ratings for 3 hypotheses"]),
        (ACHZ.replace("<VALUES>NA,I,C</VALUES>", "<VALUES>NA,I,Q</VALUES>"),
         ["evidence #2", "Heavy rain", "'Q'"]),
        (ACHZ.replace("<CREDIBILITY>LOW</CREDIBILITY>", "<CREDIBILITY>SO-SO</CREDIBILITY>"),
         ["evidence #2", "credibility must be HIGH, MEDIUM or LOW"]),
        (ACHZ.replace("<DATE>1700000000000</DATE>", "<DATE>yesterday</DATE>"),
         ["evidence #1", "DATE must be epoch milliseconds"]),
        (ACHZ.replace("</MATRIX>", ""), ["XML error"]),
    ],
)  # fmt: skip
def test_achz_errors_are_one_line(tmp_path, body, words):
    p = tmp_path / "bad.achz"
    p.write_bytes(achz_bytes(body))
    with pytest.raises(CaseError) as err:
        read_achz(p)
    msg = str(err.value)
    assert "\n" not in msg and "bad.achz" in msg
    for w in words:
        assert w in msg


def test_achz_damaged_gzip(tmp_path):
    p = tmp_path / "cut.achz"
    p.write_bytes(achz_bytes(ACHZ)[:40])
    with pytest.raises(CaseError, match="cut.achz"):
        read_achz(p)


CSV = (
    "\ufeffid;evidence;date;source;credibility;relevance;Accident;Sabotage;Natural cause\n"
    "e1;Pressure fell;2025-01-02;gauge;H;low;C;I I;NA\n"
    ';"Witness; saw smoke";;;MEDIUM;;++;-;VI\n'
    "e3;Sensor log;;;;;0.7;10-30%;likely\n"
)


def test_csv_import_bom_semicolon(tmp_path):
    p = tmp_path / "matrix.csv"
    p.write_text(CSV, encoding="utf-8")
    case = read_ach_csv(p)
    assert case.hypothesis_ids == ["accident", "sabotage", "natural-cause"]
    assert [e.id for e in case.evidence] == ["e1", "witness-saw-smoke", "e3"]
    e1, e2, e3 = case.evidence
    assert (e1.date, e1.source, e1.ach_credibility, e1.relevance) == (
        dt.date(2025, 1, 2), "gauge", "HIGH", "LOW",
    )  # fmt: skip
    assert [e1.likelihood(h).raw for h in case.hypothesis_ids] == ["C", "II", "NA"]
    assert [e2.likelihood(h).raw for h in case.hypothesis_ids] == ["CC", "I", "II"]
    assert e2.text == "Witness; saw smoke"
    assert e3.likelihood("accident").central == 0.7
    assert (e3.likelihood("sabotage").low, e3.likelihood("sabotage").high) == (0.1, 0.3)
    assert e3.likelihood("natural-cause").kind == "word"
    assert e3.reliability is None  # no credibility given: the item is taken as entered


def test_csv_round_trip(tmp_path):
    """Import, save, load, export, import again: the same ratings and weights."""
    src = tmp_path / "matrix.csv"
    src.write_text(CSV, encoding="utf-8")
    first = read_ach_csv(src)
    bw.save_case(first, tmp_path / "case.toml")
    loaded = bw.load_case(tmp_path / "case.toml")
    out = tmp_path / "again.csv"
    out.write_text(ach_csv_text(loaded), encoding="utf-8")
    second = read_ach_csv(out)
    assert second.hypothesis_ids == first.hypothesis_ids
    for a, b in zip(first.evidence, second.evidence, strict=True):
        assert (a.id, a.text, a.date, a.source) == (b.id, b.text, b.date, b.source)
        assert (a.ach_credibility, a.relevance) == (b.ach_credibility, b.relevance)
        assert {h: e.text() for h, e in a.likelihoods.items()} == {
            h: e.text() for h, e in b.likelihoods.items()
        }


def test_achz_to_csv_round_trip(tmp_path):
    p = tmp_path / "dam.achz"
    p.write_bytes(achz_bytes(ACHZ))
    first = import_ach(p)
    out = tmp_path / "dam.csv"
    out.write_text(ach_csv_text(first), encoding="utf-8")
    second = import_ach(out)
    assert [h.name for h in second.hypotheses] == [h.name for h in first.hypotheses]
    assert [[e.likelihood(h).text() for h in second.hypothesis_ids] for e in second.evidence] == [
        ["CC", "II", "N"],
        ["NA", "I", "C"],
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("evidence,A,B\nx,C,ZZ\n", ["line 2", "column 'B'", "'ZZ'"]),
        ("text,A,B\nx,C,I\n", ["no 'evidence' column"]),
        ("evidence,A,,B\nx,C,I,N\n", ["column 3 has no header"]),
        ("evidence,credibility,A\nx,sure,C\n", ["line 2", "credibility must be HIGH"]),
        ("evidence,date,A\nx,soon,C\n", ["line 2", "date must be like"]),
        ("evidence,A\n,C\n", ["line 2", "no evidence text"]),
        ("id,evidence,A\ne1,x,C\ne1,y,I\n", ["line 3", "duplicate id 'e1'"]),
        ("", ["empty file"]),
        ("evidence,A\n\nx,C\n\ny,Q\n", ["line 5", "'Q'"]),  # blank lines still count
        ('evidence,A\n"two\nlines",C\ny,Q\n', ["line 4"]),
        ("evidence,A\nx,C,I\n", ["line 2", "3 cells for 2 columns"]),
    ],
)
def test_csv_errors_are_one_line(tmp_path, text, words):
    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as err:
        read_ach_csv(p)
    msg = str(err.value)
    assert "\n" not in msg and "bad.csv" in msg
    for w in words:
        assert w in msg


def test_csv_trailing_empty_columns(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_text("evidence;A;B;;\nx;C;I;;\n", encoding="utf-8")
    case = read_ach_csv(p)
    assert case.hypothesis_ids == ["a", "b"]
    assert [case.evidence[0].likelihood(h).raw for h in ("a", "b")] == ["C", "I"]


def test_csv_not_utf8(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("evidence,A\ncaf\xe9,C\n".encode("latin-1"))
    with pytest.raises(CaseError, match="not UTF-8"):
        read_ach_csv(p)


@pytest.mark.parametrize(
    ("text", "rating"),
    [("C C", "CC"), ("I I", "II"), ("++", "CC"), ("+", "C"), ("-", "I"), ("--", "II"),
     ("vc", "CC"), ("VI", "II"), ("n", "N"), (" na ", "NA"), ("", "NA"), ("X", None)],
)  # fmt: skip
def test_normalise_rating(text, rating):
    assert normalise_rating(text) == rating


# ---- classic scores ----


def _matrix() -> Case:
    """Three hypotheses, three items; the expected scores below are worked by hand."""
    hyps = [Hypothesis(h, h.upper(), parse_likelihood(0.3)) for h in ("a", "b", "c")]

    def item(eid, cells, cred=None, rel=None):
        return Evidence(eid, eid, {h: parse_likelihood(v) for h, v in cells.items()},
                        ach_credibility=cred, relevance=rel)  # fmt: skip

    return Case(
        hypotheses=hyps,
        evidence=[
            item("e1", {"a": "CC", "b": "I", "c": "II"}, "HIGH", "HIGH"),
            item("e2", {"a": "N", "b": "II", "c": "NA"}, "LOW", None),
            item("e3", {"a": "I", "b": "C"}),  # c left blank: counts as NA
        ],
    )


def test_parc_plain_and_weighted():
    case = _matrix()
    # a: e3 I = 1; b: e1 I + e2 II = 1 + 2; c: e1 II = 2 (e3 blank: NA, no points)
    assert parc(case) == {"a": 1, "b": 3, "c": 2}
    # weights: e1 sqrt2*sqrt2 = 2, e2 (1/sqrt2)*1 (relevance missing = MEDIUM), e3 1*1
    w = parc(case, weighted=True)
    assert w["a"] == pytest.approx(1.0)
    assert w["b"] == pytest.approx(2 * 1 + math.sqrt(2))  # 2 points x 1/sqrt2
    assert w["c"] == pytest.approx(2 * 2)


def test_open_synthesis_and_diagnosticity():
    case = _matrix()
    # Cell values: e1 5 2 1; e2 3 1 3; e3 2 4 3 (blank = NA = 3).
    os_ = open_synthesis(case)
    assert os_["inconsistency"] == {"a": 1, "b": 1 + 4, "c": 4}
    assert os_["consistency"] == {"a": 4, "b": 1, "c": 0}
    d = diagnosticity(case)
    assert d["e1"] == pytest.approx(math.sqrt(26) / 3)  # mean 8/3, variance 26/9
    assert d["e2"] == pytest.approx(math.sqrt(8) / 3)  # mean 7/3, variance 8/9
    assert d["e3"] == pytest.approx(math.sqrt(2 / 3))  # mean 3, variance 2/3


def test_ach_scores_keys():
    out = ach_scores(_matrix(), {"a": 0.5, "b": 0.3, "c": 0.2})
    assert set(out) == {"credences", "parc", "parc_weighted", "open_synthesis", "diagnosticity"}
    assert set(out["open_synthesis"]) == {"inconsistency", "consistency"}


def test_numbers_count_as_the_nearest_rating():
    for r in ACH:
        assert rating_of(parse_likelihood(parse_likelihood(r).central)) == r
    assert rating_of(parse_likelihood(0.99)) == "CC"
    assert rating_of(parse_likelihood(0.01)) == "II"
    assert rating_of(None) == "NA"


ORDER = ["II", "I", "N", "C", "CC"]


@given(st.floats(0, 1), st.floats(0, 1))
def test_nearest_rating_is_monotone(p, q):
    lo, hi = sorted((p, q))
    a, b = rating_of(parse_likelihood(lo)), rating_of(parse_likelihood(hi))
    assert ORDER.index(a) <= ORDER.index(b)


cells = st.sampled_from(["CC", "C", "N", "I", "II", "NA"])


@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=8))
def test_score_invariants(rows):
    hyps = [Hypothesis(h, h, parse_likelihood(0.3)) for h in ("a", "b", "c")]
    ev = [Evidence(f"e{i}", "x", {h: parse_likelihood(c) for h, c in zip("abc", r, strict=True)})
          for i, r in enumerate(rows)]  # fmt: skip
    case = Case(hypotheses=hyps, evidence=ev)
    plain, weighted = parc(case), parc(case, weighted=True)
    os_ = open_synthesis(case)
    for h in "abc":
        # Every weight missing counts as MEDIUM (1): weighted equals plain.
        assert weighted[h] == pytest.approx(plain[h])
        # II costs 2 PARC points but 4 Open Synthesis points; I costs 1 in both.
        n_i = sum(r["abc".index(h)] == "I" for r in rows)
        n_ii = sum(r["abc".index(h)] == "II" for r in rows)
        assert plain[h] == n_i + 2 * n_ii
        assert os_["inconsistency"][h] == n_i + 4 * n_ii
    for e, r in zip(case.evidence, rows, strict=True):
        d = diagnosticity(case)[e.id]
        assert 0 <= d <= 2  # values 1..5: the spread of three can be at most 2
        assert (d == 0) == (len({{"NA": "N"}.get(c, c) for c in r}) == 1)


names = st.text(st.sampled_from('ab Zé;,"\'가'), min_size=1, max_size=8).filter(
    lambda s: s.strip() and s.strip().lower() not in ("id", "evidence", "date", "source",
                                                       "credibility", "relevance")
)  # fmt: skip
texts = st.text(st.sampled_from('xy ;,"\n약'), min_size=1, max_size=12).filter(str.strip)
weights = st.sampled_from([None, "HIGH", "MEDIUM", "LOW"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(names, min_size=1, max_size=4, unique_by=str.strip),
    st.lists(st.tuples(texts, weights, weights, st.lists(cells, min_size=4, max_size=4)),
             min_size=1, max_size=5),
    st.sampled_from([",", ";"]),
)  # fmt: skip
def test_csv_format_round_trip(tmp_path_factory, hyp_names, rows, sep):
    """Any names and texts (quotes, separators, newlines, Hangul) survive CSV in and out."""
    hyp_names = [n.strip() for n in hyp_names]
    k = len(hyp_names)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(["evidence", "credibility", "relevance", *hyp_names])
    for text, cred, rel, r in rows:
        w.writerow([text, cred or "", rel or "", *r[:k]])
    p = tmp_path_factory.mktemp("csv") / "m.csv"
    p.write_text(buf.getvalue(), encoding="utf-8")
    first = read_ach_csv(p)
    assert [h.name for h in first.hypotheses] == hyp_names
    expect = [[{"": "NA"}.get(c, c) for c in r[:k]] for *_, r in rows]
    assert [
        [e.likelihood(h).text() for h in first.hypothesis_ids] for e in first.evidence
    ] == expect
    assert [e.text for e in first.evidence] == [t.strip() for t, *_ in rows]
    assert [(e.ach_credibility, e.relevance) for e in first.evidence] == [
        (c, r) for _, c, r, _ in rows
    ]
    p.write_text(ach_csv_text(first), encoding="utf-8")
    second = read_ach_csv(p)
    assert second.hypothesis_ids == first.hypothesis_ids
    assert [
        [e.likelihood(h).text() for h in second.hypothesis_ids] for e in second.evidence
    ] == expect
