"""A numeric snapshot of a case: the arrays every engine works on.

Items are held in timeline order (date, then file order; undated items first, as background).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError

# The prior strength fitted to prior ranges is kept within these bounds.
MIN_STRENGTH, MAX_STRENGTH = 0.5, 1e5


@dataclass
class Spec:
    question: str
    hypotheses: list[str]
    names: list[str]
    items: list[str]  # timeline order
    dates: list[dt.date | None]
    prior: np.ndarray  # (K,) normalised central prior
    alpha: np.ndarray | None  # (K,) Dirichlet parameters, None for a fixed prior
    lik: np.ndarray  # (J, K) central likelihoods, unrated cells filled
    rated: np.ndarray  # (J, K) bool
    lik_a: np.ndarray  # (J, K) Beta parameters, 1 where the cell is fixed
    lik_b: np.ndarray
    uncertain: np.ndarray  # (J, K) bool: cell has a Beta distribution
    rel: np.ndarray  # (J,) central reliability
    rel_a: np.ndarray  # (J,) Beta parameters where the reliability is uncertain, else 1
    rel_b: np.ndarray
    rel_uncertain: np.ndarray  # (J,) bool
    rel_source: np.ndarray  # (J,) index into shared_sources, -1 if the item's own or fixed
    shared_sources: list[str]
    base: np.ndarray  # (J,) c_j of MODEL.md section 4
    weight: np.ndarray  # (J,) dependence-group weight w_g (1 when independent)
    groups: list[str | None]
    origins: list[str | None]
    warnings: list[str] = field(default_factory=list)

    @property
    def K(self) -> int:
        return len(self.hypotheses)

    @property
    def J(self) -> int:
        return len(self.items)

    @property
    def has_uncertainty(self) -> bool:
        uncertain_cells = bool(self.uncertain.any()) or bool(self.rel_uncertain.any())
        return self.alpha is not None or uncertain_cells

    @property
    def conjugate(self) -> bool:
        """True when MODEL.md section 6a applies: no uncertain reliability, no tempering."""
        return not self.rel_uncertain.any() and bool(np.all(self.weight == 1.0))

    def item_label(self, j: int) -> str:
        return f"evidence '{self.items[j]}'"


def build_spec(case: Case) -> Spec:
    warnings: list[str] = []
    K = len(case.hypotheses)
    if K == 0:
        raise CaseError("the case has no hypotheses")
    prior, alpha = _prior(case, warnings)

    order = sorted(
        range(len(case.evidence)),
        key=lambda i: (case.evidence[i].date is not None, case.evidence[i].date or dt.date.min, i),
    )
    items = [case.evidence[i] for i in order]
    J = len(items)
    hids = case.hypothesis_ids
    lik = np.ones((J, K))
    rated = np.zeros((J, K), dtype=bool)
    lik_a = np.ones((J, K))
    lik_b = np.ones((J, K))
    unc = np.zeros((J, K), dtype=bool)
    rel = np.ones(J)
    rel_a = np.ones(J)
    rel_b = np.ones(J)
    rel_unc = np.zeros(J, dtype=bool)
    rel_src = np.full(J, -1)
    shared: list[str] = []
    base = np.full(J, np.nan)
    weight = np.ones(J)
    group_sizes: dict[str, int] = {}
    for e in items:
        if e.group is not None:
            group_sizes[e.group] = group_sizes.get(e.group, 0) + 1

    column = {h: k for k, h in enumerate(hids)}
    cells: list[tuple[int, int, float]] = []
    betas: list[tuple[int, int, float, float]] = []
    for j, e in enumerate(items):
        for h, est in e.likelihoods.items():
            if est.rated:
                cells.append((j, column[h], est.central))
                if est.beta is not None:
                    betas.append((j, column[h], *est.beta))
    if cells:
        jj, kk, vv = zip(*cells, strict=True)
        rated[jj, kk] = True
        lik[jj, kk] = vv
    if betas:
        jj, kk, aa, bb = zip(*betas, strict=True)
        unc[jj, kk] = True
        lik_a[jj, kk] = aa
        lik_b[jj, kk] = bb
    # Unrated cells carry no information: the mean of the item's rated values.
    n_rated = rated.sum(axis=1)
    row_mean = np.where(rated, lik, 0.0).sum(axis=1) / np.maximum(n_rated, 1)
    lik = np.where(rated, lik, np.where(n_rated > 0, row_mean, 1.0)[:, None])

    for j, e in enumerate(items):
        if not n_rated[j]:
            warnings.append(f"evidence '{e.id}' rates no hypothesis: it carries no information")
        r = case.reliability_of(e)
        if r is not None:
            rel[j] = r.central
            if r.beta is not None:
                rel_unc[j] = True
                rel_a[j], rel_b[j] = r.beta
                if e.reliability is None:  # the declared source's: shared by its reports
                    if e.source not in shared:
                        shared.append(e.source)
                    rel_src[j] = shared.index(e.source)
        if e.base_rate is not None:
            base[j] = e.base_rate
        if e.group is not None:
            g = case.group(e.group)
            rho = g.correlation if g is not None else 1.0
            weight[j] = 1.0 / (1.0 + rho * (group_sizes[e.group] - 1))

    base = np.where(np.isnan(base), lik.mean(axis=1), base)
    spec = Spec(
        question=case.question,
        hypotheses=hids,
        names=[h.name for h in case.hypotheses],
        items=[e.id for e in items],
        dates=[e.date for e in items],
        prior=prior,
        alpha=alpha,
        lik=lik,
        rated=rated,
        lik_a=lik_a,
        lik_b=lik_b,
        uncertain=unc,
        rel=rel,
        rel_a=rel_a,
        rel_b=rel_b,
        rel_uncertain=rel_unc,
        rel_source=rel_src,
        shared_sources=shared,
        base=base,
        weight=weight,
        groups=[e.group for e in items],
        origins=[e.origin for e in items],
        warnings=warnings,
    )
    _check_possible(spec)
    return spec


def _prior(case: Case, warnings: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    ests = [h.prior for h in case.hypotheses]
    central = np.array([e.central for e in ests])
    total = float(central.sum())
    if total <= 0:
        raise CaseError("every prior is 0: at least one hypothesis must be possible")
    if abs(total - 1.0) > 1e-6:
        warnings.append(f"priors sum to {total:.4g}, not 1: normalised")
    for h, e in zip(case.hypotheses, ests, strict=True):
        if not e.uncertain and e.low in (0.0, 1.0):
            warnings.append(
                f"hypothesis '{h.id}' has prior {e.low:g}: no evidence can change it "
                "(Cromwell's rule - use a small number instead)"
            )
    prior = central / total
    strength = case.prior_strength
    if strength is None and any(e.uncertain for e in ests):
        ranges = tuple(
            (float(prior[k]), e.low / total, e.high / total)
            for k, e in enumerate(ests)
            if e.uncertain and prior[k] > 0
        )
        strength = _fit_strength(ranges)
    if strength is None:
        return prior, None
    return prior, strength * prior


@lru_cache(maxsize=256)
def _fit_strength(ranges: tuple[tuple[float, float, float], ...]) -> float:
    """Dirichlet strength s whose Beta(s*p, s*(1-p)) marginals best match the prior ranges.

    One parameter for all hypotheses: least squares on the logit scale over the 5% and 95%
    quantiles of every hypothesis given as a range or word (MODEL.md section 3).
    """
    from scipy.optimize import minimize_scalar
    from scipy.special import betaincinv

    def logit(x):
        x = np.clip(x, 1e-9, 1 - 1e-9)
        return np.log(x / (1 - x))

    p = np.array([r[0] for r in ranges])
    lo = logit(np.array([r[1] for r in ranges]))
    hi = logit(np.array([r[2] for r in ranges]))

    def loss(log_s):
        s = math.exp(log_s)
        q_lo = logit(betaincinv(s * p, s * (1 - p), 0.05))
        q_hi = logit(betaincinv(s * p, s * (1 - p), 0.95))
        return float(np.sum((q_lo - lo) ** 2 + (q_hi - hi) ** 2))

    res = minimize_scalar(
        loss, bounds=(math.log(MIN_STRENGTH), math.log(MAX_STRENGTH)), method="bounded"
    )
    return float(math.exp(res.x))


def effective_likelihood(spec: Spec, lik=None, rel=None) -> np.ndarray:
    """l' = r*l + (1-r)*c (MODEL.md section 4), broadcasting over leading draw axes."""
    lik = spec.lik if lik is None else lik
    rel = spec.rel if rel is None else rel
    rel = np.asarray(rel)[..., :, None]
    return rel * lik + (1.0 - rel) * spec.base[:, None]


def _check_possible(spec: Spec) -> None:
    eff = effective_likelihood(spec)
    live = spec.prior > 0
    for j in np.flatnonzero(~(eff[:, live] > 0).any(axis=1)):
        raise CaseError(
            "impossible under every hypothesis (its likelihood is 0 wherever the prior is not);"
            " at least one hypothesis must allow what was observed",
            file=spec.origins[j],
            item=spec.item_label(j),
        )
