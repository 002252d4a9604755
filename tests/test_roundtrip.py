import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.case import Case, Evidence, Group, Hypothesis, Indicator, Source
from beliefwatch.core.elicitation import (
    ACH,
    ICD203,
    parse_likelihood,
    parse_prior,
    parse_reliability,
)
from beliefwatch.core.errors import CaseError
from beliefwatch.io.save import dumps_case, save_case

ids = st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)
text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
prob = st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 6))
ranges = st.tuples(prob, prob).map(lambda t: sorted(t))
likelihood_input = st.one_of(prob, ranges, st.sampled_from([*ICD203, *ACH, "NA", "probable"]))
prior_input = st.one_of(st.floats(0.01, 1).map(lambda x: round(x, 4)),
                        st.sampled_from(list(ICD203)))  # fmt: skip
reliability_input = st.one_of(st.sampled_from("ABCDEF"), prob, ranges)
dates = st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2100, 1, 1)))


@st.composite
def cases(draw):
    hids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    case = Case(question=draw(text), notes=draw(text))
    case.hypotheses = [
        Hypothesis(h, draw(text), parse_prior(draw(prior_input)), draw(st.booleans()), draw(text))
        for h in hids
    ]
    case.prior_strength = draw(st.none() | st.floats(0.5, 500).map(lambda x: round(x, 3)))
    sids = draw(st.lists(ids, max_size=3, unique=True))
    case.sources = [
        Source(s, draw(text), draw(st.none() | reliability_input.map(parse_reliability)))
        for s in sids
    ]
    gids = draw(st.lists(ids, max_size=2, unique=True))
    case.groups = [Group(g, draw(prob), draw(text)) for g in gids]
    item_ids = draw(st.lists(ids, max_size=6, unique=True))
    for i, eid in enumerate(item_ids):
        likelihoods = {h: parse_likelihood(draw(likelihood_input)) for h in hids
                       if draw(st.booleans())}  # fmt: skip
        if i % 3 == 2:
            case.indicators.append(Indicator(eid, draw(text), likelihoods, draw(text)))
            continue
        case.evidence.append(
            Evidence(
                id=eid,
                text=draw(text),
                likelihoods=likelihoods,
                date=draw(dates),
                source=draw(st.sampled_from(["", *sids, "Some newspaper"])),
                reliability=draw(st.none() | reliability_input.map(parse_reliability)),
                credibility=draw(st.none() | st.integers(1, 6)),
                group=draw(st.none() | st.sampled_from(gids)) if gids else None,
                base_rate=draw(st.none() | prob),
                notes=draw(text),
                link=draw(st.sampled_from(["", "https://example.org/a?b=1"])),
            )
        )
    return case


def _shape(case: Case):
    """Everything that the analyst wrote, in comparable form."""

    def est(e):
        return None if e is None else (e.kind, e.low, e.high)

    def lik(table):
        return {h: est(v) for h, v in table.items() if v.rated or v.raw is not None}

    return (
        case.question,
        case.notes,
        case.prior_strength,
        [(h.id, h.name, est(h.prior), h.catch_all, h.notes) for h in case.hypotheses],
        [(s.id, s.name, est(s.reliability)) for s in case.sources],
        [(g.id, g.correlation, g.name) for g in case.groups],
        [
            (
                e.id,
                e.text,
                lik(e.likelihoods),
                e.date,
                e.source,
                est(e.reliability),
                e.credibility,
                e.group,
                e.base_rate,
                e.notes,
                e.link,
            )
            for e in case.evidence
        ],
        [(i.id, i.text, lik(i.likelihoods), i.notes) for i in case.indicators],
    )


@settings(max_examples=150, deadline=None)
@given(cases())
def test_save_then_load_keeps_everything(tmp_path_factory, case):
    path = tmp_path_factory.mktemp("rt") / "case.toml"
    save_case(case, path)
    again = bw.load_case(path)
    assert _shape(again) == _shape(case)
    assert dumps_case(again) == path.read_text(encoding="utf-8")


def test_saving_keeps_the_analysts_words(tmp_path):
    case = Case(question="q")
    case.hypotheses = [Hypothesis("a", "A", parse_prior("likely")),
                       Hypothesis("b", "B", parse_prior([0.1, 0.3]))]  # fmt: skip
    case.evidence = [Evidence("e", "t", {"a": parse_likelihood("CC"),
                                         "b": parse_likelihood("0.6-0.9")})]  # fmt: skip
    text = dumps_case(case)
    assert 'prior = "likely"' in text
    assert "prior = [\n    0.1,\n    0.3,\n]" in text or "prior = [0.1, 0.3]" in text
    assert 'a = "CC"' in text
    assert text.startswith("format = 1\n")


def test_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "case.toml"
    path.write_text("old contents", encoding="utf-8")
    import beliefwatch.io.safe_write as safe_write

    def broken(*a, **k):
        raise OSError(28, "No space left on device", "/tmp/.case.toml.123.abcd.tmp")

    monkeypatch.setattr(safe_write.os, "fsync", broken)
    case = Case(question="q", hypotheses=[Hypothesis("a", "A", parse_prior(1.0))])
    # One line naming the case file, not the temporary file the error was raised on.
    with pytest.raises(CaseError, match=r"case\.toml: cannot write: No space left") as e:
        save_case(case, path)
    assert ".tmp" not in str(e.value)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.toml"]
