"""The resolved teaching exercises (priors/exercises/): each loads on its own, names its answer,
and gives the trainee only what was known before the answer, in a size a class can work.

Computed credences are deliberately not tested: an exercise may, and some must, point away
from the truth (the 1962 estimate and 1973 are taught as misses).
"""

import re
from functools import cache

import pytest

import beliefwatch as bw
from beliefwatch.examples import PRIORS, exercise_files

FILES = exercise_files()
README = PRIORS / "exercises" / "README.md"


@cache
def _case(path):
    return bw.load_case(path)


@pytest.fixture(params=FILES, ids=lambda p: p.stem)
def exercise(request):
    return request.param, _case(request.param)


def test_at_least_five_exercises():
    assert len(FILES) >= 5, [p.name for p in FILES]


def test_each_loads_alone(exercise):
    path, case = exercise
    assert case.question.strip()
    assert case.files == [path]
    assert not case.includes, "an exercise must be self-contained"


def test_resolution_names_a_hypothesis_with_date_and_source(exercise):
    _, case = exercise
    r = case.resolution
    assert r is not None
    assert r.answer in case.hypothesis_ids
    assert r.date is not None
    assert r.source.strip()


def test_one_catch_all_and_it_is_not_the_answer(exercise):
    _, case = exercise
    catch_alls = [h.id for h in case.hypotheses if h.catch_all]
    assert len(catch_alls) == 1
    assert case.resolution.answer not in catch_alls


def test_workable_in_class(exercise):
    _, case = exercise
    assert 3 <= len(case.hypotheses) <= 6
    assert 8 <= len(case.evidence) <= 15


def test_every_item_dated_before_the_answer_sourced_and_explained(exercise):
    _, case = exercise
    declared = {s.id for s in case.sources}
    answered = case.resolution.date
    for e in case.evidence:
        assert e.date is not None, e.id
        assert e.date < answered, f"{e.id} ({e.date}) is not before the answer ({answered})"
        assert e.source in declared, f"{e.id}: source {e.source!r} is not declared"
        assert e.notes.strip(), f"{e.id} has no note saying why"
        assert any(est.rated for est in e.likelihoods.values()), e.id


def test_declared_sources_carry_a_reliability(exercise):
    _, case = exercise
    for s in case.sources:
        assert s.reliability is not None, s.id


def test_inputs_teach_imprecision(exercise):
    # Numbers, 90% ranges, ICD 203 words and ACH ratings side by side in every exercise.
    _, case = exercise
    kinds = {est.kind for e in case.evidence for est in e.likelihoods.values()}
    assert {"number", "range", "word", "rating"} <= kinds


def test_no_recorded_estimates_ship(exercise):
    _, case = exercise
    assert case.estimates == []


def test_answer_is_the_last_thing_in_the_file(exercise):
    # A trainee reading from the top meets every item before the spoiler.
    path, _ = exercise
    text = path.read_text(encoding="utf-8")
    tables = re.findall(r"^\[{1,2}([^\]]+)\]{1,2}\s*$", text, flags=re.M)
    assert tables[-1] == "resolution"
    spoiler = text.find("SPOILER")
    table = re.search(r"^\[resolution\]", text, flags=re.M).start()
    assert 0 <= spoiler < table


def _outside_spoilers(text):
    return re.sub(r"<details>.*?</details>", "", text, flags=re.S)


def test_readme_indexes_every_exercise_with_its_question():
    text = README.read_text(encoding="utf-8")
    for path in FILES:
        assert path.name in text, path.name
        assert _case(path).question in text, path.name


def test_readme_hides_every_answer_behind_a_spoiler():
    text = README.read_text(encoding="utf-8")
    visible = _outside_spoilers(text)
    spoilers = re.findall(r"<details>.*?</details>", text, flags=re.S)
    assert not re.search(r"answer\W+`", visible, flags=re.I), "an answer is shown outside a spoiler"
    for path in FILES:
        said = re.compile(r"answer\W+`" + re.escape(_case(path).resolution.answer) + "`", re.I)
        assert any(path.name in s and said.search(s) for s in spoilers), path.name
