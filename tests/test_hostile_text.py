"""Names and texts a user may write break no figure and no report (issue 19).

A "$" is text, not matplotlib mathtext; a very long name or item text is wrapped or cut in the
PDF's tables (saying so) rather than failing the whole export with "row too high".
"""

from __future__ import annotations

import pytest

import beliefwatch as bw
from beliefwatch.reports import write_report
from beliefwatch.reports.class_report import write_class_report

DOLLARS = "Spend $5 on #1 & $6"
LONG_NAME = "A hypothesis named at great length " * 60
LONG_TEXT = "An item whose text goes on and on, as pasted from a cable. " * 400

CASE = f"""\
question = "Where does the money go?"
[[hypotheses]]
id = "spend"
name = "{DOLLARS}"
prior = 0.5
[[hypotheses]]
id = "long"
name = "{LONG_NAME}"
prior = 0.5
[[evidence]]
id = "cable"
text = "{LONG_TEXT}"
source = "{"A source with a very long name " * 80}"
[evidence.likelihoods]
spend = [0.6, 0.8]
long = 0.3
[[evidence]]
id = "cost"
text = "It cost $5 and then $6 & more, item #1"
[evidence.likelihoods]
spend = 0.7
long = 0.4
[resolution]
answer = "spend"
"""


@pytest.fixture
def case_and_result(write_case):
    case = bw.load_case(write_case(CASE))
    return case, bw.update(case, engine="exact", draws=200)


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".md"])
def test_dollars_and_long_texts_go_through_every_report_format(case_and_result, tmp_path, suffix):
    case, result = case_and_result
    out = write_report(case, result, tmp_path / f"r{suffix}")
    assert out.stat().st_size > 1000
    if suffix != ".pdf":
        text = out.read_text(encoding="utf-8")
        # As written: HTML escapes only the &, Markdown every $ (or viewers read $...$ as math)
        want = "Spend $5 on #1 &amp; $6" if suffix == ".html" else r"Spend \$5 on \#1 &amp; \$6"
        assert want in text
    else:
        from pypdf import PdfReader

        words = "".join(p.extract_text() for p in PdfReader(out).pages)
        assert "cut here" in words  # the reader is told the cell does not hold all of it


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_dollars_and_long_names_go_through_the_class_report(case_and_result, tmp_path, suffix):
    case, result = case_and_result
    out = write_class_report([("t.toml", case, result.credences)], tmp_path / f"c{suffix}")
    assert out.stat().st_size > 1000


def test_every_figure_draws_a_dollar_name_as_written(case_and_result):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    import beliefwatch.plots as plots

    result = case_and_result[1]
    for build in (plots.credence_bars, plots.timeline, plots.forest):
        fig = build(result)
        FigureCanvasAgg(fig).draw()
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        assert any("$5" in t for t in texts), build.__name__
