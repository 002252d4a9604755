"""Matplotlib figures from beliefwatch.plots, embedded in the window."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget


class FigurePane(QWidget):
    """Shows one Figure at a time; a new figure replaces (and frees) the old one."""

    def __init__(self, placeholder: str = "", scroll: bool = False) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: FigureCanvasQTAgg | None = None
        self._scroll = QScrollArea() if scroll else None
        self._placeholder = QLabel(placeholder)
        self._placeholder.setWordWrap(True)
        self._placeholder.setStyleSheet("color: #666; padding: 16px;")
        self._layout.addWidget(self._placeholder)
        if self._scroll is not None:
            self._scroll.setWidgetResizable(True)
            self._layout.addWidget(self._scroll)
            self._scroll.hide()

    @property
    def figure(self) -> Figure | None:
        return None if self._canvas is None else self._canvas.figure

    def show_figure(self, fig: Figure) -> None:
        old = self._canvas
        canvas = FigureCanvasQTAgg(fig)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if self._scroll is not None:
            w, h = fig.get_size_inches() * fig.dpi
            canvas.setMinimumSize(int(w * 0.8), int(h * 0.8))
            self._scroll.setWidget(canvas)
            self._scroll.show()
        else:
            self._layout.addWidget(canvas)
        self._placeholder.hide()
        self._canvas = canvas
        if old is not None and self._scroll is None:
            self._layout.removeWidget(old)
            old.deleteLater()
