"""Report sections on the analyses (MODEL.md 7): "What drives the conclusion", "Conflict" (only
when the evidence pulls apart) and "Watch list", in HTML, Markdown and PDF.

The format modules call one function each; the words and numbers are built once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from beliefwatch.inference.analyses import Analysis
from beliefwatch.plots.names import short_names
from beliefwatch.reports import wording
from beliefwatch.reports.escape import md_text

TOP_ITEMS = 8
TOP_BARS = 12


@dataclass
class Sections:
    analysis: Analysis
    drive: list[str]  # paragraphs of "What drives the conclusion"
    tornado_note: str
    influence: list[tuple[str, str, str, str]]  # item id, text, change (points), dB
    conflict: list[str] | None  # warning, then one line per item; None: no section
    watch_note: str
    watch: list[tuple[str, str, str, str, str, str]]  # id, text, P, bits, if happens, if not


def build_sections(a: Analysis, texts: dict[str, str]) -> Sections:
    """``texts``: item and indicator ids to their text, for the tables."""
    lead = a.leader
    name = a.names[lead]
    drive = [
        f"Robustness: “{name}” has credence {100 * a.credences[lead]:.1f}% and "
        f"{wording.robustness_sentence(a)}" + (f" ({a.n_draws} draws)." if a.n_draws else ".")
    ]
    if a.runner_up is not None:
        drive.append(wording.change_my_mind(a))
    center = a.tornado_center if a.tornado_center is not None else a.credences[lead]
    tornado_note = (
        f"Tornado: the leader's credence ({100 * center:.1f}% at central values) with each "
        "uncertain input moved to the low and the high end of its range, all others at their "
        f"central values; {_which(len(a.tornado))}."
        if a.tornado
        else "Tornado: every input is a single number, so there is nothing to move."
    )
    if any(b.input == "prior_strength" for b in a.tornado):
        tornado_note += f" The {a.prior_strength_note}."
    ranked = sorted(a.items, key=lambda i: -abs(i.influence[lead]))[:TOP_ITEMS]
    influence = [
        (i.id, texts.get(i.id, ""), f"{100 * i.influence[lead]:+.1f}",
         f"{i.bayes_factor_db[lead]:+.1f}")
        for i in ranked
    ]  # fmt: skip
    conflict = None
    if a.conflict_warning:
        conflict = [a.conflict_warning] + [
            f"{i} ({texts.get(i, '')}): conflict {v:.2f} with the other items"
            for i, v in a.conflict_items
        ]
    watch = [
        (v.id, v.text, f"{100 * v.p_happens:.0f}%", f"{v.gain_bits:.3f}",
         _where(v.if_happens, a.names), _where(v.if_not, a.names))
        for v in a.indicators
    ]  # fmt: skip
    watch_note = (
        "Indicators not yet observed, ranked by the expected information gain about the "
        "hypotheses (bits, source reliability applied), with the two hypotheses on top if it "
        "happens and if it does not."
    )
    return Sections(a, drive, tornado_note, influence, conflict, watch_note, watch)


def _which(n: int) -> str:
    if n == 1:
        return "the only uncertain input"
    return f"all {n} inputs" if n <= TOP_BARS else f"the {TOP_BARS} widest of {n} inputs"


def _where(post: dict[str, float], names: dict[str, str]) -> str:
    """The two most credible hypotheses after the outcome, by (short) name."""
    top = sorted(post, key=lambda h: -post[h])[:2]
    short = short_names(names, 22)
    return ", ".join(f"{short[h]} {100 * post[h]:.0f}%" for h in top)


INFLUENCE_HEAD = ("Item", "Leader's credence with − without (points)", "dB for the leader")
WATCH_HEAD = ("Indicator", "P(happens)", "Gain (bits)", "If it happens", "If not")


# -- HTML --------------------------------------------------------------------------------
def render_html_drivers(s: Sections, title: str, figure_svg: str) -> str:
    e = escape
    out = [f"<h2>{e(title)}</h2>"]
    out += [f"<p>{e(p)}</p>" for p in s.drive]
    out += [f"<p>{e(s.tornado_note)}</p>", figure_svg if s.analysis.tornado else ""]
    if s.influence:
        rows = "".join(
            f"<tr><td>{e(t)}<div class=note>{e(i)}</div></td><td class=n>{c}</td>"
            f"<td class=n>{d}</td></tr>"
            for i, t, c, d in s.influence
        )
        head = "".join(f"<th{' class=n' if k else ''}>{e(h)}</th>"
                       for k, h in enumerate(INFLUENCE_HEAD))  # fmt: skip
        out.append(f"<h3>Influence (leave-one-out)</h3><div class=scroll><table><tr>{head}</tr>"
                   f"{rows}</table></div>")  # fmt: skip
    return "\n".join(out)


def render_html_conflict(s: Sections, title: str) -> str:
    e = escape
    items = "".join(f"<li>{e(x)}</li>" for x in s.conflict[1:])
    warn = "style='background:#fdecc8;border-left-color:#b8860b'"
    return f"<h2>{e(title)}</h2><p class=bottom {warn}>{e(s.conflict[0])}</p>\n<ul>{items}</ul>"


def render_html_watch(s: Sections, title: str) -> str:
    e = escape
    out = [f"<h2>{e(title)}</h2>", f"<p>{e(s.watch_note)}</p>"]
    if s.watch:
        head = "".join(f"<th{' class=n' if k in (1, 2) else ''}>{e(h)}</th>"
                       for k, h in enumerate(WATCH_HEAD))  # fmt: skip
        rows = "".join(
            f"<tr><td>{e(t)}<div class=note>{e(i)}</div></td><td class=n>{p}</td>"
            f"<td class=n>{g}</td><td>{e(y)}</td><td>{e(n)}</td></tr>"
            for i, t, p, g, y, n in s.watch
        )
        out.append(f"<div class=scroll><table><tr>{head}</tr>{rows}</table></div>")
    else:
        out.append("<p>No indicators are being watched.</p>")
    return "\n".join(out)


# -- Markdown ----------------------------------------------------------------------------
def render_markdown_drivers(s: Sections, title: str, image: str | None) -> list[str]:
    lines = [f"## {md_text(title)}", ""]
    for p in s.drive:
        lines += [md_text(p), ""]
    lines += [md_text(s.tornado_note), ""]
    if image and s.analysis.tornado:
        lines += [f"![Tornado of the leader's credence]({image})", ""]
    if s.influence:
        lines += ["### Influence (leave-one-out)", "", "| " + " | ".join(INFLUENCE_HEAD) + " |",
                  "|---|---:|---:|"]  # fmt: skip
        lines += [f"| {md_text(t)} (id {md_text(i)}) | {c} | {d} |" for i, t, c, d in s.influence]
        lines.append("")
    return lines


def render_markdown_conflict(s: Sections, title: str) -> list[str]:
    lines = [f"## {md_text(title)}", "", f"> **Warning:** {md_text(s.conflict[0])}", ""]
    return lines + [f"- {md_text(x)}" for x in s.conflict[1:]] + [""]


def render_markdown_watch(s: Sections, title: str) -> list[str]:
    lines = [f"## {md_text(title)}", "", md_text(s.watch_note), ""]
    if s.watch:
        lines += ["| " + " | ".join(WATCH_HEAD) + " |", "|---|---:|---:|---|---|"]
        lines += [f"| {md_text(t)} (id {md_text(i)}) | {p} | {g} | {md_text(y)} | {md_text(n)} |"
                  for i, t, p, g, y, n in s.watch]  # fmt: skip
    else:
        lines.append("No indicators are being watched.")
    return [*lines, ""]


def tornado_png(s: Sections, folder: Path) -> str | None:
    """Save the tornado figure beside the Markdown file; the relative link, or None."""
    if not s.analysis.tornado:
        return None
    from beliefwatch.plots.tornado import tornado_figure
    from beliefwatch.reports.figures import png

    path = png(tornado_figure(s.analysis, top=TOP_BARS, width=7.0), folder / "tornado.png")
    return quote(f"{folder.name}/{path.name}")  # "r (1)_files" would end the link early


def tornado_svg(s: Sections) -> str:
    if not s.analysis.tornado:
        return ""
    from beliefwatch.plots.tornado import tornado_figure
    from beliefwatch.reports.figures import svg

    return svg(tornado_figure(s.analysis, top=TOP_BARS, width=7.0))


# -- PDF ---------------------------------------------------------------------------------
def _room(pdf, mm: float) -> None:
    """A new page unless ``mm`` are left: a heading must not end a page without its table."""
    if pdf.get_y() > pdf.h - pdf.b_margin - mm:
        pdf.add_page()


def _style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(225, 232, 242))


def render_pdf_drivers(pdf, s: Sections, title: str, *, heading, para, place) -> None:
    """``heading(pdf, text)``, ``para(pdf, text, size)`` and ``place(pdf, fig, width)`` are
    the PDF module's own helpers, passed in so that the layout stays one style."""
    style = _style()
    _room(pdf, 60)
    heading(pdf, title)
    for p in s.drive:
        para(pdf, p, 9)
    para(pdf, s.tornado_note, 9)
    if s.analysis.tornado:
        from beliefwatch.plots.tornado import tornado_figure

        place(pdf, tornado_figure(s.analysis, top=TOP_BARS, width=7.0), 170)
    if s.influence:
        heading(pdf, "Influence (leave-one-out)", 11)
        pdf.set_font("body", size=8)
        with pdf.table(col_widths=(120, 40, 30), text_align=("LEFT", "RIGHT", "RIGHT"),
                       line_height=4.2, headings_style=style) as t:  # fmt: skip
            t.row(list(INFLUENCE_HEAD))
            for i, text, c, d in s.influence:
                t.row([f"{text} [{i}]", c, d])
        pdf.set_font("body", size=10)


def render_pdf_conflict(pdf, s: Sections, title: str, *, heading, para) -> None:
    _room(pdf, 40)
    heading(pdf, title)
    pdf.set_font("body", "B", 10)
    with pdf.local_context(fill_color=(253, 236, 200)):  # the fill must not leak into tables
        pdf.multi_cell(0, 5.5, s.conflict[0], fill=True, new_x="LMARGIN", new_y="NEXT",
                       padding=2, align="L")  # fmt: skip
    pdf.ln(1)
    for x in s.conflict[1:]:
        para(pdf, f"• {x}", 9)


def render_pdf_watch(pdf, s: Sections, title: str, *, heading, para) -> None:
    style = _style()
    _room(pdf, 50)
    heading(pdf, title)
    para(pdf, s.watch_note, 9)
    if not s.watch:
        para(pdf, "No indicators are being watched.", 9)
        return
    pdf.set_font("body", size=8)
    with pdf.table(col_widths=(64, 22, 20, 42, 42),
                   text_align=("LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
                   line_height=4.2, headings_style=style) as t:  # fmt: skip
        t.row(list(WATCH_HEAD))
        for i, text, p, g, y, n in s.watch:
            t.row([f"{text} [{i}]", p, g, y, n])
    pdf.set_font("body", size=10)


def driver_sections(case, result) -> Sections:
    """Analyse the case (MODEL.md 7) and word the sections; ``case`` and ``result`` as for
    ``analyze``."""
    from beliefwatch.inference.analyses import analyze

    texts = {e.id: e.text for e in case.evidence} | {i.id: i.text for i in case.indicators}
    return build_sections(analyze(case, result), texts)
