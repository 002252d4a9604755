"""What drives the conclusion: which items move the leader, how fragile the lead is, and what
single new item would change the answer (MODEL.md section 7)."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.gui.models import weight_colour
from beliefwatch.gui.tornado_chart import TornadoChart
from beliefwatch.plots.names import short_name
from beliefwatch.reports import wording

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COLUMNS = ["Item", "Δ leader", "dB leader", "dB runner-up"]


class DriversPanel(QWidget):
    """Sentences on top, the items that matter most in a table, the tornado below."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet("padding:4px 6px;")
        self.conflict = QLabel("")
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet("background:#fff3cd; color:#664d03; padding:5px; "
                                    "border:1px solid #e0c36c;")  # fmt: skip
        self.conflict.hide()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        tips = [
            "The evidence item (hover for its id)",
            "How much the item moves the leader's credence: with it minus without it",
            "Weight of the item for the leader against the rest, in decibans "
            "(10·log10 of its Bayes factor; +10 dB = 10 times as likely)",
            "The same for the runner-up",
        ]
        for c, tip in enumerate(tips):
            self.table.horizontalHeaderItem(c).setToolTip(tip)
        self.tornado = TornadoChart("The tornado appears when some input is uncertain.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tornado)
        split.setSizes([260, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflict)
        layout.addWidget(split, 1)
        self._analysis = None
        self._drawn = None

    def refresh(self, live) -> None:
        a = live.analysis if live is not None else None
        self._analysis = a
        if a is None:
            self.summary.setText("What drives the conclusion appears once the case computes.")
            self.conflict.hide()
            self.table.setRowCount(0)
            self.tornado.clear()
            self._drawn = None
            return
        lead = short_name(a.names[a.leader], 40)
        lines = [
            f"<b>{escape(lead)}</b> leads with {100 * a.credences[a.leader]:.0f}% — "
            f"{escape(wording.robustness_sentence(a))}.",
        ]
        if a.runner_up is not None:
            # The report's sentence (one wording, reports/wording.py), with shorter names.
            short = {h: short_name(n, 40) for h, n in a.names.items()}
            head, _, rest = wording.change_my_mind(a, short).partition(": ")
            lines.append(f"<b>{escape(head)}:</b> {escape(rest)}")
        self.summary.setText("<br>".join(lines))
        warning = a.conflict_warning
        self.conflict.setVisible(warning is not None)
        self.conflict.setText(f"⚠ {warning}" if warning else "")
        self._fill_table(a)
        self._drawn = None
        if self.isVisible():
            self.draw()

    def _fill_table(self, a) -> None:
        # Columns sized to their contents would be measured again after every cell set (432
        # cells on the example: 0.1 s an edit); measured once, after the fill.
        header = self.table.horizontalHeader()
        modes = [header.sectionResizeMode(c) for c in range(len(COLUMNS))]
        for c in range(len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        self._fill_rows(a)
        for c, mode in enumerate(modes):
            header.setSectionResizeMode(c, mode)

    def _fill_rows(self, a) -> None:
        ranked = sorted(a.items, key=lambda d: -abs(d.influence.get(a.leader, 0.0)))
        self.table.setRowCount(len(ranked))
        for row, d in enumerate(ranked):
            infl = d.influence.get(a.leader, 0.0)
            for_lead = d.bayes_factor_db.get(a.leader, 0.0)
            for_runner = d.bayes_factor_db.get(a.runner_up, 0.0) if a.runner_up else 0.0
            cells = [
                QTableWidgetItem(d.text),
                QTableWidgetItem(_signed(100 * infl, "pts")),
                QTableWidgetItem(_db(for_lead)),
                QTableWidgetItem(_db(for_runner)),
            ]
            cells[0].setToolTip(f"{d.text}\n(id: {d.id})")
            for item, db in ((cells[2], for_lead), (cells[3], for_runner)):
                if math.isfinite(db) and abs(db) >= 0.05:
                    item.setBackground(QBrush(weight_colour(db)))
            if abs(infl) < 0.005:
                cells[1].setForeground(QBrush(QColor(140, 140, 140)))
            for col, item in enumerate(cells):
                if col:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)

    def draw(self) -> None:
        """Hand the tornado its numbers when the tab is shown (Qt-drawn: gui/tornado_chart.py)."""
        a = self._analysis
        if a is None or self._drawn is a:
            return
        self.tornado.show_analysis(a, top=10)
        self._drawn = a

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.draw()


def _db(x: float) -> str:
    if not math.isfinite(x):
        return "rules out" if x < 0 else "rules in"
    return _signed(x, "dB")


def _signed(x: float, unit: str) -> str:
    """One decimal with its sign; a value that rounds to zero reads 0.0, never -0.0."""
    text = f"{x:+.1f}"
    return f"{'0.0' if text in ('+0.0', '-0.0') else text} {unit}"
