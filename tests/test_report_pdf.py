"""The PDF report as a file: every figure drawn in its place as a well-formed object, and the
CJK font carried where Korean or Chinese is shown, and only there (loading it cost a report a
third of a second that drew nothing)."""

from __future__ import annotations

import io
import warnings

import beliefwatch as bw
from beliefwatch.examples import example_files
from beliefwatch.reports import write_report
from tests.cases import make_case
from tests.fonts import needs_cjk_font


def embedded_fonts(path) -> tuple[set[str], set[str]]:
    """The names of the fonts of the page text, and of those inside the figures."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    def entries(resources, kind: str) -> list:
        found = resources.get(kind, DictionaryObject()).get_object()
        return [x.get_object() for x in found.values()]

    def names(resources) -> set[str]:
        return {str(f["/BaseFont"]) for f in entries(resources, "/Font")}

    text, figures = set(), set()
    for page in PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        text |= names(resources)
        for form in entries(resources, "/XObject"):
            figures |= names(form["/Resources"].get_object())
    return text, figures


def test_every_page_content_is_a_stream_by_reference_and_every_figure_a_form(tmp_path):
    """PDF 1.7, 7.3.8: streams are indirect objects. A direct one left Ghostscript unable to
    show any page while poppler showed them all."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, IndirectObject

    case = bw.load_case(*example_files())
    reader = PdfReader(write_report(case, bw.update(case), tmp_path / "r.pdf"))
    forms = 0
    for page in reader.pages:
        contents = page.raw_get("/Contents")
        parts = contents.get_object() if isinstance(contents, IndirectObject) else contents
        if isinstance(parts, ArrayObject):
            assert all(isinstance(c, IndirectObject) for c in parts), parts
        else:
            assert isinstance(contents, IndirectObject)
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            assert isinstance(ref, IndirectObject)
            form = ref.get_object()
            assert form["/Subtype"] == "/Form" and len(form["/BBox"]) == 4
            forms += 1
    assert forms == 4  # credences, timeline, forest, tornado


def _korean_case():
    case = make_case([0.5, 0.3, 0.2], [[[0.6, 0.9], 0.3, 0.5], [0.7, 0.4, 0.2]])
    case.hypotheses[0].name = "김정은 정권 유지"
    return case


def test_a_report_without_korean_or_chinese_carries_only_dejavu(tmp_path):
    case = bw.load_case(*example_files())
    path = write_report(case, bw.update(case), tmp_path / "r.pdf")
    text, figures = embedded_fonts(path)
    assert text and figures  # the text and every figure name their fonts
    assert all("DejaVu" in name for name in text | figures), text | figures


@needs_cjk_font
def test_korean_in_a_hypothesis_name_brings_the_cjk_font_into_text_and_figures(tmp_path):
    path = write_report(_korean_case(), bw.update(_korean_case(), draws=200), tmp_path / "r.pdf")
    text, figures = embedded_fonts(path)
    # The name is in the hypotheses table and on the credence chart's axis.
    assert any("DejaVu" not in name for name in text), text
    assert any("DejaVu" not in name for name in figures), figures


@needs_cjk_font
def test_a_figure_made_after_a_latin_report_still_draws_korean(tmp_path, monkeypatch):
    """The window exports a report, then draws the next case's figures in the same process."""
    import matplotlib

    from beliefwatch import plots

    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["sans-serif"])  # a fresh process
    latin = make_case([0.5, 0.5], [[0.8, 0.3]])
    write_report(latin, bw.update(latin), tmp_path / "r.pdf")
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]  # nothing loaded for it
    fig = plots.credence_bars(bw.update(_korean_case(), draws=100))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="pdf")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
