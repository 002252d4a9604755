"""The training views' sentences: where a trainee's estimate parts from the computation (rich
text for the window's labels). Whether ACH and Bayes pick the same hypothesis states the
conclusion, so it is in wording.py."""

from __future__ import annotations

import math
from html import escape

from beliefwatch.core.case import Case
from beliefwatch.inference.training_gap import GapDiagnosis
from beliefwatch.plots.names import short_names

ITEMS_NAMED = 3


def gap_sentences(case: Case, names: dict[str, str], prior: dict[str, float],
                  d: GapDiagnosis) -> list[str]:  # fmt: skip
    """The diagnosis in sentences (MODEL.md section 8)."""
    short = short_names(names, 40)
    out = []
    you, comp = 100 * d.moved_you, 100 * d.moved_computed
    if d.drift == "conservatism":
        out.append(f"<b>Conservatism</b>: you moved {you:.0f} points away from the priors; "
                   f"the evidence moves the computation {comp:.0f} points.")  # fmt: skip
    elif d.drift == "overreaction":
        out.append(f"<b>Overreaction</b>: you moved {you:.0f} points away from the priors; "
                   f"the evidence moves the computation only {comp:.0f} points.")  # fmt: skip
    if d.neglected is not None:
        out.append(
            "<b>Base-rate neglect</b>: your numbers are closer to what the evidence alone "
            f"says (from equal priors) than to the computation, which starts from the "
            f"priors: {escape(short[d.neglected])} started at only "
            f"{100 * prior[d.neglected]:.0f}%."
        )
    if d.close:
        return [*out, "Your credences are within 3 points of the computed ones everywhere."]
    line = (f"The largest gap is on <b>{escape(short[d.largest])}</b>: you "
            f"{100 * d.estimate:.0f}%, computed {100 * d.computed:.0f}%.")  # fmt: skip
    if d.items:
        side = "favour it" if d.gap < 0 else "count against it"
        named = "; ".join(f"“{escape(case.item(e).text or e)}” ({_db(db)})"
                          for e, db in d.items[:ITEMS_NAMED])  # fmt: skip
        rest = len(d.items) - ITEMS_NAMED
        more = f" and {rest} more" if rest > 0 else ""
        line += (f" The computation weighs the items that {side} more than you did: "
                 f"{named}{more}.")  # fmt: skip
    else:
        line += " No single item weighs much for or against it: the gap comes from the priors."
    return [*out, line]


def _db(x: float) -> str:
    if math.isinf(x):
        return "rules it out" if x < 0 else "decisive"
    return f"{x:+.1f} dB for it" if x > 0 else f"{x:+.1f} dB against it"
