"""The case: plain data the analyst edits. Inference, files and the window all read it."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from beliefwatch.core.elicitation import UNRATED, Estimate, complement

FORMAT_VERSION = 1
NOT_HAPPENED = "Did not happen: "


@dataclass
class Hypothesis:
    id: str
    name: str
    prior: Estimate
    catch_all: bool = False
    notes: str = ""


@dataclass
class Source:
    id: str
    name: str = ""
    reliability: Estimate | None = None  # None: reports are taken as entered (r = 1)
    notes: str = ""


@dataclass
class Group:
    """Items that echo one underlying fact (MODEL.md section 5)."""

    id: str
    correlation: float = 1.0
    name: str = ""
    notes: str = ""


@dataclass
class Evidence:
    id: str
    text: str
    likelihoods: dict[str, Estimate] = field(default_factory=dict)
    date: dt.date | None = None
    source: str = ""  # a declared source id, or free text naming the source
    reliability: Estimate | None = None  # overrides the source's reliability
    credibility: int | None = None  # Admiralty information credibility 1-6; shown, not modelled
    group: str | None = None
    base_rate: float | None = None  # c_j of MODEL.md section 4; default: mean central likelihood
    notes: str = ""
    link: str = ""
    origin: str | None = None  # the file it came from, for messages
    # ACH weights as the analyst's tool wrote them (HIGH/MEDIUM/LOW): kept for the classic ACH
    # scores and for export; the model sees credibility only through `reliability`.
    ach_credibility: str | None = None
    relevance: str | None = None
    from_indicator: str | None = None  # the watched indicator this observation came from

    def likelihood(self, hypothesis_id: str) -> Estimate:
        return self.likelihoods.get(hypothesis_id, UNRATED)


@dataclass
class Indicator:
    """An item not yet observed that the analyst is watching for (MODEL.md section 7)."""

    id: str
    text: str
    likelihoods: dict[str, Estimate] = field(default_factory=dict)
    notes: str = ""
    # Who would report it: applied to the watch list as to an item (MODEL.md section 4).
    source: str = ""
    reliability: Estimate | None = None
    origin: str | None = None  # the file it came from: observing it rewrites that file

    def observed(self, happened: bool, date: dt.date | None, source: str = "") -> Evidence:
        """The evidence item it becomes (MODEL.md 7): its likelihoods l if it happened, else
        1 - l cell by cell; its id, text, notes, source and reliability; ``from_indicator``."""
        likelihoods = dict(self.likelihoods)
        if not happened:
            likelihoods = {h: complement(est) for h, est in likelihoods.items()}
        return Evidence(
            id=self.id,
            text=self.text if happened else NOT_HAPPENED + self.text,
            likelihoods=likelihoods,
            date=date,
            source=source or self.source,
            reliability=self.reliability,
            notes=self.notes,
            origin=self.origin,
            from_indicator=self.id,
        )


@dataclass
class Resolution:
    """The truth, once known (MODEL.md section 8)."""

    answer: str  # a hypothesis id
    date: dt.date | None = None
    source: str = ""


@dataclass
class AnalystEstimate:
    """A trainee's own credences, recorded before seeing the computed ones (MODEL.md 8)."""

    analyst: str
    credences: dict[str, float] = field(default_factory=dict)  # as typed, not normalised
    recorded: dt.datetime | dt.date | None = None


@dataclass
class Case:
    question: str = ""
    hypotheses: list[Hypothesis] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    prior_strength: float | None = None
    notes: str = ""
    analyst: str = ""  # who wrote this version of the case (a team pools several: docs/team.md)
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # raised while loading
    resolution: Resolution | None = None
    estimates: list[AnalystEstimate] = field(default_factory=list)
    # Files named by `include = [...]`, resolved; what came from them is not written back.
    includes: list[Path] = field(default_factory=list)
    included: set[tuple[str, str]] = field(default_factory=set)  # (table, id) read via include

    @property
    def hypothesis_ids(self) -> list[str]:
        return [h.id for h in self.hypotheses]

    def hypothesis(self, hid: str) -> Hypothesis:
        return _by_id(self.hypotheses, hid, "hypothesis")

    def item(self, eid: str) -> Evidence:
        return _by_id(self.evidence, eid, "evidence item")

    def source(self, sid: str) -> Source | None:
        return next((s for s in self.sources if s.id == sid), None)

    def group(self, gid: str) -> Group | None:
        return next((g for g in self.groups if g.id == gid), None)

    def reliability_of(self, item: Evidence) -> Estimate | None:
        """The reliability in force for an item: its own, else its declared source's."""
        if item.reliability is not None:
            return item.reliability
        src = self.source(item.source) if item.source else None
        return src.reliability if src else None

    def copy(self) -> Case:
        return copy.deepcopy(self)


def _by_id(items, wanted: str, what: str):
    for x in items:
        if x.id == wanted:
            return x
    raise KeyError(f"no {what} with id {wanted!r}")
