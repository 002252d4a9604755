"""Reports: every section in every format, the same numbers as bw.update, escaped input."""

import re

import pytest

import beliefwatch as bw
from beliefwatch.examples import example_files
from beliefwatch.reports import write_report
from beliefwatch.reports.content import icd203_word
from beliefwatch.reports.pdf import find_cjk_font
from tests.cases import make_case

SECTIONS = [
    "Bottom line",
    "Hypotheses",
    "Credence timeline",
    "Evidence",
    "Most influential items",
    "Assumptions and caveats",
    "Reproducibility",
]


def text_of(path):
    """What a reader sees: PDF text, HTML without tags, Markdown without its markup."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        # pypdf puts NUL before glyphs of the fallback (CJK) font; a reader sees none.
        pages = (page.extract_text() for page in PdfReader(path).pages)
        return "\n".join(pages).replace("\x00", "")
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        import html

        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[`|*]", " ", text)


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory):
    case = bw.load_case(*example_files())
    result = bw.update(case, seed=7)
    folder = tmp_path_factory.mktemp("reports")
    paths = {s: write_report(case, result, folder / f"r.{s}", author="A. Analyst")
             for s in ("pdf", "html", "md")}  # fmt: skip
    return case, result, paths


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_every_section_is_present(example_reports, fmt):
    _, _, paths = example_reports
    text = text_of(paths[fmt])
    for section in SECTIONS:
        assert section in text, section
    assert "A. Analyst" in text


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_numbers_are_those_of_bw_update(example_reports, fmt):
    case, result, paths = example_reports
    text = " ".join(text_of(paths[fmt]).split())
    for h in result.hypotheses:
        lo, hi = result.intervals[h]
        assert f"{100 * result.credences[h]:.1f}%" in text
        assert f"{100 * lo:.1f}%–{100 * hi:.1f}%" in text
    assert f"Seed {result.seed}" in text
    for path in case.files:
        import hashlib

        assert hashlib.sha256(path.read_bytes()).hexdigest() in text.replace(" ", "")


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_bottom_line_uses_the_icd203_band_of_the_leader(example_reports, fmt):
    _, result, paths = example_reports
    word, lo, hi = icd203_word(result.credences[result.leader])
    text = " ".join(text_of(paths[fmt]).split())
    assert f"We assess it is {word} ({100 * lo:.0f}–{100 * hi:.0f}%) that" in text
    sentence = re.search(r"We assess it is[^.]*\.", text).group(0)
    assert "confidence" not in sentence


@pytest.mark.parametrize(
    ("p", "word"),
    [(0.03, "almost no chance"), (0.32, "unlikely"), (0.5, "roughly even chance"),
     (0.7, "likely"), (0.9, "very likely"), (0.99, "almost certain")],
)  # fmt: skip
def test_icd203_bands(p, word):
    assert icd203_word(p)[0] == word


def test_hostile_text_is_escaped_in_html(tmp_path):
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    case.evidence[0].notes = "<script>alert('x')</script>"
    case.hypotheses[0].name = "A & <b>B</b>"
    path = write_report(case, bw.update(case), tmp_path / "r.html")
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "A &amp; &lt;b&gt;B&lt;/b&gt;" in html


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_a_case_with_no_evidence(tmp_path, fmt):
    case = make_case([0.7, 0.3], [])
    path = write_report(case, bw.update(case), tmp_path / f"r.{fmt}")
    text = text_of(path)
    assert "No evidence items." in text
    assert "70.0%" in text


def test_a_case_with_200_items_breaks_across_pages(tmp_path):
    rows = [[0.4 + 0.002 * j, 0.5, 0.6 - 0.001 * j] for j in range(200)]
    case = make_case([0.3, 0.3, 0.4], rows)
    path = write_report(case, bw.update(case), tmp_path / "r.pdf")
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 6
    text = text_of(path)
    assert "[e199]" in text.replace("\n", "") and text.count("Date") >= 3  # headings repeat


@pytest.mark.skipif(find_cjk_font() is None, reason="no font with Korean characters installed")
def test_korean_and_chinese_render_in_the_pdf(tmp_path):
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    case.evidence[0].text = "김정은 visits 北京"
    path = write_report(case, bw.update(case), tmp_path / "r.pdf")
    assert "김정은" in "".join(text_of(path).split()) and "北京" in "".join(text_of(path).split())


def test_markdown_plots_are_png_files_beside_it(example_reports):
    _, _, paths = example_reports
    md = paths["md"]
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md.read_text(encoding="utf-8"))
    assert len(images) >= 3
    for rel in images:
        assert (md.parent / rel).read_bytes()[:4] == b"\x89PNG"


def test_html_is_self_contained_with_svg_plots(example_reports):
    html = example_reports[2]["html"].read_text(encoding="utf-8")
    assert html.count("<svg") >= 3
    assert "src=" not in html and "<link" not in html


def test_command_line_report(tmp_path, run_cli):
    out = run_cli("report", "-o", tmp_path / "x.html", "--author", "Me")
    assert out.returncode == 0, out.stderr
    assert "Me" in (tmp_path / "x.html").read_text(encoding="utf-8")
    bad = run_cli("report", "-o", tmp_path / "x.docx")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "x.docx: report format must be one of" in bad.stderr


def test_pdf_plots_are_vector_with_real_text(example_reports):
    from pypdf import PdfReader

    first = PdfReader(example_reports[2]["pdf"]).pages[0]
    assert len(first.images) == 0  # no raster image: the bar chart is drawn in vectors
    assert "probability" in first.extract_text()  # the chart's axis label is text
