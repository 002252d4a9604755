"""The Drivers view's tornado, drawn by Qt as ``charts.py`` draws the live charts (the report
keeps plots/tornado.py's matplotlib figure).

A bar's name that does not fit its room is cut at whole words with …; hovering the row shows it
whole with its range. The chart lists the words it writes or shows on hover (``texts``), so the
tests that look for a hidden answer read it as they read every label of the window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from beliefwatch.gui.charts import AXIS, RIGHT_MIDDLE, TEXT, _Chart
from beliefwatch.plots.names import cut_words, text_width

LEGEND = ("input at the low end", "input at the high end")
EMPTY = "No uncertain inputs: nothing to move."
ROOM = (2.0, 1.75, 1.5, 1.25, 1.0)  # the names at twice down to once the report's widths


def _fit(names: list[str], rng: str, fm: QFontMetricsF, room: float) -> str:
    """The row's label in ``room`` pixels: the longest of its names that fits, else the
    shortest cut further at whole words; the range kept."""
    for what in names:
        text = f"{what}  {rng}"
        if fm.horizontalAdvance(text) <= room:
            return text
    width = text_width(what)
    while fm.horizontalAdvance(text) > room and width > 6:
        width -= 2
        text = f"{cut_words(what, width)}  {rng}"
    return text


class TornadoChart(_Chart):
    """The leader's credence with each uncertain input at the ends of its range, widest on top
    (as plots/tornado.py draws it for the report)."""

    LOW, HIGH = QColor("#0072B2"), QColor("#E69F00")  # the input at its low / high end

    def __init__(self, placeholder: str = "") -> None:
        super().__init__(placeholder)
        # (the name cut to each ROOM, its range, the whole name with its range, low, high)
        self.rows: list[tuple[list[str], str, str, float, float]] | None = None
        self.center = 0.0
        self.axis_label = ""
        self._drawn: list[str] = []  # the labels as last drawn (cut to the room they had)

    @property
    def shown(self) -> bool:
        return self.rows is not None

    def _clear_data(self) -> None:
        self.rows = None

    def show_analysis(self, a, top: int = 10) -> None:
        from beliefwatch.plots.input_names import range_text, readable, tornado_label
        from beliefwatch.plots.names import short_name

        self.center = a.tornado_center if a.tornado_center is not None else a.credences[a.leader]
        bars = [b for b in a.tornado if math.isfinite(b.low) and math.isfinite(b.high)][:top]
        self.rows = [([cut_words(readable(a, b.input, room=k), round(46 * k)) for k in ROOM],
                      range_text(a, b.input), tornado_label(a, b.input, short=False), b.low,
                      b.high) for b in bars]  # fmt: skip
        self.axis_label = (f"credence of “{short_name(a.names[a.leader], 32)}” "
                           "(line: all inputs central)")  # fmt: skip
        self._drawn = []
        self.update()

    def texts(self) -> list[str]:
        """Every word the chart writes or shows on hover."""
        if self.rows is None:
            return [self._message]
        if not self.rows:
            return [EMPTY]
        drawn = self._drawn or [f"{names[0]}  {rng}" for names, rng, *_ in self.rows]
        return [*LEGEND, self.axis_label, *drawn, *(self._tip(r) for r in self.rows)]

    @staticmethod
    def _tip(row) -> str:
        _what, _rng, whole, lo, hi = row
        return f"{whole}\nleader's credence {100 * lo:.1f}% to {100 * hi:.1f}%"

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self._hits = []
        if self.rows is None:
            self._placeholder(p)
            return
        p.setFont(self.font_small)
        fm = QFontMetricsF(self.font_small)
        if not self.rows:
            p.setPen(TEXT)
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, EMPTY)
            return
        widest = max(fm.horizontalAdvance(f"{names[0]}  {rng}") for names, rng, *_ in self.rows)
        label_w = min(widest, 0.5 * self.width())
        self._drawn = [_fit(names, rng, fm, label_w) for names, rng, *_ in self.rows]
        top = fm.height() + 10  # the legend above
        plot = QRectF(label_w + 14, top, self.width() - label_w - 26,
                      self.height() - top - 2 * fm.height() - 14)  # fmt: skip
        values = [v for *_, lo, hi in self.rows for v in (lo, hi)] + [self.center]
        span = max(values) - min(values) or 0.01
        x_min, x_max = max(0.0, min(values) - 0.08 * span), min(1.0, max(values) + 0.08 * span)
        scale = plot.width() / ((x_max - x_min) or 0.01)

        def x_of(v: float) -> float:
            return plot.left() + (v - x_min) * scale

        row = plot.height() / len(self.rows)
        for i, (r, text) in enumerate(zip(self.rows, self._drawn, strict=True)):
            y = plot.top() + i * row
            for v, color in ((r[3], self.LOW), (r[4], self.HIGH)):
                a, b = sorted((x_of(self.center), x_of(v)))
                p.fillRect(QRectF(a, y + 0.2 * row, b - a, 0.6 * row), color)
            p.setPen(TEXT)
            p.drawText(QRectF(4, y, label_w + 4, row), RIGHT_MIDDLE, text)
            self._hits.append((QRectF(0, y, plot.right(), row), self._tip(r)))
        p.setPen(QPen(TEXT, 1))
        p.drawLine(QPointF(x_of(self.center), plot.top()), QPointF(x_of(self.center),
                                                                    plot.bottom()))  # fmt: skip
        p.setPen(QPen(AXIS, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        step = next(s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25) if (x_max - x_min) / s <= 7)
        t = math.ceil(x_min / step) * step
        while t <= x_max + 1e-9:
            x = x_of(t)
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            text = f"{100 * t:.0f}%"
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, plot.bottom() + 5 + fm.ascent()),
                       text)  # fmt: skip
            t += step
        p.drawText(QRectF(plot.left(), plot.bottom() + 6 + fm.height(), plot.width(),
                          fm.height()), Qt.AlignmentFlag.AlignHCenter, self.axis_label)  # fmt: skip
        legend_w = sum(fm.horizontalAdvance(t) + 34 for t in LEGEND) - 16
        x = min(plot.center().x() - legend_w / 2, self.width() - legend_w - 6)
        for text, color in zip(LEGEND, (self.LOW, self.HIGH), strict=True):
            p.fillRect(QRectF(x, 5, 14, fm.height() - 4), color)
            p.setPen(TEXT)
            p.drawText(QPointF(x + 18, 3 + fm.ascent()), text)
            x += fm.horizontalAdvance(text) + 34
