"""The model's rules, written once (beliefwatch/inference/rules.py), and the four defects of
issue 16 plus issue 18.3 that lived in their copies: each value below is computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.case import Indicator
from beliefwatch.core.elicitation import parse_likelihood, parse_prior, parse_reliability
from beliefwatch.inference import analyses, exact, rules
from beliefwatch.inference.spec import build_spec
from beliefwatch.inference.watch import indicator_likelihood
from tests.cases import make_case


def _credences(case):
    return exact.point_posterior(build_spec(case))


# --- (a) c and the unrated fill are averaged over live hypotheses only ---


@pytest.mark.parametrize("dead", ["0.99", "0.01"])
def test_a_prior_zero_hypothesis_does_not_move_the_live_ones_through_c(dead):
    # r = 0.5, c = mean(0.2, 0.4) = 0.3: l' = (0.1 + 0.15, 0.2 + 0.15) = (0.25, 0.35), so the
    # first live credence is 0.25 / 0.6 = 5/12 whatever the dead hypothesis' likelihood.
    # (Averaged over all three, c moved with it: 0.440 for 0.99, 0.401 for 0.01.)
    case = make_case([0.5, 0.5, 0.0], [["0.2", "0.4", dead]], reliabilities=["0.5"])
    cred = _credences(case)
    assert cred[0] == pytest.approx(5 / 12, abs=1e-12)
    assert cred[2] == 0.0


@pytest.mark.parametrize("dead", ["0.99", "0.01"])
def test_a_prior_zero_hypothesis_does_not_set_the_fill_of_an_unrated_live_cell(dead):
    # The unrated live cell takes the mean of the rated live values (0.2): the item is
    # uninformative between the live hypotheses, so the credences stay at the prior.
    case = make_case([0.5, 0.5, 0.0], [["0.2", "NA", dead]])
    assert _credences(case)[:2] == pytest.approx([0.5, 0.5], abs=1e-12)


def test_an_item_rating_only_dead_hypotheses_says_nothing_and_is_named():
    case = make_case([0.6, 0.4, 0.0], [["NA", "NA", "0.9"]])
    spec = build_spec(case)
    assert _credences(case)[:2] == pytest.approx([0.6, 0.4], abs=1e-12)
    assert any("'e0' rates only hypotheses with prior 0" in w for w in spec.warnings)


def test_a_row_with_no_rated_cell_is_neutral_everywhere():
    spec = build_spec(make_case([0.5, 0.5], [["NA", "NA"], ["0.8", "0.2"]]))
    assert spec.lik[0].tolist() == [rules.NO_RATING, rules.NO_RATING] == [0.5, 0.5]


def test_an_unrated_indicator_takes_the_same_fill_as_an_item():
    case = make_case([0.5, 0.5, 0.0], [])
    ind = Indicator(id="w", text="watched", likelihoods={"h2": parse_likelihood("0.9")})
    lik, _ = indicator_likelihood(case, ind)
    assert lik[:2].tolist() == [0.5, 0.5]  # even odds, not "it will certainly happen"
    ind.likelihoods = {"h0": parse_likelihood("0.2"), "h2": parse_likelihood("0.9")}
    ind.reliability = parse_reliability("0.5")
    # Filled with 0.2 (the live rated mean), c = 0.2: l' = 0.2 for both live hypotheses.
    assert indicator_likelihood(case, ind)[0][:2] == pytest.approx([0.2, 0.2])


# --- (b) Cromwell's rule is judged on the normalised prior ---


def test_priors_one_and_a_half_are_not_certainty():
    spec = build_spec(make_case([1.0, 0.5], []))
    assert spec.prior.tolist() == pytest.approx([2 / 3, 1 / 3])
    assert not any("Cromwell" in w for w in spec.warnings)


def test_a_prior_that_normalises_to_one_warns():
    spec = build_spec(make_case([0.5, 0.0], []))
    cromwell = [w for w in spec.warnings if "Cromwell" in w]
    assert len(cromwell) == 2
    assert "'h0' has prior 1:" in cromwell[0] and "'h1' has prior 0:" in cromwell[1]


# --- (c) the conflict warning has a tolerance ---


def test_uninformative_items_are_no_conflict():
    # Constant rows change no credence: Hugin's measure is 0 in exact arithmetic, ~1e-16 in
    # floating point, which must not read as "conflict 0.00 > 0".
    rows = [["0.55"] * 3, ["0.7", "0.2", "0.4"], ["0.35"] * 3]  # 4.4e-16 before the tolerance
    case = make_case([0.2, 0.3, 0.5], rows)
    assert abs(analyses.conflict(build_spec(case))) < analyses.CONFLICT_TOLERANCE
    a = analyses.analyze(case, bw.update(case, engine="exact"), tornado=False)
    assert a.conflict_warning is None and a.conflict_items == []


# --- (d) a dependence group is one piece of evidence for conflict ---


def test_two_echoes_of_one_report_are_not_in_conflict():
    # One fact reported twice (rho = 1): one piece, so prod P(e) = P(e1, e2) and conflict 0.
    # Counted as two pieces it was 2 ln(0.5 (0.9^0.5 + 0.1^0.5)) - ln 0.5 = -0.223.
    case = make_case([0.5, 0.5], [["0.9", "0.1"], ["0.9", "0.1"]], groups=["g", "g"])
    assert analyses.conflict(build_spec(case)) == pytest.approx(0.0, abs=1e-12)


def test_conflict_with_a_group_by_hand():
    # Group {e0, e1} (rho = 1, w = 1/2): prod l^w = (0.9, 0.1), P(group) = 0.5; P(e2) = 0.5;
    # P(all) = 0.5 * 0.9 * 0.2 + 0.5 * 0.1 * 0.8 = 0.13: conflict = ln(0.25 / 0.13).
    # (Three pieces gave 0.431.) Each member carries its group's conflict with the rest.
    rows = [["0.9", "0.1"], ["0.9", "0.1"], ["0.2", "0.8"]]
    spec = build_spec(make_case([0.5, 0.5], rows, groups=["g", "g", None]))
    assert analyses.conflict(spec) == pytest.approx(math.log(0.25 / 0.13), abs=1e-12)
    assert analyses.conflict_by_item(spec) == pytest.approx([math.log(0.25 / 0.13)] * 3)


# --- issue 18.3: an all-NA item does not count in its group's size ---


def test_an_unrated_item_added_to_a_group_changes_nothing():
    rated = make_case([1 / 3, 1 / 3, 1 / 3], [["0.8", "0.4", "0.1"]], groups=["g"])
    both = make_case([1 / 3] * 3, [["0.8", "0.4", "0.1"], ["NA"] * 3], groups=["g", "g"])
    # w of the rated item stays 1 (n = 1): credences 0.8/1.3, 0.4/1.3, 0.1/1.3. Counting the
    # unrated one made n = 2, w = 1/2 and the credences sqrt-flattened.
    expected = [0.8 / 1.3, 0.4 / 1.3, 0.1 / 1.3]
    assert _credences(rated) == pytest.approx(expected, abs=1e-12)
    assert _credences(both) == pytest.approx(expected, abs=1e-12)
    spec = build_spec(both)
    assert spec.weight.tolist() == [1.0, 1.0]
    infl = exact.influence(spec)
    assert infl[1] == pytest.approx([0, 0, 0], abs=1e-12)  # removing it changes nothing
    assert infl[0] == pytest.approx(np.array(expected) - 1 / 3, abs=1e-12)


def test_group_size_counts_informative_items_for_the_tornado_too():
    rows = [["0.8", "0.4"], ["0.6", "0.5"], ["NA", "NA"]]
    case = make_case([0.5, 0.5], rows, groups=["g", "g", "g"])
    spec = build_spec(case)
    assert spec.weight.tolist() == [0.5, 0.5, 0.5]
    a = analyses.analyze(case, bw.update(case, engine="exact"))
    bar = next(b for b in a.tornado if b.input == "correlation:g")
    # rho = 1 is the case as it stands (w = 1/2 over two informative items): its centre.
    assert bar.high == pytest.approx(a.tornado_center, abs=1e-12)


# --- the rules themselves ---


@given(
    st.lists(st.floats(0.0, 1.0), min_size=2, max_size=5),
    st.floats(0.0, 1.0),
)
def test_effective_likelihood_is_the_mixture(row, r):
    lik = np.array([row])
    c = float(np.mean(row))
    out = rules.effective(lik, np.array([r]), np.array([c]))[0]
    for x, y in zip(out, row, strict=True):
        assert x == pytest.approx(r * y + (1 - r) * c, abs=1e-12)
    if r == 0.0:
        assert np.ptp(out) == pytest.approx(0.0, abs=1e-12)  # r = 0: uninformative


def test_leave_one_out_counts_zeros_apart():
    with np.errstate(divide="ignore"):
        logs = np.log(np.array([[0.5, 0.0], [0.0, 0.25], [0.5, 0.5]]))
    rest = rules.leave_one_out(logs)
    # Without item 0: column 0 = log(0) + log(0.5) = -inf; column 1 = log(.25 * .5) (finite).
    assert rest[0, 0] == -np.inf and rest[0, 1] == pytest.approx(math.log(0.125))
    assert rest[1, 0] == pytest.approx(math.log(0.25)) and rest[1, 1] == -np.inf
    assert rest[2, 0] == -np.inf and rest[2, 1] == -np.inf
    assert not np.isnan(rest).any()


def test_shared_source_parameters_from_its_first_report():
    a, b = rules.source_parameters(
        np.array([-1, 1, 0, 1]), np.array([9.0, 2.0, 3.0, 2.0]), np.array([9.0, 5.0, 7.0, 5.0]), 2
    )
    assert a.tolist() == [3.0, 2.0] and b.tolist() == [7.0, 5.0]


def test_group_weight_is_the_effective_number_spread_evenly():
    assert rules.group_weight(1.0, 4) == 0.25
    assert rules.group_weight(0.0, 4) == 1.0
    assert rules.group_weight(0.5, 3) == pytest.approx(0.5)
    assert rules.group_weight(1.0, 0) == 1.0  # a group of uninformative items only


# --- issue 18: messages about priors typed as ranges ---


def test_priors_typed_to_sum_to_one_with_a_range_do_not_warn():
    # The range's centre (its Beta mean) is not 0.4: the centres sum to about 0.998, which is
    # normalised without a word; the typed values (the range at its midpoint) sum to 1.
    spec = build_spec(make_case([0.5, "0.3-0.5", 0.1], []))
    assert abs(sum(spec.prior) - 1) < 1e-12
    assert not any("sum" in w for w in spec.warnings)


def test_priors_that_do_not_sum_to_one_still_warn_and_say_what_was_summed():
    numbers = build_spec(make_case([0.5, 0.3, 0.1], [])).warnings
    assert numbers == ["priors sum to 0.9, not 1: normalised"]
    ranged = build_spec(make_case([0.5, "0.5-0.7", 0.1], [])).warnings
    centre = parse_prior("0.5-0.7").central  # its Beta's mean, not 0.6
    assert len(ranged) == 1 and ranged[0].startswith(f"priors sum to {0.6 + centre:.4g}, not 1")
    assert "(a range or word counts at its central value, its fitted Beta's mean)" in ranged[0]


def test_priors_whose_centres_sum_to_one_do_not_warn_either():
    # Typed so that the central values (not the midpoints) sum to 1, as the bundled example is.
    rng = parse_prior("0.3-0.5")
    spec = build_spec(make_case([0.5, "0.3-0.5", 0.5 - rng.central], []))
    assert not any("sum" in w for w in spec.warnings)


def test_the_tornado_shows_a_prior_range_as_typed_and_says_where_the_strength_comes_from():
    case = make_case([0.5, "0.3-0.5", 0.1], [["0.9", "0.5", "0.2"]])
    a = analyses.analyze(case, bw.update(case))
    assert a.tornado_ranges["prior:h1"] == (0.3, 0.5)
    assert a.prior_strength_from == "fitted"
    assert "fitted to your prior ranges" in a.prior_strength_note
    case.prior_strength = 20.0
    a = analyses.analyze(case, bw.update(case))
    assert a.prior_strength_from == "set" and "as set in the case" in a.prior_strength_note
