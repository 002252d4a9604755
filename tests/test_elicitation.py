import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import beta as beta_dist

from beliefwatch.core.betafit import fit_beta
from beliefwatch.core.elicitation import (
    ACH,
    ICD203,
    parse_likelihood,
    parse_prior,
    parse_reliability,
)


@pytest.mark.parametrize(
    ("value", "kind", "low", "high"),
    [
        (0.7, "number", 0.7, 0.7),
        (1, "number", 1.0, 1.0),
        ("0.7", "number", 0.7, 0.7),
        ("70%", "number", 0.7, 0.7),
        ([0.6, 0.9], "range", 0.6, 0.9),
        ("0.6-0.9", "range", 0.6, 0.9),
        ("[0.6, 0.9]", "range", 0.6, 0.9),
        ("60-90%", "range", 0.6, 0.9),
        ([0.4, 0.4], "number", 0.4, 0.4),
        ("likely", "word", 0.55, 0.80),
        ("Very  Unlikely", "word", 0.05, 0.20),
        ("probable", "word", 0.55, 0.80),
        ("nearly certain", "word", 0.95, 0.99),
        ("CC", "rating", 0.75, 0.98),
        ("ii", "rating", 0.02, 0.25),
    ],
)
def test_inputs_become_intervals(value, kind, low, high):
    est = parse_likelihood(value)
    assert est.kind == kind
    assert est.low == pytest.approx(low)
    assert est.high == pytest.approx(high)


@pytest.mark.parametrize("value", ["NA", "na", "", None])
def test_unrated_cells(value):
    est = parse_likelihood(value)
    assert not est.rated
    assert math.isnan(est.central)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.3, "outside [0, 1]"),
        (-0.1, "outside [0, 1]"),
        (float("nan"), "NaN"),
        (float("inf"), "infinite"),
        ([0.9, 0.6], "high-to-low"),
        ("0.9-0.6", "high-to-low"),
        ("likley", "did you mean 'likely'"),
        ("CCC", "did you mean 'CC'"),
        ([0.1, 0.2, 0.3], "exactly two numbers"),
        (True, "must be a number"),
    ],
)
def test_bad_inputs_have_clear_messages(value, message):
    with pytest.raises(ValueError) as info:
        parse_likelihood(value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_priors_take_no_ratings_and_no_blanks():
    with pytest.raises(ValueError, match="unknown value"):
        parse_prior("CC")
    with pytest.raises(ValueError, match="required"):
        parse_prior("NA")


def test_admiralty_letters_map_to_default_reliabilities():
    assert parse_reliability("A").central == 0.95
    assert parse_reliability("e").central == 0.20
    assert parse_reliability("F").central == 0.50
    assert parse_reliability([0.5, 0.9]).uncertain


@pytest.mark.parametrize("bounds", [*ICD203.values(), *ACH.values(), (0.6, 0.9), (0.02, 0.98)])
def test_named_ranges_fit_their_quantiles(bounds):
    a, b = fit_beta(*bounds)
    assert beta_dist.ppf(0.05, a, b) == pytest.approx(bounds[0], abs=1e-6)
    assert beta_dist.ppf(0.95, a, b) == pytest.approx(bounds[1], abs=1e-6)


@given(
    st.floats(0.01, 0.95).flatmap(
        lambda lo: st.tuples(st.just(lo), st.floats(lo + 0.01, min(lo + 0.9, 0.99)))
    )
)
def test_beta_fit_matches_any_interval(bounds):
    lo, hi = bounds
    a, b = fit_beta(lo, hi)
    assert beta_dist.ppf(0.05, a, b) == pytest.approx(lo, abs=1e-5)
    assert beta_dist.ppf(0.95, a, b) == pytest.approx(hi, abs=1e-5)


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_central_value_lies_inside_the_range(x, y):
    lo, hi = sorted((x, y))
    est = parse_likelihood([lo, hi])
    assert lo - 1e-3 <= est.central <= hi + 1e-3


@given(st.sampled_from(["0.7", "0.6-0.9", "likely", "C", "NA", "35%", "[0.1, 0.3]"]))
def test_cell_text_parses_back_to_the_same_estimate(text):
    est = parse_likelihood(text)
    again = parse_likelihood(est.text())
    assert (again.kind, again.low, again.high) == (est.kind, est.low, est.high) or (
        not est.rated and not again.rated
    )


def _logit(x):
    return math.log(x / (1 - x))


@pytest.mark.parametrize("bounds", [(1e-4, 0.01), (1e-6, 1e-3), (0.99, 0.9999), (2e-5, 0.97)])
def test_small_range_ends_are_fitted_as_typed(bounds):
    # A rule-out item [1e-4, 0.01] must keep its 5% quantile at 1e-4, not at 0.001.
    a, b = fit_beta(*bounds)
    q = beta_dist.ppf([0.05, 0.95], a, b)
    assert _logit(q[0]) == pytest.approx(_logit(bounds[0]), abs=1e-5)
    assert _logit(q[1]) == pytest.approx(_logit(bounds[1]), abs=1e-5)


def test_a_rule_out_range_keeps_its_centre():
    est = parse_likelihood([1e-4, 0.01])
    a, b = est.beta
    assert est.central == pytest.approx(beta_dist.mean(a, b))
    assert est.central < parse_likelihood([0.001, 0.01]).central / 1.3


def test_only_ends_of_exactly_zero_and_one_are_moved_in():
    a, b = fit_beta(0.0, 0.01)
    assert beta_dist.ppf(0.05, a, b) == pytest.approx(0.001, rel=1e-5)
    a, b = fit_beta(0.99, 1.0)
    assert beta_dist.ppf(0.95, a, b) == pytest.approx(0.999, rel=1e-5)


@given(
    st.floats(-9, -0.5).flatmap(
        lambda e: st.tuples(st.just(10.0**e), st.floats(10.0**e * 1.05 + 1e-9, 1 - 1e-6))
    ),
    st.booleans(),
)
def test_beta_fit_matches_intervals_reaching_far_into_the_tails(bounds, mirrored):
    lo, hi = bounds
    if mirrored:
        # Fit [1 - hi, 1 - lo]: then 1 - X ~ Beta(b, a) must have the quantiles lo and hi
        # (checked there: 1 - 1e-9 keeps too few digits to check near 1).
        b, a = fit_beta(1 - hi, 1 - lo)
    else:
        a, b = fit_beta(lo, hi)
    q = beta_dist.ppf([0.05, 0.95], a, b)
    assert _logit(q[0]) == pytest.approx(_logit(lo), abs=1e-4)
    assert _logit(q[1]) == pytest.approx(_logit(hi), abs=1e-4)


def test_minus_zero_is_read_as_zero():
    for est in (parse_prior(-0.0), parse_likelihood(-0.0), parse_likelihood([-0.0, 0.5])):
        assert math.copysign(1.0, est.low) == 1.0


@pytest.mark.parametrize("bounds", [(2.2e-313, 1e-9), (0.0, 1e-9), (1 - 1e-9, 1.0)])
def test_a_range_beyond_the_fit_s_resolution_is_a_number(bounds):
    # Found by hypothesis: [2.2e-313, 1e-9] clamped both ends to 1e-9 and the fit refused it.
    est = parse_likelihood(list(bounds))
    assert est.kind == "number"
    assert bounds[0] <= est.central <= bounds[1]
