"""The report's figures, as SVG text or PNG files."""

from __future__ import annotations

import io
from pathlib import Path

from beliefwatch import plots
from beliefwatch.inference.result import Result
from beliefwatch.plots.mpl import Figure


def report_figures(result: Result) -> dict[str, Figure]:
    # First, so that every figure of the report (the analyses' too) has the CJK fallback font.
    plots.use_cjk_fallback()
    figs = {
        "credences": plots.credence_bars(result, width=7.0),
        "timeline": plots.timeline(result, width=7.0, height=3.4),
    }
    if result.n_draws:
        figs["forest"] = plots.forest(result)
    return figs


def svg(fig: Figure, *, text_as_paths: bool = True) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path" if text_as_paths else "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: it goes inline


def png(fig: Figure, path: Path, dpi: int = 150) -> Path:
    fig.savefig(path, format="png", dpi=dpi, bbox_inches="tight")
    return path
