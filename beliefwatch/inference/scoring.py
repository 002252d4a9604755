"""Scoring forecasts against the truth (MODEL.md section 8): Brier, log, coherence, calibration
and its Murphy (1973) decomposition.

Brier = sum over hypotheses of (p - 1[answer])^2: 0 is perfect, 2 the worst. Log = ln of the
probability given to the answer: 0 is perfect, lower is worse, and -inf (written as null in
JSON, which has no infinity) when the answer was given 0. A trainee's numbers are normalised
before scoring; they are coherent when they sum to 1 within 0.02.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any

COHERENCE_TOLERANCE = 0.02
N_BINS = 10
EDGES = [i / N_BINS for i in range(N_BINS + 1)]


def normalise(credences: dict[str, float], hypotheses: list[str]) -> dict[str, float]:
    """Scale to sum 1 over ``hypotheses`` (a missing one counts as 0)."""
    total = sum(credences.get(h, 0.0) for h in hypotheses)
    if not total > 0:
        raise ValueError("credences sum to 0: nothing to normalise")
    return {h: credences.get(h, 0.0) / total for h in hypotheses}


def brier(credences: dict[str, float], answer: str) -> float:
    return sum((p - (h == answer)) ** 2 for h, p in credences.items())


def log_score(credences: dict[str, float], answer: str) -> float:
    p = credences.get(answer, 0.0)
    return math.log(p) if p > 0 else -math.inf


def coherent(credences: dict[str, float]) -> bool:
    # A hair of slack so that 0.98 and 1.02 count, despite binary fractions.
    return abs(sum(credences.values()) - 1) <= COHERENCE_TOLERANCE + 1e-9


@dataclass
class Scored:
    """One forecast of one case, scored."""

    credences: dict[str, float]  # normalised
    brier: float
    log: float


def score(credences: dict[str, float], hypotheses: list[str], answer: str) -> Scored:
    p = normalise(credences, hypotheses)
    return Scored(p, brier(p, answer), log_score(p, answer))


def bin_index(p: float) -> int:
    """Bins [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]: the last one holds 1.0."""
    return min(bisect.bisect_right(EDGES, p) - 1, N_BINS - 1)


def calibration(forecasts: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Reliability bins of (probability, came true) pairs: ``{lo, hi, n, mean_forecast,
    frequency}``; an empty bin has n 0 and null mean and frequency."""
    sums = [[0, 0.0, 0] for _ in range(N_BINS)]
    for p, hit in forecasts:
        if not 0 <= p <= 1:
            raise ValueError(f"a forecast must be in [0, 1], got {p}")
        b = sums[bin_index(p)]
        b[0] += 1
        b[1] += p
        b[2] += bool(hit)
    return [
        {
            "lo": EDGES[i],
            "hi": EDGES[i + 1],
            "n": n,
            "mean_forecast": total / n if n else None,
            "frequency": hits / n if n else None,
        }
        for i, (n, total, hits) in enumerate(sums)
    ]


MURPHY_KEYS = ("reliability", "resolution", "uncertainty", "brier_binary")


def murphy(forecasts: list[tuple[float, bool]]) -> dict[str, float] | None:
    """Murphy's (1973) decomposition of the mean binary Brier score over the bins of
    :func:`calibration`: reliability (0 = forecasts match the frequencies; lower is better),
    resolution (how far the bins' frequencies stand from the base rate; higher is better),
    uncertainty (the base rate's own variance, at most 0.25) and the mean binary Brier score
    itself. ``brier_binary = reliability - resolution + uncertainty`` exactly when the forecasts
    in each bin are equal; otherwise they differ by the within-bin spread of the forecasts (see
    :func:`murphy_gap`). None when there are no forecasts."""
    n_all = len(forecasts)
    if not n_all:
        return None
    base = sum(bool(o) for _, o in forecasts) / n_all
    reliability = resolution = 0.0
    for b in calibration(forecasts):
        if b["n"]:
            reliability += b["n"] * (b["mean_forecast"] - b["frequency"]) ** 2
            resolution += b["n"] * (b["frequency"] - base) ** 2
    return {
        "reliability": reliability / n_all,
        "resolution": resolution / n_all,
        "uncertainty": base * (1 - base),
        "brier_binary": sum((p - bool(o)) ** 2 for p, o in forecasts) / n_all,
    }


def murphy_gap(m: dict[str, float]) -> float:
    """Brier minus reliability - resolution + uncertainty: 0 up to rounding when every bin's
    forecasts are equal, else the within-bin variance of the forecasts less twice their
    within-bin covariance with the outcomes."""
    return m["brier_binary"] - (m["reliability"] - m["resolution"] + m["uncertainty"])


# Thresholds for the words: a reliability of 0.01 is forecasts off by about 0.1 on average; the
# resolution is judged as a share of the uncertainty, its largest possible value.
WELL_CALIBRATED, FAIRLY_CALIBRATED = 0.01, 0.04
DISCRIMINATES, SOMEWHAT = 0.5, 0.2


def murphy_words(m: dict[str, float] | None, who: str = "your forecasts") -> str:
    """The decomposition in a sentence a trainee reads."""
    if m is None:
        return f"No resolved forecasts: nothing to say about {who}."
    rel, res, unc = m["reliability"], m["resolution"], m["uncertainty"]
    if rel <= WELL_CALIBRATED:
        cal = "well calibrated"
    elif rel <= FAIRLY_CALIBRATED:
        cal = "fairly well calibrated"
    else:
        cal = "poorly calibrated"
    share = res / unc if unc > 0 else 0.0
    if share >= DISCRIMINATES:
        disc = "discriminated well"
    elif share >= SOMEWHAT:
        disc = "discriminated only somewhat"
    else:
        disc = "did not discriminate"
    # "but" where one half is good news and the other is not.
    join = "and" if (rel <= FAIRLY_CALIBRATED) == (share >= DISCRIMINATES) else "but"
    sentence = f"{who[0].upper()}{who[1:]} were {cal} {join} {disc}"
    gap = murphy_gap(m)
    return (
        f"{sentence} between the hypotheses that came true and those that did not "
        f"(reliability {rel:.3f}: 0 is perfect; resolution {res:.3f} of a possible {unc:.3f}; "
        f"Brier {m['brier_binary']:.3f} = {rel:.3f} − {res:.3f} + {unc:.3f}"
        + (f" + {gap:.3f} from unequal forecasts within a bin)." if abs(gap) >= 5e-4 else ").")
    )


def forecasts_of(credences: dict[str, float], answer: str) -> list[tuple[float, bool]]:
    """One forecast per hypothesis: the probability given to it, and whether it was the answer."""
    return [(p, h == answer) for h, p in credences.items()]


def finite(x: float) -> float | None:
    """JSON has no infinity: a log score of -inf is written as null."""
    return x if math.isfinite(x) else None


def mean(values: list[float]) -> float | None:
    return finite(sum(values) / len(values)) if values else None


def _credences(credences_or_result) -> dict[str, float]:
    return getattr(credences_or_result, "credences", credences_or_result)


def compare_estimate(case, estimate, credences_or_result) -> dict[str, Any]:
    """A trainee's estimate beside the computed credences, for training mode: per hypothesis
    the estimate (normalised), the computed credence and the gap (estimate - computed); the
    sum as typed and coherence; and, once the case is resolved, both sets of scores."""
    computed = _credences(credences_or_result)
    hyps = case.hypothesis_ids
    est = normalise(estimate.credences, hyps)
    out: dict[str, Any] = {
        "analyst": estimate.analyst,
        "hypotheses": {h: {"estimate": est[h], "computed": computed[h],
                           "gap": est[h] - computed[h]} for h in hyps},
        "sum": sum(estimate.credences.values()),
        "coherent": coherent(estimate.credences),
    }  # fmt: skip
    if case.resolution is not None:
        answer = case.resolution.answer
        mine, comp = score(estimate.credences, hyps, answer), score(computed, hyps, answer)
        out["scores"] = {
            "estimate": {"brier": mine.brier, "log": finite(mine.log)},
            "computed": {"brier": comp.brier, "log": finite(comp.log)},
        }
    return out


def score_case(case, credences: dict[str, float], file: str | None = None) -> dict[str, Any]:
    """One resolved case: the computed credences' scores and every recorded estimate's.
    ``credences`` may also be a :class:`Result`."""
    credences = _credences(credences)
    if case.resolution is None:
        raise ValueError("the case has no [resolution]: nothing to score against")
    answer = case.resolution.answer
    hyps = case.hypothesis_ids
    comp = score(credences, hyps, answer)
    estimates = []
    for e in case.estimates:
        s = score(e.credences, hyps, answer)
        total = sum(e.credences.values())
        estimates.append({"analyst": e.analyst, "brier": s.brier, "log": finite(s.log),
                          "coherent": coherent(e.credences), "sum": total})  # fmt: skip
    return {
        "file": file,
        "answer": answer,
        "computed": {"brier": comp.brier, "log": finite(comp.log)},
        "estimates": estimates,
    }


def score_cases(entries: list[tuple[str, Any, dict[str, float]]]) -> dict[str, Any]:
    """``score --json`` for (file, case, computed credences) triples: per-case scores,
    calibration bins (one forecast per case and hypothesis) and means."""
    cases, comp_fc, est_fc = [], [], []
    comp_b, comp_l, est_b, est_l = [], [], [], []
    for file, case, credences in entries:
        credences = _credences(credences)
        row = score_case(case, credences, file)
        cases.append(row)
        answer, hyps = row["answer"], case.hypothesis_ids
        comp = score(credences, hyps, answer)
        comp_fc += forecasts_of(comp.credences, answer)
        comp_b.append(comp.brier)
        comp_l.append(comp.log)
        for e in case.estimates:
            s = score(e.credences, hyps, answer)
            est_fc += forecasts_of(s.credences, answer)
            est_b.append(s.brier)
            est_l.append(s.log)
    return {
        "cases": cases,
        "calibration": {"computed": calibration(comp_fc), "estimates": calibration(est_fc)},
        # Estimates: null (not absent) when no trainee recorded one, so the keys stay fixed.
        "murphy": {"computed": murphy(comp_fc), "estimates": murphy(est_fc)},
        "mean": {
            "computed": {"brier": mean(comp_b), "log": mean(comp_l)},
            "estimates": {"brier": mean(est_b), "log": mean(est_l)},
        },
    }
