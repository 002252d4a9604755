import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.elicitation import parse_likelihood
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
    # By hand, in date order: 0.5 * 0.5 * 0.2 * 0.9 against 0.5 * 0.5 * 0.8 * 0.1.
    assert result.timeline[-1].credences["h0"] == pytest.approx(0.09 / (0.09 + 0.04))
    assert result.timeline[-1].date == dt.date(2024, 5, 1)


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


def bayes_by_hand(priors, rows):
    """Each step of Bayes' rule with plain floats: multiply, then normalise."""
    post = [p / sum(priors) for p in priors]
    steps = [post]
    for row in rows:
        joint = [p * x for p, x in zip(post, row, strict=True)]
        post = [x / sum(joint) for x in joint]
        steps.append(post)
    return steps


@given(small_cases())
def test_every_timeline_step_is_bayes_rule_applied_by_hand(data):
    priors, rows = data
    result = bw.update(make_case(priors, rows), engine="exact")
    expected = bayes_by_hand(priors, rows)
    assert len(result.timeline) == len(expected)
    for step, post in zip(result.timeline, expected, strict=True):
        assert list(step.credences.values()) == pytest.approx(post, rel=1e-9, abs=1e-12)
    assert list(result.credences.values()) == pytest.approx(expected[-1], rel=1e-9, abs=1e-12)
    as_json = result.to_dict()["timeline"]
    for step, post in zip(as_json, expected, strict=True):
        assert list(step["credences"].values()) == pytest.approx(post, rel=1e-9, abs=1e-12)


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


# --- statistical review fixes (issue 9) -----------------------------------------------------


def test_removing_one_of_two_echoed_copies_changes_nothing():
    # One fact reported twice (rho = 1): with either copy gone the other counts fully.
    case = make_case([0.5, 0.5], [[0.9, 0.1]] * 2, groups=["echo"] * 2)
    assert credences(case)[0] == pytest.approx(0.9)
    assert exact.influence(build_spec(case)) == pytest.approx(np.zeros((2, 2)), abs=1e-12)


def test_influence_in_a_partly_correlated_group_reweights_the_rest():
    # Three copies of a likelihood ratio 2 with rho = 0.5: w = 1/2, so the odds are 2 ** 1.5.
    # Without one, the two left have w = 1 / (1 + 0.5) = 2/3: odds 2 ** (4/3).
    case = make_case([0.5, 0.5], [[0.8, 0.4]] * 3 + [[0.3, 0.6]], groups=["g"] * 3 + [None])
    case.groups[0].correlation = 0.5
    infl = exact.influence(build_spec(case))
    full = 2**1.5 * 0.5 / (2**1.5 * 0.5 + 1)
    without = 2 ** (4 / 3) * 0.5 / (2 ** (4 / 3) * 0.5 + 1)
    assert infl[:3, 0] == pytest.approx([full - without] * 3)
    # The independent item: removing it leaves the group as it was.
    assert infl[3, 0] == pytest.approx(full - 2**1.5 / (2**1.5 + 1))


@st.composite
def grouped_cases(draw):
    priors, rows = draw(small_cases())
    groups = [draw(st.sampled_from([None, "a", "b"])) for _ in rows]
    rho = {"a": draw(st.floats(0.0, 1.0)), "b": draw(st.floats(0.0, 1.0))}
    return priors, rows, groups, rho


def _grouped(priors, rows, groups, rho):
    case = make_case(priors, rows, groups=groups)
    for g in case.groups:
        g.correlation = rho[g.id]
    return case


@given(grouped_cases())
def test_influence_equals_the_change_when_the_item_is_deleted(data):
    priors, rows, groups, rho = data
    case = _grouped(priors, rows, groups, rho)
    infl = exact.influence(build_spec(case))
    full = credences(case)
    for j in range(len(rows)):
        reduced = case.copy()
        del reduced.evidence[j]
        assert infl[j] == pytest.approx(full - credences(reduced), abs=1e-9)


def test_a_row_that_differs_only_on_a_ruled_out_hypothesis_has_no_diagnosticity():
    spec = build_spec(make_case([0.0, 0.5, 0.5], [[0.0, 0.5, 0.5], [0.9, 0.5, 0.5]]))
    assert exact.diagnosticity(spec) == pytest.approx([0.0, 0.0])
    # Between the live hypotheses the weights are those of the row as typed.
    spec = build_spec(make_case([0.0, 0.5, 0.5], [[0.0, 0.8, 0.08]]))
    assert exact.diagnosticity(spec) == pytest.approx([10.0])


def test_weight_of_evidence_against_a_ruled_out_hypothesis_is_zero():
    spec = build_spec(make_case([0.0, 0.5, 0.5], [[0.5, 0.8, 0.08], [0.0, 0.5, 0.5]]))
    assert exact.weight_of_evidence(spec, 1, 2) == pytest.approx([10.0, 0.0])
    assert exact.weight_of_evidence(spec, 0, 1) == pytest.approx([0.0, 0.0])
    assert np.all(np.isfinite(exact.weight_of_evidence(spec, 1, 0)))


def test_items_ruling_out_both_hypotheses_give_no_weight_between_them():
    spec = build_spec(make_case([1 / 3] * 3, [[0.0, 0.0, 0.5]]))
    assert exact.weight_of_evidence(spec, 0, 1) == pytest.approx([0.0])


def test_a_group_of_fixed_likelihoods_keeps_the_case_conjugate():
    rows = [["likely", 0.3, 0.2], [0.8, 0.4, 0.1], [0.8, 0.4, 0.1]]
    case = make_case([0.2, 0.3, 0.5], rows, groups=[None, "wire", "wire"], strength=10.0)
    spec = build_spec(case)
    assert spec.conjugate
    assert bw.update(case, engine="auto").engine == "exact"


def test_a_tempered_beta_cell_or_an_uncertain_reliability_is_not_conjugate():
    rows = [[[0.6, 0.9], 0.3], [0.8, 0.4]]
    assert not build_spec(make_case([0.5, 0.5], rows, groups=["g", "g"])).conjugate
    assert build_spec(make_case([0.5, 0.5], rows, groups=[None, None])).conjugate
    assert not build_spec(make_case([0.5, 0.5], rows, reliabilities=[None, [0.5, 0.9]])).conjugate
    # A group of one tempers nothing (w = 1).
    assert build_spec(make_case([0.5, 0.5], rows, groups=["g", None])).conjugate


def test_sampler_with_a_group_of_fixed_items_matches_brute_force():
    # Prior draws weighted by P(E | theta), with the group's items raised to w = 1/2.
    rows = [[[0.6, 0.9], [0.2, 0.5]], [0.8, 0.4], [0.8, 0.4]]
    case = make_case([0.5, 0.5], rows, groups=[None, "g", "g"], strength=4.0)
    spec = build_spec(case)
    rng = np.random.default_rng(5)
    n = 400_000
    p = rng.dirichlet(spec.alpha, size=n)
    l0 = rng.beta(spec.lik_a[0], spec.lik_b[0], size=(n, 2))
    joint = p * l0 * np.array([0.8, 0.4]) ** (2 * 0.5)
    w = joint.sum(axis=1)
    pi = joint[:, 0] / w
    order = np.argsort(pi)
    cdf = np.cumsum(w[order]) / w.sum()
    brute = pi[order][np.searchsorted(cdf, [0.05, 0.5, 0.95])]
    ours = np.quantile(exact.sample_conjugate(spec, n, rng)[:, 0], [0.05, 0.5, 0.95])
    assert ours == pytest.approx(brute, abs=0.01)
    assert credences(case)[0] == pytest.approx((w * pi).sum() / w.sum(), abs=0.003)


# --- the spec's cached rows follow every edit -------------------------------------------------


def test_editing_a_likelihood_in_place_is_seen_by_the_next_update():
    case = make_case([0.5, 0.5], [[0.8, 0.2]])
    assert bw.update(case).credences["h0"] == pytest.approx(0.8)
    case.evidence[0].likelihoods["h0"] = parse_likelihood(0.2)
    assert bw.update(case).credences["h0"] == pytest.approx(0.5)
    del case.evidence[0].likelihoods["h1"]  # unrated: takes the mean of the rated ones
    assert bw.update(case).credences["h0"] == pytest.approx(0.5)
    case.evidence[0].likelihoods["h1"] = case.evidence[0].likelihoods.pop("h0")
    spec = build_spec(case)
    assert list(spec.rated[0]) == [False, True]


def test_reordering_and_renaming_hypotheses_moves_the_cached_row():
    case = make_case([0.3, 0.7], [[0.9, 0.1]])
    bw.update(case)
    case.hypotheses.reverse()
    assert bw.update(case).credences == pytest.approx({"h1": 0.7 * 0.1 / 0.34, "h0": 0.27 / 0.34})
    case.hypotheses[0].id = "renamed"  # its rating, still under "h1", is now unknown
    spec = build_spec(case)
    assert list(spec.rated[0]) == [False, True]


def test_a_copied_case_keeps_its_own_numbers():
    case = make_case([0.5, 0.5], [[0.8, 0.2]])
    bw.update(case)
    other = case.copy()
    other.evidence[0].likelihoods["h0"] = parse_likelihood(0.5)
    assert bw.update(case).credences["h0"] == pytest.approx(0.8)
    assert bw.update(other).credences["h0"] == pytest.approx(0.5 / 0.7)


def test_the_row_cache_lives_in_inference_not_on_the_items():
    from beliefwatch.inference import rows

    case = make_case([0.5, 0.5], [[0.8, 0.2], ["0.6-0.9", "C"]])
    before = [dict(vars(e)) for e in case.evidence]
    spec = build_spec(case)
    assert [vars(e) for e in case.evidence] == before  # nothing written into core objects
    # The copy made for an undoable edit finds the original's rows (it shares the estimates).
    other = case.copy()
    hkey = rows.hypothesis_key(spec.hypotheses)
    column = {"h0": 0, "h1": 1}
    for e, o in zip(case.evidence, other.evidence, strict=True):
        assert rows.item_row(o, hkey, column) is rows.item_row(e, hkey, column)
    # A reused id() never serves a stale row: rows are checked against the likelihoods.
    rows.BY_ITEM[id(other.evidence[0])] = rows.item_row(case.evidence[1], hkey, column)
    assert build_spec(other).lik[0].tolist() == [0.8, 0.2]


def test_a_pickled_case_computes_the_same_and_follows_edits():
    import pickle

    case = make_case(*RANGED)
    before = bw.update(case, seed=3)
    again = pickle.loads(pickle.dumps(case))
    assert bw.update(again, seed=3).intervals == before.intervals
    again.evidence[0].likelihoods["h0"] = parse_likelihood(0.9)
    spec = build_spec(again)
    assert spec.lik[0, 0] == 0.9 and not spec.uncertain[0, 0]


def test_a_result_survives_pickling_with_its_timeline():
    import pickle

    result = bw.update(make_case(*RANGED), draws=50, chains=2)
    again = pickle.loads(pickle.dumps(result))
    assert again.timeline == result.timeline
    assert again.intervals == result.intervals
    assert pickle.loads(pickle.dumps(result)).to_dict() == result.to_dict()


def test_a_prior_of_minus_zero_with_a_strength_is_a_zero_prior(write_case):
    path = write_case(
        """
        question = "q"
        prior_strength = 5
        [[hypotheses]]
        id = "a"
        name = "A"
        prior = -0.0
        [[hypotheses]]
        id = "b"
        name = "B"
        prior = 1.0
        [[evidence]]
        id = "e"
        text = "t"
        likelihoods = { a = 0.5, b = 0.4 }
        """
    )
    result = bw.update(bw.load_case(path), engine="exact")
    assert result.credences == {"a": 0.0, "b": 1.0}
    assert math.copysign(1.0, bw.load_case(path).hypotheses[0].prior.low) == 1.0
