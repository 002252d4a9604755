"""The live views: credences (with the bottom line) and the timeline, redrawn on every edit.

Both are Qt-drawn charts (gui/charts.py): an edit hands them the new numbers and a repaint is
queued; a chart that is not on screen gets its numbers when it is shown. When the case cannot
be computed, the charts go and the reason shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from beliefwatch.gui.charts import CredenceChart, TimelineChart

PLACEHOLDER = "Credences appear here once the case has two or more hypotheses."


class CredencesView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("padding:4px 6px; font-size:11pt;")
        self.pane = CredenceChart(PLACEHOLDER)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.pane, 1)


class LiveFigures:
    """Keeps the credence and timeline charts in step with the live analysis."""

    def __init__(self, credences: CredencesView, timeline: TimelineChart) -> None:
        self.credences, self.timeline = credences, timeline
        self._dirty: set = set()
        self.live = None

    def update(self, live, error: str | None, headline: str) -> None:
        self.live = live
        if live is None:
            why = f"The case cannot be computed: {error}" if error else PLACEHOLDER
            self.credences.pane.clear(why)
            self.timeline.clear(why)
            self.credences.headline.setText("")
            self._dirty.clear()
            return
        self.credences.headline.setText(headline)
        self._dirty = {self.credences.pane, self.timeline}

    def draw_if_visible(self, visible) -> None:
        chart = self.credences.pane if visible is self.credences else visible
        if self.live is None or chart not in self._dirty:
            return
        chart.show_result(self.live.result)
        self._dirty.discard(chart)
