"""Where a trainee's estimate parts from the computed credences (MODEL.md section 8): drift
(conservatism or overreaction), base-rate neglect, and the items behind the largest gap.

Plain data for the Training tab's sentences (``reports/training_text.py``), tested headless.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from beliefwatch.inference.live import Live

CLOSE = 0.03  # an estimate within 3 points of the computation everywhere has no gap to explain
WEIGHTY_DB = 0.5  # an item that shifts the odds by about 12%; below that it hardly counts


@dataclass
class GapDiagnosis:
    moved_you: float  # how far the estimate is from the priors (total variation, 0..1)
    moved_computed: float  # how far the computed credences are from the priors
    drift: str | None  # "conservatism", "overreaction" or None
    neglected: str | None  # base-rate neglect: the hypothesis of the lowest prior, else None
    largest: str  # the hypothesis with the largest gap
    estimate: float  # the trainee's credence of ``largest`` (normalised)
    computed: float
    # Items that weigh the gap's way (for it if the trainee gave too little, else against it),
    # strongest first, with their decibans for ``largest``.
    items: list[tuple[str, float]] = field(default_factory=list)

    @property
    def gap(self) -> float:
        return self.estimate - self.computed

    @property
    def close(self) -> bool:
        return abs(self.gap) < CLOSE


def _tv(a: dict[str, float], b: dict[str, float], hyps: list[str]) -> float:
    """Total variation distance: how far apart two distributions are, in [0, 1]."""
    return 0.5 * sum(abs(a[h] - b[h]) for h in hyps)


def diagnose_gap(live: Live, est: dict[str, float]) -> GapDiagnosis:
    """The diagnosis for the trainee's normalised estimate ``est`` against the live result."""
    r = live.result
    hyps, prior, post = r.hypotheses, r.prior, r.credences
    you, comp = _tv(est, prior, hyps), _tv(post, prior, hyps)
    drift = None
    if comp >= 0.05 and you < 0.6 * comp:
        drift = "conservatism"
    elif you > 1.5 * comp + 0.05:
        drift = "overreaction"
    neglected = None
    ratio = {h: post[h] / prior[h] if prior[h] > 0 else 0.0 for h in hyps}
    total = sum(ratio.values())
    if total > 0 and max(prior.values()) > 1.5 * min(prior.values()):
        flat = {h: ratio[h] / total for h in hyps}  # the evidence alone, from equal priors
        if _tv(est, flat, hyps) + 0.02 < _tv(est, post, hyps):
            neglected = min(hyps, key=prior.get)
    h = max(hyps, key=lambda k: abs(est[k] - post[k]))
    out = GapDiagnosis(you, comp, drift, neglected, h, est[h], post[h])
    if out.close:
        return out
    k = live.spec.hypotheses.index(h)
    weights = {eid: float(live.cell_db[j, k]) for eid, j in live.row_of_item.items()}
    gave_too_little = out.gap < 0
    toward = sorted(weights, key=weights.get, reverse=gave_too_little)
    out.items = [
        (e, weights[e])
        for e in toward
        if (weights[e] >= WEIGHTY_DB if gave_too_little else weights[e] <= -WEIGHTY_DB)
    ]
    return out
