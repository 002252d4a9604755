"""One self-contained HTML file: inline SVG plots, readable on a phone, prints well."""

from __future__ import annotations

from html import escape

from beliefwatch.reports.content import Report, interval_text, report_sections
from beliefwatch.reports.drivers import (
    render_html_conflict,
    render_html_drivers,
    render_html_watch,
    tornado_svg,
)
from beliefwatch.reports.figures import report_figures, svg

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR",sans-serif;
max-width:60rem;margin:auto;padding:1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;
margin-top:2rem}.meta{color:#555}.bottom{background:#eef4fb;border-left:4px solid #21669c;
padding:.6rem 1rem;font-size:1.1rem}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}
svg{max-width:100%;height:auto}.lead{font-weight:bold}.note{color:#555;font-size:.8rem}
@media print{body{max-width:none}h2{break-after:avoid}tr{break-inside:avoid}
.scroll{overflow:visible}}
"""


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render_html(r: Report) -> str:
    e = escape
    figs = {k: svg(v) for k, v in report_figures(r.result).items()}
    hyp_rows = "".join(
        f"<tr class='{'lead' if h['leader'] else ''}'><td>{e(h['name'])}</td>"
        f"<td class=n>{_pct(h['prior'])}</td><td class=n>{_pct(h['credence'])}</td>"
        f"<td class=n>{interval_text(h['lo'], h['hi'])}</td></tr>"
        for h in r.hypotheses
    )
    ids = [h["id"] for h in r.hypotheses]
    ev_head = "".join(
        f"<th class=n title='{e(h['name'])}'>{e(h['short'])}</th>" for h in r.hypotheses
    )
    ev_rows = "".join(
        f"<tr><td>{e(x.date)}</td><td>{e(x.text)}<div class=note>{e(x.id)}"
        f"{' · ' + e(x.notes) if x.notes else ''}</div></td><td>{e(x.source)}</td>"
        f"<td>{e(x.reliability)}</td>"
        + "".join(f"<td class=n>{e(x.likelihoods[h])}</td>" for h in ids)
        + f"<td class=n>{x.woe_db:+.1f}</td></tr>"
        for x in r.evidence
    )
    infl = "".join(
        f"<li>{e(text)} <span class=note>{e(item)}</span>: removing it would move the "
        f"leader's credence by {-100 * d:+.1f} points</li>"
        for item, text, d in r.influential
    )
    no_items = "<li>No evidence items.</li>"
    caveats = "".join(f"<li>{e(c)}</li>" for c in r.caveats)
    repro = "".join(f"<tr><td>{e(k)}</td><td><code>{e(v)}</code></td></tr>"
                    for k, v in r.reproducibility)  # fmt: skip
    forest = ""
    if "forest" in figs:
        forest = f"<h3>Credences with their draws (forest plot)</h3>{figs['forest']}"
    leader_name = next(h["name"] for h in r.hypotheses if h["leader"])
    runner_name = next(h["name"] for h in r.hypotheses if h["id"] == r.runner_up)
    d = r.drivers
    draw = {
        "bottom_line": lambda t: (
            f"""<h2>{t}</h2>
<p class=bottom>{e(r.bottom_line)}</p><p>{e(r.basis)}</p>"""
        ),
        "hypotheses": lambda t: (
            f"""<h2>{t}</h2>
<div class=scroll><table><tr><th>Hypothesis</th><th class=n>Prior</th><th class=n>Credence</th>
<th class=n>{round(100 * r.interval_prob)}% interval</th></tr>{hyp_rows}</table></div>
{figs["credences"]}
{forest}"""
        ),
        "timeline": lambda t: (
            f"""<h2>{t}</h2>
<p>Credence of each hypothesis after each item, in date order, starting at the prior.</p>
{figs["timeline"]}"""
        ),
        "evidence": lambda t: (
            f"""<h2>{t}</h2>
<p>Likelihoods P(item | hypothesis) as entered; the last column is the weight of evidence in
decibans for <b>{e(leader_name)}</b> against <b>{e(runner_name)}</b>
(positive favours the leader).</p>
<div class=scroll><table><tr><th>Date</th><th>Item</th><th>Source</th><th>Reliability</th>
{ev_head}<th class=n>dB</th></tr>{ev_rows}</table></div>"""
        ),
        "influential": lambda t: f"<h3>{t}</h3><ul>{infl or no_items}</ul>",
        "drivers": lambda t: render_html_drivers(d, t, tornado_svg(d)),
        "conflict": lambda t: render_html_conflict(d, t),
        "watch": lambda t: render_html_watch(d, t),
        "caveats": lambda t: f"<h2>{t}</h2><ul>{caveats}</ul>",
        "reproducibility": lambda t: (
            f"""<h2>{t}</h2>
<div class=scroll><table>{repro}</table></div>"""
        ),
    }
    # Titles go through escape once here; the drivers' own renderers escape theirs.
    body = "\n".join(
        draw[s.key](s.title if s.key in ("drivers", "conflict", "watch") else e(s.title))
        for s in report_sections(r)
    )
    meta = f"{e(r.question)}<br>{e(r.author) + ' · ' if r.author else ''}{e(r.date)}"
    return page(f"{e(r.title)}: {e(r.question)}", e(r.title), meta, body)


def page(tab: str, title: str, meta: str, body: str) -> str:
    """The whole HTML file around a report's sections (every argument already escaped)."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{tab}</title><style>{CSS}</style></head><body>
<h1>{title}</h1>
<p class=meta>{meta}</p>
{body}
</body></html>
"""
