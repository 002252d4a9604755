"""The report sections on the analyses: what drives the conclusion, conflict, the watch list."""

import pytest

import beliefwatch as bw
from beliefwatch.reports import write_report
from beliefwatch.reports.drivers import md_text

NASTY = "Troops <script>alert(1)</script> | *moved* [here](x) #1"

CONFLICT = f"""\
question = "Which?"
[[hypotheses]]
id = "a"
name = "Alpha & sons"
prior = 0.5
[[hypotheses]]
id = "b"
name = "Beta"
prior = 0.5
[[evidence]]
id = "up"
text = "{NASTY}"
date = 2024-01-01
[evidence.likelihoods]
a = [0.8, 0.95]
b = 0.1
[[evidence]]
id = "down"
text = "Pulls the other way"
date = 2024-01-02
[evidence.likelihoods]
a = 0.1
b = 0.9
[[indicators]]
id = "sign"
text = "A sign <b>bold</b>"
[indicators.likelihoods]
a = 0.9
b = 0.2
"""

CALM = CONFLICT.replace("a = 0.1\nb = 0.9", "a = 0.6\nb = 0.4")


@pytest.fixture
def conflicted(write_case):
    path = write_case(CONFLICT)
    case = bw.load_case(path)
    return case, bw.update(case, engine="exact", draws=200)


def test_html_has_the_sections_with_analyst_text_escaped(conflicted, tmp_path):
    case, result = conflicted
    html = write_report(case, result, tmp_path / "r.html").read_text()
    for heading in ("What drives the conclusion", "Influence (leave-one-out)", "Conflict",
                    "Watch list"):  # fmt: skip
        assert f">{heading}</h" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A sign &lt;b&gt;bold&lt;/b&gt;" in html
    assert "pull against the rest" in html and "leads in" in html
    assert "times as likely under" in html
    drive = html[html.index("What drives the conclusion") : html.index("Watch list")]
    assert "<svg" in drive  # the tornado


def test_no_conflict_section_when_the_evidence_agrees(write_case, tmp_path):
    case = bw.load_case(write_case(CALM))
    result = bw.update(case, engine="exact", draws=200)
    html = write_report(case, result, tmp_path / "r.html").read_text()
    assert ">Conflict</h2>" not in html and ">Watch list</h2>" in html


def test_markdown_sections_escape_text_and_link_the_tornado(conflicted, tmp_path):
    case, result = conflicted
    md = write_report(case, result, tmp_path / "r.md").read_text()
    assert "## What drives the conclusion" in md and "## Conflict" in md
    assert "## Watch list" in md and "> **Warning:** The evidence pulls" in md
    assert md_text(NASTY) in md
    assert "<script>" not in md
    assert "](r_files/tornado.png)" in md and (tmp_path / "r_files" / "tornado.png").exists()


def test_md_text_escapes_markdown():
    assert md_text("a|b *c* _d_ [e](f) <g> `h` #i") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; \\`h\\` \\#i"
    )


def test_pdf_has_the_sections(conflicted, tmp_path):
    from pypdf import PdfReader

    case, result = conflicted
    path = write_report(case, result, tmp_path / "r.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    for heading in ("What drives the conclusion", "Conflict", "Watch list", "leads in"):
        assert heading in text
