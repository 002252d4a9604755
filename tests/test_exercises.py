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


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b")


def _before_spoiler(path):
    text = path.read_text(encoding="utf-8")
    return text[: text.find("SPOILER")]


def test_every_item_names_a_public_source_with_a_date(exercise):
    from tests.test_example import cites_a_dated_document

    _, case = exercise
    sources = {s.id: s for s in case.sources}
    for e in case.evidence:
        assert cites_a_dated_document(e.notes) or cites_a_dated_document(sources[e.source].name), (
            e.id
        )


def test_a_source_dated_after_the_answer_says_what_was_known_at_the_time(exercise):
    # A record written after the event may inform an item's wording only where the fact itself
    # was known then, and the note must say so.
    import datetime as dt

    _, case = exercise
    answered = case.resolution.date
    months = {m: i for i, m in enumerate(MONTHS.split("|"), start=1)}
    for e in case.evidence:
        note = " ".join(e.notes.split())
        dates = [dt.date(int(y), months[m], int(d)) for d, m, y in DAY_MONTH_YEAR.findall(note)]
        years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", note)]
        later = any(d > answered for d in dates) or any(y > answered.year for y in years)
        if later:
            assert re.search(r"(known|public|reported) at the time", note, re.I), e.id


def test_no_outcome_wording_before_the_spoiler():
    later = re.compile(
        r"\bresolved\b|turned out|in hindsight|later (?:proved|showed)|Duelfer", re.I
    )
    for path in FILES:
        found = later.search(_before_spoiler(path))
        assert not found, f"{path.name}: {found.group(0)!r}"


def test_each_exercise_states_its_difficulty_and_lesson(exercise):
    _, case = exercise
    assert re.search(r"^Difficulty: (easy|medium|hard)\b", case.notes, flags=re.M)
    assert re.search(r"\bLesson: \S", case.notes)
    row = next(r for r in README.read_text(encoding="utf-8").splitlines() if case.question in r)
    assert re.search(r"\| (easy|medium|hard)", row), row


def test_some_exercises_teach_a_right_call():
    # A course that shows only failures teaches that estimates are always wrong.
    spoilers = re.findall(r"<details>.*?</details>", README.read_text(encoding="utf-8"), re.S)
    right = [s for s in spoilers if "The estimate of the day was right" in " ".join(s.split())]
    assert len(right) >= 2
