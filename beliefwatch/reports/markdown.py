"""Markdown with the plots as PNG files in a folder beside it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from beliefwatch.reports.content import Report, interval_text, report_sections
from beliefwatch.reports.drivers import (
    render_markdown_conflict,
    render_markdown_drivers,
    render_markdown_watch,
    tornado_png,
)
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
    d = r.drivers

    def bottom_line(title: str) -> list[str]:
        return [f"## {title}", "", f"> {_cell(r.bottom_line)}", "", _cell(r.basis), ""]

    def hypotheses(title: str) -> list[str]:
        lines = [
            f"## {title}",
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
        return lines

    def timeline(title: str) -> list[str]:
        return [
            f"## {title}",
            "",
            f"![Credence after each item, in date order]({images['timeline']})",
            "",
        ]

    def evidence(title: str) -> list[str]:
        lines = [
            f"## {title}",
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
        return [*lines, ""]

    def influential(title: str) -> list[str]:
        lines = [f"### {title}", ""]
        lines += [
            f"- {_cell(text)} ({_cell(item)}): removing it would move the leader's credence by "
            f"{-100 * delta:+.1f} points"
            for item, text, delta in r.influential
        ] or ["- No evidence items."]
        return [*lines, ""]

    draw = {
        "bottom_line": bottom_line,
        "hypotheses": hypotheses,
        "timeline": timeline,
        "evidence": evidence,
        "influential": influential,
        "drivers": lambda t: render_markdown_drivers(d, t, tornado_png(d, folder)),
        "conflict": lambda t: render_markdown_conflict(d, t),
        "watch": lambda t: render_markdown_watch(d, t),
        "caveats": lambda t: [f"## {t}", "", *(f"- {_cell(c)}" for c in r.caveats), ""],
        "reproducibility": lambda t: [
            f"## {t}", "", "| | |", "|---|---|",
            *(f"| {_cell(k)} | {_cell(v)} |" for k, v in r.reproducibility),
        ],
    }  # fmt: skip
    lines = [
        f"# {_cell(r.title)}",
        "",
        f"**Question:** {_cell(r.question)}  ",
        (f"**Author:** {_cell(r.author)}  " if r.author else "") + f"**Date:** {_cell(r.date)}",
        "",
    ]
    for section in report_sections(r):
        lines += draw[section.key](section.title)
    return "\n".join(lines).rstrip("\n") + "\n"
