"""One definition of "is this result current": the fingerprint of the inputs on every Result."""

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.elicitation import parse_likelihood, parse_prior, parse_reliability
from beliefwatch.inference.engines import DEFAULT_CHAINS, run_exact
from beliefwatch.inference.fingerprint import differences, fingerprint
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case


def _print(case):
    return fingerprint(build_spec(case))


def test_every_result_carries_the_fingerprint_of_its_inputs():
    case = make_case([0.5, 0.5], [[[0.6, 0.9], 0.2], [0.6, 0.5]])
    result = bw.update(case, engine="exact")
    assert result.fingerprint == _print(case)
    # It crosses the background process's boundary intact.
    assert pickle.loads(pickle.dumps(result)).fingerprint == result.fingerprint
    # Two engines on the same inputs: the same fingerprint (what F5's check relies on).
    spec = build_spec(case)
    other = run_exact(spec, draws=50, chains=DEFAULT_CHAINS, seed=1, prob=0.8)
    assert other.fingerprint == result.fingerprint


def test_names_words_and_hypothesis_order_do_not_make_a_result_stale():
    case = make_case([0.5, 0.3, 0.2], [[0.8, 0.2, 0.4], [0.6, 0.5, 0.1]])
    before = _print(case)
    case.hypotheses[0].name = "Renamed"
    case.evidence[1].text = "reworded"
    case.question = "another question"
    case.hypotheses.reverse()
    assert _print(case) == before and differences(_print(case), before) == []


def test_a_range_that_keeps_its_point_value_still_changes_the_inputs():
    """The old check recomputed point credences only: an interval's inputs went unseen."""
    case = make_case([0.5, 0.5], [[0.8, 0.2]])
    before = _print(case)
    case.evidence[0].reliability = parse_reliability([0.9, 1.0])
    assert differences(_print(case), before) == ["item 'e0' changed"]


@settings(max_examples=40, deadline=None)
@given(
    k=st.integers(2, 4),
    rows=st.integers(1, 5),
    data=st.data(),
)
def test_any_changed_number_is_named(k, rows, data):
    """Property: change one likelihood or one prior of a random case, and the difference names
    exactly that item or the priors; change nothing, and it names nothing."""
    cell = st.integers(1, 99).map(lambda x: x / 100)
    lik = [[data.draw(cell) for _ in range(k)] for _ in range(rows)]
    priors = [data.draw(st.integers(1, 9)) / 10 for _ in range(k)]
    case = make_case(priors, lik)
    before = _print(case)
    assert differences(_print(case), before) == []
    j, h = data.draw(st.integers(0, rows - 1)), data.draw(st.integers(0, k - 1))
    old = lik[j][h]
    new = data.draw(cell.filter(lambda x: x != old))
    case.evidence[j].likelihoods[f"h{h}"] = parse_likelihood(new)
    assert differences(_print(case), before) == [f"item 'e{j}' changed"]
    case.evidence[j].likelihoods[f"h{h}"] = parse_likelihood(old)
    total = sum(priors)
    p = data.draw(st.integers(1, 9)) / 10
    case.hypotheses[h].prior = parse_prior(p)
    normalised_same = np.allclose(
        np.array([*priors[:h], p, *priors[h + 1 :]]) / (total - priors[h] + p),
        np.array(priors) / total,
    )
    expected = [] if normalised_same else ["the priors changed"]
    assert differences(_print(case), before) == expected


def test_several_differences_are_named_in_one_line():
    case = make_case([0.5, 0.5], [[0.8, 0.2]] * 6)
    before = _print(case)
    for e in case.evidence[:6]:
        e.likelihoods["h0"] = parse_likelihood(0.7)
    assert differences(_print(case), before) == ["item 'e0', 'e1', 'e2', 'e3' and 2 more changed"]


def test_the_digest_is_short_and_stable():
    a = _print(make_case([0.5, 0.5], [[0.8, 0.2]]))
    b = _print(make_case([0.5, 0.5], [[0.8, 0.2]]))
    assert a.digest == b.digest and len(a.digest) == 20
    assert a.digest != _print(make_case([0.5, 0.5], [[0.8, 0.3]])).digest


def test_the_report_refuses_with_the_fingerprints_words(tmp_path):
    from beliefwatch.reports import write_report
    from beliefwatch.reports.freshness import StaleResultError

    case = make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.5]])
    result = bw.update(case, engine="exact")
    case.evidence[0].reliability = parse_reliability(0.7)
    with pytest.raises(StaleResultError, match=r"out of date \(item 'e0' changed since"):
        write_report(case, result, tmp_path / "r.md")
