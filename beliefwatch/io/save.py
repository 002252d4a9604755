"""Writing a case back to one TOML file, atomically, in the analyst's own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from beliefwatch.core.case import FORMAT_VERSION, Case, Evidence
from beliefwatch.core.elicitation import Estimate
from beliefwatch.io.safe_write import atomic_write, resolved_target

__all__ = ["atomic_write", "case_to_dict", "dumps_case", "save_case"]


def _value(est: Estimate) -> Any:
    if est.raw is None:
        return est.text() or None
    if isinstance(est.raw, tuple):
        return list(est.raw)
    return est.raw


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields so the file stays as short as the analyst would write it."""
    # Identity for False: 0.0 == False, and a base rate of 0 must survive.
    return {k: v for k, v in d.items() if not (v is None or v is False or v in ("", {}))}


def _likelihoods(table: dict[str, Estimate]) -> dict[str, Any]:
    out = {}
    for h, est in table.items():
        v = _value(est)
        if v is not None:
            out[h] = v
    return out


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"id": e.id, "text": e.text} | _clean(
        {
            "date": e.date,
            "source": e.source,
            "reliability": _value(e.reliability) if e.reliability else None,
            "credibility": e.credibility,
            "group": e.group,
            "base_rate": e.base_rate,
            "notes": e.notes,
            "link": e.link,
            "ach_credibility": e.ach_credibility,
            "relevance": e.relevance,
            "from_indicator": e.from_indicator,
            "likelihoods": _likelihoods(e.likelihoods),
        }
    )


def case_to_dict(case: Case, folder: Path | None = None) -> dict[str, Any]:
    """``folder``: where the file goes, for the relative paths of ``include`` (default: the
    folder of the case's first file)."""
    from beliefwatch.io.case_extras import training_tables, without_included

    case = without_included(case)
    data: dict[str, Any] = {"format": FORMAT_VERSION, "question": case.question}
    if case.prior_strength is not None:
        data["prior_strength"] = case.prior_strength
    if case.notes:
        data["notes"] = case.notes
    if case.analyst:
        data["analyst"] = case.analyst
    data["hypotheses"] = [
        {"id": h.id, "name": h.name}
        | _clean(
            {
                "prior": _value(h.prior),
                "catch_all": h.catch_all,
                "notes": h.notes,
            }
        )
        for h in case.hypotheses
    ]
    tables = {
        "sources": [
            _clean(
                {
                    "id": s.id,
                    "name": s.name,
                    "reliability": _value(s.reliability) if s.reliability else None,
                    "notes": s.notes,
                }
            )
            for s in case.sources
        ],
        "groups": [
            {"id": g.id, "correlation": g.correlation, **_clean({"name": g.name, "notes": g.notes})}
            for g in case.groups
        ],
        "evidence": [_evidence(e) for e in case.evidence],
        "indicators": [
            {"id": i.id, "text": i.text}
            | _clean(
                {
                    "notes": i.notes,
                    "source": i.source,
                    "reliability": _value(i.reliability) if i.reliability else None,
                    "likelihoods": _likelihoods(i.likelihoods),
                }
            )
            for i in case.indicators
        ],
    }
    data.update({k: v for k, v in tables.items() if v})
    data.update(training_tables(case, folder))
    return data


def dumps_case(case: Case, folder: Path | None = None) -> str:
    return tomli_w.dumps(case_to_dict(case, folder), multiline_strings=True)


def save_case(case: Case, path: str | Path, *, inputs=()) -> Path:
    """Write the whole case to one file. The file is replaced only once fully written; never
    over one of ``inputs``, a read-only file or a file changed on disk since it was read."""
    target = resolved_target(Path(path))
    return atomic_write(target, dumps_case(case, target.parent), inputs=inputs)
