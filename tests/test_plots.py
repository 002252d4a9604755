"""The figure builders, checked by what they draw."""

import pytest
from matplotlib.container import BarContainer

import beliefwatch as bw
from beliefwatch import plots
from tests.cases import make_case

CASE = make_case(["likely", 0.3, 0.2], [[[0.6, 0.9], 0.3, "I"], [0.4, "C", 0.5]])


@pytest.fixture(scope="module")
def result():
    return bw.update(CASE, draws=200)


def test_credence_bars_draw_prior_and_credence_per_hypothesis_in_its_colour(result):
    ax = plots.credence_bars(result).axes[0]
    prior, cred = [c for c in ax.containers if isinstance(c, BarContainer)]
    order = sorted(result.hypotheses, key=lambda h: result.credences[h])
    colors = plots.hypothesis_colors(result.hypotheses)
    assert [round(b.get_width(), 9) for b in cred] == [round(result.credences[h], 9) for h in order]
    assert [round(b.get_width(), 9) for b in prior] == [round(result.prior[h], 9) for h in order]
    from matplotlib.colors import to_hex

    assert [to_hex(b.get_facecolor()) for b in cred] == [colors[h].lower() for h in order]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["prior", "credence", "90% interval"]


def test_timeline_draws_one_line_per_hypothesis_through_every_step(result):
    ax = plots.timeline(result).axes[0]
    assert len(ax.lines) == len(result.hypotheses)
    for line, h in zip(ax.lines, result.hypotheses, strict=True):
        assert list(line.get_ydata()) == [s.credences[h] for s in result.timeline]


@pytest.mark.parametrize("builder", ["forest", "posterior_dists", "diagnostics"])
def test_arviz_figures_are_built_from_the_datatree(result, builder):
    fig = getattr(plots, builder)(result)
    assert fig.axes
    import matplotlib.pyplot as plt

    assert fig.number not in plt.get_fignums()  # pyplot no longer holds it
