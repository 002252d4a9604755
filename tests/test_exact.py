import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.inference import exact
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case, with_shared_source


def credences(case):
    return exact.point_posterior(build_spec(case))


# --- hand-checkable cases -------------------------------------------------------------------


def test_taxicab():
    # 15% blue cabs; the witness says "blue" and is right 80% of the time.
    post = credences(make_case([0.15, 0.85], [[0.8, 0.2]]))
    assert post[0] == pytest.approx(0.12 / (0.12 + 0.17))


def test_medical_test_base_rate():
    # 1% prevalence, sensitivity 90%, false-positive rate 9%: P(ill | positive) ~ 9.2%.
    post = credences(make_case([0.01, 0.99], [[0.9, 0.09]]))
    assert post[0] == pytest.approx(0.009 / (0.009 + 0.0891))


def test_two_independent_items_multiply():
    post = credences(make_case([0.5, 0.5], [[0.8, 0.4], [0.6, 0.2]]))
    assert post[0] == pytest.approx(0.48 / (0.48 + 0.08))


def test_reliability_mixes_with_the_row_mean():
    # l' = r*l + (1-r)*c with c the row mean 0.5: r = 0.6 gives 0.68 and 0.32.
    case = make_case([0.5, 0.5], [[0.8, 0.2]], reliabilities=["C"])
    assert credences(case)[0] == pytest.approx(0.68)


def test_reliability_zero_is_uninformative_and_one_is_as_entered():
    prior = [0.3, 0.7]
    assert credences(make_case(prior, [[0.9, 0.1]], reliabilities=[0.0])) == pytest.approx(prior)
    assert credences(make_case(prior, [[0.9, 0.1]], reliabilities=[1.0])) == pytest.approx(
        credences(make_case(prior, [[0.9, 0.1]]))
    )


def test_dependence_group_of_copies_counts_once():
    one = credences(make_case([0.5, 0.5], [[0.8, 0.4]]))
    echoed = make_case([0.5, 0.5], [[0.8, 0.4]] * 3, groups=["wire"] * 3)
    assert credences(echoed) == pytest.approx(one)


def test_dependence_group_weight_follows_correlation():
    case = make_case([0.5, 0.5], [[0.8, 0.4]] * 3, groups=["g"] * 3)
    case.groups[0].correlation = 0.5
    spec = build_spec(case)
    assert spec.weight == pytest.approx([1 / (1 + 0.5 * 2)] * 3)
    # Effective number of items 3 / 2 = 1.5: likelihood ratio 2 ** 1.5.
    assert credences(case)[0] == pytest.approx(2**1.5 / (2**1.5 + 1))


def test_unrated_cell_takes_the_mean_of_the_rated_ones():
    case = make_case([1 / 3] * 3, [[0.9, 0.3, None]])
    spec = build_spec(case)
    assert spec.lik[0] == pytest.approx([0.9, 0.3, 0.6])
    assert not spec.rated[0, 2]


def test_weight_of_evidence_in_decibans():
    spec = build_spec(make_case([0.5, 0.5], [[0.8, 0.08], [0.5, 0.5]]))
    assert exact.weight_of_evidence(spec, 0, 1) == pytest.approx([10.0, 0.0])
    assert exact.diagnosticity(spec) == pytest.approx([10.0, 0.0])


def test_influence_is_the_change_when_an_item_is_removed():
    case = make_case([0.5, 0.5], [[0.8, 0.4], [0.3, 0.6]])
    infl = exact.influence(build_spec(case))
    full = credences(case)
    for j in range(2):
        reduced = case.copy()
        del reduced.evidence[j]
        assert infl[j] == pytest.approx(full - credences(reduced))


def test_influence_of_an_item_that_rules_a_hypothesis_out():
    case = make_case([0.5, 0.5], [[0.8, 0.0], [0.5, 0.5]])
    infl = exact.influence(build_spec(case))
    assert infl[0] == pytest.approx([0.5, -0.5])
    assert infl[1] == pytest.approx([0.0, 0.0])


def test_timeline_runs_in_date_order_with_undated_items_first():
    dates = [dt.date(2024, 5, 1), None, dt.date(2024, 1, 1)]
    case = make_case([0.5, 0.5], [[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]], dates=dates)
    result = bw.update(case, engine="exact")
    assert [s.item for s in result.timeline] == [None, "e1", "e2", "e0"]
    assert result.timeline[0].credences == pytest.approx({"h0": 0.5, "h1": 0.5})
    assert result.timeline[2].credences["h0"] == pytest.approx(0.2)
    assert result.timeline[-1].credences == result.credences


def test_many_small_likelihoods_do_not_underflow():
    case = make_case([0.5, 0.5], [[0.01, 0.02]] * 500)
    post = credences(case)
    assert np.all(np.isfinite(post))
    assert post[0] == pytest.approx(1 / (1 + 2.0**500), rel=1e-9)
    assert post[1] == pytest.approx(1.0)


def test_prior_zero_stays_zero_and_warns():
    case = make_case([0.0, 0.5, 0.5], [[0.99, 0.1, 0.2]])
    result = bw.update(case)
    assert result.credences["h0"] == 0.0
    assert any("Cromwell" in w and "h0" in w for w in result.warnings)


def test_priors_that_do_not_sum_to_one_are_normalised_with_a_warning():
    result = bw.update(make_case([0.3, 0.3], []))
    assert result.prior == pytest.approx({"h0": 0.5, "h1": 0.5})
    assert any("sum to 0.6" in w for w in result.warnings)


def test_impossible_item_is_a_clear_error():
    case = make_case([0.5, 0.5], [[0.5, 0.5], [0.0, 0.0]])
    with pytest.raises(CaseError, match="evidence 'e1'.*impossible under every hypothesis"):
        bw.update(case)


def test_impossible_only_where_prior_is_zero_is_still_impossible():
    case = make_case([0.0, 1.0], [[0.7, 0.0]])
    with pytest.raises(CaseError, match="impossible under every hypothesis"):
        bw.update(case)


def test_items_that_jointly_rule_out_everything_name_the_last_one():
    case = make_case([0.5, 0.5], [[0.0, 0.5], [0.5, 0.0]])
    with pytest.raises(CaseError, match="evidence 'e1'.*no hypothesis possible"):
        bw.update(case)


# --- invariants of MODEL.md section 2 as properties -----------------------------------------

probs = st.floats(0.01, 1.0)


@st.composite
def small_cases(draw):
    k = draw(st.integers(2, 5))
    j = draw(st.integers(0, 8))
    priors = draw(st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k))
    rows = draw(st.lists(st.lists(probs, min_size=k, max_size=k), min_size=j, max_size=j))
    return priors, rows


@given(small_cases(), st.randoms())
def test_order_of_items_does_not_matter(data, rnd):
    priors, rows = data
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert credences(make_case(priors, rows)) == pytest.approx(
        credences(make_case(priors, shuffled)), rel=1e-9, abs=1e-12
    )


@given(small_cases())
def test_one_by_one_equals_all_at_once(data):
    priors, rows = data
    post = np.array(priors) / sum(priors)
    for row in rows:
        post = credences(make_case(list(post), [row]))
    assert post == pytest.approx(credences(make_case(priors, rows)), rel=1e-9, abs=1e-12)


@given(small_cases(), st.floats(0.05, 1.0))
def test_scaling_a_row_changes_nothing(data, factor):
    priors, rows = data
    if not rows:
        return
    scaled = [[v * factor for v in rows[0]], *rows[1:]]
    assert credences(make_case(priors, rows)) == pytest.approx(
        credences(make_case(priors, scaled)), rel=1e-9, abs=1e-12
    )


@given(small_cases())
def test_credences_are_a_distribution(data):
    post = credences(make_case(*data))
    assert post.sum() == pytest.approx(1.0)
    assert np.all(post >= 0)


@given(small_cases())
def test_timeline_ends_at_the_credences_and_starts_at_the_prior(data):
    priors, rows = data
    result = bw.update(make_case(priors, rows), engine="exact")
    assert len(result.timeline) == len(rows) + 1
    assert list(result.timeline[0].credences.values()) == pytest.approx(
        list(np.array(priors) / sum(priors))
    )
    assert result.timeline[-1].credences == pytest.approx(result.credences)


# --- the conjugate sampler of MODEL.md 6a ---------------------------------------------------

RANGED = (
    ["likely", [0.1, 0.4], 0.3],
    [[[0.6, 0.9], "CC", "unlikely"], [0.3, "NA", "I"], ["C", [0.2, 0.5], 0.5]],
)


@pytest.mark.parametrize("strength", [None, 5.0, 50.0])
@pytest.mark.parametrize("reliability", [None, "C"])
def test_sampler_mean_is_the_closed_form_credence(strength, reliability):
    case = make_case(*RANGED, strength=strength, reliabilities=[reliability, None, reliability])
    spec = build_spec(case)
    draws = exact.sample_conjugate(spec, 200_000, np.random.default_rng(7))
    mcse = draws.std(axis=0) / math.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - exact.point_posterior(spec)) < 4 * mcse + 1e-4)


def test_sampler_matches_brute_force_importance_sampling():
    # Draw theta from its prior and weight by P(E | theta): the interval of pi(theta) must agree.
    case = make_case(*RANGED, strength=10.0)
    spec = build_spec(case)
    rng = np.random.default_rng(3)
    n = 400_000
    p = rng.dirichlet(spec.alpha, size=n)
    lik = np.broadcast_to(spec.lik, (n, spec.J, spec.K)).copy()
    jj, kk = np.nonzero(spec.uncertain)
    lik[:, jj, kk] = rng.beta(spec.lik_a[jj, kk], spec.lik_b[jj, kk], size=(n, jj.size))
    joint = p * np.prod(lik, axis=1)
    w = joint.sum(axis=1)
    pi = joint / w[:, None]
    order = np.argsort(pi[:, 0])
    cdf = np.cumsum(w[order]) / w.sum()
    brute = pi[order, 0][np.searchsorted(cdf, [0.05, 0.5, 0.95])]
    ours = np.quantile(exact.sample_conjugate(spec, n, rng)[:, 0], [0.05, 0.5, 0.95])
    assert ours == pytest.approx(brute, abs=0.01)


def test_fixed_inputs_give_intervals_of_no_width():
    result = bw.update(make_case([0.15, 0.85], [[0.8, 0.2]]))
    assert result.n_draws == 0
    assert result.intervals["h0"] == pytest.approx((result.credences["h0"],) * 2)


def test_uncertain_inputs_give_intervals_around_the_credence():
    result = bw.update(make_case(*RANGED), draws=500, chains=4, seed=1)
    assert result.engine == "exact"
    assert result.n_draws == 2000
    for h in result.hypotheses:
        lo, hi = result.intervals[h]
        assert lo < result.credences[h] < hi


def test_same_seed_same_numbers_and_other_seed_other_draws():
    case = make_case(*RANGED)
    a, b, c = (bw.update(case, seed=s) for s in (5, 5, 6))
    assert a.intervals == b.intervals
    assert a.intervals != c.intervals
    assert a.credences == c.credences  # the credence is a closed form, not a draw


def test_posterior_is_an_arviz_datatree():
    result = bw.update(make_case(*RANGED), draws=250, chains=4)
    cred = result.posterior["posterior"]["credence"]
    assert cred.dims == ("chain", "draw", "hypothesis")
    assert cred.shape == (4, 250, 3)
    assert list(cred.coords["hypothesis"].values) == ["h0", "h1", "h2"]
    assert float(cred.sel(hypothesis="h1").mean()) == pytest.approx(
        result.credences["h1"], abs=0.03
    )


def test_auto_engine_is_exact_for_conjugate_cases():
    assert bw.update(make_case(*RANGED), engine="auto").engine == "exact"


def test_shared_uncertain_source_makes_the_case_non_conjugate():
    case = with_shared_source(make_case(*RANGED), "src", [0.3, 0.9], ["e0", "e1"])
    spec = build_spec(case)
    assert not spec.conjugate
    assert spec.shared_sources == ["src"]
    assert list(spec.rel_source) == [0, 0, -1]
