"""The importance engine (MODEL.md 6c) against numerical integration and PyMC, its diagnostic,
and how ``auto`` routes between the three engines."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import beta as beta_dist

import beliefwatch as bw
from beliefwatch.core.elicitation import parse_likelihood
from beliefwatch.inference import engines, exact, importance
from beliefwatch.inference.proposal import Proposal
from beliefwatch.inference.psis import psis
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case, with_shared_source

# --- numerical integration over the uncertain inputs, independent of the engine --------------


def by_quadrature(case, n=None, prob=0.9):
    """Credences, and equal-tailed intervals of pi(u), by a midpoint grid over every uncertain
    reliability and every ranged cell of a tempered item (at most two of them).

    The model written out again: eff = r l + (1 - r) c, joint_k = E[p_k] prod_j eff_jk ** w_j.
    Untempered ranged cells enter through their means (the likelihood is linear in them), as
    does a Dirichlet prior; the intervals are only right when neither is present.
    """
    spec = build_spec(case)
    lik = spec.lik_a / (spec.lik_a + spec.lik_b)
    lik = np.where(spec.uncertain, lik, spec.lik)
    dims = []  # (a, b, setter)
    for s in range(len(spec.shared_sources)):
        items = np.flatnonzero(spec.rel_source == s)
        dims.append((spec.rel_a[items[0]], spec.rel_b[items[0]], ("rel", items)))
    for j in np.flatnonzero(spec.rel_uncertain & (spec.rel_source < 0)):
        dims.append((spec.rel_a[j], spec.rel_b[j], ("rel", np.array([j]))))
    for j, k in zip(*np.nonzero(spec.uncertain & (spec.weight < 1)[:, None]), strict=True):
        dims.append((spec.lik_a[j, k], spec.lik_b[j, k], ("lik", (j, k))))
    assert 1 <= len(dims) <= 2
    n = n or (100_001 if len(dims) == 1 else 801)
    grid = (np.arange(n) + 0.5) / n
    axes = np.meshgrid(*[grid] * len(dims), indexing="ij")
    points = [ax.ravel() for ax in axes]
    log_w = np.zeros(points[0].size)
    rel = np.broadcast_to(spec.rel, (log_w.size, spec.J)).copy()
    liks = np.broadcast_to(lik, (log_w.size, spec.J, spec.K)).copy()
    for (a, b, (what, where)), u in zip(dims, points, strict=True):
        log_w += beta_dist.logpdf(u, a, b)
        if what == "rel":
            rel[:, where] = u[:, None]
        else:
            liks[:, where[0], where[1]] = u
    eff = rel[:, :, None] * liks + (1 - rel[:, :, None]) * spec.base[None, :, None]
    log_joint = np.log(spec.prior) + (spec.weight[:, None] * np.log(eff)).sum(axis=1)
    top = log_joint.max(axis=1, keepdims=True)
    joint = np.exp(log_joint - top)
    evidence = joint.sum(axis=1)
    pi = joint / evidence[:, None]
    post = np.exp(log_w + np.log(evidence) + top[:, 0] - (log_w + top[:, 0]).max())
    post /= post.sum()
    cred = post @ pi
    tail = (1 - prob) / 2
    intervals = []
    for k in range(spec.K):
        order = np.argsort(pi[:, k])
        cdf = np.cumsum(post[order])
        intervals.append(tuple(pi[order, k][np.searchsorted(cdf, [tail, 1 - tail])]))
    return cred, intervals


def shared_case():
    case = make_case([0.3, 0.7], [[0.9, 0.2], [0.8, 0.3], [0.7, 0.4]])
    return with_shared_source(case, "src", [0.3, 0.9], ["e0", "e1", "e2"])


def own_case():
    rows = [[0.9, 0.2, 0.5], [0.3, 0.7, 0.4], [0.6, 0.5, 0.1]]
    return make_case([0.3, 0.3, 0.4], rows, reliabilities=[[0.4, 0.9], [0.2, 0.8], "B"])


def tempered_case():
    rows = [[[0.6, 0.95], 0.3], [0.4, [0.05, 0.3]], [0.7, 0.5]]
    return make_case([0.5, 0.5], rows, groups=["g", "g", None])


def dirichlet_case():
    case = make_case([0.2, [0.3, 0.6], 0.3], [[0.9, 0.2, 0.4], [0.8, 0.3, 0.6]], strength=8.0)
    case.evidence[1].likelihoods["h2"] = parse_likelihood([0.3, 0.8])  # untempered: conjugate
    return with_shared_source(case, "src", [0.2, 0.9], ["e0", "e1"])


def many_reports(n=200, reliability=(0.1, 0.9)):
    """n reports from one source of uncertain reliability, each mildly for h0."""
    case = make_case([0.5, 0.5], [[0.6, 0.4]] * n)
    return with_shared_source(case, "src", list(reliability), [f"e{j}" for j in range(n)])


CASES = {"shared": shared_case, "own": own_case, "tempered": tempered_case}


@pytest.mark.parametrize("name", list(CASES))
def test_auto_runs_importance_and_matches_quadrature(name):
    case = CASES[name]()
    assert not build_spec(case).conjugate
    cred, intervals = by_quadrature(case)
    result = bw.update(case, seed=3)
    assert result.engine == "importance"
    d = result.diagnostics
    assert d["trusted"] and d["pareto_k"] <= 0.7 and d["ess"] >= 1000
    assert d["mcse"] <= 0.0026  # the credences to about +-0.005
    for k, h in enumerate(result.hypotheses):
        assert result.credences[h] == pytest.approx(cred[k], abs=0.006)
        assert result.intervals[h] == pytest.approx(intervals[k], abs=0.015)


def test_dirichlet_prior_credence_matches_quadrature():
    case = dirichlet_case()
    cred, _ = by_quadrature(case)  # the credence needs only E[p]
    result = bw.update(case, seed=5)
    assert result.engine == "importance"
    assert [result.credences[h] for h in result.hypotheses] == pytest.approx(cred, abs=0.006)
    lo, hi = result.intervals["h1"]
    assert lo < result.credences["h1"] < hi


def test_many_reports_from_one_source_need_a_fitted_proposal():
    # The prior of the reliability wastes almost every draw: k-hat alone would pass it, the
    # effective sample size does not (both tests matter). The Beta fitted to the posterior of
    # the reliability keeps the case off PyMC, and agrees with integration over r.
    case = many_reports()
    spec = build_spec(case)
    from_prior = importance.sample(spec, 4000, np.random.default_rng(1))
    assert from_prior.khat <= 0.7 and from_prior.ess < 1000 and not from_prior.trusted
    cred, intervals = by_quadrature(case, n=20_001)
    result = bw.update(case, seed=2)
    assert result.engine == "importance" and result.diagnostics["proposal"] == "fitted"
    assert result.diagnostics["ess"] >= 1000
    assert result.credences["h0"] == pytest.approx(cred[0], abs=0.005)
    assert result.intervals["h0"] == pytest.approx(intervals[0], abs=0.01)


def degenerate_case():
    """60 sources of uncertain reliability, 20 reports each: 60 inputs whose posterior no
    Beta product fitted from a pilot run covers (k-hat passes, the ESS stays under 100)."""
    rows = np.random.default_rng(1200).uniform(0.1, 0.9, (1200, 3)).round(2).tolist()
    case = make_case([1 / 3] * 3, rows)
    for s in range(60):
        with_shared_source(case, f"s{s}", [0.2, 0.9], [f"e{j}" for j in range(20 * s, 20 * s + 20)])
    return case


class RoutedToPyMC(Exception):
    pass


def test_degenerate_weights_are_routed_to_pymc(monkeypatch):
    case = degenerate_case()
    est = importance.estimate(build_spec(case), np.random.default_rng(1), batch=4000)
    assert not est.trusted and est.draws.ess < 1000

    def pymc(spec, **kw):
        raise RoutedToPyMC

    monkeypatch.setattr(engines, "run_pymc", pymc)
    with pytest.raises(RoutedToPyMC):
        bw.update(case, seed=1)
    # Forced, the importance engine answers under its name and warns that it is not trusted.
    forced = bw.update(case, engine="importance", seed=1)
    assert forced.engine == "importance" and not forced.diagnostics["trusted"]
    assert any("full update" in w for w in forced.warnings)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_degenerate_case_gets_pymc_and_says_why():
    result = bw.update(degenerate_case(), seed=1)
    assert result.engine == "pymc"
    assert result.diagnostics["importance"]["ess"] < 1000
    assert "r-hat" in result.engine_line and "PyMC" in result.engine_line


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("make", [shared_case, own_case, tempered_case, dirichlet_case])
def test_importance_agrees_with_pymc(make):
    case = make()
    sampled = bw.update(case, engine="pymc", seed=4)
    weighted = bw.update(case, seed=4)
    assert weighted.engine == "importance"
    for h in case.hypothesis_ids:
        mcse = 1.0 / math.sqrt(sampled.diagnostics["ess_bulk"][h])
        assert weighted.credences[h] == pytest.approx(sampled.credences[h], abs=4 * mcse + 0.005)
        assert weighted.intervals[h] == pytest.approx(sampled.intervals[h], abs=0.02)


def test_the_live_preview_is_one_batch_and_named_for_its_engine():
    # What the window calls on every edit: draws x chains importance draws, no growing.
    spec = build_spec(shared_case())
    result = engines.run_exact(spec, draws=250, chains=4, seed=1, prob=0.9)
    assert result.engine == "importance" and result.diagnostics["preview"]
    assert result.diagnostics["draws"] == 1000 and result.n_draws == 1000
    _, intervals = by_quadrature(shared_case())
    lo, hi = result.intervals["h0"]
    assert lo == pytest.approx(intervals[0][0], abs=0.04)
    assert hi == pytest.approx(intervals[0][1], abs=0.04)
    assert not any("F5" in w for w in result.warnings)


def test_too_few_effective_draws_give_no_interval_and_say_so():
    spec = build_spec(shared_case())
    result = engines.run_exact(spec, draws=40, chains=2, seed=1, prob=0.9)
    assert result.diagnostics["ess"] < 100
    assert all(math.isnan(x) for h in result.hypotheses for x in result.intervals[h])
    assert any("interval needs a full update (F5" in w for w in result.warnings)
    data = result.to_dict()
    assert [h["interval"] for h in data["hypotheses"]] == [[None, None], [None, None]]
    json.dumps(data, allow_nan=False)  # valid JSON: no NaN anywhere
    assert sum(result.credences.values()) == pytest.approx(1.0)


def test_importance_sampling_matches_weighting_whole_prior_draws():
    # Own reliability ranges, a tempered Beta cell and an uncertain prior at once; brute force:
    # every input drawn from its prior, weighted by P(E | theta) with the group tempered.
    rows = [[[0.6, 0.9], 0.3], [[0.5, 0.8], 0.4], [0.7, [0.1, 0.4]]]
    case = make_case([0.4, 0.6], rows, groups=["g", "g", None], strength=6.0,
                     reliabilities=[None, [0.4, 0.9], "C"])  # fmt: skip
    spec = build_spec(case)
    assert not spec.conjugate and list(spec.weight) == [0.5, 0.5, 1.0]
    rng = np.random.default_rng(11)
    n = 400_000
    p = rng.dirichlet(spec.alpha, size=n)
    r1 = rng.beta(spec.rel_a[1], spec.rel_b[1], size=n)[:, None]
    c = spec.base  # fixed row means of the central values
    l0 = np.stack([rng.beta(spec.lik_a[0, 0], spec.lik_b[0, 0], size=n), np.full(n, 0.3)], 1)
    l1 = np.stack([rng.beta(spec.lik_a[1, 0], spec.lik_b[1, 0], size=n), np.full(n, 0.4)], 1)
    l2 = np.stack([np.full(n, 0.7), rng.beta(spec.lik_a[2, 1], spec.lik_b[2, 1], size=n)], 1)
    joint = p * l0**0.5 * (r1 * l1 + (1 - r1) * c[1]) ** 0.5 * (0.6 * l2 + 0.4 * c[2])
    w = joint.sum(axis=1)
    pi = joint[:, 0] / w
    order = np.argsort(pi)
    cdf = np.cumsum(w[order]) / w.sum()
    brute = pi[order][np.searchsorted(cdf, [0.05, 0.95])]
    result = bw.update(case, seed=2)
    assert result.engine == "importance"
    assert result.credences["h0"] == pytest.approx((w * pi).sum() / w.sum(), abs=0.005)
    assert result.intervals["h0"] == pytest.approx(tuple(brute), abs=0.01)


def test_importance_sampler_on_a_conjugate_case_is_the_exact_sampler():
    # With nothing to weight (u is empty) every weight is equal and the draws are 6a's.
    rows = [[[0.6, 0.9], "CC", "unlikely"], [0.3, "NA", "I"], ["C", [0.2, 0.5], 0.5]]
    ranged = (["likely", [0.1, 0.4], 0.3], rows)
    spec = build_spec(make_case(*ranged, strength=10.0, reliabilities=["C", None, None]))
    assert spec.conjugate
    weighted = importance.sample(spec, 100_000, np.random.default_rng(8))
    assert weighted.ess == pytest.approx(100_000)
    assert weighted.credence == pytest.approx(exact.point_posterior(spec), abs=1e-12)
    exact_draws = exact.sample_conjugate(spec, 100_000, np.random.default_rng(9))
    lo, hi = importance.weighted_equal_tailed(weighted.pi, weighted.weights, 0.9)
    elo, ehi = exact.equal_tailed(exact_draws, 0.9)
    assert lo == pytest.approx(elo, abs=0.01) and hi == pytest.approx(ehi, abs=0.01)


# --- which engine, named in every output -------------------------------------------------


def test_auto_on_a_conjugate_case_is_exact_and_says_why():
    result = bw.update(make_case([0.5, 0.5], [[[0.6, 0.9], 0.3]]), seed=1)
    assert result.engine == "exact"
    assert result.diagnostics["criteria"] == "conjugate: i.i.d. draws"
    point = bw.update(make_case([0.5, 0.5], [[0.6, 0.3]]))
    assert point.engine == "exact" and "no uncertain inputs" in point.engine_line


def test_exact_asked_of_a_case_that_is_not_conjugate_names_importance():
    result = bw.update(shared_case(), engine="exact", seed=1)
    assert result.engine == "importance"
    assert result.diagnostics["requested"] == "exact"
    assert result.diagnostics["not_exact"] == "source 'src' has an uncertain reliability"
    assert result.credences == bw.update(shared_case(), seed=1).credences


def test_importance_asked_of_a_conjugate_case_weights_nothing():
    case = make_case([0.5, 0.5], [[[0.6, 0.9], 0.3]])
    result = bw.update(case, engine="importance", seed=1)
    assert result.engine == "importance"
    assert result.diagnostics["ess"] == pytest.approx(result.diagnostics["draws"])
    closed_form = exact.point_posterior(build_spec(case))  # MODEL.md 6a.1
    assert [result.credences["h0"], result.credences["h1"]] == pytest.approx(closed_form)


def test_update_json_names_the_engine_and_its_diagnostic(tmp_path, run_cli):
    from beliefwatch.io.save import save_case

    path = tmp_path / "shared.toml"
    save_case(shared_case(), path)
    data = json.loads(run_cli("update", str(path), "--json").stdout)
    assert data["engine"] == "importance"
    d = data["diagnostics"]
    assert isinstance(d["pareto_k"], float) and d["pareto_k"] <= 0.7
    assert isinstance(d["ess"], float) and d["ess"] >= 1000
    table = run_cli("update", str(path)).stdout
    assert "Engine: importance sampling (PSIS) · Pareto k̂" in table and "ESS" in table


# --- PSIS itself --------------------------------------------------------------------------

log_ratios = arrays(
    np.float64,
    st.integers(10, 3000),
    elements=st.floats(-50, 50, allow_nan=False, allow_infinity=False),
)


@given(log_ratios)
@settings(max_examples=60, deadline=None)
def test_psis_weights_are_normalised_and_keep_their_order(lw):
    w, khat = psis(lw)
    assert w.sum() == pytest.approx(1.0) and (w >= 0).all()
    assert not math.isnan(khat)
    if len(np.unique(lw)) == len(lw) >= 25:  # a continuous tail can always be fitted
        assert math.isfinite(khat)
    # Smoothing never reorders the draws (ratios compared as PSIS sees them, relative to the
    # largest: 1e-104 and 0 are then the same number, and either order is right).
    order = np.argsort(lw - lw.max(), kind="stable")
    assert (np.diff(w[order]) >= -1e-15).all()


@given(arrays(np.float64, st.integers(300, 5000),
              elements=st.floats(-20, 20, allow_nan=False, allow_infinity=False)))  # fmt: skip
@settings(max_examples=25, deadline=None)
def test_psis_agrees_with_arviz_stats(lw):
    from arviz_stats.base import array_stats

    w, khat = psis(lw)
    try:
        theirs, their_k = array_stats.psislw(-lw)  # arviz-stats smooths the ratios of -input
    except ValueError:  # "All tail values are the same": nothing to smooth, k-hat -inf
        assert khat == -math.inf
        assert w == pytest.approx(np.exp(lw - lw.max()) / np.exp(lw - lw.max()).sum())
        return
    if math.isfinite(float(their_k)):
        assert khat == pytest.approx(float(their_k), abs=1e-9)
    else:  # arviz-stats says NaN where no tail can be fitted; we say +inf (not trusted)
        assert khat == math.inf
    # Tied ratios may take their smoothed values in either order (arviz-stats' sort is not
    # stable): the same weights, compared as sorted lists; without ties, draw by draw.
    if len(np.unique(lw - lw.max())) == len(lw):
        assert np.log(w) == pytest.approx(theirs, abs=1e-9)
    assert np.sort(np.log(w)) == pytest.approx(np.sort(theirs), abs=1e-9)


def test_k_hat_sees_heavy_tails():
    rng = np.random.default_rng(1)
    _, light = psis(rng.normal(size=4000))
    _, heavy = psis(np.log(rng.pareto(0.8, size=4000)))  # infinite mean: k = 1 / 0.8
    assert light < 0.5 < 0.7 < heavy


@given(st.integers(1, 3), st.integers(0, 2**32 - 1))
@settings(max_examples=15, deadline=None)
def test_a_fitted_proposal_gives_correct_weights(dims, seed):
    # Weighting draws from any proposal by prior / proposal recovers prior expectations.
    from beliefwatch.inference.proposal import fit, log_prior_u

    rng = np.random.default_rng(seed)
    a, b = rng.uniform(1, 6, dims), rng.uniform(1, 6, dims)
    prior = Proposal.prior(a, b)
    u = prior.draw(500, rng)
    post = rng.dirichlet([1, 1], size=500)
    q = fit(prior, u, np.full(500, 1 / 500), post, np.ones((2, dims), dtype=bool))
    draws = q.draw(40_000, rng)
    w = np.exp(log_prior_u(q, draws) - q.log_pdf(draws))
    assert w.max() <= 1 / 0.1 + 1e-9  # the prior's defensive share bounds every ratio
    assert (w @ draws) / w.sum() == pytest.approx(a / (a + b), abs=0.02)
