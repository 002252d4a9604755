"""Markdown with the plots as PNG files in a folder beside it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from beliefwatch.reports.content import Report, interval_text
from beliefwatch.reports.drivers import render_markdown_sections, tornado_png
from beliefwatch.reports.escape import md_text
from beliefwatch.reports.figures import png, report_figures

_cell = md_text  # `|` is escaped too, so the same text is safe in a table cell


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render_markdown(r: Report, path: Path) -> str:
    folder = path.with_name(path.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for name, fig in report_figures(r.result).items():
        # Quoted: the folder is named after the file, and "r (1).md" would end the link early.
        images[name] = quote(f"{folder.name}/{png(fig, folder / f'{name}.png').name}")
    ids = [h["id"] for h in r.hypotheses]
    names = {h["id"]: h["name"] for h in r.hypotheses}
    lines = [
        f"# {_cell(r.title)}",
        "",
        f"**Question:** {_cell(r.question)}  ",
        (f"**Author:** {_cell(r.author)}  " if r.author else "") + f"**Date:** {_cell(r.date)}",
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
            f"{interval_text(h['lo'], h['hi'])} |"
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
        f"Likelihoods P(item | hypothesis) as entered; dB: weight of evidence for "
        f"**{_cell(names[r.leader])}** against **{_cell(names[r.runner_up])}** "
        "(positive favours the leader).",
        "",
        "| Date | Item | Source | Reliability | "
        + " | ".join(_cell(h["short"]) for h in r.hypotheses)
        + " | dB |",
        "|---|---|---|---|" + "---:|" * len(ids) + "---:|",
    ]
    for x in r.evidence:
        cells = " | ".join(_cell(x.likelihoods[h]) for h in ids)
        lines.append(
            f"| {_cell(x.date)} | {_cell(x.text)} ({_cell(x.id)}) | {_cell(x.source)} | "
            f"{_cell(x.reliability)} | {cells} | {x.woe_db:+.1f} |"
        )
    if not (r.drivers and r.drivers.influence):  # else its influence table says it all
        lines += ["", "### Most influential items (leave-one-out)", ""]
        lines += [
            f"- {_cell(text)} ({_cell(item)}): removing it would move the leader's credence by "
            f"{-100 * d:+.1f} points"
            for item, text, d in r.influential
        ] or ["- No evidence items."]
    if r.drivers:
        lines += ["", *render_markdown_sections(r.drivers, tornado_png(r.drivers, folder))]
    lines += ["", "## Assumptions and caveats", ""]
    lines += [f"- {_cell(c)}" for c in r.caveats]
    lines += ["", "## Reproducibility", "", "| | |", "|---|---|"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in r.reproducibility]
    return "\n".join(lines) + "\n"
