"""Big cases run in bounded memory (issue 19): the exact sampler and the tornado work a chunk
at a time, and chunking changes no number the model implies."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from beliefwatch.inference import exact, tornado
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case


def _ranged_case(k: int, j: int, seed: int = 3):
    rnd = np.random.default_rng(seed)
    rows = []
    for _ in range(j):
        x = rnd.uniform(0.3, 0.7, k).round(3)
        rows.append([[round(v - 0.1, 3), round(v + 0.1, 3)] for v in x])
    return make_case([1.0 / k] * k, rows)


def test_the_sampler_holds_a_chunk_not_draws_times_items_times_hypotheses():
    spec = build_spec(_ranged_case(40, 500))
    exact.point_posterior(spec)  # the spec's own arrays, before measuring
    n = 1000
    whole = n * spec.J * spec.K * 8  # 160 MB: what one dense array of the draws took
    tracemalloc.start()
    try:
        draws = exact.sample_conjugate(spec, n, np.random.default_rng(1))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert draws.shape == (n, spec.K)
    assert peak < whole / 2, f"peak {peak / 1e6:.0f} MB"


def test_chunks_of_one_draw_give_the_same_distribution(monkeypatch):
    spec = build_spec(_ranged_case(3, 6))
    big = exact.sample_conjugate(spec, 40_000, np.random.default_rng(5))
    monkeypatch.setattr(exact, "CHUNK_CELLS", 1)
    small = exact.sample_conjugate(spec, 40_000, np.random.default_rng(6))
    # Two independent samples of one distribution: means within a few standard errors.
    se = np.sqrt(big.var(axis=0) / 40_000 + small.var(axis=0) / 40_000)
    assert np.all(np.abs(big.mean(axis=0) - small.mean(axis=0)) < 5 * se + 1e-12)
    assert big.mean(axis=0) == pytest.approx(exact.point_posterior(spec), abs=0.01)


def test_the_tornado_is_the_same_in_chunks_of_one_cell(monkeypatch):
    case = _ranged_case(4, 12)
    spec = build_spec(case)
    whole = tornado.tornado(case, spec, 0)
    monkeypatch.setattr(tornado, "CHUNK_VALUES", 1)
    cut = tornado.tornado(case, spec, 0)
    assert cut.bars == whole.bars and len(cut.bars) == 48


def test_a_case_too_big_is_one_line_saying_how_big(write_case, monkeypatch):
    import beliefwatch as bw
    from beliefwatch.core.errors import CaseError
    from beliefwatch.io import case_extras

    monkeypatch.setattr(case_extras, "MAX_CELLS", 5)
    rows = "".join(f'[[evidence]]\nid = "e{j}"\ntext = "t"\n' for j in range(3))
    path = write_case(f'question = "q"\n[[hypotheses]]\nid = "a"\n[[hypotheses]]\nid = "b"\n{rows}')
    with pytest.raises(CaseError) as e:
        bw.load_case(path)
    msg = str(e.value)
    assert "3 items x 2 hypotheses = 6 likelihood cells" in msg and "case.toml" in msg
