"""The bundled example and teaching cases load, validate and say something sensible."""

import pytest

import beliefwatch as bw
from beliefwatch.examples import example_files, teaching_files
from beliefwatch.inference import exact
from beliefwatch.inference.spec import build_spec


@pytest.fixture(scope="module")
def example():
    return bw.load_case(*example_files())


def test_example_is_a_real_case(example):
    assert "Beijing" in example.question
    assert 5 <= len(example.hypotheses) <= 10
    assert sum(h.catch_all for h in example.hypotheses) == 1
    assert len(example.evidence) >= 25
    declared = {s.id for s in example.sources}
    for e in example.evidence:
        assert e.date is not None, e.id
        assert e.source in declared, e.id
        assert e.notes.strip(), f"{e.id} has no note saying why"
        assert any(est.rated for est in e.likelihoods.values()), e.id


def test_example_uses_every_kind_of_input(example):
    kinds = {est.kind for e in example.evidence for est in e.likelihoods.values()}
    assert {"number", "range", "word", "rating"} <= kinds


def test_example_is_conjugate_so_auto_is_exact(example):
    result = bw.update(example, draws=250)
    assert result.engine == "exact"
    assert result.n_draws == 1000
    assert max(result.credences.values()) < 0.95  # a contested question stays contested
    assert not [w for w in result.warnings if "Cromwell" in w]


def test_example_timeline_is_in_date_order(example):
    result = bw.update(example, draws=100)
    dates = [s.date for s in result.timeline[1:]]
    assert dates == sorted(dates)
    assert len(result.timeline) == len(example.evidence) + 1


def test_every_item_moves_something(example):
    spec = build_spec(example)
    assert (exact.diagnosticity(spec) > 0).all()


@pytest.mark.parametrize("path", teaching_files(), ids=lambda p: p.stem)
def test_teaching_cases_load_and_have_exact_answers(path):
    case = bw.load_case(path)
    result = bw.update(case)
    assert result.engine == "exact"
    assert sum(result.credences.values()) == pytest.approx(1.0)


def test_there_are_teaching_cases():
    assert len(teaching_files()) >= 2


@pytest.mark.parametrize(
    ("name", "hypothesis", "expected"),
    [
        ("taxicab", "blue", 0.12 / (0.12 + 0.17)),
        ("medical-test", "ill", 0.0081 / (0.0081 + 0.99 * 0.09 * 0.09)),
        ("unreliable-source", "north", 0.78 / (0.78 + 0.42)),
    ],
)
def test_teaching_cases_give_the_hand_calculated_answer(name, hypothesis, expected):
    path = next(p for p in teaching_files() if p.stem == name)
    result = bw.update(bw.load_case(path))
    assert result.credences[hypothesis] == pytest.approx(expected)


def test_example_watch_list_is_ranked(example):
    from beliefwatch.inference.analyses import indicator_values

    cred = exact.point_posterior(build_spec(example))
    ranked = indicator_values(example, cred)
    assert len(ranked) >= 3
    gains = [v.gain_bits for v in ranked]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0
