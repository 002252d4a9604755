"""The report in brief, as rich text for the window's Summary tab: the same content model as
the PDF, HTML and Markdown reports (bottom line, table, caveats, reproducibility)."""

from __future__ import annotations

from html import escape

from beliefwatch.reports.content import build_report


def summary_html(case, result) -> str:
    """The report's own content model (bottom line, table, caveats), compact for a tab."""
    rep = build_report(case, result)
    rows = "".join(
        f"<tr><td>{escape(h['name'])}</td><td align=right>{100 * h['prior']:.1f}%</td>"
        f"<td align=right><b>{100 * h['credence']:.1f}%</b></td>"
        f"<td align=right>{100 * h['lo']:.1f}–{100 * h['hi']:.1f}%</td></tr>"
        for h in rep.hypotheses
    )
    caveats = "".join(f"<li>{escape(c)}</li>" for c in rep.caveats)
    repro = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>"
                    for k, v in rep.reproducibility[:6])  # fmt: skip
    return (
        f"<h3>{escape(rep.bottom_line)}</h3><p>{escape(rep.basis)}</p>"
        f"<table cellpadding=4><tr><th align=left>Hypothesis</th><th>Prior</th>"
        f"<th>Credence</th><th>{round(100 * rep.interval_prob)}% interval</th></tr>{rows}</table>"
        + (f"<p><b>Caveats</b></p><ul>{caveats}</ul>" if caveats else "")
        + f"<p><b>Reproducibility</b></p><table cellpadding=2>{repro}</table>"
    )
