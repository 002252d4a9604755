"""A numeric snapshot of a case: the arrays every engine works on.

Items are held in timeline order (date, then file order; undated items first, as background).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError
from beliefwatch.core.solvers import minimize_bounded
from beliefwatch.inference import rules
from beliefwatch.inference.rows import BY_ITEM, constant, hypothesis_key, item_row

# The prior strength fitted to prior ranges is kept within these bounds.
MIN_STRENGTH, MAX_STRENGTH = 0.5, 1e5


# The smallest padded sizes of the PyMC model (see Spec.structure).
MIN_HYPOTHESES, MIN_ITEMS, MIN_SOURCES, MIN_CELLS = 4, 8, 2, 8
# The least bucket of each of Spec._sizes; own reliabilities are counted like sources.
_LEAST_SIZES = (MIN_HYPOTHESES, MIN_ITEMS, MIN_SOURCES, MIN_CELLS, MIN_SOURCES)


def size_bucket(n: int, least: int) -> int:
    """The next power of two at or above n (and at least ``least``): a padded model serves
    every size in its bucket, and doubling keeps the unused share below a half."""
    return max(least, 1 << max(n - 1, 0).bit_length())


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
    # (J,) per item: index of its dependence group, -1 when independent, and that group's rho.
    group_index: np.ndarray | None = None
    group_rho: np.ndarray | None = None
    # (J,) bool: the item rates at least one live hypothesis (None: every item does).
    informative: np.ndarray | None = None

    @property
    def K(self) -> int:
        return len(self.hypotheses)

    @property
    def J(self) -> int:
        return len(self.items)

    @property
    def live(self) -> np.ndarray:
        """(K,) bool: hypotheses with a prior above 0, the only ones evidence can move."""
        return self.prior > 0

    @property
    def has_uncertainty(self) -> bool:
        uncertain_cells = bool(self.uncertain.any()) or bool(self.rel_uncertain.any())
        return self.alpha is not None or uncertain_cells

    @property
    def structure(self) -> tuple:
        """What forces the PyMC model to be compiled again (the engine's cache key, and the
        window's cue to compile ahead): only the sizes it is padded to - hypotheses, items,
        shared sources, uncertain likelihood cells and items with an uncertain reliability of
        their own, each rounded up to a bucket. Which inputs are uncertain, and every value,
        go in as data: an added item, hypothesis or range inside its bucket re-samples without
        a compile."""
        return tuple(map(size_bucket, self._sizes, _LEAST_SIZES))

    @property
    def _sizes(self) -> tuple[int, ...]:
        """What Spec.structure buckets: hypotheses, items, shared sources, uncertain live
        cells, items with an uncertain reliability of their own."""
        return (self.K, self.J, len(self.shared_sources),
                int((self.uncertain & self.live).sum()),
                int((self.rel_uncertain & (self.rel_source < 0)).sum()))  # fmt: skip

    @property
    def next_structures(self) -> list[tuple]:
        """The buckets one more item, hypothesis, shared source or range would move the case
        to, where it fills its bucket now: the window compiles them ahead too, so that the next
        addition does not wait for a compile."""
        now = self.structure
        return [(*now[:i], 2 * now[i], *now[i + 1 :])
                for i, n in enumerate(self._sizes[:4]) if n == now[i]]  # fmt: skip

    @property
    def source_beta(self) -> tuple[np.ndarray, np.ndarray]:
        """(a, b) of each shared source's reliability Beta, in shared_sources order."""
        return rules.source_parameters(
            self.rel_source, self.rel_a, self.rel_b, len(self.shared_sources)
        )

    @property
    def conjugate(self) -> bool:
        """True when MODEL.md section 6a applies.

        An uncertain reliability couples the items (no closed form). Tempering breaks
        conjugacy only where it meets a Beta cell: a fixed likelihood raised to w_g is just
        another constant.
        """
        if self.rel_uncertain.any():
            return False
        tempered = self.weight < 1.0
        return not (self.uncertain[tempered].any() if tempered.any() else False)

    @cached_property
    def eff(self) -> np.ndarray:
        """(J, K) effective likelihoods at the central values (a read-only view, computed once).

        Fields are not meant to change after build_spec; a changed case needs a new spec.
        """
        out = effective_likelihood(self).view()
        out.flags.writeable = False
        return out

    def item_label(self, j: int) -> str:
        return f"evidence '{self.items[j]}'"


def _timeline_order(dates: list[dt.date | None]) -> list[int] | None:
    """Dated items by date (ties in file order) after the undated ones; None if already so."""
    n_undated = dates.count(None)
    dated = dates[n_undated:]
    if not any(dates[:n_undated]) and all(map(operator.le, dated, dated[1:])):
        return None
    ords = [0 if d is None else d.toordinal() for d in dates]
    return sorted(range(len(ords)), key=ords.__getitem__)


_CENTRAL, _BETA = operator.attrgetter("central"), operator.attrgetter("beta")
_ID, _DATE, _GROUP, _ORIGIN = map(operator.attrgetter, ("id", "date", "group", "origin"))
_RELIABILITY, _BASE_RATE = map(operator.attrgetter, ("reliability", "base_rate"))


def build_spec(case: Case) -> Spec:
    warnings: list[str] = []
    K = len(case.hypotheses)
    if K == 0:
        raise CaseError("the case has no hypotheses")
    prior, alpha = _prior(case, warnings)

    dates = list(map(_DATE, case.evidence))
    order = _timeline_order(dates)
    if order is None:
        items = case.evidence
    else:
        items = [case.evidence[i] for i in order]
        dates = [dates[i] for i in order]
    J = len(items)
    hids = case.hypothesis_ids
    hkey = hypothesis_key(hids)
    column = {h: k for k, h in enumerate(hids)}
    # The cache hit of _row, inlined: this line is most of an update's time.
    cached = BY_ITEM.get
    rows = [
        c if (c := cached(id(e))) and c.hkey is hkey and c.likelihoods == e.likelihoods
        else item_row(e, hkey, column)
        for e in items
    ]  # fmt: skip
    # bytearray.join: one copy, into a buffer numpy may write to.
    lik = np.frombuffer(bytearray().join(map(_CENTRAL, rows))).reshape(J, K)
    betas = list(map(_BETA, rows))
    if betas.count(None) < J:
        lik_a = np.ones((J, K))
        lik_b = np.ones((J, K))
        unc = np.zeros((J, K), dtype=bool)
        with_beta = [j for j, b in enumerate(betas) if b is not None]
        beta = np.frombuffer(b"".join([betas[j] for j in with_beta])).reshape(-1, 3, K)
        lik_a[with_beta] = beta[:, 0]
        lik_b[with_beta] = beta[:, 1]
        unc[with_beta] = beta[:, 2] > 0
    else:
        lik_a = lik_b = constant(J, K, 1.0)
        unc = constant(J, K, False)
    live = prior > 0
    unrated = np.isnan(lik)
    if unrated.any() or not live.all():
        rated = ~unrated
        lik, informative = rules.fill_unrated(lik, live)
    else:
        rated = constant(J, K, True)
        informative = None

    ids = list(map(_ID, items))
    groups = list(map(_GROUP, items))
    rels = list(map(_RELIABILITY, items))
    base_rates = list(map(_BASE_RATE, items))
    for j in np.flatnonzero(~informative) if informative is not None else ():
        rates = "no hypothesis" if not rated[j].any() else "only hypotheses with prior 0"
        warnings.append(f"evidence '{ids[j]}' rates {rates}: it carries no information")

    rel = np.ones(J)
    rel_a = np.ones(J)
    rel_b = np.ones(J)
    rel_unc = np.zeros(J, dtype=bool)
    rel_src = np.full(J, -1)
    shared: list[str] = []
    source_rel = {s.id: s.reliability for s in case.sources if s.reliability is not None}
    if source_rel or rels.count(None) < J:
        for j, e in enumerate(items):
            r = rels[j]
            from_source = r is None
            if from_source:
                r = source_rel.get(e.source) if e.source else None
                if r is None:
                    continue
            rel[j] = r.central
            if r.beta is not None:
                rel_unc[j] = True
                rel_a[j], rel_b[j] = r.beta
                if from_source:  # the declared source's: shared by its reports
                    if e.source not in shared:
                        shared.append(e.source)
                    rel_src[j] = shared.index(e.source)

    base = rules.base_rate(lik, live)
    if base_rates.count(None) < J:
        for j, b in enumerate(base_rates):
            if b is not None:
                base[j] = b

    if groups.count(None) < J:
        rho_of = {}
        for g in dict.fromkeys(g for g in groups if g is not None):
            declared = case.group(g)
            rho_of[g] = declared.correlation if declared is not None else 1.0
        counted = np.ones(J, dtype=bool) if informative is None else informative
        weight, group_index, group_rho = rules.group_weights(groups, rho_of, counted)
    else:
        weight, group_index, group_rho = np.ones(J), np.full(J, -1), np.zeros(J)

    spec = Spec(
        question=case.question,
        hypotheses=hids,
        names=[h.name for h in case.hypotheses],
        items=ids,
        dates=dates,
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
        groups=groups,
        origins=list(map(_ORIGIN, items)),
        warnings=warnings,
        group_index=group_index,
        group_rho=group_rho,
        informative=informative,
    )
    _check_possible(spec)
    return spec


def _prior(case: Case, warnings: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    ests = [h.prior for h in case.hypotheses]
    central = np.array([e.central for e in ests]) + 0.0  # no -0.0 (see elicitation._number)
    total = float(central.sum())
    if total <= 0:
        raise CaseError("every prior is 0: at least one hypothesis must be possible")
    if prior_scale(ests) != 1.0:
        ranges = any(e.uncertain for e in ests)
        warnings.append(
            f"priors sum to {total:.4g}, not 1: normalised"
            + (
                " (a range or word counts at its central value, its fitted Beta's mean)"
                if ranges
                else ""
            )
        )
    prior = central / total
    # Judged after normalising: priors 1 and 0.5 are 2/3 and 1/3, which evidence can move.
    for h, p in zip(case.hypotheses, prior, strict=True):
        if p in (0.0, 1.0):
            warnings.append(
                f"hypothesis '{h.id}' has prior {p:g}: no evidence can change it "
                "(Cromwell's rule - use a small number instead)"
            )
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


def prior_scale(ests) -> float:
    """What the typed priors were divided by: 1 when they sum to 1 either at their central
    values or with each range or word at its midpoint, else the sum of the central values.

    A range's central value (its Beta's mean) is not its midpoint, so priors typed to sum to 1
    (0.5, 0.3-0.5 and 0.1) have centres summing to 0.998: normalising those is expected, not
    worth a warning, and the range is still shown as typed.
    """
    central = float(sum(e.central for e in ests))
    typed = float(sum((e.low + e.high) / 2 for e in ests))
    if abs(central - 1.0) <= 1e-6 or abs(typed - 1.0) <= 1e-6:
        return 1.0
    return central


@lru_cache(maxsize=256)
def _fit_strength(ranges: tuple[tuple[float, float, float], ...]) -> float:
    """Dirichlet strength s whose Beta(s*p, s*(1-p)) marginals best match the prior ranges.

    One parameter for all hypotheses: least squares on the logit scale over the 5% and 95%
    quantiles of every hypothesis given as a range or word (MODEL.md section 3).
    """
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

    return math.exp(minimize_bounded(loss, math.log(MIN_STRENGTH), math.log(MAX_STRENGTH)))


def effective_likelihood(spec: Spec, lik=None, rel=None) -> np.ndarray:
    """l' = r*l + (1-r)*c (MODEL.md section 4), broadcasting over leading draw axes."""
    if lik is None and rel is None and "eff" in spec.__dict__:
        return spec.eff
    lik = spec.lik if lik is None else lik
    rel = spec.rel if rel is None else rel
    rel = np.asarray(rel)
    if not rel.ndim > 1 and bool((rel == 1.0).all()):
        return lik  # r = 1 everywhere: the items as entered
    return rules.effective(lik, rel, spec.base)


def _check_possible(spec: Spec) -> None:
    eff = spec.eff
    live = spec.live
    if live.all():
        if eff.size == 0 or eff.min() > 0:  # the usual case, without a per-row reduction
            return
        top = eff.max(axis=1)
    else:
        top = eff[:, live].max(axis=1)
    for j in np.flatnonzero(~(top > 0)):
        raise CaseError(
            "impossible under every hypothesis (its likelihood is 0 wherever the prior is not);"
            " at least one hypothesis must allow what was observed",
            file=spec.origins[j],
            item=spec.item_label(j),
        )
