"""The bundled example and teaching cases: their structure, not their numbers.

The example is meant to show careful analysis (docs/example.md): echoes grouped, judgements in
the priors rather than scored as observations, a source whose uncertain reliability is shared by
its reports, and a watch list. These tests pin that structure so an edit cannot quietly undo it.
"""

import datetime as dt
import re
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import beliefwatch as bw
from beliefwatch.core.elicitation import parse_reliability
from beliefwatch.examples import example_files, teaching_files
from beliefwatch.inference import exact
from beliefwatch.inference.spec import build_spec

AS_OF = dt.date(2025, 4, 8)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example():
    return bw.load_case(*example_files())


@pytest.fixture(scope="module")
def spec(example):
    return build_spec(example)


def test_the_question_is_asked_as_of_the_later_seed(example):
    assert "Beijing" in example.question
    assert AS_OF.isoformat() in example.question


def test_hypotheses_include_one_catch_all_and_state_their_sources(example):
    assert 5 <= len(example.hypotheses) <= 10
    assert [h.catch_all for h in example.hypotheses].count(True) == 1
    for h in example.hypotheses:
        assert h.notes.strip(), f"hypothesis '{h.id}' does not say what it claims"


def test_priors_use_ranges_or_words_and_sum_to_one(example, spec):
    kinds = {h.prior.kind for h in example.hypotheses}
    assert kinds & {"range", "word"}
    assert sum(h.prior.central for h in example.hypotheses) == pytest.approx(1.0, abs=1e-6)
    assert spec.warnings == []  # no normalising, no Cromwell, no unrated item


def test_the_priors_notes_map_every_theory_and_argument(example):
    notes = example.notes
    hids = set(example.hypothesis_ids)
    rows = re.findall(r"^\s*Easley (\d)\b.*?\.{2,}\s*(\S+)", notes, flags=re.MULTILINE)
    assert sorted(int(n) for n, _ in rows) == list(range(1, 10)), "one row per Easley theory"
    for _, target in rows:
        assert target in hids | {"prior"}, target
    statecraft = re.findall(r"^\s*Statecraft:.*?\.{2,}\s*(\S+)", notes, flags=re.MULTILINE)
    assert len(statecraft) >= 4
    assert set(statecraft) <= hids | {"prior"}
    # Every row of the table ("theory or argument ..... target") goes somewhere known, and every
    # listed hypothesis except the catch-all is where some theory or argument went.
    targets = re.findall(r"^  \S.*?\.{2,}\s*(\S.*?)\s*$", notes, flags=re.MULTILINE)
    assert set(targets) <= hids | {"prior", "not used"}, set(targets) - hids
    assert {h.id for h in example.hypotheses if not h.catch_all} <= set(targets)


def test_enabling_and_a_coordinated_bloc_are_separate_hypotheses(example):
    # Easley's conclusion endorses theories 7 and 8 (enabling a dependent pariah) and rejects a
    # coherent bloc: merging them would make his own view a strawman.
    notes = example.notes
    for n in (7, 8):
        assert re.search(rf"^\s*Easley {n}\b.*?\.{{2,}}\s*enabler\s*$", notes, flags=re.M), n
    assert re.search(r"Northern Triangle.*?\.{2,}\s*bloc\s*$", notes, flags=re.M)
    assert "Kendall-Taylor" in example.hypothesis("bloc").notes


def test_every_item_is_dated_sourced_and_explained(example):
    declared = {s.id for s in example.sources}
    for e in example.evidence:
        assert e.date is not None and e.date <= AS_OF, e.id
        assert e.source in declared, e.id
        assert e.notes.strip(), f"{e.id} has no note saying why"
        assert e.credibility is not None, e.id
        assert any(est.rated for est in e.likelihoods.values()), e.id
    used = {e.source for e in example.evidence}
    assert declared <= used, f"declared but unused sources: {declared - used}"


def test_observations_not_opinions(example):
    # Judgements rated doubtful or worse (credibility 4-6) belong in the priors' rationale.
    assert max(e.credibility for e in example.evidence) <= 3
    # Items taken from outside the two seed texts say so.
    outside = [e for e in example.evidence if "outside the seeds" in e.notes.lower()]
    assert len(outside) >= 2


def test_the_most_influential_items_are_observations(example, spec):
    influence = np.abs(exact.influence(spec)).sum(axis=1)
    top = [example.item(spec.items[j]) for j in np.argsort(-influence)[:3]]
    assert top[0].credibility <= 2, top[0].id
    # A second-hand report may be among the top three only once, and only discounted.
    hearsay = [e for e in top if e.credibility > 2]
    assert len(hearsay) <= 1
    sources = {s.id: s for s in example.sources}
    for e in hearsay:
        assert sources[e.source].reliability.central < 0.8, e.id


def test_echoes_are_grouped(example, spec):
    declared = {g.id for g in example.groups}
    sizes = Counter(e.group for e in example.evidence if e.group is not None)
    assert set(sizes) == declared, "every group is used and every used group declared"
    assert all(n >= 2 for n in sizes.values()), "a group of one echoes nothing"
    for g in example.groups:
        assert g.notes.strip(), f"group '{g.id}' does not say why its items are one fact"
        expected = 1.0 / (1.0 + g.correlation * (sizes[g.id] - 1))
        weights = spec.weight[[j for j, gid in enumerate(spec.groups) if gid == g.id]]
        assert weights == pytest.approx(expected)
    assert any(g.correlation < 1 for g in example.groups)
    assert any(g.correlation == 1 for g in example.groups)


def test_a_shared_uncertain_source_makes_auto_choose_pymc(example, spec):
    uncertain = {s.id for s in example.sources if s.reliability and s.reliability.uncertain}
    reports = Counter(e.source for e in example.evidence if e.reliability is None)
    assert any(reports[s] >= 2 for s in uncertain)
    assert set(spec.shared_sources) & {s for s in uncertain if reports[s] >= 2}
    assert spec.conjugate is False and spec.has_uncertainty


def test_every_hypothesis_is_rated_by_some_informative_item(example, spec):
    catch_all = {h.id for h in example.hypotheses if h.catch_all}
    for k, h in enumerate(spec.hypotheses):
        rated = spec.rated[:, k]
        assert rated.any(), h
        if h in catch_all:
            continue  # an unlisted motive has no reason to expect an item more or less
        # Somewhere its likelihood differs from the rest of that item's row.
        others = np.delete(spec.lik, k, axis=1).mean(axis=1)
        assert np.abs(spec.lik[rated, k] - others[rated]).max() > 0.05, h


def test_example_uses_every_kind_of_input(example):
    kinds = {est.kind for e in example.evidence for est in e.likelihoods.values()}
    assert {"number", "range", "word", "rating"} <= kinds


def test_every_item_moves_something(spec):
    assert (exact.diagnosticity(spec) > 0).all()


def test_timeline_is_in_date_order(example, spec):
    steps = exact.timeline(spec)
    assert len(steps) == len(example.evidence) + 1
    assert spec.dates == sorted(spec.dates)


def test_watch_list_holds_the_indicators_that_later_resolved(example):
    ids = {i.id for i in example.indicators}
    assert {"kim-at-beijing-parade", "li-qiang-in-pyongyang"} <= ids
    assert not ids & {e.id for e in example.evidence}
    hids = set(example.hypothesis_ids)
    for ind in example.indicators:
        assert ind.notes.strip(), ind.id
        rated = {h for h, est in ind.likelihoods.items() if est.rated}
        assert rated >= hids - {h.id for h in example.hypotheses if h.catch_all}, ind.id
        assert all(0 < est.central < 1 for est in ind.likelihoods.values()), ind.id


def test_watch_list_is_ranked_by_the_information_each_indicator_carries(example, spec):
    """Each gain equals the mutual information I(H; indicator) computed here from scratch, and
    observing either outcome moves the credences exactly as Bayes' rule says."""
    from beliefwatch.inference.analyses import indicator_values
    from beliefwatch.inference.watch import indicator_likelihood

    p = exact.point_posterior(spec)
    ranked = indicator_values(example, p)
    assert sorted(v.id for v in ranked) == sorted(i.id for i in example.indicators)
    by_id = {i.id: i for i in example.indicators}

    def h(q):
        q = q[q > 0]
        return -(q * np.log2(q)).sum()

    for v in ranked:
        lik, _ = indicator_likelihood(example, by_id[v.id])
        yes = (lik * p).sum()
        mutual = h(p) - yes * h(lik * p / yes) - (1 - yes) * h((1 - lik) * p / (1 - yes))
        assert v.gain_bits == pytest.approx(mutual, abs=1e-12)
        assert v.p_happens == pytest.approx(yes)
        post = dict(zip(spec.hypotheses, lik * p / yes, strict=True))
        assert v.if_happens == pytest.approx(post)
    assert ranked[0].gain_bits > ranked[-1].gain_bits > 0


def test_readme_sample_uses_the_example_ids(example):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Case files", 1)[1]
    sample = tomllib.loads(re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1))
    hids = set(example.hypothesis_ids)
    assert {h["id"] for h in sample["hypotheses"]} <= hids
    for table in ("evidence", "indicators"):
        for item in sample[table]:
            assert set(item["likelihoods"]) <= hids, item["id"]


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


def test_unreliable_source_comment_holds_for_an_e_rated_source():
    # The file's comment: from an E source (r = 0.2), 0.66 / (0.66 + 0.54) = 0.55.
    path = next(p for p in teaching_files() if p.stem == "unreliable-source")
    case = bw.load_case(path)
    case.sources[0].reliability = parse_reliability("E")
    credence = bw.update(case).credences["north"]
    assert credence == pytest.approx(0.66 / 1.2)
    assert f"{credence:.2f}" in path.read_text(encoding="utf-8")


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATED = re.compile(
    rf"\b(?:{MONTHS}) \d{{4}}\b"  # "27 May 2024", "March 2025"
    r"|\b\d{4}-\d{2}-\d{2}\b"  # an ISO date
    r"|\b(?:late|early|mid-?) ?(?:19|20)\d{2}\b"  # an undated text placed by its content
    r"|\b[A-Z][\w'.-]+(?: and [A-Z][\w'.-]+)?,? \(?(?:19|20)\d{2}\b"  # "Xu 2025", "(Chen 2023)"
)


def cites_a_dated_document(text: str) -> bool:
    """A note or a source name that points at a public document with a date."""
    return bool(DATED.search(" ".join(text.split())))


def test_every_item_names_a_public_source_with_a_date(example):
    sources = {s.id: s for s in example.sources}
    for e in example.evidence:
        src = sources[e.source]
        assert cites_a_dated_document(e.notes) or cites_a_dated_document(src.name), e.id


def test_no_outcome_wording_in_the_as_of_files():
    # The case is as of 2025-04-08: what happened later belongs in docs/example.md and the
    # tutorial, never in the files an analyst of that date would have written.
    later = re.compile(
        r"\bresolved\b|turned out|in hindsight|happened on|later (?:proved|showed)", re.I
    )
    for path in example_files():
        text = path.read_text(encoding="utf-8")
        assert not later.search(text), f"{path.name}: {later.search(text).group(0)!r}"
        assert not re.search(r"\b2025-(?:0[5-9]|1[0-2])-\d\d\b", text), path.name


def test_each_indicator_has_its_own_deadline(example):
    for ind in example.indicators:
        assert re.search(r"Deadline: .*?\d{4}", ind.notes), ind.id
        assert re.search(rf"\b(?:{MONTHS}) \d{{4}}\b", ind.text), ind.id


def test_standing_lines_and_non_events_are_priors_not_news(example):
    ids = {e.id for e in example.evidence}
    assert not ids & {"no-seventh-test", "mofa-sovereign-matter"}
    assert "seventh nuclear test" in example.notes
    assert "two sovereign states" in example.notes


def test_beijings_passivity_counts_once_and_is_nearly_flat(example, spec):
    # Every hypothesis expects Beijing to do nothing visible (displeasure means private
    # restraint), so the rows that say so are one fact and tell little.
    passive = [e for e in example.evidence if "Beijing" in e.text and "nothing" in e.text]
    passive += [e for e in example.evidence if "does not publicly object" in e.text]
    assert len(passive) == 4
    assert {e.group for e in passive} == {"no-visible-resistance"}
    assert example.group("no-visible-resistance").correlation == 1.0
    for e in passive:
        j = spec.items.index(e.id)
        row = spec.lik[j]
        assert 10 * np.log10(row.max() / row.min()) < 1.0, e.id  # under 1 dB across the row


def test_a_hedged_report_is_not_the_strongest_in_its_group(example, spec):
    # "apparently" (friendship-year-fizzles) is carried by the likelihoods: its row is flatter
    # than the unhedged reports of the same cooling.
    def spread(item_id):
        row = spec.lik[spec.items.index(item_id)]
        return row.max() / row.min()

    hedged = spread("friendship-year-fizzles")
    assert hedged < spread("inss-abnormal-atmosphere")
    assert hedged < spread("closing-ceremony-skipped")
