"""Every edit of the case as a core command, headless: what it changes, and that it checks."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core import commands as cmd
from beliefwatch.core.case import Case
from beliefwatch.core.elicitation import parse_likelihood, parse_prior, parse_reliability
from beliefwatch.core.errors import CaseError
from beliefwatch.core.ids import is_valid_id
from tests.cases import make_case, with_shared_source


@pytest.fixture
def case():
    c = make_case([0.5, 0.5], [[0.9, 0.1], [0.3, 0.6]], groups=["g", "g"])
    return with_shared_source(c, "wire", "B", ["e0"])


def test_applied_to_leaves_the_original_alone(case):
    before = case.copy()
    after = cmd.set_prior("h0", parse_prior(0.2)).applied_to(case)
    assert after.hypothesis("h0").prior.central == 0.2
    assert case.hypothesis("h0").prior.central == before.hypothesis("h0").prior.central


def test_three_new_hypotheses_on_an_empty_case_get_equal_priors_summing_to_one():
    c = Case()
    for name in ("A", "B", "C"):
        c = cmd.add_hypothesis(c, name).applied_to(c)
    priors = [h.prior.central for h in c.hypotheses]
    assert priors == pytest.approx([1 / 3] * 3)
    assert [h.prior.text() for h in c.hypotheses] == ["0.3333"] * 3


def test_adding_a_hypothesis_keeps_unequal_priors_in_proportion(case):
    c = cmd.set_prior("h0", parse_prior(0.8)).applied_to(case)
    c = cmd.set_prior("h1", parse_prior(0.2)).applied_to(c)
    c = cmd.add_hypothesis(c, "Third way").applied_to(c)
    assert [h.prior.central for h in c.hypotheses] == pytest.approx(
        [0.8 * 2 / 3, 0.2 * 2 / 3, 1 / 3]
    )
    assert c.hypotheses[2].id == "third-way"


def test_a_range_prior_is_left_as_the_analyst_wrote_it(case):
    c = cmd.set_prior("h0", parse_prior([0.3, 0.6])).applied_to(case)
    c = cmd.add_hypothesis(c, "New").applied_to(c)
    assert c.hypothesis("h0").prior.text() == "0.3-0.6"


def test_catch_all_is_suggested_once():
    c = cmd.add_hypothesis(Case(), "Main").applied_to(Case())
    c = cmd.suggest_catch_all(c).applied_to(c)
    assert [h.catch_all for h in c.hypotheses] == [False, True]
    assert cmd.suggest_catch_all(c) is None


def test_remove_hypothesis_drops_its_cells(case):
    c = cmd.remove_hypothesis("h1").applied_to(case)
    assert c.hypothesis_ids == ["h0"]
    assert all("h1" not in e.likelihoods for e in c.evidence)
    with pytest.raises(CaseError, match="no hypothesis with id 'zz'"):
        cmd.remove_hypothesis("zz").applied_to(case)


def test_move_hypothesis(case):
    c = cmd.move_hypothesis("h1", -1).applied_to(case)
    assert c.hypothesis_ids == ["h1", "h0"]
    with pytest.raises(CaseError, match="cannot move"):
        cmd.move_hypothesis("h1", -1).applied_to(c)


def test_items_get_valid_unique_ids_from_any_text(case):
    c = case
    ids = []
    for text in ("Reuters/AP report", "연합뉴스 보도", "연합뉴스 보도", "e0"):
        command, eid = cmd.add_item(c, text, dt.date(2025, 1, 1))
        c = command.applied_to(c)
        ids.append(eid)
    assert all(is_valid_id(i) for i in ids)
    assert len(set(ids) | {"e0", "e1"}) == len(ids) + 2
    assert ids[0] == "reuters-ap-report"


def test_indicator_ids_share_the_evidence_namespace(case):
    c = cmd.add_indicator(case, "e0")[0].applied_to(case)
    assert c.indicators[0].id != "e0"
    with pytest.raises(CaseError, match="already taken"):
        cmd.rename_id("indicator", c.indicators[0].id, "e1").applied_to(c)


def test_set_likelihood_and_unrate(case):
    c = cmd.set_likelihood("e0", "h1", parse_likelihood("II")).applied_to(case)
    assert c.item("e0").likelihood("h1").text() == "II"
    c = cmd.set_likelihood("e0", "h1", parse_likelihood("")).applied_to(c)
    assert "h1" not in c.item("e0").likelihoods


def test_item_fields_and_a_new_group(case):
    c = cmd.set_item_field("e1", "group", "echo").applied_to(case)
    assert c.group("echo") is not None and c.item("e1").group == "echo"
    with pytest.raises(CaseError, match="date must be a date"):
        cmd.set_item_field("e1", "date", "2025-13-01")
    with pytest.raises(CaseError, match="no field"):
        cmd.set_item_field("e1", "colour", "red")


def test_add_source_does_not_attach_it_to_any_item(case):
    command, sid = cmd.add_source(case, "Reuters/AP", parse_reliability("C"))
    c = command.applied_to(case)
    assert sid == "reuters-ap"
    assert [e.source for e in c.evidence] == [e.source for e in case.evidence]


def test_edit_and_remove_a_source(case):
    c = cmd.edit_source("wire", reliability=parse_reliability([0.4, 0.9])).applied_to(case)
    assert c.source("wire").reliability.text() == "0.4-0.9"
    c = cmd.edit_source("wire", name="Wire service").applied_to(c)
    c = cmd.remove_source("wire").applied_to(c)
    assert c.source("wire") is None
    assert c.item("e0").source == "Wire service"  # the citation survives as text


def test_group_correlation_is_checked_and_moves_the_credence(case):
    with pytest.raises(CaseError, match=r"in \[0, 1\]"):
        cmd.set_group_correlation("g", 1.5)
    loose = cmd.set_group_correlation("g", 0.0).applied_to(case)
    tight = cmd.set_group_correlation("g", 1.0).applied_to(case)
    p_loose = bw.update(loose, engine="exact").credences["h0"]
    p_tight = bw.update(tight, engine="exact").credences["h0"]
    # e0 through a B source (r = 0.8, c = 0.5): l' = 0.82 / 0.18; e1 as entered: 0.3 / 0.6.
    a, b = 0.82 * 0.3, 0.18 * 0.6
    assert p_loose == pytest.approx(a / (a + b))
    assert p_tight == pytest.approx(a**0.5 / (a**0.5 + b**0.5))  # w = 1/(1 + 1*(2-1))


def test_remove_group_ungroups_its_items(case):
    c = cmd.remove_group("g").applied_to(case)
    assert c.groups == [] and all(e.group is None for e in c.evidence)


def test_rename_a_hypothesis_and_every_reference_follows(case):
    case.indicators.append(
        cmd.Indicator(id="watch", text="x", likelihoods={"h0": parse_likelihood(0.7)})
    )
    c = cmd.rename_id("hypothesis", "h0", "buffer").applied_to(case)
    assert c.hypothesis_ids == ["buffer", "h1"]
    assert all("buffer" in e.likelihoods and "h0" not in e.likelihoods for e in c.evidence)
    assert "buffer" in c.indicators[0].likelihoods
    assert bw.update(c, engine="exact").credences["buffer"] == pytest.approx(
        bw.update(case, engine="exact").credences["h0"]
    )


def test_rename_source_and_group_ids(case):
    c = cmd.rename_id("source", "wire", "reuters").applied_to(case)
    assert c.item("e0").source == "reuters" and c.source("reuters") is not None
    c = cmd.rename_id("group", "g", "cooling").applied_to(c)
    assert {e.group for e in c.evidence} == {"cooling"}


def test_rename_refuses_bad_or_taken_ids(case):
    with pytest.raises(CaseError, match="must be"):
        cmd.rename_id("hypothesis", "h0", "연합")
    with pytest.raises(CaseError, match="already taken"):
        cmd.rename_id("hypothesis", "h0", "h1").applied_to(case)


def test_indicators_add_edit_remove(case):
    command, iid = cmd.add_indicator(case, "Border closes")
    c = command.applied_to(case)
    c = cmd.edit_indicator(iid, likelihoods={"h0": parse_likelihood(0.1)}).applied_to(c)
    assert c.indicators[0].likelihoods["h0"].central == 0.1
    with pytest.raises(CaseError, match="unknown hypothesis"):
        cmd.edit_indicator(iid, likelihoods={"zz": parse_likelihood(0.1)}).applied_to(c)
    assert cmd.remove_indicator(iid).applied_to(c).indicators == []


@given(st.text(min_size=1, max_size=40))
def test_any_name_gives_a_valid_id(name):
    c = Case()
    if not name.strip():
        with pytest.raises(CaseError):
            cmd.add_hypothesis(c, name)
        return
    c = cmd.add_hypothesis(c, name).applied_to(c)
    c = cmd.add_hypothesis(c, name).applied_to(c)
    ids = c.hypothesis_ids
    assert all(is_valid_id(i) for i in ids) and len(set(ids)) == 2


def test_record_estimate_appends_as_typed_and_saves(case, tmp_path):
    when = dt.datetime(2025, 3, 1, 14, 30)
    c = cmd.record_estimate(" Kim ", {"h0": 70, "h1": 30}, when).applied_to(case)
    assert case.estimates == []  # the original is untouched: undo restores it
    (est,) = c.estimates
    assert (est.analyst, est.credences, est.recorded) == ("Kim", {"h0": 70, "h1": 30}, when)
    c = cmd.record_estimate("Lee", {"h0": 0.5}).applied_to(c)
    assert [e.analyst for e in c.estimates] == ["Kim", "Lee"]
    path = tmp_path / "c.toml"
    bw.save_case(c, path)
    back = bw.load_case(path)
    assert [(e.analyst, e.credences) for e in back.estimates] == [
        ("Kim", {"h0": 70, "h1": 30}),
        ("Lee", {"h0": 0.5}),
    ]
    assert back.estimates[0].recorded == when


def test_record_estimate_refuses_what_cannot_be_scored(case):
    with pytest.raises(CaseError, match="name"):
        cmd.record_estimate("  ", {"h0": 1})
    with pytest.raises(CaseError, match="'h0' must be a number >= 0"):
        cmd.record_estimate("Kim", {"h0": -0.1})
    with pytest.raises(CaseError, match="all zero"):
        cmd.record_estimate("Kim", {"h0": 0, "h1": 0})
    with pytest.raises(CaseError, match="no hypothesis with id 'zz'"):
        cmd.record_estimate("Kim", {"zz": 1}).applied_to(case)


def test_set_resolution_and_clear_it(case):
    c = cmd.set_resolution("h1", dt.date(2025, 5, 1), " cable log ").applied_to(case)
    assert (c.resolution.answer, c.resolution.date, c.resolution.source) == (
        "h1",
        dt.date(2025, 5, 1),
        "cable log",
    )
    assert cmd.set_resolution(None).applied_to(c).resolution is None
    with pytest.raises(CaseError, match="no hypothesis with id 'zz'"):
        cmd.set_resolution("zz").applied_to(case)


def _every_kind_of_edit(case):
    e, h, s = case.evidence[0].id, case.hypothesis_ids[0], case.sources[0].id
    yield cmd.set_question("Who?")
    yield cmd.add_hypothesis(case, "A new answer")
    yield cmd.set_prior(h, parse_prior(0.3))
    yield cmd.set_hypothesis_name(h, "Renamed")
    yield cmd.remove_hypothesis(case.hypothesis_ids[-1])
    yield cmd.move_hypothesis(h, 1)
    yield cmd.add_item(case, "A new report")[0]
    yield cmd.remove_item(e)
    yield cmd.set_item_field(e, "text", "changed")
    yield cmd.set_item_field(e, "group", "another")
    yield cmd.set_likelihood(e, h, parse_likelihood([0.2, 0.4]))
    yield cmd.add_source(case, "Agency", parse_reliability("C"))[0]
    yield cmd.edit_source(s, name="Wire", reliability=parse_reliability("E"))
    yield cmd.remove_source(s)
    yield cmd.set_group_correlation("g", 0.5)
    yield cmd.remove_group("g")
    yield cmd.add_indicator(case, "Troops move")[0]
    yield cmd.record_estimate("ana", {h: 0.7})
    yield cmd.set_resolution(h)
    yield cmd.rename_id("evidence", e, "renamed-item")
    yield cmd.rename_id("hypothesis", h, "renamed-h")


def test_no_edit_reaches_the_case_it_was_applied_to(case):
    """The copy an edit changes shares values with the case before it (undo keeps that one):
    whatever the edit, the case before stays as it was, field for field."""
    from beliefwatch.io.save import dumps_case

    case = cmd.add_indicator(case, "Watched")[0].applied_to(case)
    case = cmd.record_estimate("bo", {"h0": 0.4}).applied_to(case)
    saved = dumps_case(case)
    for edit in _every_kind_of_edit(case):
        after = edit.applied_to(case)
        assert dumps_case(after) != saved, edit.text
        assert dumps_case(case) == saved, edit.text
