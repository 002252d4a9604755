"""The live charts - credences and timeline - drawn by Qt itself (the tornado: tornado_chart.py).

They change on every keystroke: a matplotlib figure rebuilt and rendered by Agg cost 150-250 ms
an edit, a Qt paint of the same marks a millisecond or two. An edit only hands over the new
numbers and asks for a repaint. The look follows plots/figures.py (same colours, same marks);
the reports keep the matplotlib figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from beliefwatch.plots.names import label_lines
from beliefwatch.plots.palette import PRIOR_GREY, hypothesis_colors

AXIS, TEXT, GRID = QColor("#444444"), QColor("#222222"), QColor("#e4e4e4")
TICKS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Bar:
    """One hypothesis as the credence chart shows it (top to bottom: leader first)."""

    name: str
    color: str
    prior: float
    credence: float
    low: float
    high: float

    @property
    def label(self) -> str:
        return f"{100 * self.credence:.0f}%"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


class _Chart(QWidget):
    """A chart with a placeholder text while there is nothing to show."""

    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self._default = placeholder
        self._message = placeholder
        self.font_small = QFont(self.font())
        self.font_small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        self._hits: list[tuple[QRectF, str]] = []  # areas the last paint drew, their tooltips

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            tip = next((t for rect, t in self._hits if rect.contains(QPointF(e.pos()))), "")
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    @property
    def shown(self) -> bool:
        """True while the chart shows a result (not its placeholder)."""
        raise NotImplementedError

    def clear(self, message: str | None = None) -> None:
        self._message = self._default if message is None else message
        self._clear_data()
        self.update()

    def _clear_data(self) -> None:
        raise NotImplementedError

    def _placeholder(self, p: QPainter) -> None:
        p.setPen(QColor("#666666"))
        p.drawText(QRectF(self.rect()).adjusted(16, 16, -16, -16),
                   Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, self._message)  # fmt: skip

    def _x_axis(self, p: QPainter, plot: QRectF, fm: QFontMetricsF, label: str) -> None:
        p.setPen(QPen(AXIS, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        for t in TICKS:
            x = plot.left() + t * plot.width() / self.x_max
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            text = _pct(t)
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, plot.bottom() + 5 + fm.ascent()),
                       text)  # fmt: skip
        p.drawText(QRectF(plot.left(), plot.bottom() + 6 + fm.height(), plot.width(),
                          fm.height()), Qt.AlignmentFlag.AlignHCenter, label)  # fmt: skip


class CredenceChart(_Chart):
    """Prior beside credence for each hypothesis, leader on top, with the credible interval."""

    x_max = 1.08  # room for the percent label beside a bar at 100%

    def __init__(self, placeholder: str = "") -> None:
        super().__init__(placeholder)
        self.bars: list[Bar] | None = None
        self.interval_prob = 0.9

    def show_result(self, result) -> None:
        colors = hypothesis_colors(result.hypotheses)
        order = sorted(result.hypotheses, key=lambda h: -result.credences[h])
        self.bars = [Bar(result.names[h], colors[h], result.prior[h], result.credences[h],
                         *result.intervals[h]) for h in order]  # fmt: skip
        self.interval_prob = result.interval_prob
        self.update()

    @property
    def shown(self) -> bool:
        return self.bars is not None

    def _clear_data(self) -> None:
        self.bars = None

    def texts(self) -> list[str]:
        """Every word the chart writes (for the tests that look for a hidden answer)."""
        if not self.bars:
            return [self._message]
        legend = ["prior", "credence", f"{round(100 * self.interval_prob)}% interval"]
        return ([label_lines(b.name) for b in self.bars] + [b.label for b in self.bars]
                + [_pct(t) for t in TICKS] + ["probability"] + legend)  # fmt: skip

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.bars:
            self._placeholder(p)
            return
        p.setFont(self.font_small)
        fm = QFontMetricsF(self.font_small)
        labels = [label_lines(b.name) for b in self.bars]
        label_w = max(fm.horizontalAdvance(line) for lab in labels for line in lab.split("\n"))
        label_w = min(label_w, 0.42 * self.width())
        n = len(self.bars)
        legend_h = fm.height() + 6
        plot = QRectF(label_w + 14, 8, self.width() - label_w - 24,
                      self.height() - 8 - 2 * fm.height() - 12 - legend_h)  # fmt: skip
        row = plot.height() / n
        scale = plot.width() / self.x_max
        has_interval = any(b.high > b.low for b in self.bars)
        for i, (bar, label) in enumerate(zip(self.bars, labels, strict=True)):
            top = plot.top() + i * row
            prior_rect = QRectF(plot.left(), top + 0.12 * row, bar.prior * scale, 0.28 * row)
            cred_rect = QRectF(plot.left(), top + 0.44 * row, bar.credence * scale, 0.42 * row)
            p.fillRect(prior_rect, QColor(PRIOR_GREY))
            p.fillRect(cred_rect, QColor(bar.color))
            y = cred_rect.center().y()
            if bar.high > bar.low:
                p.setPen(QPen(TEXT, 1.2))
                lo, hi = plot.left() + bar.low * scale, plot.left() + bar.high * scale
                p.drawLine(QPointF(lo, y), QPointF(hi, y))
                for x in (lo, hi):
                    p.drawLine(QPointF(x, y - 3), QPointF(x, y + 3))
            p.setPen(TEXT)
            right = plot.left() + max(bar.credence, bar.high) * scale + 4
            p.drawText(QPointF(right, y + fm.ascent() / 2 - 1), bar.label)
            p.drawText(QRectF(4, top, label_w + 4, row), RIGHT_MIDDLE, label)
        self._x_axis(p, plot, fm, "probability")
        self._legend(p, plot, fm, has_interval)

    def _legend(self, p: QPainter, plot: QRectF, fm: QFontMetricsF, interval: bool) -> None:
        entries = [("prior", QColor(PRIOR_GREY)), ("credence", QColor("#555555"))]
        texts = [t for t, _ in entries] + ([f"{round(100 * self.interval_prob)}% interval"]
                                           if interval else [])  # fmt: skip
        width = sum(fm.horizontalAdvance(t) + 26 for t in texts)
        x = plot.right() - width
        y = self.height() - fm.height() - 4
        for text, color in entries:
            p.fillRect(QRectF(x, y + 3, 14, fm.height() - 6), color)
            p.setPen(TEXT)
            p.drawText(QPointF(x + 18, y + fm.ascent()), text)
            x += fm.horizontalAdvance(text) + 26
        if interval:
            mid = y + fm.height() / 2
            p.setPen(QPen(TEXT, 1.2))
            p.drawLine(QPointF(x, mid), QPointF(x + 14, mid))
            for cap in (x, x + 14):
                p.drawLine(QPointF(cap, mid - 3), QPointF(cap, mid + 3))
            p.drawText(QPointF(x + 18, y + fm.ascent()), texts[-1])


class TimelineChart(_Chart):
    """Credence of each hypothesis after each item, in date order, starting at the prior."""

    x_max = 1.0
    LEGEND_MAX = 10  # more names than that do not fit beside the plot

    def __init__(self, placeholder: str = "") -> None:
        super().__init__(placeholder)
        self.lines: dict[str, list[float]] | None = None  # hypothesis name -> credences
        self.colors: list[str] = []
        self.labels: list[str] = []

    def show_result(self, result) -> None:
        colors = hypothesis_colors(result.hypotheses)
        ranked = sorted(result.hypotheses, key=lambda h: -result.credences[h])
        steps = result.timeline
        self.lines = {result.names[h]: [s.credences[h] for s in steps] for h in ranked}
        self.colors = [colors[h] for h in ranked]
        self.labels = ["prior"] + [s.date.isoformat() if s.date else s.item or ""
                                   for s in steps[1:]]  # fmt: skip
        self.update()

    @property
    def shown(self) -> bool:
        return self.lines is not None

    @property
    def top(self) -> float:
        """The axis's top: the next 10% above the highest credence (with room), at most 100%,
        so ten lines under 40% are not pressed into the bottom of a 0-100% plot."""
        peak = max((v for vals in (self.lines or {}).values() for v in vals), default=1.0)
        return min(1.0, math.ceil(round((peak + 0.05) * 10, 6)) / 10)

    def _clear_data(self) -> None:
        self.lines = None

    def texts(self) -> list[str]:
        """Every word the chart writes (for the tests that look for a hidden answer)."""
        if not self.lines:
            return [self._message]
        legend = (
            [label_lines(n, 34) for n in self.lines] if len(self.lines) <= self.LEGEND_MAX else []
        )
        top, step = self.top, 0.1 if self.top <= 0.6 else 0.2
        ticks = [_pct(k * step) for k in range(round(top / step) + 1)]
        return legend + self.labels + ticks + ["evidence, in date order", "credence"]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.lines:
            self._placeholder(p)
            return
        p.setFont(self.font_small)
        fm = QFontMetricsF(self.font_small)
        names = list(self.lines)
        legend = [label_lines(n, 34) for n in names] if len(names) <= self.LEGEND_MAX else []
        widest = max((fm.horizontalAdvance(line) for lab in legend for line in lab.split("\n")),
                     default=0)  # fmt: skip
        legend_w = min(0.36 * self.width(), widest)
        # A line wider than the room left is cut with an ellipsis, never by the window's edge.
        legend = ["\n".join(fm.elidedText(line, Qt.TextElideMode.ElideRight, legend_w)
                            for line in lab.split("\n")) for lab in legend]  # fmt: skip
        longest = max(fm.horizontalAdvance(t) for t in self.labels)
        below = 0.64 * longest + fm.height() + 14  # labels at 40 degrees, then the axis title
        left = fm.horizontalAdvance("100%") + fm.height() + 12
        plot = QRectF(left, 8, self.width() - left - legend_w - (32 if legend else 12),
                      self.height() - 8 - below)  # fmt: skip
        n = len(self.labels)
        dx = plot.width() / max(n - 1, 1)

        top = self.top
        step = 0.1 if top <= 0.6 else 0.2

        def at(i: int, v: float) -> QPointF:
            return QPointF(plot.left() + i * dx, plot.bottom() - v / top * plot.height())

        p.setPen(QPen(AXIS, 1))
        for t in [k * step for k in range(round(top / step) + 1)]:
            y = plot.bottom() - t / top * plot.height()
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(AXIS)
            text = _pct(t)
            p.drawText(QPointF(plot.left() - 6 - fm.horizontalAdvance(text), y + fm.ascent() / 2
                               - 1), text)  # fmt: skip
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        every = -(-n // max(4, round(plot.width() / 56)))  # a rotated date needs ~0.75 in
        for i in range(0, n, every):
            x = plot.left() + i * dx
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            p.save()
            p.translate(x + 3, plot.bottom() + 8)
            p.rotate(-40)
            p.drawText(QPointF(-fm.horizontalAdvance(self.labels[i]), fm.ascent() / 2),
                       self.labels[i])  # fmt: skip
            p.restore()
        p.drawText(
            QRectF(plot.left(), self.height() - fm.height() - 2, plot.width(), fm.height()),
            Qt.AlignmentFlag.AlignHCenter,
            "evidence, in date order",
        )
        p.save()
        p.translate(fm.height() / 2 + 2, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-60, -fm.height() / 2, 120, fm.height()),
                   Qt.AlignmentFlag.AlignCenter, "credence")  # fmt: skip
        p.restore()
        for (_name, values), color in zip(self.lines.items(), self.colors, strict=True):
            points = [at(0, values[0])]
            for i in range(1, n):
                points += [at(i, values[i - 1]), at(i, values[i])]
            p.setPen(QPen(QColor(color), 1.6))
            p.drawPolyline(QPolygonF(points))
            p.setBrush(QColor(color))
            p.drawEllipse(points[-1], 2.5, 2.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
        y = plot.top()
        for label, color in zip(legend, self.colors, strict=False):
            lines = label.count("\n") + 1
            p.setPen(QPen(QColor(color), 1.6))
            p.drawLine(QPointF(plot.right() + 10, y + fm.height() / 2),
                       QPointF(plot.right() + 24, y + fm.height() / 2))  # fmt: skip
            p.setPen(TEXT)
            p.drawText(QRectF(plot.right() + 28, y, legend_w + 4, lines * fm.height()),
                       Qt.AlignmentFlag.AlignLeft, label)  # fmt: skip
            y += lines * fm.height() + 3
