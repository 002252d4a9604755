"""The Brier score computed by routes other than the code's sum of squares (MODEL.md 8)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from beliefwatch.inference.scoring import brier, score


@given(
    st.lists(st.floats(0, 10), min_size=2, max_size=8).filter(lambda v: sum(v) > 1e-3),
    st.integers(0, 7),
)
def test_brier_is_one_minus_twice_the_answer_plus_the_sum_of_squares(values, k):
    # Expanding the square: sum_k (p_k - y_k)^2 = sum_k p_k^2 - 2 p_true + 1 for a one-hot y.
    hyps = [f"h{i}" for i in range(len(values))]
    answer = hyps[k % len(hyps)]
    s = score(dict(zip(hyps, values, strict=True)), hyps, answer)
    p = np.array([s.credences[h] for h in hyps])
    assert s.brier == pytest.approx(1 - 2 * s.credences[answer] + float(p @ p), abs=1e-12)


def test_brier_is_the_squared_distance_to_the_truth_vertex():
    # The forecast and the truth as points of the simplex: |p - e_true|^2.
    p = np.array([0.5, 0.25, 0.125, 0.125])
    truth = np.eye(4)[2]
    expected = float(np.linalg.norm(p - truth) ** 2)  # 0.25 + 0.0625 + 0.765625 + 0.015625
    assert expected == 1.09375
    assert brier(dict(zip("abcd", p, strict=True)), "c") == pytest.approx(expected, abs=1e-15)
