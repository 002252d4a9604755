"""The figure builders, checked by what they draw."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.container import BarContainer

import beliefwatch as bw
from beliefwatch import plots
from beliefwatch.plots.names import cut_words, label_lines, short_name, short_names, text_width
from tests.cases import make_case
from tests.fonts import needs_cjk_font

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


@pytest.mark.parametrize("builder", ["posterior_dists", "diagnostics"])
def test_arviz_figures_are_built_from_the_datatree(result, builder):
    fig = getattr(plots, builder)(result)
    assert fig.axes
    import matplotlib.pyplot as plt

    assert fig.number not in plt.get_fignums()  # pyplot no longer holds it


def test_forest_draws_the_intervals_the_result_states(result):
    ax = plots.forest(result).axes[0]
    drawn = {tuple(line.get_xdata()) for line in ax.lines}
    for h in result.hypotheses:
        assert tuple(result.intervals[h]) in drawn
        assert (result.credences[h],) in drawn


# -- names, not ids (13.3) ----------------------------------------------------------------------


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    fig.canvas.draw()  # tick labels are made at draw time
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("builder", ["forest", "posterior_dists", "diagnostics"])
def test_draw_figures_name_the_hypotheses_not_their_ids(result, builder):
    texts = _texts(getattr(plots, builder)(result))
    for h in result.hypotheses:
        assert result.names[h] in texts  # "Hypothesis 0", short enough to stay whole
        assert not any(re.search(rf"\b{h}\b", t) for t in texts), h


def test_long_names_are_cut_with_an_ellipsis_never_silently():
    case = make_case([0.5, 0.5], [[0.8, 0.3]])
    case.hypotheses[0].name = "Fear of losing Pyongyang: pressure would push Kim to Moscow and " \
        "against China, and Beijing knows it"  # fmt: skip
    labels = [t.get_text() for t in plots.credence_bars(bw.update(case)).axes[0].get_yticklabels()]
    long = next(lab for lab in labels if lab.startswith("Fear"))
    assert long.endswith("…") and long.count("\n") == 1


@given(st.text(min_size=0, max_size=80), st.integers(min_value=4, max_value=40))
def test_a_short_name_fits_its_width_and_starts_like_the_name(name, width):
    short = short_name(name, width)
    flat = " ".join(name.split())
    assert text_width(short) <= width
    assert short == flat or flat.startswith(short.removesuffix("…"))


@given(st.text(alphabet=st.sampled_from("ab -:"), max_size=60), st.integers(4, 40))
def test_a_cut_ends_at_a_whole_word_when_one_leaves_half_the_room(text, width):
    out = cut_words(text, width)
    flat = " ".join(text.split())
    assert text_width(out) <= width
    if out != flat:
        kept = out.removesuffix("…")
        assert out.endswith("…") and flat.startswith(kept)
        # Mid-word only when no space or hyphen falls in the second half of the room.
        assert flat[len(kept)] in " -:" or not set(flat[width // 2 : width - 1]) & {" ", "-"}


def test_a_group_name_in_the_tornado_is_cut_at_a_word():
    assert (
        cut_words("The two wire reports that both quote one official", 24)
        == "The two wire reports…"
    )
    assert (
        cut_words("China signs a China-Japan-ROK summit declaration", 27)
        == "China signs a China-Japan…"
    )


def test_a_label_on_two_lines_leaves_no_stray_piece_of_a_name():
    """The second line is the name's next words, cut with …, never the bit before a colon."""
    low = "Low stakes (derived from Easley 9): a resentful, transactional tie that cannot last"
    assert label_lines(low) == "Low stakes (derived from Easley\n9): a resentful, transactional…"
    assert label_lines("Displeased, restraining in private: the passivity is only apparent") == (
        "Displeased, restraining in\nprivate: the passivity is only…"
    )


@given(st.lists(st.text(max_size=40), min_size=1, max_size=12), st.integers(4, 30))
def test_short_names_never_stand_for_two_hypotheses(names, width):
    by_id = {f"h{k}": n for k, n in enumerate(names)}
    short = short_names(by_id, width)
    assert set(short) == set(by_id)
    assert len(set(short.values())) == len(by_id)


def test_short_names_of_an_analysts_hypotheses():
    names = {
        "a": "Rogue ally: Beijing fears losing Pyongyang if it pushes",
        "b": "Buffer first",
        "c": "Displeased, but signals only in private",
        "d": "김정은 정권의 붕괴가 임박했다는 판단",  # two columns a character
    }
    assert short_names(names, 18) == {"a": "Rogue ally", "b": "Buffer first",
                                      "c": "Displeased, but…", "d": "김정은 정권의…"}  # fmt: skip


# -- Korean and Chinese in figures (13.12) -------------------------------------------------------


@needs_cjk_font
@pytest.mark.parametrize("builder", ["credence_bars", "timeline", "forest"])
def test_korean_and_chinese_names_draw_without_missing_glyphs(builder):
    import io
    import warnings

    case = make_case([0.5, 0.3, 0.2], [[[0.6, 0.9], 0.3, 0.5]])
    case.hypotheses[0].name = "김정은 정권 유지"
    case.hypotheses[1].name = "北京的担忧"
    fig = getattr(plots, builder)(bw.update(case, draws=100))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fmt in ("png", "pdf", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    assert any("김정은" in t for t in _texts(fig)) and any("北京" in t for t in _texts(fig))
