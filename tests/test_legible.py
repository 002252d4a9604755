"""Labels a reader can read at 1366 x 768 and on a report page: titles that fit their panel,
percent everywhere, legends in a readable size, no warning about fonts the report does not need,
and no leader named in a tie."""

import re
import warnings

import pytest

import beliefwatch as bw
from beliefwatch import plots
from beliefwatch.core.elicitation import parse_prior
from tests.cases import make_case

LONG = [
    "Stability first: a stable buffer outweighs the irritation of the alignment",
    "Patron of an anti-US bloc: Beijing enables and leads a Northern Triangle",
    "Fear of losing Pyongyang: pressure would push Kim to Moscow and against China",
]


@pytest.fixture(scope="module")
def result():
    case = make_case([0.4, [0.2, 0.4], "unlikely"], [[[0.6, 0.9], 0.3, "I"], [0.4, "C", 0.5]])
    for h, name in zip(case.hypotheses, LONG, strict=True):
        h.name = name
    return bw.update(case, draws=200)


def drawn_texts(fig, ax=None):
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t.get_text() for t in (ax or fig).findobj(Text) if t.get_text()]


def test_distribution_panels_fit_their_titles_and_read_in_percent(result):
    fig = plots.posterior_dists(result)
    titled = [ax for ax in fig.axes if ax.get_title()]
    assert len(titled) == len(result.hypotheses)
    for ax in titled:
        lines = ax.get_title().split("\n")
        assert len(lines) <= 2 and all(len(line) <= 22 for line in lines), lines
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks and all(t.endswith("%") for t in ticks), ticks
        points = [t.get_text() for t in ax.texts if "mean" in t.get_text()]
        assert points and all(re.fullmatch(r"\d+\.\d% mean", p) for p in points), points
    fig.canvas.draw()
    # No two titles of one row overlap once drawn.
    boxes = [ax.title.get_window_extent() for ax in titled]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            same_row = abs(a.y0 - b.y0) < 1
            assert not (same_row and a.overlaps(b))


def test_rank_panels_and_the_window_rank_chart_name_the_leader_in_whole_words(result):
    from beliefwatch.plots.rank import leader_ranks

    for ax in plots.diagnostics(result).axes:
        if ax.get_title():
            assert all(len(line) <= 22 for line in ax.get_title().split("\n"))
    fig = leader_ranks(result)
    if fig is not None:
        title = fig.axes[0].get_title()
        assert "th?" not in title and title.endswith("”?")


def test_the_timeline_legend_is_readable(result):
    fig = plots.timeline(result)
    legend = fig.axes[0].get_legend()
    sizes = {t.get_fontsize() for t in legend.get_texts()}
    assert min(sizes) >= 7.5


def test_a_report_without_korean_or_chinese_does_not_warn_about_their_font(monkeypatch):
    from beliefwatch.reports import pdf
    from beliefwatch.reports.content import build_report

    monkeypatch.setattr(pdf, "find_cjk_font", lambda: None)  # a machine without the font
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    case.hypotheses[0].name = "Stability “first” — Pyongyang"
    latin = build_report(case, bw.update(case))
    assert not pdf.has_cjk(latin)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf._new_pdf(needs_cjk=pdf.has_cjk(latin))
    case.hypotheses[1].name = "평양의 안정"
    korean = build_report(case, bw.update(case))
    assert pdf.has_cjk(korean)
    with pytest.warns(UserWarning, match="Korean/Chinese"):
        pdf._new_pdf(needs_cjk=pdf.has_cjk(korean))


def test_a_tie_is_called_a_tie_not_a_lead():
    from beliefwatch.inference.live import analyse
    from beliefwatch.reports.wording import headline

    case = make_case([0.5, 0.5], [])
    case.hypotheses[1].prior = parse_prior(0.5)
    text = headline(analyse(case), plain=True)
    names = [h.name for h in case.hypotheses]
    assert text.startswith(f"Tied: {names[0]} and {names[1]} (50% each")


def test_the_calibration_diagram_reads_in_percent():
    from beliefwatch.plots.calibration import calibration_diagram

    bins = [{"lo": i / 10, "hi": (i + 1) / 10, "n": 1, "mean_forecast": i / 10 + 0.05,
             "frequency": i % 2} for i in range(10)]  # fmt: skip
    fig = calibration_diagram({"computed": bins})
    fig.canvas.draw()
    ax, counts = fig.axes
    for labels in (ax.get_yticklabels(), counts.get_xticklabels()):
        shown = [t.get_text() for t in labels if t.get_text()]
        assert shown and all(t.endswith("%") for t in shown), shown
