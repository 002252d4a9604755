"""The window's logic below Qt, tested headless: the live numbers, the training-gap diagnosis,
the ACH ranks and verdict, the training charts' content and the Summary tab's text."""

import math
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.inference.ach_scores import compare_rankings, ranks
from beliefwatch.inference.live import analyse
from beliefwatch.inference.training_gap import diagnose_gap
from beliefwatch.plots.training import join_names, rank_rows
from beliefwatch.reports.freshness import StaleResultError
from beliefwatch.reports.summary import summary_html
from beliefwatch.reports.training_text import gap_sentences
from beliefwatch.reports.wording import ach_verdict, headline
from tests.cases import make_case


# -- the live numbers ---------------------------------------------------------------------------
def test_live_decibans_and_influence_by_hand():
    # h0: 0.5·0.8·0.6 = 0.24, h1: 0.5·0.2·0.5 = 0.05 -> P(h0) = 0.24 / 0.29.
    live = analyse(make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.5]]))
    assert live.result.credences["h0"] == pytest.approx(0.24 / 0.29)
    # A cell's decibans against the item's mean likelihood: 10·log10(0.8 / 0.5) for e0, h0.
    assert live.cell_db[0] == pytest.approx([10 * math.log10(0.8 / 0.5), 10 * math.log10(0.4)])
    assert live.cell_db[1] == pytest.approx(
        [10 * math.log10(0.6 / 0.55), 10 * math.log10(0.5 / 0.55)]
    )
    # Leaving e0 out leaves 0.6 / 1.1 for h0; leaving e1 out leaves 0.8.
    assert live.influence == pytest.approx([0.24 / 0.29 - 0.6 / 1.1, 0.24 / 0.29 - 0.8])
    assert live.row_of_item == {"e0": 0, "e1": 1}


def test_live_headline_names_the_leader_and_its_interval():
    fixed = analyse(make_case([0.5, 0.5], [[0.8, 0.2]]))
    assert headline(fixed, plain=True) == (
        "Leading: Hypothesis 0 (80%; no uncertain inputs, so no interval; exact engine)"
    )
    ranged = analyse(make_case([0.5, 0.5], [[[0.6, 0.9], 0.2]]))
    lo, hi = ranged.result.intervals["h0"]
    text = headline(ranged, plain=True)
    assert f"90% interval {100 * lo:.0f}–{100 * hi:.0f}%" in text
    assert "<b>Leading: Hypothesis 0</b>" in headline(ranged)
    assert headline(None) == ""


def test_the_moved_logic_imports_no_qt():
    import subprocess

    code = ("import sys, beliefwatch.inference.live, beliefwatch.inference.training_gap, "
            "beliefwatch.plots.training, beliefwatch.reports.summary, "
            "beliefwatch.reports.training_text, beliefwatch.reports.wording, "
            "beliefwatch.gui.state; "
            "sys.exit('PySide6' in sys.modules)")  # fmt: skip
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# -- the training gap (MODEL.md section 8) -------------------------------------------------------
def test_conservatism_and_the_item_behind_the_gap():
    # h0: 0.4·0.8·0.52 against 0.3·0.2·0.5 twice: the computation moves h0 from 40% to ~73%.
    case = make_case([0.4, 0.3, 0.3], [[0.8, 0.2, 0.2], [0.52, 0.5, 0.5]])
    live = analyse(case)
    post = live.result.credences
    assert post["h0"] == pytest.approx(0.1664 / (0.1664 + 0.03 + 0.03))
    d = diagnose_gap(live, {"h0": 0.45, "h1": 0.3, "h2": 0.25})
    assert d.drift == "conservatism"
    assert d.moved_you == pytest.approx(0.05)
    assert d.moved_computed == pytest.approx(post["h0"] - 0.4)
    assert d.largest == "h0" and d.gap == pytest.approx(0.45 - post["h0"])
    # The trainee gave h0 too little: the items for h0 of at least 0.5 dB, strongest first;
    # e0 gives it 10·log10(0.8 / 0.4) = 3.0 dB, e1 only 10·log10(0.52 / 0.5067) = 0.1 dB.
    assert [e for e, _db in d.items] == ["e0"]
    said = gap_sentences(case, live.result.names, live.result.prior, d)
    assert said[0].startswith("<b>Conservatism</b>: you moved 5 points")
    assert "“item 0” (+3.0 dB for it)" in said[-1]


def test_overreaction_with_no_item_to_blame():
    # h0: 0.4·0.6 = 0.24 of 0.48, so 50%: the computation moves 10 points from the priors.
    case = make_case([0.4, 0.3, 0.3], [[0.6, 0.4, 0.4]])
    live = analyse(case)
    d = diagnose_gap(live, {"h0": 0.9, "h1": 0.05, "h2": 0.05})  # the trainee moved 50
    assert d.moved_computed == pytest.approx(0.1) and d.moved_you == pytest.approx(0.5)
    assert d.drift == "overreaction" and d.largest == "h0" and d.gap == pytest.approx(0.4)
    assert d.items == []  # no item counts against h0, the one given too much
    said = gap_sentences(case, live.result.names, live.result.prior, d)
    assert "the gap comes from the priors" in said[-1]


def test_base_rate_neglect():
    # Priors 0.9 : 0.1, evidence 0.1 : 0.9: the computation lands on 50 : 50, the evidence
    # alone (from equal priors) says 10 : 90, and the trainee says 15 : 85.
    case = make_case([0.9, 0.1], [[0.1, 0.9]])
    live = analyse(case)
    assert live.result.credences["h0"] == pytest.approx(0.5)
    d = diagnose_gap(live, {"h0": 0.15, "h1": 0.85})
    assert d.neglected == "h1"
    said = gap_sentences(case, live.result.names, live.result.prior, d)
    assert any("Base-rate neglect" in s and "started at only 10%" in s for s in said)


def test_an_estimate_within_three_points_has_no_gap_to_explain():
    live = analyse(make_case([0.5, 0.5], [[0.8, 0.2]]))
    d = diagnose_gap(live, {"h0": 0.78, "h1": 0.22})
    assert d.close and d.drift is None and d.items == []


# -- ACH ranks and verdict -----------------------------------------------------------------------
def test_competition_ranks_share_a_rank_on_ties():
    assert ranks({"a": 2, "b": 1, "c": 1, "d": 3}, reverse=False) == {
        "a": 3,
        "b": 1,
        "c": 1,
        "d": 4,
    }
    assert ranks({"a": 0.5, "b": 0.3, "c": 0.3}, reverse=True) == {"a": 1, "b": 2, "c": 2}


def test_ach_and_bayes_agree_or_disagree():
    names = {"a": "A", "b": "B", "c": "C"}
    parc = {"a": 0.0, "b": 0.0, "c": 2.0}
    c = compare_rankings(parc, {"a": 0.2, "b": 0.1, "c": 0.7})
    assert c.ach_best == ["a", "b"] and c.bayes_lead == "c" and not c.agree
    assert c.ach_best_credence == pytest.approx(0.3)
    assert ach_verdict(names, parc, {"a": 0.2, "b": 0.1, "c": 0.7}) == (
        "<b>They disagree.</b> ACH's least inconsistent: <b>A</b> and <b>B</b>, tied at 0 "
        "(30% together by Bayes); Bayes leads with <b>C</b> (70%)."
    )
    assert ach_verdict(names, parc, {"a": 0.6, "b": 0.1, "c": 0.3}).startswith(
        "ACH and Bayes agree: <b>A</b> is least inconsistent (tied with <b>B</b>) and leads "
        "with 60%"
    )
    assert "Credences hidden" in ach_verdict(names, parc, None)


# -- the training charts' content -----------------------------------------------------------------
def test_rank_rows_join_each_hypothesis_across_the_rankings():
    names = {"a": "A", "b": "B", "c": "C"}
    parc = {"a": 0.0, "b": 1.0, "c": 2.0}
    rows = rank_rows(names, parc, {"a": 0.1, "b": 0.2, "c": 0.7})
    # ACH puts a first and c last; Bayes the reverse: a and c moved two places, b stayed.
    assert [(r.id, r.ach_pos, r.bayes_pos) for r in rows] == [("a", 0, 2), ("b", 1, 1),
                                                              ("c", 2, 0)]  # fmt: skip
    assert [r.moved for r in rows] == [True, False, True]
    hidden = rank_rows(names, parc, None)
    assert [r.bayes_pos for r in hidden] == [None] * 3 and not any(r.moved for r in hidden)
    # A tie keeps the case's order on the chart, and shares its rank.
    tied = rank_rows({"x": "X", "y": "Y", "z": "Z"}, {"x": 1.0, "y": 1.0, "z": 0.5},
                     {"x": 0.4, "y": 0.4, "z": 0.2})  # fmt: skip
    assert [(r.id, r.ach_pos, r.bayes_pos) for r in tied] == [("z", 0, 2), ("x", 1, 0),
                                                              ("y", 2, 1)]  # fmt: skip
    assert [(r.ach_rank, r.bayes_rank) for r in tied] == [(1, 3), (2, 1), (2, 1)]


def test_the_ach_headline_reads_well_with_many_tied_names():
    assert join_names(["A"]) == "<b>A</b>"
    assert join_names(["A", "B"]) == "<b>A</b> and <b>B</b>"
    assert join_names(["A", "B", "C"]) == "<b>A</b>, <b>B</b> and <b>C</b>"
    assert join_names(list("ABCDE")) == "<b>A</b>, <b>B</b> and 3 others"
    names = {h: h.upper() for h in "abcdef"}
    parc = {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0, "e": 0.0, "f": 1.5}
    cred = {"a": 0.1, "b": 0.1, "c": 0.1, "d": 0.1, "e": 0.1, "f": 0.5}
    assert ach_verdict(names, parc, cred) == (
        "<b>They disagree.</b> ACH's least inconsistent: <b>A</b>, <b>B</b> and 3 others, tied "
        "at 0 (50% together by Bayes); Bayes leads with <b>F</b> (50%)."
    )
    cred = {"a": 0.2, "b": 0.1, "c": 0.1, "d": 0.1, "e": 0.1, "f": 0.4}
    parc["f"] = 0.0  # all six tie, and Bayes' leader is one of them
    assert ach_verdict(names, parc, cred) == (
        "ACH and Bayes agree: <b>F</b> is least inconsistent (tied with <b>A</b>, <b>B</b> and "
        "3 others) and leads with 40%."
    )
    one = ach_verdict({"a": "A & co", "b": "B"}, {"a": 0.71, "b": 2.0}, None)
    assert one == ("ACH's least inconsistent: <b>A &amp; co</b>. Credences hidden until you "
                   "record.")  # fmt: skip


@given(st.lists(st.text(alphabet="xyz", min_size=1, max_size=3), min_size=1, max_size=12),
       st.integers(2, 5))  # fmt: skip
def test_joined_names_count_every_name_once(names, most):
    text = join_names(names, most)
    shown = text.count("<b>")
    others = int(text.split(" and ")[-1].split()[0]) if text.endswith(" others") else 0
    assert shown + others == len(names) and shown <= most
    assert (" and " in text) == (len(names) > 1)


# -- the Summary tab -----------------------------------------------------------------------------
def test_summary_html_is_the_reports_content_and_refuses_a_stale_result():
    case = make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.5]])
    result = bw.update(case, engine="exact")
    html = summary_html(case, result)
    assert "Hypothesis 0" in html and f"<b>{100 * 0.24 / 0.29:.1f}%</b>" in html
    case.evidence.pop()
    with pytest.raises(StaleResultError, match="item 'e1' removed"):
        summary_html(case, result)


# -- the window's engine flag --------------------------------------------------------------------
def test_the_window_takes_engine_pymc_before_its_files(tmp_path, monkeypatch, capsys):
    from beliefwatch import cli

    case = tmp_path / "c.toml"
    case.write_text("x", encoding="utf-8")
    opened = []
    monkeypatch.setattr(cli, "open_window", lambda files, engine="auto": opened.append(
        (files, engine)) or 0)  # fmt: skip
    assert cli.main(["--engine", "pymc", str(case)]) == 0
    assert opened == [([case], "pymc")]
    assert cli.main(["--engine", "exact", str(case)]) == 2
    assert "--engine 'exact': the window takes auto or pymc" in capsys.readouterr().err
