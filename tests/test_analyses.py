"""The analyses of MODEL.md section 7 against values worked out by hand."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.case import Indicator
from beliefwatch.core.elicitation import parse_likelihood, parse_reliability
from beliefwatch.inference import analyses, exact
from beliefwatch.inference.analyses import analyze
from beliefwatch.inference.spec import build_spec
from beliefwatch.reports import wording
from tests.cases import make_case


def _analyze(case, **kw):
    return analyze(case, bw.update(case, engine="exact", draws=200, seed=1), **kw)


def _bar(a, name):
    return next(b for b in a.tornado if b.input == name)


# -- what would change my mind -----------------------------------------------------------
def test_to_overtake_is_the_log_odds_of_leader_over_runner_up():
    assert analyses.to_overtake(np.array([0.5, 0.05, 0.45])) == pytest.approx(
        10 * math.log10(0.5 / 0.45)
    )


def test_two_hypotheses_overtaking_weight_in_closed_form():
    # 0.5 : 0.5 prior and one item 0.8 : 0.2 give credences 0.8 : 0.2, odds 4: 6.02 dB.
    a = _analyze(make_case([0.5, 0.5], [[0.8, 0.2]]))
    assert (a.leader, a.runner_up) == ("h0", "h1")
    assert a.to_overtake_db == pytest.approx(10 * math.log10(4))
    assert a.to_dict()["to_overtake_db"] == pytest.approx(6.0206, abs=1e-4)
    assert wording.overtake_sentence(a) == (
        "an item 4 times as likely under “Hypothesis 1” as under “Hypothesis 0” would make "
        "“Hypothesis 1” lead"
    )


def test_an_item_of_that_weight_makes_the_runner_up_tie():
    case = make_case([0.6, 0.3, 0.1], [[0.7, 0.4, 0.5]])
    cred = exact.point_posterior(build_spec(case))
    needed = analyses.to_overtake(cred)
    ratio = 10 ** (needed / 10)  # likelihood ratio runner-up : leader
    case2 = make_case(cred.tolist(), [[1 / ratio, 1.0, 1 / ratio]])
    after = exact.point_posterior(build_spec(case2))
    assert after[0] == pytest.approx(after[1])


def test_the_sentence_rounds_the_ratio_up_so_that_it_is_enough():
    # Odds 0.6 : 0.4 = 1.5 exactly; 0.62 : 0.38 = 1.63..., said as 1.7.
    assert "1.5 times" in wording.overtake_sentence(_analyze(make_case([0.6, 0.4], [])))
    assert "1.7 times" in wording.overtake_sentence(_analyze(make_case([0.62, 0.38], [])))


def test_one_hypothesis_has_no_runner_up():
    a = _analyze(make_case([1.0], [[0.5]]))
    assert a.runner_up is None and a.to_dict()["to_overtake_db"] is None


# -- influence and Bayes factors ---------------------------------------------------------
def test_influence_and_bayes_factor_by_hand():
    # Both items: odds (0.8*0.6) / (0.2*0.4) = 6, credence 6/7. Without e0: 0.6. Without e1: 0.8.
    a = _analyze(make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.4]]))
    e0, e1 = a.items
    assert e0.influence["h0"] == pytest.approx(6 / 7 - 0.6)
    assert e1.influence["h0"] == pytest.approx(6 / 7 - 0.8)
    assert e0.influence["h1"] == pytest.approx(-(6 / 7 - 0.6))
    # With two hypotheses the Bayes factor against the rest is the likelihood ratio.
    assert e0.bayes_factor_db["h0"] == pytest.approx(10 * math.log10(4))
    assert e1.bayes_factor_db["h1"] == pytest.approx(10 * math.log10(0.4 / 0.6))


def test_bayes_factor_against_the_rest_weighs_the_rest_by_its_credence():
    # Alone, the item's rest for h0 is h1 and h2 at 0.25 each: P(e | not h0) = 0.3.
    a = _analyze(make_case([0.5, 0.25, 0.25], [[0.8, 0.4, 0.2]]))
    item = a.item("e0")
    assert item.bayes_factor_db["h0"] == pytest.approx(10 * math.log10(0.8 / 0.3))
    # P(e | not h2) = (0.5*0.8 + 0.25*0.4) / 0.75 = 2/3.
    assert item.bayes_factor_db["h2"] == pytest.approx(10 * math.log10(0.2 / (2 / 3)))


def test_an_echoed_report_has_no_influence():
    # Three outlets repeating one fact (rho = 1) are one item: dropping one changes nothing.
    case = make_case([0.5, 0.5], [[0.9, 0.3]] * 3, groups=["echo"] * 3)
    a = _analyze(case)
    for item in a.items:
        assert item.influence["h0"] == pytest.approx(0.0, abs=1e-12)
        assert item.bayes_factor_db["h0"] == pytest.approx(0.0, abs=1e-9)


# -- tornado -----------------------------------------------------------------------------
def test_tornado_likelihood_cell_ends_by_hand():
    # h0's cell moves over [0.6, 0.9] against 0.3: credence 0.6/0.9 and 0.9/1.2.
    a = _analyze(make_case([0.5, 0.5], [[[0.6, 0.9], 0.3]]))
    (bar,) = a.tornado
    assert bar.input == "likelihood:e0:h0"
    assert (bar.low, bar.high) == pytest.approx((2 / 3, 0.75))
    assert a.tornado_ranges["likelihood:e0:h0"] == (0.6, 0.9)


def test_tornado_prior_and_prior_strength():
    # h0 "roughly even chance" is [0.45, 0.55]: with no evidence its credence is its prior, and
    # h1 takes the rest. The strength moves only the interval, never the credence.
    case = make_case(["roughly even chance", 0.5], [])
    a = _analyze(case)
    assert a.leader == "h0"
    assert (_bar(a, "prior:h0").low, _bar(a, "prior:h0").high) == pytest.approx((0.45, 0.55))
    strength = _bar(a, "prior_strength")
    assert strength.low == strength.high == pytest.approx(a.tornado_center)
    assert [b.input for b in a.tornado] == ["prior:h0", "prior_strength"]


def test_tornado_reliability_ends_by_hand():
    # l = (0.8, 0.2), c = 0.5: l' = (0.5 + 0.3 r, 0.5 - 0.3 r), so the credence is 0.5 + 0.3 r.
    case = make_case([0.5, 0.5], [[0.8, 0.2]], reliabilities=[[0.5, 0.9]])
    bar = _bar(_analyze(case), "reliability:e0")
    assert (bar.low, bar.high) == pytest.approx((0.65, 0.77))


def test_tornado_shared_source_reliability_moves_all_its_reports():
    from tests.cases import with_shared_source

    case = with_shared_source(
        make_case([0.5, 0.5], [[0.8, 0.2], [0.8, 0.2]]), "wire", [0.5, 0.9], ["e0", "e1"]
    )
    bar = _bar(_analyze(case), "reliability:wire")
    # Both reports move together: odds ((0.5 + 0.3 r) / (0.5 - 0.3 r))^2.
    for r, end in ((0.5, bar.low), (0.9, bar.high)):
        odds = ((0.5 + 0.3 * r) / (0.5 - 0.3 * r)) ** 2
        assert end == pytest.approx(odds / (1 + odds))


def test_tornado_group_correlation_from_independent_to_one_fact():
    # Two items 0.8 : 0.2 in a group: rho = 0 counts both (odds 16), rho = 1 counts one (4).
    case = make_case([0.5, 0.5], [[0.8, 0.2], [0.8, 0.2]], groups=["g", "g"])
    case.groups[0].correlation = 0.5
    bar = _bar(_analyze(case), "correlation:g")
    assert (bar.low, bar.high) == pytest.approx((16 / 17, 0.8))


def test_tornado_ends_are_the_update_with_the_input_typed_as_its_end():
    # Reliability below 1 and an unrated cell: the row's fill and base rate follow the value.
    case = make_case(
        [0.4, 0.35, 0.25],
        [[[0.3, 0.7], 0.2, None], [0.5, "likely", 0.3], [0.6, 0.6, 0.2]],
        reliabilities=[0.6, "B", None],
        groups=[None, "g", "g"],
    )
    case.groups[0].correlation = 0.3
    a = _analyze(case)
    k = a.hypotheses.index(a.leader)
    assert len(a.tornado) == 3  # two cells and the group; "B" and 0.6 are not uncertain
    for bar in a.tornado:
        kind, *where = bar.input.split(":")
        for end, got in zip(a.tornado_ranges[bar.input], (bar.low, bar.high), strict=True):
            typed = case.copy()
            if kind == "likelihood":
                typed.item(where[0]).likelihoods[where[1]] = parse_likelihood(end)
            else:
                assert kind == "correlation"
                typed.group(where[0]).correlation = end
            assert got == pytest.approx(exact.point_posterior(build_spec(typed))[k], abs=1e-12)


def test_tornado_sorted_widest_first_and_skippable():
    case = make_case([0.5, 0.5], [[[0.6, 0.9], 0.3], [0.5, [0.45, 0.55]], [[0.1, 0.9], 0.5]])
    a = _analyze(case)
    widths = [abs(b.high - b.low) for b in a.tornado]
    assert widths == sorted(widths, reverse=True) and len(widths) == 3
    assert a.tornado[0].input == "likelihood:e2:h0"
    assert _analyze(case, tornado=False).tornado == []


# -- robustness --------------------------------------------------------------------------
def test_leader_share_is_one_without_uncertainty():
    a = _analyze(make_case([0.5, 0.5], [[0.8, 0.2]]))
    assert a.leader_share == 1.0
    assert wording.robustness_sentence(a).startswith("leads at every value")


def test_leader_share_counts_the_draws_where_the_leader_is_largest():
    case = make_case([0.5, 0.5], [[[0.3, 0.9], [0.2, 0.8]]])
    result = bw.update(case, engine="exact", draws=500, seed=3)
    a = analyze(case, result)
    d = result.draws.reshape(-1, 2)
    k = result.hypotheses.index(a.leader)
    assert a.leader_share == pytest.approx(np.mean(d[:, k] > d[:, 1 - k]))
    assert 0.5 < a.leader_share < 1.0
    assert wording.robustness_sentence(a) == f"leads in {100 * a.leader_share:.0f}% of draws"


# -- conflict ----------------------------------------------------------------------------
def test_conflict_by_hand_and_the_items_named():
    # P(e0) = P(e1) = 0.5; P(e0, e1) = 0.5*0.09 + 0.5*0.09 = 0.09: conflict ln(0.25/0.09).
    a = _analyze(make_case([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]]))
    assert a.conflict == pytest.approx(math.log(0.25 / 0.09))
    assert {i for i, _ in a.conflict_items} == {"e0", "e1"}
    assert "pull against the rest" in a.conflict_warning


def test_conflict_names_the_item_that_pulls_against_the_rest():
    # e2 against e0 and e1: P(e2) = 0.5, P(e0, e1) = 0.5 (0.72 + 0.02) = 0.37,
    # P(all) = 0.5 (0.072 + 0.018) = 0.045: ln(0.5 * 0.37 / 0.045). The rest of e1 (e0 and e2)
    # is 0.09 : 0.09, neutral, so e1 is in no conflict with it.
    a = _analyze(make_case([0.5, 0.5], [[0.9, 0.1], [0.8, 0.2], [0.1, 0.9]]))
    assert a.conflict > 0
    assert a.conflict_items[0] == ("e2", pytest.approx(math.log(0.5 * 0.37 / 0.045)))
    assert "e1" not in dict(a.conflict_items)


def test_no_conflict_for_one_item_or_agreeing_items():
    assert analyses.conflict(build_spec(make_case([0.5, 0.5], [[0.9, 0.1]]))) == pytest.approx(0)
    a = _analyze(make_case([0.5, 0.5], [[0.9, 0.1], [0.9, 0.1]]))
    assert a.conflict < 0 and a.conflict_items == [] and a.conflict_warning is None


# -- watch list --------------------------------------------------------------------------
def _case_with_indicators(*rows, priors=(0.5, 0.5)):
    case = make_case(list(priors), [])
    for i, row in enumerate(rows):
        lik = {f"h{k}": parse_likelihood(v) for k, v in enumerate(row)}
        case.indicators.append(Indicator(f"i{i}", f"indicator {i}", lik))
    return case


def test_indicators_ranked_by_information_gain():
    case = _case_with_indicators([0.5, 0.5], [0.9, 0.1], [0.6, 0.4])
    ranked = analyses.indicator_values(case, np.array([0.5, 0.5]))
    assert [v.id for v in ranked] == ["i1", "i2", "i0"]
    assert ranked[-1].gain_bits == pytest.approx(0.0)
    # A perfectly diagnostic indicator would resolve one bit; 0.9/0.1 resolves 1 - H(0.1).
    h01 = -(0.1 * math.log2(0.1) + 0.9 * math.log2(0.9))
    assert ranked[0].gain_bits == pytest.approx(1 - h01)
    assert ranked[0].if_happens["h0"] == pytest.approx(0.9)
    assert ranked[0].if_not["h0"] == pytest.approx(0.1)


def test_indicator_gain_by_hand():
    # Credences 0.75 : 0.25, l = 0.8 : 0.4. P(happens) = 0.6 + 0.1 = 0.7, then 6/7 : 1/7;
    # not: 0.15 : 0.15 = 1/2 : 1/2. Gain = H(1/4) - 0.7 H(1/7) - 0.3 * 1
    # = 0.811278 - 0.7 * 0.591673 - 0.3 = 0.097107 bits.
    case = _case_with_indicators([0.8, 0.4], priors=(0.75, 0.25))
    v = _analyze(case).indicator("i0")
    assert v.p_happens == pytest.approx(0.7)
    assert v.if_happens == pytest.approx({"h0": 6 / 7, "h1": 1 / 7})
    assert v.if_not == pytest.approx({"h0": 0.5, "h1": 0.5})
    assert v.gain_bits == pytest.approx(0.097107, abs=1e-6)


def test_indicator_reliability_applied():
    # r = 0.5, c = 0.6: l' = 0.5 * l + 0.3 = 0.7 : 0.5. From 0.5 : 0.5, P(happens) = 0.6,
    # then 7/12 : 5/12; not: 0.15 : 0.25 = 3/8 : 5/8.
    case = _case_with_indicators([0.8, 0.4])
    case.indicators[0].reliability = parse_reliability(0.5)
    (v,) = _analyze(case).indicators
    assert v.p_happens == pytest.approx(0.6)
    assert v.if_happens["h0"] == pytest.approx(7 / 12)
    assert v.if_not["h0"] == pytest.approx(3 / 8)
    h = lambda p: -(p * math.log2(p) + (1 - p) * math.log2(1 - p))  # noqa: E731
    assert v.gain_bits == pytest.approx(1 - 0.6 * h(7 / 12) - 0.4 * h(3 / 8))


@given(st.lists(st.floats(0.01, 0.99), min_size=2, max_size=5), st.data())
def test_information_gain_is_never_negative_nor_above_the_entropy(lik, data):
    k = len(lik)
    weights = np.array(data.draw(st.lists(st.floats(0.01, 1), min_size=k, max_size=k)))
    cred = weights / weights.sum()
    case = make_case([1 / k] * k, [])
    case.indicators.append(
        Indicator("x", "x", {f"h{i}": parse_likelihood(v) for i, v in enumerate(lik)})
    )
    (value,) = analyses.indicator_values(case, cred)
    assert 0 <= value.gain_bits <= analyses.entropy_bits(cred) + 1e-9
    # Observing or not, on average, returns the current credences (martingale).
    mix = value.p_happens * np.array(list(value.if_happens.values())) + (
        1 - value.p_happens
    ) * np.array(list(value.if_not.values()))
    assert mix == pytest.approx(cred)


# -- the object as a whole ---------------------------------------------------------------
def test_to_dict_has_exactly_the_contract_keys():
    case = _case_with_indicators([0.8, 0.4])
    case.evidence = make_case([0.5, 0.5], [[[0.6, 0.9], 0.3]]).evidence
    d = _analyze(case).to_dict()
    assert set(d) == {"leader", "runner_up", "to_overtake_db", "leader_share", "conflict",
                      "items", "tornado", "indicators"}  # fmt: skip
    assert set(d["items"][0]) == {"id", "influence", "bayes_factor_db"}
    assert set(d["tornado"][0]) == {"input", "low", "high"}
    assert set(d["indicators"][0]) == {"id", "p_happens", "gain_bits", "if_happens", "if_not"}


def test_numbers_are_taken_by_id_when_the_case_order_differs_from_the_result():
    case = _case_with_indicators([0.8, 0.4], priors=(0.75, 0.25))
    result = bw.update(case, engine="exact")
    flipped = case.copy()
    flipped.hypotheses.reverse()
    (v,) = analyze(flipped, result).indicators
    assert v.if_happens == pytest.approx({"h0": 6 / 7, "h1": 1 / 7})
    flipped.hypotheses.pop()
    with pytest.raises(ValueError, match="other hypotheses"):
        analyze(flipped, result)
