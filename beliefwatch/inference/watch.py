"""The watch list: indicators ranked by expected information gain (MODEL.md section 7)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from beliefwatch.core.case import Case, Indicator
from beliefwatch.inference import rules


@dataclass
class IndicatorValue:
    id: str
    text: str
    p_happens: float  # predictive probability that it happens, given the evidence so far
    gain_bits: float  # expected information gain I(H; indicator), in bits
    if_happens: dict[str, float]  # credences once it is observed
    if_not: dict[str, float]  # credences once it is observed not to happen
    reliability: float = 1.0  # central reliability applied to its likelihoods

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "p_happens": self.p_happens,
            "gain_bits": self.gain_bits,
            "if_happens": self.if_happens,
            "if_not": self.if_not,
        }


def entropy_bits(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def indicator_likelihood(case: Case, ind: Indicator) -> tuple[np.ndarray, float]:
    """(K,) P(it happens | H) after reliability, l' = r*l + (1-r)*c, and the r used.

    As for an item (the rules of beliefwatch/inference/rules.py): unrated cells take the mean
    of the rated central values over live hypotheses, and a report from a source of
    reliability r would have appeared anyway with probability c. An uncertain reliability
    enters at its central value.
    """
    hids = case.hypothesis_ids
    vals = [ind.likelihoods[h].central if h in ind.likelihoods else math.nan for h in hids]
    central = np.array(vals, dtype=float)
    live = np.array([h.prior.central for h in case.hypotheses]) > 0
    if not live.any():  # no prior set yet: every hypothesis counts
        live[:] = True
    row, _ = rules.fill_unrated(central, live)
    base = rules.base_rate(row, live)
    rel = case.reliability_of(ind)
    r = 1.0 if rel is None else float(rel.central)
    return rules.effective(row[None, :], np.array([r]), np.array([base]))[0], r


def indicator_values(case: Case, credences: np.ndarray) -> list[IndicatorValue]:
    """Rank watched indicators by expected information gain I(H; indicator), best first.

    ``credences`` (K,) in the case's hypothesis order. Observing an indicator multiplies them
    by its likelihood (happens) or by one minus it (does not): exactly what ``update`` gives
    once the indicator is moved to the evidence, for the same credences.
    """
    hids = case.hypothesis_ids
    cred = np.asarray(credences, dtype=float)
    out = []
    for ind in case.indicators:
        lik, r = indicator_likelihood(case, ind)
        joint = np.stack([lik * cred, (1.0 - lik) * cred])  # (outcome, K)
        p_out = joint.sum(axis=1)
        post = np.where(p_out[:, None] > 0, joint / np.where(p_out > 0, p_out, 1)[:, None], cred)
        # I(H; O) as the expected log-ratio of P(o | H) to P(o): each term's sign is free but
        # the sum is >= 0 in exact arithmetic; only rounding can dip below, by ~1e-16.
        with np.errstate(divide="ignore", invalid="ignore"):
            cond = np.stack([lik, 1.0 - lik])
            terms = np.where(joint > 0, joint * np.log2(cond / p_out[:, None]), 0.0)
        gain = max(float(terms.sum()), 0.0)
        out.append(
            IndicatorValue(
                id=ind.id,
                text=ind.text,
                p_happens=float(p_out[0]),
                gain_bits=gain,
                if_happens=dict(zip(hids, map(float, post[0]), strict=True)),
                if_not=dict(zip(hids, map(float, post[1]), strict=True)),
                reliability=r,
            )
        )
    return sorted(out, key=lambda v: -v.gain_bits)
