"""Is a result current? The one definition: a fingerprint of the model's inputs, stamped on every
Result when it is made and compared with the fingerprint of the case as it is now.

The fingerprint holds what the numbers depend on and nothing else: hypothesis ids (not names or
order), the prior, and per item, in timeline order, its date and a hash of its row of inputs
(likelihoods and their ranges, reliability, shared source, dependence group). Renaming a
hypothesis or rewording an item leaves a result current; any change of a number does not. Kept
per item so that a stale result can say what changed without recomputing anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from beliefwatch.inference.spec import Spec

SHOWN = 4  # ids named in a message before "and N more"


@dataclass(frozen=True)
class Fingerprint:
    hypotheses: frozenset[str]
    prior: str  # hash of the prior (central and Dirichlet), by hypothesis id
    items: tuple[tuple[str, dt.date | None, str], ...]  # (id, date, hash of its inputs)

    @property
    def digest(self) -> str:
        """The whole fingerprint as one short string (for logs and reports)."""
        h = hashlib.blake2b(digest_size=10)
        h.update("|".join(sorted(self.hypotheses)).encode())
        h.update(self.prior.encode())
        for item, date, row in self.items:
            h.update(f"{item}@{date}:{row};".encode())
        return h.hexdigest()


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def fingerprint(spec: Spec) -> Fingerprint:
    """The fingerprint of the inputs a spec holds (about 1 ms for 1,000 items)."""
    order = np.argsort(np.array(spec.hypotheses, dtype=object)) if spec.K else np.zeros(0, int)
    alpha = np.zeros(0) if spec.alpha is None else spec.alpha[order]
    prior = _hash(np.concatenate([spec.prior[order], [-1.0], alpha]).tobytes())
    if not spec.J:
        return Fingerprint(frozenset(spec.hypotheses), prior, ())
    cells = [spec.lik, spec.rated, spec.lik_a, spec.lik_b, spec.uncertain]
    per_item = [spec.rel, spec.rel_a, spec.rel_b, spec.rel_uncertain, spec.weight]
    if spec.group_rho is not None:
        per_item.append(spec.group_rho)
    rows = np.hstack(
        [np.asarray(c, dtype=float)[:, order] for c in cells]
        + [np.asarray(v, dtype=float)[:, None] for v in per_item]
    )
    shared = spec.shared_sources
    tags = [
        f"{shared[s] if s >= 0 else ''}|{g or ''}"
        for s, g in zip(spec.rel_source.tolist(), spec.groups, strict=True)
    ]
    items = tuple(
        (item, date, _hash(row.tobytes() + tag.encode()))
        for item, date, row, tag in zip(spec.items, spec.dates, rows, tags, strict=True)
    )
    return Fingerprint(frozenset(spec.hypotheses), prior, items)


def _ids(ids: list[str]) -> str:
    head = ", ".join(repr(i) for i in ids[:SHOWN])
    return head + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _added_removed(what: str, now: list[str], then: list[str]) -> list[str]:
    added = [i for i in now if i not in set(then)]
    removed = [i for i in then if i not in set(now)]
    out = []
    if removed:
        out.append(f"{what} {_ids(removed)} removed")
    if added:
        out.append(f"{what} {_ids(added)} added")
    return out


def differences(now: Fingerprint, then: Fingerprint) -> list[str]:
    """What changed from ``then`` (the result's) to ``now`` (the case's), in a few words each;
    empty when the result is current."""
    if now == then:
        return []
    out = _added_removed("hypothesis", sorted(now.hypotheses), sorted(then.hypotheses))
    now_ids = [i for i, _d, _r in now.items]
    then_ids = [i for i, _d, _r in then.items]
    out += _added_removed("item", now_ids, then_ids)
    if out:
        return out
    dated = {i: d for i, d, _r in then.items}
    moved = [i for i, d, _r in now.items if d != dated[i]]
    if moved:
        return [f"item {_ids(moved)} re-dated"]
    if now_ids != then_ids:
        return ["items in another order"]
    if now.prior != then.prior:
        out.append("the priors changed")
    changed = [i for (i, _d, r), (_i, _e, s) in zip(now.items, then.items, strict=True) if r != s]
    if changed:
        out.append(f"item {_ids(changed)} changed")
    return out
