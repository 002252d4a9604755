"""Where a trainee's estimate parts from the computed credences (MODEL.md section 8), in words
and as a figure, for the Training tab."""

from __future__ import annotations

import math
from html import escape

from beliefwatch.plots.names import short_names


def explain_gap(case, live, est: dict[str, float]) -> list[str]:
    """Where the trainee's normalised estimate ``est`` parts from the computed credences, in
    sentences: conservatism or overreaction, base-rate neglect, and the items behind the
    largest gap (MODEL.md section 8)."""
    r = live.result
    hyps, prior, post = r.hypotheses, r.prior, r.credences
    names = short_names(r.names, 40)

    def tv(a, b):  # total variation distance: how far apart two distributions are, in [0, 1]
        return 0.5 * sum(abs(a[h] - b[h]) for h in hyps)

    out = []
    you, comp = tv(est, prior), tv(post, prior)
    if comp >= 0.05 and you < 0.6 * comp:
        out.append(f"<b>Conservatism</b>: you moved {100 * you:.0f} points away from the priors; "
                   f"the evidence moves the computation {100 * comp:.0f} points.")  # fmt: skip
    elif you > 1.5 * comp + 0.05:
        out.append(f"<b>Overreaction</b>: you moved {100 * you:.0f} points away from the priors; "
                   f"the evidence moves the computation only {100 * comp:.0f} points.")  # fmt: skip
    ratio = {h: post[h] / prior[h] if prior[h] > 0 else 0.0 for h in hyps}
    total = sum(ratio.values())
    unequal = max(prior.values()) > 1.5 * min(prior.values())
    if total > 0 and unequal:
        flat = {h: ratio[h] / total for h in hyps}  # the evidence alone, from equal priors
        if tv(est, flat) + 0.02 < tv(est, post):
            low = min(hyps, key=prior.get)
            out.append(
                "<b>Base-rate neglect</b>: your numbers are closer to what the evidence alone "
                f"says (from equal priors) than to the computation, which starts from the "
                f"priors: {escape(names[low])} started at only {100 * prior[low]:.0f}%."
            )
    h = max(hyps, key=lambda k: abs(est[k] - post[k]))
    gap = est[h] - post[h]
    if abs(gap) < 0.03:
        return [*out, "Your credences are within 3 points of the computed ones everywhere."]
    k = live.spec.hypotheses.index(h)
    weights = {eid: float(live.cell_db[j, k]) for eid, j in live.row_of_item.items()}
    toward = sorted(weights, key=weights.get, reverse=gap < 0)
    # Below: the items that favour h if the trainee gave it too little, else those against it.
    # 0.5 dB: an item that shifts the odds by about 12%; below that it hardly counts.
    same = [e for e in toward if (weights[e] >= 0.5 if gap < 0 else weights[e] <= -0.5)]
    picked = same[:3]
    side = "favour it" if gap < 0 else "count against it"
    line = (f"The largest gap is on <b>{escape(names[h])}</b>: you {100 * est[h]:.0f}%, computed "
            f"{100 * post[h]:.0f}%.")  # fmt: skip
    if picked:
        items = "; ".join(f"“{escape(case.item(e).text or e)}” ({_db(weights[e])})"
                          for e in picked)  # fmt: skip
        more = f" and {len(same) - 3} more" if len(same) > 3 else ""
        line += (f" The computation weighs the items that {side} more than you did: "
                 f"{items}{more}.")  # fmt: skip
    else:
        line += " No single item weighs much for or against it: the gap comes from the priors."
    return [*out, line]


def _db(x: float) -> str:
    if x == float("inf") or x == float("-inf"):
        return "rules it out" if x < 0 else "decisive"
    return f"{x:+.1f} dB for it" if x > 0 else f"{x:+.1f} dB against it"


def comparison_figure(result, est: dict[str, float]):
    """Prior, the trainee's estimate and the computed credence per hypothesis, as bars."""
    from matplotlib.figure import Figure

    hyps = result.hypotheses
    fig = Figure(figsize=(6.0, max(2.2, 0.55 * len(hyps) + 1.0)), layout="constrained")
    ax = fig.subplots()
    ys = range(len(hyps))
    h3 = 0.27
    series = (("prior", result.prior, "#BBBBBB"), ("you", est, "#D55E00"),
              ("computed", result.credences, "#0072B2"))  # fmt: skip
    for i, (label, vals, color) in enumerate(series):
        ax.barh([y + (1 - i) * h3 for y in ys], [100 * vals[h] for h in hyps], height=h3,
                color=color, label=label)  # fmt: skip
    short = short_names(result.names, 24)
    ax.set_yticks(list(ys), [short[h] for h in hyps], fontsize=8)
    ax.invert_yaxis()
    top = max(max(v.values()) for _l, v, _c in series)
    ax.set_xlim(0, min(100, 10 * math.ceil(10 * top + 0.5)))  # room for the legend
    ax.set_xlabel("credence (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(fontsize=8, loc="lower right", framealpha=0.9)
    ax.grid(axis="x", alpha=0.3)
    return fig
