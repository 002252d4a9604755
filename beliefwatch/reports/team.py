"""The team report (PDF or HTML): each analyst's credences beside the pools, the spread, the
disagreements that matter and every analyst's cell and note on each (docs/team.md).

Analysts appear as "Analyst 1", "Analyst 2"... (in file order) unless their names are asked
for, so that the report can be shared with the team without ranking people.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from beliefwatch.reports.team_text import analyst_engines, engine_line

FORMATS = (".pdf", ".html", ".htm")

METHOD = (
    "Linear pool: the mean of the analysts' credences. Logarithmic pool: their geometric mean, "
    "normalised. Pooled case: one case in which every cell the analysts rated alike is kept and "
    "every cell they rated differently becomes their disagreement - each analyst's value is "
    "read as the shared value plus that analyst's own noise (a hierarchical model on the logit "
    "scale), and the cell's distribution is what that model says of the shared value. The "
    "pooled case is updated like any case, so its interval carries the disagreement. Swing: how "
    "far the pooled leader's credence moves between the analysts' versions of one item, every "
    "other item pooled. Spread in dB: the largest gap between two analysts' weights of evidence "
    "(10·log10 of a likelihood ratio) for one pair of hypotheses."
)


def labels(team, names: bool) -> list[str]:
    return [a.name if names else f"Analyst {i + 1}" for i, a in enumerate(team.analysts)]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def team_report_data(team, *, names: bool = False) -> dict[str, Any]:
    """Plain data of the report; names replaced by "Analyst n" unless ``names``."""
    who = labels(team, names)
    rename = dict(zip([a.name for a in team.analysts], who, strict=True))
    hyps = team.hypotheses
    pct = round(100 * team.pooled.interval_prob)
    head = ["Hypothesis", *who, "Linear", "Log", "Pooled", f"{pct}% interval", "Spread"]
    rows = []
    for h in hyps:
        lo, hi = team.pooled.intervals[h]
        rows.append([team.names[h] or h, *(_pct(a.result.credences[h]) for a in team.analysts),
                     _pct(team.linear[h]), _pct(team.logarithmic[h]),
                     _pct(team.pooled.credences[h]), f"{100 * lo:.1f}–{_pct(hi)}",
                     _pct(team.spread[h])])  # fmt: skip
    disagreements = []
    for d in team.disagreements:
        cells = [[rename[a], *(d.cells[a][h].text() or "–" for h in hyps),
                  _pct(d.leader[a]), " ".join(d.notes[a].split())] for a in d.analysts]  # fmt: skip
        disagreements.append({"item": d.item, "text": d.text, "swing": _pct(d.swing),
                              "spread_db": f"{d.spread_db:.1f}", "cells": cells})  # fmt: skip
    notes = [f"Item {item} is only in {', '.join(rename[w] for w in who_has)}'s case: it "
             "counts for them only." for item, who_has in team.partial.items()]  # fmt: skip
    return {
        "date": dt.date.today().isoformat(),
        "names_shown": names,
        "question": team.question,
        "labels": who,
        "head": head,
        "rows": rows,
        "engine": f"{engine_line(team)}; {analyst_engines(team, who)}",
        "leader": team.names[team.leader] or team.leader,
        "hypotheses": hyps,
        "hyp_names": [(h, team.names[h]) for h in hyps],
        "disagreements": disagreements,
        "cell_head": ["Analyst", *hyps, f"{team.leader} with theirs", "Note"],
        "notes": notes,
        "n": len(team.analysts),
    }


def _figure(team, data):
    from beliefwatch.plots.team import spread_figure

    return spread_figure(team, data["labels"], width=7.0)


def _table_html(head: list[str], rows: list[list[str]], prose: tuple[int, ...] = (0,)) -> str:
    """Columns in ``prose`` (by index; negative from the end) left-aligned, others numbers."""
    e = escape
    left = {i % len(head) for i in prose}

    def cls(i: int) -> str:
        return "" if i in left else " class=n"

    th = "".join(f"<th{cls(i)}>{e(h)}</th>" for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{e(c)}</td>" for i, c in enumerate(r))
                   + "</tr>" for r in rows)  # fmt: skip
    return f"<div class=scroll><table><tr>{th}</tr>{body}</table></div>"


def render_team_html(team, data: dict[str, Any]) -> str:
    from beliefwatch.reports.figures import svg
    from beliefwatch.reports.html import CSS

    e = escape
    parts = []
    if not data["disagreements"]:
        parts.append("<p>No disagreements: every analyst rated every shared item alike.</p>")
    else:
        summary = [[d["item"], d["swing"], d["spread_db"], d["text"]]
                   for d in data["disagreements"]]  # fmt: skip
        parts.append(_table_html(["Item", "Swing", "Spread (dB)", "Text"], summary, (0, -1)))
        for d in data["disagreements"]:
            parts.append(f"<h3>{e(d['item'])}: swing {e(d['swing'])}</h3><p>{e(d['text'])}</p>")
            parts.append(_table_html(data["cell_head"], d["cells"], (0, -1)))
    notes = "".join(f"<p class=note>{e(n)}</p>" for n in data["notes"])
    hidden = "" if data["names_shown"] else " · names hidden"
    hyps = "; ".join(f"{h} = {n}" for h, n in data["hyp_names"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Team report</title><style>{CSS}</style></head><body>
<h1>Team report</h1>
<p class=meta>{e(data["question"])}<br>{data["n"]} analysts · {e(data["date"])}{hidden}</p>
<h2>Credences</h2>
{_table_html(data["head"], data["rows"])}
<p class=note>Pooled case: {e(data["engine"])}. Leader: {e(data["leader"])}.</p>
{svg(_figure(team, data))}
<h2>Disagreements that matter</h2>
{"".join(parts)}
<p class=note>Hypotheses: {e(hyps)}</p>
{notes}
<h2>Method</h2><p class=note>{e(METHOD)}</p>
</body></html>
"""


def render_team_pdf(team, data: dict[str, Any], path: Path) -> None:
    from beliefwatch.reports.pdf import _heading, _headings_style, _new_pdf, _para, _Plots

    pdf = _new_pdf()

    def footer() -> None:  # the credence report's footer names the wrong report
        pdf.set_y(-12)
        pdf.set_font("body", size=7)
        pdf.set_text_color(120)
        pdf.cell(0, 6, f"BeliefWatch team report · page {pdf.page_no()}", align="C")
        pdf.set_text_color(0)

    pdf.footer = footer
    plots = _Plots()
    pdf.add_page()
    pdf.set_font("body", "B", 18)
    pdf.multi_cell(0, 9, "Team report", new_x="LMARGIN", new_y="NEXT")
    hidden = "" if data["names_shown"] else " · names hidden"
    _para(pdf, f"{data['question']}\n{data['n']} analysts · {data['date']}{hidden}", 9)
    _heading(pdf, "Credences")
    _table(pdf, data["head"], data["rows"], first=48, _style=_headings_style)
    _para(pdf, f"Pooled case: {data['engine']}. Leader: {data['leader']}.", 8)
    plots.place(pdf, _figure(team, data), 175)
    _heading(pdf, "Disagreements that matter")
    if not data["disagreements"]:
        _para(pdf, "No disagreements: every analyst rated every shared item alike.", 9)
    else:
        summary = [[d["item"], d["swing"], d["spread_db"], d["text"]]
                   for d in data["disagreements"]]  # fmt: skip
        _table(pdf, ["Item", "Swing", "Spread (dB)", "Text"], summary, first=36,
               widths=(36, 18, 22), _style=_headings_style)  # fmt: skip
        for d in data["disagreements"]:
            if pdf.get_y() > pdf.h * 0.75:  # keep an item's heading with its table
                pdf.add_page()
            _heading(pdf, f"{d['item']}: swing {d['swing']}", 11)
            _para(pdf, d["text"], 9)
            _table(pdf, data["cell_head"], d["cells"], first=28, note=True,
                   _style=_headings_style)  # fmt: skip
    _para(pdf, "Hypotheses: " + "; ".join(f"{h} = {n}" for h, n in data["hyp_names"]), 8)
    for n in data["notes"]:
        _para(pdf, n, 8)
    _heading(pdf, "Method", 11)
    _para(pdf, METHOD, 8)
    plots.stamp(bytes(pdf.output()), path)


def _table(pdf, head, rows, *, first: float, _style, widths=None, note: bool = False) -> None:
    """A table filling the width: the first column ``first`` mm, the last one prose when
    ``note`` (or when ``widths`` leave it the rest), the others numbers of equal width."""
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    if widths is None:
        n_num = len(head) - 1 - (1 if note else 0)
        num_w = min(20.0, (usable - first - (45 if note else 0)) / max(n_num, 1))
        widths = (first, *[num_w] * n_num)
    widths = (*widths, usable - sum(widths)) if sum(widths) < usable - 1 else widths
    prose_last = note or (len(widths) == len(head) and widths[-1] > 40)
    align = ("LEFT", *["RIGHT"] * (len(head) - 2), "LEFT" if prose_last else "RIGHT")
    pdf.set_font("body", size=7.5)
    with pdf.table(col_widths=widths, width=sum(widths), line_height=4, text_align=align,
                   headings_style=_style(), repeat_headings=1) as table:  # fmt: skip
        table.row([str(h) for h in head])
        for r in rows:
            table.row([str(c) for c in r])
    pdf.ln(2)


def write_team_report(team, path: str | Path, *, names: bool = False) -> Path:
    """Write the team report as PDF or HTML (by the suffix); returns the path written."""
    from beliefwatch.io.save import atomic_write

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path.name}: team report format must be .pdf or .html")
    data = team_report_data(team, names=names)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".pdf":
        from beliefwatch.reports import write_pdf

        write_pdf(lambda tmp: render_team_pdf(team, data, tmp), path)
    else:
        atomic_write(path, render_team_html(team, data))
    return path
