"""Titles, tick labels and legends sized for where a figure is read: a results pane half of a
1366-px screen, and a report page. Only labels here; what is drawn stays with its builder."""

from __future__ import annotations

import re
import textwrap

from beliefwatch.plots.names import short_name

# ArviZ writes its point estimate as "0.048 mean"; everything else the user reads is percent.
_POINT = re.compile(r"^(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s+(mean|median|mode)$")


def PERCENT(value, _pos=None) -> str:
    """Tick labels in percent. A module-level function, not a lambda: figures are pickled
    on their way from the background process to the window."""
    return f"{100 * value:.0f}%"


def two_lines(text: str, width: int) -> str:
    """At most two lines of ``width`` columns; a longer text ends with … after a whole word."""
    lines = textwrap.wrap(" ".join(text.split()), width)
    if len(lines) > 2:
        lines = [lines[0], short_name(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def percent_panels(fig, title_width: int = 22, title_size: float = 8.5) -> None:
    """Panels of credences (ArviZ's grid): each title on at most two short lines, the
    credence axis and the point estimate in percent."""
    for ax in fig.axes:
        if ax.get_title():
            ax.set_title(two_lines(ax.get_title(), title_width), fontsize=title_size)
        ax.xaxis.set_major_formatter(PERCENT)
        ax.tick_params(labelsize=7)
        for t in ax.texts:
            m = _POINT.match(t.get_text().strip())
            if m:
                t.set_text(f"{100 * float(m.group(1)):.1f}% {m.group(2)}")
                t.set_fontsize(7)


def fit_titles(fig, title_width: int = 22, title_size: float = 8.5) -> None:
    """Panel titles of a grid on at most two short lines (axes that are not credences)."""
    for ax in fig.axes:
        if ax.get_title():
            ax.set_title(two_lines(ax.get_title(), title_width), fontsize=title_size)


def percent_axes(ax, counts) -> None:
    """The calibration diagram in percent, as every other probability the user reads."""
    ax.yaxis.set_major_formatter(PERCENT)
    counts.xaxis.set_major_formatter(PERCENT)
    counts.tick_params(axis="x", labelsize=8)
