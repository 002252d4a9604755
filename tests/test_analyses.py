import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from beliefwatch.core.case import Indicator
from beliefwatch.core.elicitation import parse_likelihood
from beliefwatch.inference import analyses, exact
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case


def test_to_overtake_is_the_log_odds_of_leader_over_runner_up():
    assert analyses.to_overtake(np.array([0.5, 0.05, 0.45])) == pytest.approx(
        10 * math.log10(0.5 / 0.45)
    )


def test_an_item_of_that_weight_makes_the_runner_up_tie():
    case = make_case([0.6, 0.3, 0.1], [[0.7, 0.4, 0.5]])
    cred = exact.point_posterior(build_spec(case))
    needed = analyses.to_overtake(cred)
    ratio = 10 ** (needed / 10)  # likelihood ratio runner-up : leader
    case2 = make_case(cred.tolist(), [[1 / ratio, 1.0, 1 / ratio]])
    after = exact.point_posterior(build_spec(case2))
    assert after[0] == pytest.approx(after[1])


def test_conflict_is_zero_for_a_single_item_and_positive_when_items_disagree():
    assert analyses.conflict(build_spec(make_case([0.5, 0.5], [[0.9, 0.1]]))) == pytest.approx(0)
    disagree = build_spec(make_case([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]]))
    agree = build_spec(make_case([0.5, 0.5], [[0.9, 0.1], [0.9, 0.1]]))
    assert analyses.conflict(disagree) > 0 > analyses.conflict(agree)


def _case_with_indicators(*rows):
    case = make_case([0.5, 0.5], [])
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
    assert ranked[0].if_observed["h0"] == pytest.approx(0.9)
    assert ranked[0].if_not_observed["h0"] == pytest.approx(0.1)


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
    mix = value.p_observed * np.array(list(value.if_observed.values())) + (
        1 - value.p_observed
    ) * np.array(list(value.if_not_observed.values()))
    assert mix == pytest.approx(cred)
