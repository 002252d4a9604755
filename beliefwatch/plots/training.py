"""What the training views' charts show, without Qt or matplotlib: the ACH ranking beside the
Bayesian one (the headline's words are ``reports/wording.ach_verdict``). The window draws them
natively (``gui/training_charts.py``): they change on every edit while their tab shows."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

ACH_COLOR, BAYES_COLOR = "#D55E00", "#0072B2"
ESTIMATE_COLOR, PRIOR_COLOR = "#D55E00", "#BBBBBB"  # the trainee's bars, the prior's


@dataclass(frozen=True)
class RankRow:
    """One hypothesis in the two rankings; positions count from the top (0: ranked first)."""

    id: str
    name: str
    score: float  # weighted PARC: the fewer inconsistencies, the higher ACH ranks it
    ach_pos: int
    bayes_pos: int | None  # None while the credences are hidden (training)
    credence: float | None
    ach_rank: int  # competition ranks, as the scores table gives them: a tie shares its rank
    bayes_rank: int | None

    @property
    def moved(self) -> bool:
        """Two places or more apart: a swap of neighbours is noise, not news."""
        return self.bayes_pos is not None and abs(self.ach_pos - self.bayes_pos) >= 2


def rank_rows(names: dict[str, str], parc: dict[str, float],
              credences: dict[str, float] | None) -> list[RankRow]:  # fmt: skip
    """The hypotheses in ACH's order (fewest weighted inconsistencies first; ties in case
    order), each with its place in Bayes' order (highest credence first)."""
    from beliefwatch.inference.ach_scores import ranks

    hyps = list(names)
    ach_rank = ranks(parc, reverse=False)
    bayes_rank = ranks(credences, reverse=True) if credences is not None else {}
    ach = sorted(hyps, key=lambda h: (parc[h], hyps.index(h)))
    bayes = {}
    if credences is not None:
        order = sorted(hyps, key=lambda h: (-credences[h], hyps.index(h)))
        bayes = {h: i for i, h in enumerate(order)}
    return [RankRow(h, names[h], parc[h], i, bayes.get(h),
                    None if credences is None else credences[h], ach_rank[h], bayes_rank.get(h))
            for i, h in enumerate(ach)]  # fmt: skip


def score_text(score: float) -> str:
    """A weighted PARC score as short as it reads: 4, 1.5, 0.71."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


def join_names(names: list[str], most: int = 3) -> str:
    """Bold names joined as a sentence reads them: "A", "A and B", "A, B and C"; past ``most``
    the first ``most - 1`` and a count: "A, B and 3 others"."""
    bold = [f"<b>{escape(n)}</b>" for n in names]
    if len(bold) > most:
        bold = [*bold[: most - 1], f"{len(names) - most + 1} others"]
    return bold[0] if len(bold) == 1 else ", ".join(bold[:-1]) + " and " + bold[-1]
