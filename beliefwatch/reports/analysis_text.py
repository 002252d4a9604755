"""Plain-text tables of the analyses (``beliefwatch analyze`` without ``--json``)."""

from __future__ import annotations

from beliefwatch.inference.analyses import Analysis
from beliefwatch.reports import wording

TOP = 10


def _pct(x: float | None) -> str:
    return "    –" if x is None else f"{100 * x:5.1f}%"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def analysis_tables(a: Analysis) -> str:
    lead = a.leader
    lines = ["What drives the conclusion", ""]
    lines.append(f"Leader: {a.names[lead]} ({_pct(a.credences[lead]).strip()}), "
                 f"{wording.robustness_sentence(a)}.")  # fmt: skip
    if a.runner_up is not None:
        lines.append(
            f"Runner-up: {a.names[a.runner_up]} ({_pct(a.credences[a.runner_up]).strip()}); "
            f"{a.to_overtake_db:.1f} dB to overtake: {wording.overtake_sentence(a)}."
        )
    if a.items:
        lines += [
            "",
            f"Influence on the leader ({lead}), largest first: credence with the item minus "
            "without it, and its Bayes factor for the leader against the rest",
            "",
        ]
        lines.append(f"{'item':<40}  {'influence':>9}  {'dB':>6}")
        ranked = sorted(a.items, key=lambda i: -abs(i.influence[lead]))
        for i in ranked[:TOP]:
            lines.append(
                f"{_short(i.id, 40):<40}  {100 * i.influence[lead]:+8.1f}%  "
                f"{i.bayes_factor_db[lead]:+6.1f}"
            )
    if a.tornado:
        lines += [
            "",
            f"Tornado: the leader's credence ({_pct(a.tornado_center).strip()} at central "
            "values) with each uncertain input at the ends of its range",
            "",
        ]
        lines.append(f"{'input':<52}  {'range':>13}  {'low':>6}  {'high':>6}")
        for b in a.tornado[:TOP]:
            lo, hi = a.tornado_ranges[b.input]
            lines.append(
                f"{_short(b.input, 52):<52}  {lo:>6.3g}–{hi:<6.3g}  {_pct(b.low)}  {_pct(b.high)}"
            )
        if len(a.tornado) > TOP:
            lines.append(f"... and {len(a.tornado) - TOP} more (--json lists them all)")
        if any(b.input == "prior_strength" for b in a.tornado):
            lines.append(a.prior_strength_note)
    lines += ["", "Conflict", ""]
    lines.append(a.conflict_warning or f"No conflict: the measure is {a.conflict:.2f} (≤ 0).")
    lines += ["", "Watch list (expected information gain, best first)", ""]
    if not a.indicators:
        lines.append("No indicators are being watched.")
    for v in a.indicators:
        go = lambda post: max(post, key=post.get)  # noqa: E731
        lines.append(
            f"{_short(v.id, 32):<32}  {v.gain_bits:.3f} bits  P(happens) {_pct(v.p_happens)}  "
            f"if it happens: {go(v.if_happens)} {_pct(v.if_happens[go(v.if_happens)]).strip()}; "
            f"if not: {go(v.if_not)} {_pct(v.if_not[go(v.if_not)]).strip()}"
        )
    return "\n".join(lines)
