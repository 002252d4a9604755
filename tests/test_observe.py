"""Marking an indicator observed: the watch list's promise is what ``update`` then gives."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.commands import observe
from beliefwatch.core.elicitation import ACH, ICD203, complement, parse_likelihood
from beliefwatch.inference.analyses import analyze
from beliefwatch.io.observe import observed_text, write_observation

PRIORS = """\
question = "Which?"
prior_strength = 10
[[hypotheses]]
id = "a"
prior = 0.5
[[hypotheses]]
id = "b"
prior = 0.3
[[hypotheses]]
id = "c"
prior = 0.2
"""

WATCH = """\
# The watch file: comments must survive.
[[sources]]
id = "wire"
reliability = "C"

[[evidence]]
id = "seen"
text = "Something seen"
date = 2024-05-01
[evidence.likelihoods]
a = [0.5, 0.8]
b = 0.3
c = "I"

# Things we are watching for.
[[indicators]]
id = "visit"
text = "A state visit"
source = "wire"
[indicators.likelihoods]
a = "likely"
b = [0.1, 0.3]
c = "NA"

# The last one.
[[indicators]]
id = "rebuke"
text = "A public rebuke"
reliability = 0.9
[indicators.likelihoods]
a = 0.05
b = "CC"
c = 0.3
"""

DAY = dt.date(2025, 9, 3)


@pytest.fixture
def files(write_case):
    return [write_case(PRIORS, "priors.toml"), write_case(WATCH, "watch.toml")]


def _credences(case):
    return bw.update(case, engine="exact", draws=100).credences


@pytest.mark.parametrize("indicator", ["visit", "rebuke"])
@pytest.mark.parametrize("happened", [True, False])
def test_update_after_observing_gives_exactly_the_promised_credences(files, indicator, happened):
    case = bw.load_case(*files)
    promised = {v.id: v for v in analyze(case, bw.update(case, engine="exact")).indicators}
    value = promised[indicator]
    after = observe(case, indicator, happened, DAY, "").applied_to(case)
    want = value.if_happens if happened else value.if_not
    assert _credences(after) == pytest.approx(want, abs=1e-12)
    # And through the file, read back from disk.
    write_observation(case, after.evidence[-1])
    again = bw.load_case(*files)
    assert _credences(again) == pytest.approx(want, abs=1e-12)
    assert [i.id for i in again.indicators] == [i for i in ("visit", "rebuke") if i != indicator]
    item = again.item(indicator)
    assert item.from_indicator == indicator and item.date == DAY


def test_the_rewrite_keeps_comments_and_touches_only_the_indicators_file(files):
    case = bw.load_case(*files)
    before = files[0].read_text()
    after = observe(case, "visit", False, DAY, "xinhua").applied_to(case)
    assert write_observation(case, after.evidence[-1]) == files[1]
    text = files[1].read_text()
    assert files[0].read_text() == before
    assert "# The watch file: comments must survive." in text
    assert "# The last one." in text and "# Things we are watching for." in text
    assert 'source = "xinhua"' in text and 'from_indicator = "visit"' in text
    assert 'text = "Did not happen: A state visit"' in text
    assert 'a = "unlikely"' in text  # the mirror of "likely"
    assert "b = [\n    0.7,\n    0.9,\n]" in text or "b = [0.7, 0.9]" in text


def test_observing_is_an_undoable_command(files):
    case = bw.load_case(*files)
    cmd = observe(case, "rebuke", True, DAY, "")
    after = cmd.applied_to(case)
    assert [i.id for i in case.indicators] == ["visit", "rebuke"]  # the original is untouched
    assert [i.id for i in after.indicators] == ["visit"]
    assert after.evidence[-1].reliability.central == 0.9
    assert "rebuke" in cmd.text


def test_the_indicator_keeps_its_source_reliability(files):
    case = bw.load_case(*files)
    after = observe(case, "visit", True, DAY, "").applied_to(case)
    item = after.item("visit")
    assert item.source == "wire" and after.reliability_of(item).central == 0.6


def test_unknown_indicator_is_a_one_line_error(files):
    case = bw.load_case(*files)
    with pytest.raises(bw.CaseError) as e:
        observe(case, "vist", True, DAY, "")
    msg = str(e.value)
    assert "\n" not in msg and "'vist'" in msg and "did you mean 'visit'" in msg


def test_an_indicator_written_as_an_inline_table_is_still_moved(write_case):
    inline = 'indicators = [{id = "x", text = "X", likelihoods = {a = 0.9, b = 0.1}}]\n'
    text = inline + PRIORS
    path = write_case(text, "one.toml")
    case = bw.load_case(path)
    item = observe(case, "x", True, DAY, "").applied_to(case).evidence[-1]
    new = observed_text(path.read_text(), "x", item, path)
    path.write_text(new)
    again = bw.load_case(path)
    assert again.indicators == [] and again.item("x").likelihoods["a"].central == 0.9


@pytest.mark.parametrize("word", [*ICD203, *ACH])
def test_a_word_or_rating_turns_into_its_mirror(word):
    est = parse_likelihood(word)
    mirror = complement(est)
    assert mirror.kind == est.kind
    assert (mirror.low, mirror.high) == pytest.approx((1 - est.high, 1 - est.low))
    assert mirror.central == pytest.approx(1 - est.central, abs=1e-9)


@given(st.floats(0, 1), st.floats(0, 1))
def test_complement_of_a_number_or_range_is_one_minus_it(x, y):
    lo, hi = sorted((round(x, 3), round(y, 3)))
    est = parse_likelihood([lo, hi])
    mirror = complement(est)
    assert (mirror.low, mirror.high) == pytest.approx((1 - hi, 1 - lo), abs=1e-12)
    if est.uncertain and lo > 0.01 and hi < 0.99:
        assert mirror.central == pytest.approx(1 - est.central, abs=1e-6)
    assert complement(parse_likelihood("NA")).rated is False


probability = st.floats(0.01, 0.99)


@given(
    st.integers(2, 4).flatmap(
        lambda k: st.tuples(
            st.lists(probability, min_size=k, max_size=k),  # priors
            st.lists(probability, min_size=k, max_size=k),  # an item already observed
            st.lists(probability, min_size=k, max_size=k),  # the indicator
        )
    ),
    st.booleans(),
    st.one_of(st.none(), probability),
)
def test_observing_keeps_the_promise_on_any_case(rows, happened, reliability):
    from beliefwatch.core.case import Indicator
    from beliefwatch.core.elicitation import parse_reliability
    from tests.cases import make_case

    priors, item, watched = rows
    case = make_case(priors, [item])
    ind = Indicator("w", "watched", {f"h{k}": parse_likelihood(v) for k, v in enumerate(watched)})
    if reliability is not None:
        ind.reliability = parse_reliability(reliability)
    case.indicators.append(ind)
    (value,) = analyze(case, bw.update(case, engine="exact")).indicators
    after = observe(case, "w", happened, DAY, "").applied_to(case)
    want = value.if_happens if happened else value.if_not
    assert _credences(after) == pytest.approx(want, abs=1e-9)
