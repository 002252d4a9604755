"""One ordered list of sections (reports/content.py report_sections), walked by every format."""

import pytest

import beliefwatch as bw
from beliefwatch.core.case import Indicator
from beliefwatch.core.elicitation import parse_likelihood
from beliefwatch.reports import write_report
from beliefwatch.reports.content import build_report, report_sections
from tests.cases import make_case
from tests.test_reports import text_of


def _case():
    # Two items pulling apart (a conflict section) and a watched indicator.
    case = make_case([0.5, 0.5], [["0.9", "0.1"], ["0.05", "0.95"]])
    case.indicators.append(
        Indicator(id="w", text="Watched", likelihoods={"h0": parse_likelihood("0.7")})
    )
    return case


def test_the_list_holds_every_part_in_order():
    case = _case()
    r = build_report(case, bw.update(case, engine="exact"))
    keys = [s.key for s in report_sections(r)]
    assert keys == ["bottom_line", "hypotheses", "timeline", "evidence", "drivers", "conflict",
                    "watch", "caveats", "reproducibility"]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_every_format_shows_the_sections_in_the_list_order(tmp_path, fmt):
    case = _case()
    result = bw.update(case, engine="exact")
    titles = [s.title for s in report_sections(build_report(case, result))]
    text = text_of(write_report(case, result, tmp_path / f"r.{fmt}"))
    at = [text.find(t) for t in titles]
    assert -1 not in at, [t for t, i in zip(titles, at, strict=True) if i < 0]
    assert at == sorted(at)
