"""The training views' charts - the ACH ranking beside the Bayesian one, and the trainee's
estimate beside the computed credences - drawn by Qt, as ``charts.py`` draws the live ones.

Both change on every edit while their tab shows: a matplotlib figure rebuilt and rendered by Agg
cost ~100 ms an edit, a Qt paint a millisecond or two. What they show is computed below Qt
(``plots/training.py``). Each chart lists the words it writes (``texts``), so that the tests
that look for a hidden answer read the chart as they read every label of the window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from beliefwatch.gui.charts import AXIS, GRID, TEXT, _Chart, _pct
from beliefwatch.plots.names import label_lines, short_names
from beliefwatch.plots.training import (
    ACH_COLOR,
    BAYES_COLOR,
    ESTIMATE_COLOR,
    PRIOR_COLOR,
    RankRow,
    rank_rows,
    score_text,
)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WRAP = Qt.TextFlag.TextWordWrap
ACH_HEAD = "ACH: fewest inconsistencies (PARC, weighted)"
BAYES_HEAD = "Bayes: highest credence"
HIDDEN = "Credences hidden until you record your estimate"
MUTED = QColor("#AAAAAA")


class RankingChart(_Chart):
    """ACH's order on the left (name, weighted PARC score), Bayes' on the right (credence,
    name), each hypothesis joined across: a line that crosses two places or more is drawn bold
    in blue. Hovering a name shows it in full with both ranks."""

    def __init__(self, placeholder: str = "") -> None:
        super().__init__(placeholder)
        self.rows: list[RankRow] | None = None
        self.short: dict[str, str] = {}  # the names as drawn, as short as the tables give them

    def show_ranking(self, names: dict[str, str], parc: dict[str, float],
                     credences: dict[str, float] | None) -> None:  # fmt: skip
        self.rows = rank_rows(names, parc, credences)
        self.short = short_names(names, 40)
        self.update()

    @property
    def shown(self) -> bool:
        return self.rows is not None

    @property
    def hidden(self) -> bool:
        return bool(self.rows) and self.rows[0].credence is None

    def _clear_data(self) -> None:
        self.rows = None
        self._hits = []

    def texts(self) -> list[str]:
        """Every word the chart writes or shows on hover."""
        if not self.rows:
            return [self._message]
        out = [ACH_HEAD, BAYES_HEAD] + ([HIDDEN] if self.hidden else [])
        for r in self.rows:
            out += [self.short[r.id], score_text(r.score), self._tip(r)]
            if r.credence is not None:
                out.append(_pct(r.credence))
        return out

    @staticmethod
    def _tip(r: RankRow) -> str:
        ach = f"ACH rank {r.ach_rank} (weighted PARC {score_text(r.score)})"
        bayes = ("Bayes rank: hidden" if r.credence is None
                 else f"Bayes rank {r.bayes_rank} ({100 * r.credence:.1f}%)")  # fmt: skip
        return f"{r.name}\n{ach}\n{bayes}"

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self._hits = []
        if not self.rows:
            self._placeholder(p)
            return
        p.setFont(self.font_small)
        fm = QFontMetricsF(self.font_small)
        w, n = self.width(), len(self.rows)
        slope = min(220.0, max(60.0, 0.24 * w))
        xl = (w - slope) / 2
        xr = xl + slope
        side = xl - 20  # each side's text: from the window's edge to 10 px short of its dots
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        head_h = max(p.boundingRect(QRectF(0, 0, side, 400), WRAP, t).height()
                     for t in (ACH_HEAD, BAYES_HEAD))  # fmt: skip
        for text, color, rect, align in (
            (ACH_HEAD, ACH_COLOR, QRectF(10, 8, side, head_h), Qt.AlignmentFlag.AlignRight),
            (BAYES_HEAD, BAYES_COLOR, QRectF(xr + 10, 8, side, head_h), Qt.AlignmentFlag.AlignLeft),
        ):
            p.setPen(QColor(color))
            p.drawText(rect, WRAP | align | Qt.AlignmentFlag.AlignBottom, text)
        p.setFont(self.font_small)
        top = 8 + head_h + 8
        # Rows spread over the height, but not so far apart that a few read as unrelated.
        row = min(4.5 * fm.height(), max(fm.height(), (self.height() - top - 8) / n))

        def y_of(pos: int) -> float:
            return top + (pos + 0.5) * row

        score_w = max(fm.horizontalAdvance(score_text(r.score)) for r in self.rows)
        pct_w = fm.horizontalAdvance("100%")
        for r in sorted(self.rows, key=lambda r: r.moved):  # a grey line never over a blue one
            yl = y_of(r.ach_pos)
            if r.bayes_pos is not None:
                yr = y_of(r.bayes_pos)
                color = QColor(BAYES_COLOR) if r.moved else MUTED
                p.setPen(QPen(color, 2.2 if r.moved else 1.1))
                p.drawLine(QPointF(xl, yl), QPointF(xr, yr))
                p.setBrush(color)
                p.drawEllipse(QPointF(xr, yr), 2.6, 2.6)
                p.drawEllipse(QPointF(xl, yl), 2.6, 2.6)
                p.setBrush(Qt.BrushStyle.NoBrush)
                self._label(p, fm, QRectF(xr + 10, yr - row / 2, side, row), LEFT,
                            _pct(r.credence), pct_w, r)  # fmt: skip
            else:
                p.setPen(QColor(ACH_COLOR))
                p.setBrush(QColor(ACH_COLOR))
                p.drawEllipse(QPointF(xl, yl), 2.6, 2.6)
                p.setBrush(Qt.BrushStyle.NoBrush)
            self._label(p, fm, QRectF(10, yl - row / 2, side, row), RIGHT, score_text(r.score),
                        score_w, r)  # fmt: skip
        if self.hidden:
            p.setPen(QColor("#666666"))
            p.drawText(QRectF(xr + 10, top, min(side, 190), 4 * fm.height()), WRAP, HIDDEN)

    def _label(self, p: QPainter, fm: QFontMetricsF, rect: QRectF, align, number: str,
               number_w: float, r: RankRow) -> None:  # fmt: skip
        """The number beside the dot, then the name, cut with … where the side is too narrow."""
        gap = fm.horizontalAdvance("  ")
        room = rect.width() - number_w - gap
        name = fm.elidedText(self.short[r.id], Qt.TextElideMode.ElideRight, room)
        p.setPen(TEXT)
        if align == RIGHT:
            num = QRectF(rect.right() - number_w, rect.top(), number_w, rect.height())
            text = QRectF(rect.left(), rect.top(), room, rect.height())
        else:
            num = QRectF(rect.left(), rect.top(), number_w, rect.height())
            text = QRectF(rect.left() + number_w + gap, rect.top(), room, rect.height())
        p.drawText(num, align, number)
        p.drawText(text, align, name)
        used = fm.horizontalAdvance(name)
        hit = QRectF(text.right() - used if align == RIGHT else text.left(), rect.top(), used,
                     rect.height())  # fmt: skip
        self._hits.append((hit.united(num), self._tip(r)))


class ComparisonChart(_Chart):
    """Per hypothesis, three bars: the prior, the trainee's estimate and the computed
    credence (in the order of the comparison table above it)."""

    SERIES = (("prior", PRIOR_COLOR), ("you", ESTIMATE_COLOR), ("computed", BAYES_COLOR))

    def __init__(self, placeholder: str = "") -> None:
        super().__init__(placeholder)
        self.rows: list[tuple[str, float, float, float]] | None = None  # name, prior, you, comp.

    def show_comparison(self, result, estimate: dict[str, float]) -> None:
        short = short_names(result.names, 40)  # as the comparison table above names them
        self.rows = [(short[h], result.prior[h], estimate[h], result.credences[h])
                     for h in result.hypotheses]  # fmt: skip
        # Room for three bars and a name on two lines a hypothesis, the legend and the axis.
        line = QFontMetricsF(self.font_small).height()
        self.setMinimumHeight(round(5 * line) + 36 * len(self.rows))
        self.update()

    @property
    def shown(self) -> bool:
        return self.rows is not None

    def _clear_data(self) -> None:
        self.rows = None

    @property
    def x_max(self) -> float:
        """The next 10% above the largest bar (with room), at most 100%."""
        top = max(v for row in self.rows or [] for v in row[1:]) if self.rows else 1.0
        return min(1.0, math.ceil(round(10 * top + 0.5, 6)) / 10)

    def texts(self) -> list[str]:
        if not self.rows:
            return [self._message]
        return [t for t, _ in self.SERIES] + ["credence"] + [r[0] for r in self.rows]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.rows:
            self._placeholder(p)
            return
        p.setFont(self.font_small)
        fm = QFontMetricsF(self.font_small)
        top = fm.height() + 12  # the legend above
        height = self.height() - top - 2 * fm.height() - 14  # the axis below
        row = height / len(self.rows)
        # A name on two lines where the row has room for them, else on one, cut with …
        two = row >= 2 * fm.height() + 4
        labels = [label_lines(r[0], 24) if two else r[0] for r in self.rows]
        label_w = min(max(fm.horizontalAdvance(line) for lab in labels for line in lab.split("\n")),
                      0.34 * self.width())  # fmt: skip
        plot = QRectF(label_w + 16, top, self.width() - label_w - 30, height)
        x_max = self.x_max
        step = 0.1 if x_max <= 0.6 else 0.2
        scale = plot.width() / x_max
        for k in range(round(x_max / step) + 1):
            x = plot.left() + k * step * scale
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(AXIS)
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            text = _pct(k * step)
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, plot.bottom() + 5 + fm.ascent()),
                       text)  # fmt: skip
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawText(QRectF(plot.left(), plot.bottom() + 6 + fm.height(), plot.width(),
                          fm.height()), Qt.AlignmentFlag.AlignHCenter, "credence")  # fmt: skip
        bar = min(0.27 * row, 14.0)
        for i, ((_name, *values), label) in enumerate(zip(self.rows, labels, strict=True)):
            mid = plot.top() + (i + 0.5) * row
            for k, (v, (_label, color)) in enumerate(zip(values, self.SERIES, strict=True)):
                p.fillRect(QRectF(plot.left(), mid + (k - 1.5) * bar, v * scale, bar),
                           QColor(color))  # fmt: skip
            p.setPen(TEXT)
            text = "\n".join(fm.elidedText(line, Qt.TextElideMode.ElideRight, label_w)
                             for line in label.split("\n"))  # fmt: skip
            p.drawText(QRectF(4, mid - row / 2, label_w + 6, row), RIGHT, text)
        x = plot.left()
        for label, color in self.SERIES:
            p.fillRect(QRectF(x, 5, 14, fm.height() - 4), QColor(color))
            p.setPen(TEXT)
            p.drawText(QPointF(x + 18, 3 + fm.ascent()), label)
            x += fm.horizontalAdvance(label) + 34
