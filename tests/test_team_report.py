"""The team report and the spread figure, as a reader sees them (docs/team.md)."""

from pathlib import Path

import pytest

from beliefwatch.inference.pool import pool
from beliefwatch.io.team import load_team

FIX = Path(__file__).parent / "fixtures" / "team"


@pytest.fixture(scope="module")
def team():
    return pool(load_team([FIX]))


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_hides_names_unless_asked(run_cli, tmp_path):
    out = tmp_path / "team.pdf"
    r = run_cli("pool", FIX, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout and "3 analysts" in r.stdout
    text = _pdf_text(out)
    assert "Team report" in text and "names hidden" in text
    assert "Analyst 1" in text and "Analyst 3" in text
    assert "Ana" not in text.replace("Analyst", "") and "Ben" not in text
    assert "Lab report; I trust it." in text  # every analyst's note beside their cell
    assert "engine exact" in text  # which engine made the pooled numbers
    assert "Item alibi is only in Analyst 3's case" in text
    named = tmp_path / "named.pdf"
    assert run_cli("pool", FIX, "-o", named, "--names").returncode == 0
    assert "Ben" in _pdf_text(named) and "names hidden" not in _pdf_text(named)


def test_html_report_tables(team, tmp_path):
    from beliefwatch.reports.team import write_team_report

    path = write_team_report(team, tmp_path / "team.html", names=True)
    html = path.read_text(encoding="utf-8")
    assert "<td>Ana</td>" in html and "<td class=n>80.0%</td>" in html  # Ana's credence in x
    assert "<h3>ink: swing 3.2%</h3>" in html
    assert html.count("<svg") == 1
    with pytest.raises(ValueError, match="must be .pdf or .html"):
        write_team_report(team, tmp_path / "team.md")


def test_spread_figure_draws_each_analyst_and_the_pools(team):
    from beliefwatch.plots.team import spread_figure

    fig = spread_figure(team, ["A1", "A2", "A3"])
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["A1", "A2", "A3"] and "linear pool" in legend
    assert "pooled case (90% interval; exact)" in legend
    # The first hypothesis on top.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["The clerk", "The courier"]
    assert list(ax.get_yticks()) == [1, 0]
    # The grey spread bar of x runs from the lowest analyst to the highest.
    xs = [a.result.credences["x"] for a in team.analysts]
    bars = [line for line in ax.lines if line.get_linewidth() == 7]
    assert sorted(bars[0].get_xdata()) == pytest.approx([min(xs), max(xs)])
