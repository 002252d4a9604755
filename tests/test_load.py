import datetime as dt

import pytest

import beliefwatch as bw
from beliefwatch.core.errors import CaseError

GOOD = """\
format = 1
question = "Which cab?"

[[hypotheses]]
id = "blue"
name = "Blue cab"
prior = 0.15

[[hypotheses]]
id = "green"
name = "Green cab"
prior = 0.85

[[sources]]
id = "witness"
name = "The witness"
reliability = "B"

[[groups]]
id = "wire"
correlation = 0.5

[[evidence]]
id = "said-blue"
text = "The witness says the cab was blue"
date = 2024-03-01
source = "witness"
credibility = 2
group = "wire"
notes = "seen at night"
[evidence.likelihoods]
blue = 0.8
green = [0.1, 0.3]

[[indicators]]
id = "paint"
text = "Blue paint on the victim's car"
[indicators.likelihoods]
blue = "likely"
green = "unlikely"
"""


def test_a_complete_file_loads(write_case):
    case = bw.load_case(write_case(GOOD))
    assert case.question == "Which cab?"
    assert case.hypothesis_ids == ["blue", "green"]
    e = case.item("said-blue")
    assert e.date == dt.date(2024, 3, 1)
    assert e.credibility == 2
    assert e.likelihood("green").kind == "range"
    assert case.reliability_of(e).central == 0.80
    assert case.group("wire").correlation == 0.5
    assert case.indicators[0].likelihoods["blue"].kind == "word"


def test_a_case_can_span_files(write_case):
    priors = write_case(GOOD.split("[[sources]]")[0], "priors.toml")
    evidence = write_case("[[sources]]" + GOOD.split("[[sources]]")[1], "evidence.toml")
    case = bw.load_case(priors, evidence)
    assert len(case.evidence) == 1
    assert case.item("said-blue").origin == str(evidence)


def test_absent_format_means_version_one(write_case):
    case = bw.load_case(write_case(GOOD.replace("format = 1\n", "")))
    assert len(case.hypotheses) == 2


def test_no_priors_at_all_means_equal_priors(write_case):
    text = GOOD.replace("prior = 0.15\n", "").replace("prior = 0.85\n", "")
    case = bw.load_case(write_case(text))
    assert [h.prior.central for h in case.hypotheses] == [0.5, 0.5]


def _error(write_case, text, *, name="case.toml") -> str:
    path = write_case(text, name)
    with pytest.raises(CaseError) as info:
        bw.load_case(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('question = "Which cab?"', 'question = "Which cab?', "case.toml:2: invalid TOML"),
        ("blue = 0.8", "bleu = 0.8", "evidence 'said-blue': likelihood for unknown hypothesis "
         "'bleu' (did you mean 'blue'?)"),
        ('id = "green"', 'id = "blue"', "hypothesis 'blue': duplicate id"),
        ("blue = 0.8", "blue = 1.8", "likelihood for 'blue': likelihood 1.8 is outside [0, 1]"),
        ("blue = 0.8", "blue = nan", "likelihood for 'blue': likelihood is NaN"),
        ("blue = 0.8", "blue = inf", "likelihood for 'blue': likelihood is infinite"),
        ("green = [0.1, 0.3]", "green = [0.3, 0.1]", "range [0.3, 0.1] is given high-to-low"),
        ("blue = 0.8", 'blue = "likley"', "unknown value 'likley' (did you mean 'likely'?)"),
        ("blue = 0.8", 'blue = "CCC"', "(did you mean 'CC'?)"),
        ('prior = 0.15', 'prior = -0.15', "hypothesis 'blue': prior: prior -0.15 is outside"),
        ('reliability = "B"', 'reliability = "G"', "source 'witness': reliability: unknown"),
        ("credibility = 2", "credibility = 9", "credibility must be a whole number 1-6"),
        ('group = "wire"', 'group = "wires"', "unknown group 'wires' (did you mean 'wire'?)"),
        ("date = 2024-03-01", 'date = "March"', "date must be a date like 2025-02-27"),
        ('notes = "seen at night"', 'noets = "x"', "unknown key 'noets' (did you mean 'notes'?)"),
        ("format = 1", "format = 7", "written in case-file format 7"),
        ('id = "said-blue"', 'id = "said blue"', "must be a word of letters"),
    ],
)  # fmt: skip
def test_bad_input_names_file_item_and_problem(write_case, old, new, expected):
    assert old in GOOD
    assert expected in _error(write_case, GOOD.replace(old, new, 1))


def test_errors_point_at_the_line(write_case):
    message = _error(write_case, GOOD.replace("blue = 0.8", "bleu = 0.8"))
    line = GOOD.splitlines().index("blue = 0.8") + 1
    assert f"case.toml:{line}: evidence 'said-blue'" in message


def test_a_case_with_no_hypotheses(write_case):
    text = "question = 'q'\n[[evidence]]\nid = 'x'\ntext = 'y'\n"
    assert "the case has no hypotheses" in _error_any(write_case, text)


def _error_any(write_case, text):
    with pytest.raises(CaseError) as info:
        bw.load_case(write_case(text))
    return str(info.value)


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('question = "Pékin"\n'.encode("latin-1"))
    with pytest.raises(CaseError, match=r"latin1.toml:1: not UTF-8 text"):
        bw.load_case(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(CaseError, match="nowhere.toml: file not found"):
        bw.load_case(tmp_path / "nowhere.toml")


def test_two_files_with_different_questions(write_case):
    a = write_case(GOOD, "a.toml")
    b = write_case('question = "Another?"\n', "b.toml")
    with pytest.raises(CaseError, match="b.toml: a second question"):
        bw.load_case(a, b)


def test_duplicate_item_ids_across_files(write_case):
    a = write_case(GOOD, "a.toml")
    b = write_case('[[evidence]]\nid = "said-blue"\ntext = "again"\n', "b.toml")
    with pytest.raises(CaseError, match="b.toml:2: evidence 'said-blue': duplicate id"):
        bw.load_case(a, b)


def test_partly_missing_priors(write_case):
    message = _error(write_case, GOOD.replace("prior = 0.85\n", ""))
    assert "hypothesis 'green': has no prior" in message


def test_evidence_impossible_under_every_hypothesis(write_case):
    path = write_case(GOOD.replace("blue = 0.8", "blue = 0").replace("[0.1, 0.3]", "0.0"))
    case = bw.load_case(path)
    with pytest.raises(CaseError, match=r"case.toml: evidence 'said-blue': impossible"):
        bw.update(case)


def test_indicator_and_evidence_ids_share_one_namespace(write_case):
    text = """\
question = "Which cab?"
[[hypotheses]]
id = "blue"
name = "Blue"
prior = 0.5
[[hypotheses]]
id = "green"
name = "Green"
prior = 0.5
[[evidence]]
id = "witness"
text = "The witness says blue"
[evidence.likelihoods]
blue = 0.8
[[indicators]]
id = "witness"
text = "A second witness comes forward"
"""
    # Observing an indicator turns it into an item of the same id: they must not collide.
    with pytest.raises(CaseError, match="share one namespace"):
        bw.load_case(write_case(text))
