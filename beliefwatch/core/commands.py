"""Every edit an analyst can make, as a named command on a :class:`Case`, testable without Qt.

A :class:`Command` carries a label for the undo menu and a function that changes a case in
place. ``Command.applied_to(case)`` returns the changed copy and leaves the original alone, so
undo is "go back to the case before", the same for every kind of edit. The copy is structural:
new containers and records, sharing every value (estimates, dates, texts) and each item's
cached row - a few hundred objects instead of a deep copy, and the row cache stays warm. The
window wraps each command in one generic QUndoCommand.

Commands check what they are asked and raise :class:`CaseError` with a one-line reason (an id
already taken, a hypothesis that does not exist) before anything changes.
"""

from __future__ import annotations

import copy
import datetime as dt

from beliefwatch.core.case import (
    AnalystEstimate,
    Case,
    Evidence,
    Group,
    Hypothesis,
    Indicator,
    Resolution,
    Source,
)
from beliefwatch.core.command import Command
from beliefwatch.core.elicitation import Estimate, parse_prior
from beliefwatch.core.errors import CaseError, did_you_mean
from beliefwatch.core.ids import ID_RULE, is_valid_id, make_id
from beliefwatch.core.renaming import rename_id as rename_id  # one place to find every edit

ITEM_FIELDS = ("text", "date", "source", "reliability", "credibility", "group", "notes", "link",
               "base_rate")  # fmt: skip
CATCH_ALL_NAME = "Other: none of the above"


# -- the question and hypotheses -----------------------------------------------------------
def set_question(text: str) -> Command:
    return Command("Edit question", lambda c: setattr(c, "question", text.strip()))


def add_hypothesis(case: Case, name: str, *, catch_all: bool = False) -> Command:
    """A new hypothesis; priors stay summing to 1 (equal priors stay equal).

    The newcomer gets 1/(K+1) and every fixed prior is scaled by K/(K+1); priors written as
    ranges or words are the analyst's judgement and stay as written.
    """
    name = name.strip()
    if not name:
        raise CaseError("a hypothesis needs a name")
    hid = make_id(name, case.hypothesis_ids, fallback="h")

    def change(c: Case) -> None:
        k = len(c.hypotheses)
        for h in c.hypotheses:
            if not h.prior.uncertain and h.prior.kind == "number":
                h.prior = parse_prior(h.prior.low * k / (k + 1))
        c.hypotheses.append(
            Hypothesis(id=hid, name=name, prior=parse_prior(1 / (k + 1)), catch_all=catch_all)
        )

    return Command(f"Add hypothesis {hid}", change)


def set_prior(hid: str, prior: Estimate) -> Command:
    return Command(f"Set prior of {hid}", lambda c: setattr(c.hypothesis(hid), "prior", prior))


def set_hypothesis_name(hid: str, name: str) -> Command:
    name = name.strip()
    if not name:
        raise CaseError(f"hypothesis '{hid}': the name cannot be empty")
    return Command(f"Rename {hid}", lambda c: setattr(c.hypothesis(hid), "name", name))


def remove_hypothesis(hid: str) -> Command:
    def change(c: Case) -> None:
        c.hypothesis(hid)  # raises for an unknown id
        c.hypotheses = [h for h in c.hypotheses if h.id != hid]
        for row in [*c.evidence, *c.indicators]:
            row.likelihoods.pop(hid, None)

    return Command(f"Remove hypothesis {hid}", change)


def move_hypothesis(hid: str, step: int) -> Command:
    def change(c: Case) -> None:
        k = c.hypothesis_ids.index(hid)
        j = k + step
        if not 0 <= j < len(c.hypotheses):
            raise CaseError(f"'{c.hypotheses[k].name}' cannot move further")
        hs = c.hypotheses
        hs[k], hs[j] = hs[j], hs[k]

    return Command("Reorder hypotheses", change)


# -- evidence -------------------------------------------------------------------------------
def add_item(case: Case, text: str, date: dt.date | None = None) -> tuple[Command, str]:
    """A new evidence item (unrated); returns the command and the new item's id."""
    text = text.strip()
    if not text:
        raise CaseError("an evidence item needs a text saying what was observed")
    eid = make_id(text, _item_namespace(case), fallback="item", max_len=20)

    def change(c: Case) -> None:
        c.evidence.append(Evidence(id=eid, text=text, date=date))

    return Command(f"Add {eid}", change), eid


def remove_item(eid: str) -> Command:
    return Command(f"Remove {eid}", lambda c: c.evidence.remove(c.item(eid)))


def set_item_field(eid: str, field: str, value) -> Command:
    if field not in ITEM_FIELDS:
        raise CaseError(f"evidence '{eid}': no field {field!r}")
    if field == "date" and value is not None and not isinstance(value, dt.date):
        raise CaseError(f"evidence '{eid}': date must be a date, got {value!r}")

    def change(c: Case) -> None:
        item = c.item(eid)
        if field == "group" and value is not None and c.group(value) is None:
            if not is_valid_id(value):
                raise CaseError(f"group id {value!r} must be {ID_RULE}")
            c.groups.append(Group(id=value))
        setattr(item, field, value)

    return Command(f"Edit {field} of {eid}", change)


def set_likelihood(eid: str, hid: str, estimate: Estimate) -> Command:
    def change(c: Case) -> None:
        c.hypothesis(hid)
        table = c.item(eid).likelihoods
        if estimate.rated or estimate.raw is not None:
            table[hid] = estimate
        else:
            table.pop(hid, None)

    return Command(f"Set P({eid} | {hid})", change)


# -- sources and groups ----------------------------------------------------------------------
def add_source(case: Case, name: str, reliability: Estimate | None) -> tuple[Command, str]:
    """Declare a source. It cites nothing until an item names it."""
    name = name.strip()
    if not name:
        raise CaseError("a source needs a name")
    sid = make_id(name, [s.id for s in case.sources], fallback="source")
    source = Source(id=sid, name=name, reliability=reliability)
    return Command(f"Add source {sid}", lambda c: c.sources.append(source)), sid


def edit_source(sid: str, *, name: str | None = None, reliability=...) -> Command:
    """Change a source's name and/or reliability (``None`` reliability: taken as entered)."""

    def change(c: Case) -> None:
        src = _source(c, sid)
        if name is not None:
            src.name = name.strip()
        if reliability is not ...:
            src.reliability = reliability

    return Command(f"Edit source {sid}", change)


def remove_source(sid: str) -> Command:
    """Items that cited it keep its name as free text, so nothing the analyst wrote is lost."""

    def change(c: Case) -> None:
        src = _source(c, sid)
        c.sources.remove(src)
        for e in c.evidence:
            if e.source == sid:
                e.source = src.name or sid

    return Command(f"Remove source {sid}", change)


def set_item_group(case: Case, eid: str, text: str | None) -> Command:
    """Put an item in a dependence group named by its name or id; a new name makes a new group
    whose id is made from it (as hypotheses' are). Blank: no group."""
    text = (text or "").strip()
    known = {k.casefold(): g.id for g in case.groups for k in (g.id, g.name) if k}
    gid = known.get(text.casefold()) if text else None
    new = None
    if text and gid is None:
        gid = make_id(text, [g.id for g in case.groups], fallback="group")
        new = Group(id=gid, name="" if text == gid else text)

    def change(c: Case) -> None:
        item = c.item(eid)
        if new is not None and c.group(new.id) is None:
            c.groups.append(Group(id=new.id, name=new.name))
        item.group = gid

    return Command(f"Put {eid} in group {text}" if text else f"Take {eid} out of its group",
                   change)  # fmt: skip


def set_group_name(gid: str, name: str) -> Command:
    def change(c: Case) -> None:
        g = c.group(gid)
        if g is None:
            raise CaseError(f"no group with id '{gid}'")
        g.name = name.strip()

    return Command(f"Rename group {gid}", change)


def set_group_correlation(gid: str, correlation: float) -> Command:
    if not 0.0 <= correlation <= 1.0:
        raise CaseError(f"group '{gid}': correlation must be in [0, 1], got {correlation:g}")

    def change(c: Case) -> None:
        g = c.group(gid)
        if g is None:
            raise CaseError(f"no group with id '{gid}'")
        g.correlation = float(correlation)

    return Command(f"Set correlation of {gid}", change)


def remove_group(gid: str) -> Command:
    def change(c: Case) -> None:
        c.groups = [g for g in c.groups if g.id != gid]
        for e in c.evidence:
            if e.group == gid:
                e.group = None

    return Command(f"Remove group {gid}", change)


# -- indicators ------------------------------------------------------------------------------
def add_indicator(case: Case, text: str) -> tuple[Command, str]:
    text = text.strip()
    if not text:
        raise CaseError("an indicator needs a text saying what to watch for")
    iid = make_id(text, _item_namespace(case), fallback="indicator", max_len=20)

    def change(c: Case) -> None:
        c.indicators.append(Indicator(id=iid, text=text))

    return Command(f"Add indicator {iid}", change), iid


def edit_indicator(iid: str, *, text: str | None = None, notes: str | None = None,
                   likelihoods: dict[str, Estimate] | None = None) -> Command:  # fmt: skip
    def change(c: Case) -> None:
        ind = _indicator(c, iid)
        if text is not None:
            ind.text = text.strip()
        if notes is not None:
            ind.notes = notes
        if likelihoods is not None:
            unknown = set(likelihoods) - set(c.hypothesis_ids)
            if unknown:
                raise CaseError(f"indicator '{iid}': unknown hypothesis {sorted(unknown)[0]!r}")
            ind.likelihoods = dict(likelihoods)

    return Command(f"Edit indicator {iid}", change)


def remove_indicator(iid: str) -> Command:
    return Command(f"Remove indicator {iid}", lambda c: c.indicators.remove(_indicator(c, iid)))


def observe(
    case: Case, iid: str, happened: bool, date: dt.date | None, source: str = ""
) -> Command:
    """A watched indicator was observed: it leaves the watch list and becomes an evidence item
    (``Indicator.observed``). ``source``: who reported the outcome (default: the indicator's)."""
    item = _indicator(case, iid).observed(happened, date, source)

    def change(c: Case) -> None:
        c.indicators = [i for i in c.indicators if i.id != iid]
        c.included.discard(("indicators", iid))
        c.evidence.append(copy.deepcopy(item))

    verb = "happened" if happened else "did not happen"
    return Command(f"Mark '{iid}' observed ({verb})", change)


# -- training (MODEL.md section 8) ----------------------------------------------------------
def record_estimate(analyst: str, credences: dict[str, float], recorded=None) -> Command:
    """A trainee's own credences, stored as typed (the scores normalise them)."""
    analyst = analyst.strip()
    if not analyst:
        raise CaseError("an estimate needs the analyst's name")
    for h, p in credences.items():
        if not (isinstance(p, int | float) and p >= 0 and p == p):
            raise CaseError(f"estimate of {analyst}: credence of '{h}' must be a number >= 0")
    if not sum(credences.values()) > 0:
        raise CaseError(f"estimate of {analyst}: the credences are all zero")

    def change(c: Case) -> None:
        for h in credences:
            c.hypothesis(h)  # names the unknown hypothesis
        c.estimates.append(AnalystEstimate(analyst, dict(credences), recorded))

    return Command(f"Record estimate of {analyst}", change)


def set_resolution(answer: str | None, date: dt.date | None = None, source: str = "") -> Command:
    """The truth, once known; ``None`` takes the resolution away."""

    def change(c: Case) -> None:
        if answer is None:
            c.resolution = None
            return
        c.hypothesis(answer)
        c.resolution = Resolution(answer, date, source.strip())

    return Command("Clear resolution" if answer is None else f"Resolve as {answer}", change)


# -- ids -------------------------------------------------------------------------------------
def suggest_catch_all(case: Case) -> Command | None:
    """A new case gets an honest "none of the above" (MODEL.md 1); None if it has one."""
    if any(h.catch_all for h in case.hypotheses):
        return None
    return add_hypothesis(case, CATCH_ALL_NAME, catch_all=True)


def _item_namespace(case: Case) -> list[str]:
    # Indicators become evidence when observed, so both share one set of ids.
    return [e.id for e in case.evidence] + [i.id for i in case.indicators]


def _source(c: Case, sid: str) -> Source:
    src = c.source(sid)
    if src is None:
        raise CaseError(f"no source with id '{sid}'")
    return src


def _indicator(c: Case, iid: str) -> Indicator:
    ind = next((i for i in c.indicators if i.id == iid), None)
    if ind is not None:
        return ind
    known = [i.id for i in c.indicators]
    files = ", ".join(p.name for p in c.files) or "the case"
    if not known:
        raise CaseError(f"no indicator {iid!r}: {files} watch no indicators")
    listed = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
    raise CaseError(f"no indicator {iid!r} in {files}{did_you_mean(iid, known)}"
                    f" (indicators: {listed})")  # fmt: skip
