"""What a credence report says, independent of its format (PDF, HTML, Markdown)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from importlib import metadata

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.core.elicitation import ADMIRALTY_NAMES
from beliefwatch.inference import exact
from beliefwatch.inference.result import Result
from beliefwatch.inference.spec import build_spec
from beliefwatch.plots.names import short_names
from beliefwatch.reports import wording
from beliefwatch.reports.drivers import Sections, driver_sections
from beliefwatch.reports.freshness import check_fresh
from beliefwatch.reports.section import Section

TOP_INFLUENCE = 5
COLUMN_NAME = 30  # widest short name heading a table column (it wraps onto lines)


@dataclass
class EvidenceRow:
    id: str
    date: str
    text: str
    source: str
    reliability: str
    credibility: str
    likelihoods: dict[str, str]  # as the analyst typed them
    woe_db: float  # leader against runner-up
    group: str
    notes: str


@dataclass
class Report:
    title: str
    question: str
    author: str
    date: str
    bottom_line: str
    basis: str
    hypotheses: list[dict]  # id, name, short (for narrow columns), prior, credence, lo, hi, leader
    interval_prob: float
    leader: str
    runner_up: str
    evidence: list[EvidenceRow]
    influential: list[tuple[str, str, float]]  # item id, text, change of the leader's credence
    caveats: list[str]
    reproducibility: list[tuple[str, str]]
    result: Result = field(repr=False)
    drivers: Sections | None = field(default=None, repr=False)  # MODEL.md 7 sections


SECTION_KEYS = ("bottom_line", "hypotheses", "timeline", "evidence", "influential", "drivers",
                "conflict", "watch", "caveats", "reproducibility")  # fmt: skip


def report_sections(r: Report) -> list[Section]:
    """The report's sections in order: the PDF, HTML and Markdown renderers each walk this one
    list, so that they hold the same sections in the same order under the same titles."""
    out = [
        Section("bottom_line", "Bottom line"),
        Section("hypotheses", "Hypotheses"),
        Section("timeline", "Credence timeline"),
        Section("evidence", "Evidence"),
    ]
    if not (r.drivers and r.drivers.influence):  # else its influence table says it all
        out.append(Section("influential", "Most influential items (leave-one-out)"))
    if r.drivers:
        out.append(Section("drivers", "What drives the conclusion"))
        if r.drivers.conflict:
            out.append(Section("conflict", "Conflict"))
        out.append(Section("watch", "Watch list"))
    out += [
        Section("caveats", "Assumptions and caveats"),
        Section("reproducibility", "Reproducibility"),
    ]
    return out


def report_strings(value):
    """Every string in ``value`` (a report: dataclasses, dicts, lists, tuples, sets)."""
    import dataclasses

    if isinstance(value, str):
        yield value
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = vars(value)
    if isinstance(value, dict):
        for k, v in value.items():
            yield from report_strings(k)
            yield from report_strings(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from report_strings(v)


def interval_text(lo: float, hi: float) -> str:
    """An interval for a table cell; "n/a" where the draws could not estimate one."""
    if np.isnan(lo) or np.isnan(hi):
        return "n/a"
    return f"{100 * lo:.1f}%–{100 * hi:.1f}%"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _sha256(path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def build_report(case: Case, result: Result, author: str | None = None) -> Report:
    """What the report says. Raises StaleResultError (a ValueError) if the result was computed
    for another version of the case: its numbers would be shown against the wrong columns."""
    check_fresh(case, result)
    spec = build_spec(case)
    # Every per-hypothesis number is looked up by id; positions are the spec's (the case's).
    ids = list(spec.hypotheses)
    names = {h.id: h.name.strip() or h.id for h in case.hypotheses}
    if names != result.names:  # renamed since the update: same numbers, today's names
        result = dataclasses.replace(result, names=names)
    short = short_names(names, COLUMN_NAME)
    ranked = sorted(ids, key=lambda h: -result.credences[h])
    leader = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else ranked[0]
    k, m = ids.index(leader), ids.index(runner)
    p = result.credences[leader]
    ilo, ihi = result.intervals[leader]
    bottom = wording.bottom_line(names[leader], p, len(ids))
    basis = (
        f"Its credence is {100 * p:.0f}% (runner-up: {names[runner]}, "
        f"{100 * result.credences[runner]:.0f}%)"
        + (
            f"; the {round(100 * result.interval_prob)}% credible interval, {100 * ilo:.0f}–"
            f"{100 * ihi:.0f}%, shows how far imprecise inputs could move it."
            if ihi > ilo
            else "; its credible interval needs a full update (too few effective draws here)."
            if np.isnan(ihi) or np.isnan(ilo)
            else "; every input is a single number, so there is no interval."
        )
    )

    woe = exact.weight_of_evidence(spec, k, m) if spec.J else np.zeros(0)
    row_of = {item: j for j, item in enumerate(spec.items)}
    evidence = []
    for item_id in spec.items:
        e = case.item(item_id)
        src = case.source(e.source) if e.source else None
        rel = case.reliability_of(e)
        rel_text = "as entered"
        if rel is not None:
            rel_text = rel.text()
            if rel.kind == "letter":
                rel_text += f" ({ADMIRALTY_NAMES[str(rel.raw).upper()]})"
        evidence.append(
            EvidenceRow(
                id=e.id,
                date=e.date.isoformat() if e.date else "undated",
                text=e.text,
                source=(src.name or src.id) if src else e.source,
                reliability=rel_text,
                credibility=str(e.credibility or ""),
                likelihoods={
                    h: (e.likelihoods[h].text() or "NA") if h in e.likelihoods else "NA"
                    for h in ids
                },
                woe_db=float(woe[row_of[item_id]]),
                group=e.group or "",
                notes=e.notes.strip(),
            )
        )

    influential = []
    if spec.J:
        infl = exact.influence(spec)[:, k]
        for j in np.argsort(-np.abs(infl))[:TOP_INFLUENCE]:
            if abs(infl[j]) > 1e-4:
                influential.append((spec.items[j], case.item(spec.items[j]).text, float(infl[j])))

    return Report(
        title="Credence report",
        question=case.question or "(no question stated)",
        author=author or "",
        date=dt.date.today().isoformat(),
        bottom_line=bottom,
        basis=basis,
        hypotheses=[
            {
                "id": h,
                "name": names[h],
                "short": short[h],
                "prior": result.prior[h],
                "credence": result.credences[h],
                "lo": result.intervals[h][0],
                "hi": result.intervals[h][1],
                "leader": h == leader,
            }
            for h in ranked
        ],
        interval_prob=result.interval_prob,
        leader=leader,
        runner_up=runner,
        evidence=evidence,
        influential=influential,
        caveats=_caveats(case, spec, result),
        drivers=driver_sections(case, result),
        reproducibility=_reproducibility(case, result),
        result=result,
    )


def _caveats(case: Case, spec, result: Result) -> list[str]:
    out = [
        "Evidence items are treated as conditionally independent given each hypothesis: "
        "items that share a cause must be grouped, or they are counted more than once.",
        "The hypotheses are treated as mutually exclusive and exhaustive"
        + (" (the case has a catch-all)." if any(h.catch_all for h in case.hypotheses)
           else "; this case has no catch-all hypothesis, so exhaustiveness is assumed."),
    ]  # fmt: skip
    unrated = int((~spec.rated).sum())
    if unrated:
        out.append(
            f"{unrated} likelihood cell(s) are unrated (NA): each takes the mean of its item's "
            "rated values and so carries no information about that hypothesis."
        )
    if case.groups:
        names = ", ".join(g.name.strip() or g.id for g in case.groups)
        out.append(
            f"Dependence groups ({names}) are tempered: each item's log-likelihood is weighted "
            "by 1 / (1 + ρ(n − 1)), a documented approximation to their joint likelihood."
        )
    out += [f"Warning: {w}." for w in result.warnings]
    out.append(method_sentence(result))
    return out


_PROPOSALS = {
    "prior": "the uncertain inputs' prior",
    "fitted": "a Beta mixture fitted to the uncertain inputs' posterior",
}


def method_sentence(result: Result) -> str:
    """Which engine produced the numbers, and the diagnostic that made them trusted."""
    d = result.diagnostics
    if result.engine == "pymc":
        return (
            f"Credences and intervals come from PyMC (NUTS, {result.n_draws} draws): largest "
            f"r-hat {d['max_r_hat']:.3f} (should be ≤ 1.01), smallest bulk ESS "
            f"{d['min_ess_bulk']:.0f} (should be ≥ 400), {d['divergences']} divergent "
            "transitions (should be 0)."
            + (f" Importance sampling was tried first and not trusted "
               f"({d['importance']['criteria']})." if "importance" in d else "")
        )  # fmt: skip
    if result.engine == "importance":
        return (
            "Credences and intervals come from importance sampling with Pareto-smoothed "
            f"weights ({d['draws']:,} draws from {_PROPOSALS[d['proposal']]}; no exact answer "
            f"because {d['not_exact']}): {d['criteria']}"
            + (" (trusted: k̂ ≤ 0.7 and ESS ≥ 1,000)." if d["trusted"] else
               " - NOT trusted (needs k̂ ≤ 0.7 and ESS ≥ 1,000): check with PyMC.")
        )  # fmt: skip
    if result.n_draws:
        return (
            "Credences are exact (the case is conjugate); intervals come from independent "
            f"draws of the exact posterior ({result.n_draws} draws): no convergence "
            "diagnostics are needed."
        )
    return "Credences are exact: no input is uncertain, so the intervals have no width."


def _reproducibility(case: Case, result: Result) -> list[tuple[str, str]]:
    rows = [
        ("BeliefWatch", _version("beliefwatch")),
        ("PyMC", _version("pymc")),
        ("ArviZ", _version("arviz")),
        ("Engine", result.engine_line),
        ("Seed", str(result.seed)),
        ("Draws", str(result.n_draws)),
        ("Interval", f"{round(100 * result.interval_prob)}% equal-tailed"),
    ]
    rows += [(f"SHA-256 {p.name}", _sha256(p)) for p in case.files]
    return rows
