"""The padded sizes the PyMC model is compiled at (Spec.structure): what forces a recompile."""

from hypothesis import given
from hypothesis import strategies as st

from beliefwatch.inference.spec import build_spec, size_bucket
from tests.cases import make_case


@given(st.integers(0, 5000), st.sampled_from([1, 2, 4, 8]))
def test_a_bucket_holds_the_size_and_wastes_less_than_half(n, least):
    b = size_bucket(n, least)
    assert b >= max(n, least)
    assert b == least or b < 2 * n  # past the floor, the padding is less than the case
    assert b & (b - 1) == 0  # a power of two: one bucket per doubling


@given(st.integers(0, 3000), st.integers(0, 3000))
def test_buckets_grow_with_the_case(m, n):
    if m <= n:
        assert size_bucket(m, 8) <= size_bucket(n, 8)


def test_values_and_uncertainty_do_not_change_the_structure_but_size_does():
    fixed = make_case([0.5, 0.5], [[0.6, 0.3], [0.2, 0.4]])
    ranged = make_case([0.2, [0.5, 0.9], 0.1], [[[0.6, 0.9], 0.3, "CC"], [0.2, None, 0.4]] * 3,
                       reliabilities=["C", None] * 3)  # fmt: skip
    assert build_spec(fixed).structure == build_spec(ranged).structure == (4, 8, 2, 8, 2)
    nine_items = make_case([0.5, 0.5], [[0.6, 0.3]] * 9)
    five_hypotheses = make_case([0.2] * 5, [[0.6] * 5])
    assert build_spec(nine_items).structure == (4, 16, 2, 8, 2)
    assert build_spec(five_hypotheses).structure == (8, 8, 2, 8, 2)


def test_a_case_that_fills_its_bucket_names_the_next_one():
    ranged_last = [[0.6, 0.3]] * 7 + [[[0.6, 0.9], 0.3]]
    eight_items = build_spec(make_case([0.5, 0.5], ranged_last))  # the bucket of 8 is full
    assert eight_items.structure == (4, 8, 2, 8, 2)
    assert eight_items.next_structures == [(4, 16, 2, 8, 2)]
    four_hypotheses = build_spec(make_case([0.25] * 4, [[[0.2, 0.4], 0.5, 0.5, 0.5]]))
    assert four_hypotheses.next_structures == [(8, 8, 2, 8, 2)]
    assert build_spec(make_case([0.5, 0.5], ranged_last[1:])).next_structures == []
