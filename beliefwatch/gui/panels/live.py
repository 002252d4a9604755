"""The live views: credences (with the bottom line) and the timeline, redrawn on every edit.

Building a figure costs ~100 ms, so only the visible one is drawn; the others are marked
to redraw when shown. When the case cannot be computed, the figures go and the reason shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from beliefwatch.gui.figures import FigurePane


class CredencesView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("padding:4px 6px; font-size:11pt;")
        self.pane = FigurePane("Credences appear here once the case has two or more hypotheses.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.pane, 1)


class LiveFigures:
    """Keeps the credence and timeline panes in step with the live analysis."""

    def __init__(self, credences: CredencesView, timeline: FigurePane) -> None:
        self.credences, self.timeline = credences, timeline
        self._dirty: set = set()
        self.live = None

    def update(self, live, error: str | None, headline: str) -> None:
        self.live = live
        if live is None:
            why = f"The case cannot be computed: {error}" if error else (
                "Credences appear here once the case has two or more hypotheses."
            )  # fmt: skip
            self.credences.pane.clear(why)
            self.timeline.clear(why)
            self.credences.headline.setText("")
            self._dirty.clear()
            return
        self.credences.headline.setText(headline)
        self._dirty = {self.credences.pane, self.timeline}

    def draw_if_visible(self, visible) -> None:
        pane = self.credences.pane if visible is self.credences else visible
        if self.live is None or pane not in self._dirty:
            return
        from beliefwatch import plots

        result = self.live.result
        fig = plots.credence_bars(result) if pane is self.credences.pane else plots.timeline(result)
        pane.show_figure(fig)
        self._dirty.discard(pane)
