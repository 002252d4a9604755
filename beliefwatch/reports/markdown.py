"""Markdown with the plots as PNG files in a folder beside it."""

from __future__ import annotations

from pathlib import Path

from beliefwatch.reports.content import Report
from beliefwatch.reports.figures import png, report_figures


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render_markdown(r: Report, path: Path) -> str:
    folder = path.with_name(path.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for name, fig in report_figures(r.result).items():
        images[name] = f"{folder.name}/{png(fig, folder / f'{name}.png').name}"
    ids = [h["id"] for h in r.hypotheses]
    lines = [
        f"# {r.title}",
        "",
        f"**Question:** {_cell(r.question)}  ",
        (f"**Author:** {_cell(r.author)}  " if r.author else "") + f"**Date:** {r.date}",
        "",
        "## Bottom line",
        "",
        f"> {_cell(r.bottom_line)}",
        "",
        _cell(r.basis),
        "",
        "## Hypotheses",
        "",
        f"| Hypothesis | Prior | Credence | {round(100 * r.interval_prob)}% interval |",
        "|---|---:|---:|---:|",
    ]
    for h in r.hypotheses:
        name = f"**{_cell(h['name'])}**" if h["leader"] else _cell(h["name"])
        lines.append(
            f"| {name} | {_pct(h['prior'])} | {_pct(h['credence'])} | "
            f"{_pct(h['lo'])}–{_pct(h['hi'])} |"
        )
    lines += ["", f"![Prior and credence of each hypothesis]({images['credences']})", ""]
    if "forest" in images:
        lines += [f"![Credences with their draws]({images['forest']})", ""]
    lines += [
        "## Credence timeline",
        "",
        f"![Credence after each item, in date order]({images['timeline']})",
        "",
        "## Evidence",
        "",
        f"Weight of evidence (dB) for `{r.leader}` against `{r.runner_up}`.",
        "",
        "| Date | Item | Source | Reliability | " + " | ".join(ids) + " | dB |",
        "|---|---|---|---|" + "---:|" * len(ids) + "---:|",
    ]
    for x in r.evidence:
        cells = " | ".join(_cell(x.likelihoods[h]) for h in ids)
        lines.append(
            f"| {x.date} | {_cell(x.text)} (`{x.id}`) | {_cell(x.source)} | "
            f"{_cell(x.reliability)} | {cells} | {x.woe_db:+.1f} |"
        )
    lines += ["", "### Most influential items (leave-one-out)", ""]
    lines += [
        f"- **{item}** — {_cell(text)}: removing it would move the leader's credence by "
        f"{-100 * d:+.1f} points"
        for item, text, d in r.influential
    ] or ["- No evidence items."]
    lines += ["", "## Assumptions and caveats", ""]
    lines += [f"- {_cell(c)}" for c in r.caveats]
    lines += ["", "## Reproducibility", "", "| | |", "|---|---|"]
    lines += [f"| {k} | `{v}` |" for k, v in r.reproducibility]
    return "\n".join(lines) + "\n"
