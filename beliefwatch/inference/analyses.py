"""Analyses built on the point update (MODEL.md section 7)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from beliefwatch.core.case import Case, Indicator
from beliefwatch.inference import exact
from beliefwatch.inference.spec import Spec


def entropy_bits(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def to_overtake(credences: np.ndarray) -> float:
    """Decibans a single new item must give the runner-up over the leader to make it lead."""
    top, second = np.sort(credences)[::-1][:2]
    if second <= 0:
        return math.inf
    return 10.0 * math.log10(top / second)


def conflict(spec: Spec) -> float:
    """Hugin's conflict measure log[prod_j P(e_j) / P(e_1..e_n)] (> 0: evidence pulls apart)."""
    eff = exact.effective_likelihood(spec) ** spec.weight[:, None]
    prior = spec.prior
    with np.errstate(divide="ignore"):
        singles = np.log(eff @ prior).sum()
        log_joint = exact.log_prior(prior) + np.log(eff).sum(axis=0)
    top = log_joint.max()
    joint = top + math.log(np.exp(log_joint - top).sum())
    return float(singles - joint)


@dataclass
class IndicatorValue:
    id: str
    text: str
    p_observed: float  # predictive probability that it happens
    gain_bits: float  # expected reduction of uncertainty about the hypotheses
    if_observed: dict[str, float]
    if_not_observed: dict[str, float]


def indicator_values(case: Case, credences: np.ndarray) -> list[IndicatorValue]:
    """Rank watched indicators by expected information gain I(H; indicator), best first."""
    hids = case.hypothesis_ids
    out = []
    for ind in case.indicators:
        lik = _indicator_row(ind, hids)
        p_yes = float(lik @ credences)
        post_yes = lik * credences / p_yes if p_yes > 0 else credences
        p_no = 1.0 - p_yes
        post_no = (1 - lik) * credences / p_no if p_no > 0 else credences
        gain = entropy_bits(credences) - (
            p_yes * entropy_bits(post_yes) + p_no * entropy_bits(post_no)
        )
        out.append(
            IndicatorValue(
                ind.id,
                ind.text,
                p_yes,
                max(gain, 0.0),
                dict(zip(hids, map(float, post_yes), strict=True)),
                dict(zip(hids, map(float, post_no), strict=True)),
            )
        )
    return sorted(out, key=lambda v: -v.gain_bits)


def _indicator_row(ind: Indicator, hids: list[str]) -> np.ndarray:
    vals = [ind.likelihoods[h].central if h in ind.likelihoods else math.nan for h in hids]
    row = np.array(vals, dtype=float)
    rated = ~np.isnan(row)
    row[~rated] = row[rated].mean() if rated.any() else 0.5
    return row
