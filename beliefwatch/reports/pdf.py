"""A multi-page PDF with vector plots (fpdf2: pure Python, no system libraries)."""

from __future__ import annotations

import warnings
from pathlib import Path

from beliefwatch.plots.fonts import find_cjk_font
from beliefwatch.plots.names import text_width
from beliefwatch.reports.content import Report, interval_text, report_sections, report_strings
from beliefwatch.reports.drivers import render_pdf_conflict, render_pdf_drivers, render_pdf_watch
from beliefwatch.reports.figures import report_figures

BLUE = (33, 102, 156)
HEAD_FILL = (225, 232, 242)


def _new_pdf(needs_cjk: bool = True, report: str = "credence report", text=None):
    """An A4 document with the report's fonts; each page's footer names ``report``.

    ``text``: every string the document will show, or None if not known. The CJK fallback
    font (20 MB, a quarter of a second to parse) is added only when some character of it is
    missing from DejaVu Sans: it would draw nothing else.
    """
    import matplotlib
    from fpdf import FPDF

    class _PDF(FPDF):
        def multi_cell(self, w, h=None, text="", *args, **kwargs):
            # A table cell (fpdf2 passes max_line_height) must fit on a page, or the whole
            # export fails with "row too high": cut a very long text, saying so in the cell.
            if kwargs.get("max_line_height") and len(text) > 300:
                text = _cut_to_fit(super().multi_cell, self, w, text, kwargs)
            return super().multi_cell(w, h, text, *args, **kwargs)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("body", size=7)
            self.set_text_color(120)
            self.cell(0, 6, f"BeliefWatch {report} · page {self.page_no()}", align="C")
            self.set_text_color(0)

    pdf = _PDF(format="A4")
    pdf.set_auto_page_break(True, margin=16)
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf.add_font("body", "", ttf / "DejaVuSans.ttf")
    pdf.add_font("body", "B", ttf / "DejaVuSans-Bold.ttf")
    pdf.add_font("body", "I", ttf / "DejaVuSans-Oblique.ttf")
    if text is not None and not _missing_glyphs(pdf, text):
        pdf.set_font("body", size=10)
        return pdf
    cjk = find_cjk_font()
    if cjk is None and needs_cjk:
        warnings.warn(
            "no font with Korean/Chinese characters found (install fonts-noto-cjk): "
            "such characters will be missing from the PDF",
            stacklevel=3,
        )
    elif cjk is not None:
        pdf.add_font("cjk", "", cjk[0], collection_font_number=cjk[1])
        pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.set_font("body", size=10)
    return pdf


def has_cjk(value) -> bool:
    """Whether any text in the report needs the CJK font: without such text a missing font
    is nothing to warn about."""
    return any(text_width(s) != len(s) for s in report_strings(value))  # Hangul, Han: 2 each


def _missing_glyphs(pdf, text) -> set[str]:
    """The characters of ``text`` that one of the body faces lacks (fpdf2 would look them up
    in the fallback font)."""
    chars = set().union(*map(set, text))
    cmaps = [pdf.fonts[face].cmap for face in ("body", "bodyB", "bodyI")]
    return {c for c in chars if c not in "\n\t" and any(ord(c) not in m for m in cmaps)}


def _cut_to_fit(multi_cell, pdf, w, text: str, kwargs: dict) -> str:
    """``text`` cut to a third of a page's height in a cell of width ``w``."""
    from fpdf.enums import MethodReturnValue

    line = kwargs["max_line_height"]
    most = max(3, int((pdf.page_break_trigger - pdf.t_margin) / 3 / line))
    same = {k: kwargs[k] for k in ("padding", "wrapmode") if kwargs.get(k) is not None}
    lines = multi_cell(w, line, text, dry_run=True, output=MethodReturnValue.LINES, **same)
    if len(lines) <= most:
        return text
    kept = " ".join(x.strip() for x in lines[: most - 2])
    return f"{kept} … [cut here: {len(text):,} characters in all, kept whole in the case file]"


def _heading(pdf, text: str, size: float = 13) -> None:
    pdf.ln(3)
    pdf.set_font("body", "B", size)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font("body", size=10)
    pdf.ln(1)


def _title(pdf, text: str) -> None:
    pdf.set_font("body", "B", 18)
    pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")


def _para(pdf, text: str, size: float = 10, style: str = "") -> None:
    pdf.set_font("body", style, size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)


class _Plots:
    """Vector plots: fpdf2 leaves a gap where each goes; pypdf then stamps matplotlib's own PDF
    of the figure into it. (fpdf2's SVG renderer lost matplotlib's text.)"""

    def __init__(self) -> None:
        self.spots: list[tuple] = []  # page index, x, y, width (mm), the figure's page

    def place(self, pdf, fig, width: float) -> None:
        import io

        from pypdf import PdfReader

        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", bbox_inches="tight")
        fig_page = PdfReader(buf).pages[0]
        box = fig_page.mediabox
        height = width * float(box.height) / float(box.width)
        room = pdf.h - pdf.b_margin - pdf.get_y()
        if height > room >= 0.8 * height:
            # A little smaller beats a half-empty page with the plot alone on the next.
            width, height = width * room / height, room
        elif height > room:
            pdf.add_page(orientation=pdf.cur_orientation)
        self.spots.append((pdf.page_no() - 1, pdf.l_margin, pdf.get_y(), width, fig_page))
        pdf.set_y(pdf.get_y() + height + 2)

    def stamp(self, pdf_bytes: bytes, path: Path) -> None:
        """Draw each figure's page as a form XObject into its gap. Not pypdf's
        merge_transformed_page: that parses and rewrites both content streams (a third of a
        second on the example) to rename resources, where a form keeps its own."""
        import io

        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
        mm = 72 / 25.4
        drawn: dict[int, list[bytes]] = {}
        forms: dict[int, dict[str, object]] = {}
        for n, (page_index, x, y, width, fig_page) in enumerate(self.spots):
            box = fig_page.mediabox
            name = f"/BWFig{n}"
            forms.setdefault(page_index, {})[name] = writer._add_object(
                _form_of(fig_page).clone(writer)
            )
            page_height = float(writer.pages[page_index].mediabox.height)
            scale = width * mm / float(box.width)
            left = x * mm - float(box.left) * scale
            bottom = page_height - y * mm - float(box.top) * scale
            drawn.setdefault(page_index, []).append(
                f"q {scale:.6f} 0 0 {scale:.6f} {left:.4f} {bottom:.4f} cm {name} Do Q\n".encode()
            )
        for page_index, ops in drawn.items():
            page = writer.pages[page_index]
            # fpdf2 shares one resource dictionary between pages: each page with figures
            # gets its own copy naming them.
            resources = DictionaryObject(page["/Resources"].get_object())
            xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()))
            xobjects.update({NameObject(k): v for k, v in forms[page_index].items()})
            resources[NameObject("/XObject")] = xobjects
            page[NameObject("/Resources")] = resources
            before, after = DecodedStreamObject(), DecodedStreamObject()
            before.set_data(b"q\n")
            after.set_data(b"\nQ\n" + b"".join(ops))
            contents = page["/Contents"]
            if not isinstance(contents, ArrayObject):
                contents = [page.raw_get("/Contents")]  # a stream goes by reference
            page[NameObject("/Contents")] = ArrayObject(
                [writer._add_object(before), *contents, writer._add_object(after)]
            )
        with open(path, "wb") as fh:
            writer.write(fh)


def _form_of(page):
    """A form XObject that draws ``page`` (matplotlib's one-page PDF of a figure), clipped to
    its media box as the page itself is."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        EncodedStreamObject,
        NameObject,
        StreamObject,
    )

    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):  # not what matplotlib writes, but legal
        form: StreamObject = DecodedStreamObject()
        form.set_data(b"\n".join(c.get_object().get_data() for c in contents))
    else:
        form = EncodedStreamObject() if "/Filter" in contents else StreamObject()
        form._data = contents._data  # still compressed: copied, not decoded and re-encoded
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents[key]
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"]
    return form


def render_pdf(r: Report, path: Path) -> None:
    pdf = _new_pdf(needs_cjk=has_cjk(r), text=report_strings(r))
    figs = report_figures(r.result)
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    plots = _Plots()
    pdf.add_page()
    _title(pdf, r.title)
    _para(pdf, r.question, 12)
    _para(pdf, " · ".join(x for x in (r.author, r.date) if x), 9)
    d = r.drivers
    helpers = {"heading": _heading, "para": _para}

    def bottom_line(title: str) -> None:
        _heading(pdf, title)
        pdf.set_fill_color(238, 244, 251)
        pdf.set_font("body", "B", 11)
        pdf.multi_cell(0, 6, r.bottom_line, fill=True, new_x="LMARGIN", new_y="NEXT", padding=2,
                       align="L")  # fmt: skip
        pdf.ln(1)
        _para(pdf, r.basis)

    def hypotheses(title: str) -> None:
        _heading(pdf, title)
        pdf.set_font("body", size=9)
        with pdf.table(
            col_widths=(100, 25, 25, 40),
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
            line_height=5,
            headings_style=_headings_style(),
        ) as table:
            table.row(["Hypothesis", "Prior", "Credence",
                       f"{round(100 * r.interval_prob)}% interval"])  # fmt: skip
            for h in r.hypotheses:
                table.row([h["name"], pct(h["prior"]), pct(h["credence"]),
                           interval_text(h["lo"], h["hi"])])  # fmt: skip
        pdf.ln(3)
        plots.place(pdf, figs["credences"], 170)

    def timeline(title: str) -> None:
        pdf.add_page()
        _heading(pdf, title)
        _para(pdf, "Credence of each hypothesis after each item, in date order, from the prior.")
        plots.place(pdf, figs["timeline"], 180)
        if "forest" in figs:
            _heading(pdf, "Credences with their draws (forest plot)", 11)
            plots.place(pdf, figs["forest"], 160)

    def evidence(title: str) -> None:
        _evidence(pdf, r, title)
        pdf.add_page()

    def influential(title: str) -> None:
        _heading(pdf, title)
        if not r.influential:
            _para(pdf, "No evidence items.")
        for item, text, delta in r.influential:
            _para(pdf, f"• {text} [{item}]: removing it would move the leader's credence by "
                       f"{-100 * delta:+.1f} points", 9)  # fmt: skip

    def caveats(title: str) -> None:
        _heading(pdf, title)
        for c in r.caveats:
            _para(pdf, f"• {c}", 9)

    def reproducibility(title: str) -> None:
        _heading(pdf, title)
        pdf.set_font("body", size=8)
        with pdf.table(col_widths=(62, 128), line_height=4.5, first_row_as_headings=False) as t:
            for k, v in r.reproducibility:
                t.row([k, v])

    draw = {
        "bottom_line": bottom_line,
        "hypotheses": hypotheses,
        "timeline": timeline,
        "evidence": evidence,
        "influential": influential,
        "drivers": lambda t: render_pdf_drivers(pdf, d, t, place=plots.place, **helpers),
        "conflict": lambda t: render_pdf_conflict(pdf, d, t, **helpers),
        "watch": lambda t: render_pdf_watch(pdf, d, t, **helpers),
        "caveats": caveats,
        "reproducibility": reproducibility,
    }
    for section in report_sections(r):
        draw[section.key](section.title)
    plots.stamp(bytes(pdf.output()), path)


def _headings_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=HEAD_FILL)


def _fitting_size(pdf, texts, width: float, size: float = 5.5, least: float = 4.2) -> float:
    """The font size (at most size) at which no word of texts is wider than width (mm)."""
    pdf.set_font("body", "B", size)
    words = [w for t in texts for w in t.split()]
    widest = max((pdf.get_string_width(w) for w in words), default=0.0)
    return size if widest <= width else max(least, size * width / widest)


def _evidence(pdf, r: Report, title: str) -> None:
    from fpdf.fonts import FontFace

    pdf.add_page(orientation="L")
    _heading(pdf, title)
    leader = next(h["name"] for h in r.hypotheses if h["leader"])
    runner = next(h["name"] for h in r.hypotheses if h["id"] == r.runner_up)
    _para(pdf, f"Likelihoods P(item | hypothesis) as entered. dB: weight of evidence for "
               f"“{leader}” against “{runner}” (positive favours the leader).", 8)  # fmt: skip
    ids = [h["id"] for h in r.hypotheses]
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    fixed = (18, 0, 30, 22, 11)  # date, item (rest), source, reliability, dB
    hyp_w = min(16, (usable - sum(fixed) - 70) / max(len(ids), 1))
    item_w = usable - sum(fixed) - hyp_w * len(ids)
    widths = (fixed[0], item_w, fixed[2], fixed[3], *([hyp_w] * len(ids)), fixed[4])
    # Names, not ids: smaller and up to three lines, so the narrow column holds "Fear of
    # losing Pyongyang" whole rather than "Fear of…", and no word breaks inside.
    heads = {h["id"]: h["short"] for h in r.hypotheses}
    small = FontFace(emphasis="BOLD", size_pt=_fitting_size(pdf, heads.values(), hyp_w - 2.2),
                     fill_color=HEAD_FILL)  # fmt: skip
    pdf.set_font("body", size=6.5)
    with pdf.table(
        col_widths=widths,
        width=usable,
        line_height=3.4,
        padding=(0.7, 1.0),  # without it the tallest cell's text touched the rules
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", *(["CENTER"] * len(ids)), "RIGHT"),
        headings_style=_headings_style(),
        repeat_headings=1,
    ) as table:
        head = table.row()
        for text in ("Date", "Item", "Source", "Reliability"):
            head.cell(text)
        for h in r.hypotheses:
            head.cell(heads[h["id"]], style=small)
        head.cell("dB")
        for x in r.evidence:
            table.row([x.date, f"{x.text} [{x.id}]", x.source, x.reliability,
                       *(x.likelihoods[h] for h in ids), f"{x.woe_db:+.1f}"])  # fmt: skip
    pdf.set_font("body", size=10)
