"""The team's pooled judgments as plain text: ``beliefwatch pool FILES`` without ``--json``."""

from __future__ import annotations

from beliefwatch.plots.names import short_name


def engine_line(team) -> str:
    """Which engine made the pooled numbers and the diagnostic that made them trusted."""
    r = team.pooled
    parts = [f"engine {r.engine}"]
    for key, value in (r.diagnostics or {}).items():
        if isinstance(value, bool) or value is None:
            continue
        shown = f"{value:.4g}" if isinstance(value, int | float) else str(value)
        parts.append(f"{key.replace('_', ' ')} {shown}")
    return ", ".join(parts)


def analyst_engines(team, labels: list[str] | None = None) -> str:
    """Which engine made each analyst's credences, in one phrase."""
    engines = [a.result.engine for a in team.analysts]
    if len(set(engines)) == 1:
        return f"each analyst's case: engine {engines[0]}"
    labels = labels or [a.name for a in team.analysts]
    return "analysts' cases: " + ", ".join(
        f"{who} {e}" for who, e in zip(labels, engines, strict=True)
    )


def team_table(team) -> str:
    hyps = team.hypotheses
    names = [a.name for a in team.analysts]
    width = max(12, *(min(len(n), 16) for n in names))
    pct = int(100 * team.pooled.interval_prob)
    lines = [team.question or "(no question)", ""]
    head = f"{'hypothesis':24}" + "".join(f"{short_name(n, 16):>{width + 1}}" for n in names)
    head += f"{'linear':>8}{'log':>8}{'pooled':>8}  {pct}% interval{'spread':>9}"
    lines.append(head)
    for h in hyps:
        lo, hi = team.pooled.intervals[h]
        row = f"{short_name(team.names[h] or h, 24):24}"
        row += "".join(f"{a.result.credences[h]:>{width + 1}.1%}" for a in team.analysts)
        row += f"{team.linear[h]:>8.1%}{team.logarithmic[h]:>8.1%}{team.pooled.credences[h]:>8.1%}"
        row += f"  {lo:6.1%}-{hi:6.1%}{team.spread[h]:>9.1%}"
        lines.append(row)
    lines += ["", f"Pooled case: {engine_line(team)}; {analyst_engines(team)}.",
              f"Leader: {team.names[team.leader]}."]  # fmt: skip
    if not team.disagreements:
        lines.append("No disagreements: every analyst rated every shared item alike.")
    else:
        lines += ["", "Disagreements that matter (swing: how far the pooled leader's credence "
                  "moves between the analysts' versions of the item; spread in dB):"]  # fmt: skip
        lines.append(f"{'item':28}{'swing':>8}{'spread dB':>11}  range of the leader")
        for d in team.disagreements:
            lo, hi = min(d.leader.values()), max(d.leader.values())
            lines.append(f"{short_name(d.item, 28):28}{d.swing:>8.1%}{d.spread_db:>11.1f}  "
                         f"{lo:.1%} to {hi:.1%}")  # fmt: skip
    for item, who in team.partial.items():
        lines.append(f"Item {item} is only in {', '.join(who)}'s case: it counts for them only.")
    return "\n".join(lines)
