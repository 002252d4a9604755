"""Matplotlib figures from beliefwatch.plots, embedded in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:  # matplotlib loads with the first figure shown, not with the window
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure


class FigurePane(QWidget):
    """Shows one Figure at a time; a new figure replaces (and frees) the old one.

    ``clear`` puts the placeholder back (no figure may outlive the case it was drawn from);
    ``set_stale`` greys the figure while it no longer matches the case.
    """

    def __init__(self, placeholder: str = "") -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: FigureCanvasQTAgg | None = None
        self._default = placeholder
        self._placeholder = QLabel(placeholder)
        self._placeholder.setWordWrap(True)
        self._placeholder.setStyleSheet("color: #666; padding: 16px;")
        self._layout.addWidget(self._placeholder)

    @property
    def figure(self) -> Figure | None:
        return None if self._canvas is None else self._canvas.figure

    def show_figure(self, fig: Figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        import beliefwatch.plots.mpl  # noqa: F401 - the settings of every figure

        self._drop_canvas()
        canvas = FigureCanvasQTAgg(fig)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(canvas)
        self._placeholder.hide()
        self._canvas = canvas

    def clear(self, message: str | None = None) -> None:
        self._drop_canvas()
        self._placeholder.setText(self._default if message is None else message)
        self._placeholder.show()

    def set_stale(self, stale: bool) -> None:
        if self._canvas is None:
            return
        if stale:
            effect = QGraphicsOpacityEffect(self._canvas)
            effect.setOpacity(0.35)
            self._canvas.setGraphicsEffect(effect)
        else:
            self._canvas.setGraphicsEffect(None)

    @property
    def is_stale(self) -> bool:
        return self._canvas is not None and self._canvas.graphicsEffect() is not None

    def _drop_canvas(self) -> None:
        old, self._canvas = self._canvas, None
        if old is not None:
            self._layout.removeWidget(old)
            old.deleteLater()
