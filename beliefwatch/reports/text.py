"""Plain-text tables of a result, for the terminal."""

from __future__ import annotations

from beliefwatch.inference.result import Result

BAR = 24


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def result_table(r: Result) -> str:
    lines = [f"Question: {r.question}" if r.question else "Question: (none)"]
    info = f"Engine: {r.engine_line}"
    d = r.diagnostics
    if d.get("requested") == "exact":
        info += f" (exact asked, but {d['not_exact']})"
    untrusted = any(lo != lo or hi != hi for lo, hi in r.intervals.values())  # NaN
    if untrusted:
        info += "\nIntervals need a full update (--engine pymc): too few effective draws"
    elif r.n_draws:
        info += f"\n{r.n_draws} draws · seed {r.seed} · {round(100 * r.interval_prob)}% intervals"
    else:
        info += "\nCredences are exact, intervals have no width"
    lines += [info, ""]
    width = min(max(len(r.names[h]) for h in r.hypotheses), 48)
    head = f"{'Hypothesis':<{width}}  {'Prior':>6}  {'Credence':>8}  {'Interval':>15}"
    lines += [head, "-" * (len(head) + BAR + 2)]
    for h in sorted(r.hypotheses, key=lambda h: -r.credences[h]):
        name = r.names[h]
        name = name if len(name) <= width else name[: width - 1] + "…"
        lo, hi = r.intervals[h]
        interval = f"{_pct(lo)}–{_pct(hi)}" if lo == lo and hi == hi else f"{'—':^13}"
        bar = "█" * round(BAR * r.credences[h])
        lines.append(
            f"{name:<{width}}  {_pct(r.prior[h])}  {_pct(r.credences[h]):>8}  {interval}  {bar}"
        )
    return "\n".join(lines)


def timeline_table(r: Result) -> str:
    ids = r.hypotheses
    width = max(8, *(len(h) for h in ids))
    head = f"{'date':<10}  {'item':<24}" + "".join(f"  {h[:width]:>{width}}" for h in ids)
    lines = ["Credence timeline", head]
    for s in r.timeline:
        date = s.date.isoformat() if s.date else ""
        item = (s.item or "(prior)")[:24]
        lines.append(
            f"{date:<10}  {item:<24}" + "".join(f"  {_pct(s.credences[h]):>{width}}" for h in ids)
        )
    return "\n".join(lines)
