"""The ACH view: the classic ACH scores beside the Bayesian credences, and why they can differ.

The scores and ranks come from ``inference.ach_scores`` (PARC ACH 2.0 and Open Synthesis,
docs/training.md), the headline's words from ``plots.training``; the chart
(``gui.training_charts``) puts the two rankings side by side, because a crossing line is seen at
a glance where two columns of numbers must be read. In training mode, before the trainee has
recorded an estimate, the credences stay hidden here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.gui.training_charts import RankingChart

HIDDEN = "hidden"
WHY = (
    "<b>Why ACH and Bayes can disagree.</b> ACH <i>counts inconsistencies</i>: each item rated "
    "I or II against a hypothesis costs it points, whatever the item says about the others, and "
    "consistent items earn nothing. Bayes <i>weighs likelihood ratios</i>: an item moves the "
    "credences only as far as it is likelier under one hypothesis than another, a strongly "
    "diagnostic item can outweigh several weak ones, and everything starts from the priors."
)
COLUMNS = ["Hypothesis", "PARC", "PARC\nweighted", "OS\ninconsist.", "OS\nconsist.",
           "ACH\nrank", "Credence", "Bayes\nrank"]  # fmt: skip
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill(table: QTableWidget, rows: list[list[str]], tips: list[str] | None = None,
         grey_from: int | None = None) -> None:  # fmt: skip
    """Put ``rows`` in the table in place: an edit changes a few numbers, and a cell whose text
    did not change is not touched (a new item per cell repainted the whole table each edit).
    ``tips``: the first column's tooltips; ``grey_from``: the columns shown greyed (hidden)."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                if c:
                    item.setTextAlignment(RIGHT)
                table.setItem(r, c, item)
            if item.text() != text:
                item.setText(text)
            grey = grey_from is not None and c >= grey_from
            if (item.data(Qt.ItemDataRole.ForegroundRole) is not None) != grey:
                item.setData(Qt.ItemDataRole.ForegroundRole, QColor(Qt.GlobalColor.gray)
                             if grey else None)  # fmt: skip
        if tips is not None and table.item(r, 0).toolTip() != tips[r]:
            table.item(r, 0).setToolTip(tips[r])


class AchPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("padding:4px 6px; font-size:11pt;")
        self.scores = QTableWidget(0, len(COLUMNS))
        self.scores.setHorizontalHeaderLabels(COLUMNS)
        self.scores.verticalHeader().hide()
        self.scores.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.setToolTip(
            "PARC: I counts 1, II 2 (lowest = most likely); weighted: times credibility and "
            "relevance weights. Open Synthesis (OS): II 1 … CC 5; inconsistency sums (3 − m)² "
            "below 3, consistency (m − 3)² above."
        )
        self.items = QTableWidget(0, 2)
        self.items.setHorizontalHeaderLabels(["Item (most diagnostic first)", "Diagnosticity"])
        self.items.verticalHeader().hide()
        self.items.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.setToolTip(
            "ACH diagnosticity: the spread (standard deviation) of the item's ratings across the "
            "hypotheses; 0: it tells them apart not at all"
        )
        why = QLabel(WHY)
        why.setWordWrap(True)
        why.setStyleSheet("color:#333; padding:4px 6px; background:#f4f6f8;")
        self.chart = RankingChart("The two rankings appear here once the case has hypotheses.")
        self.chart.setMinimumHeight(200)
        for table in (self.scores, self.items):
            table.verticalHeader().setDefaultSectionSize(22)
            table.setWordWrap(False)
            # Six rows at least (header of two lines): the pane scrolls rather than show three.
            table.setMinimumHeight(44 + 6 * 22 + 2 * table.frameWidth())
        self.numbers = QTabWidget()
        self.numbers.addTab(self.scores, "Scores per hypothesis")
        self.numbers.addTab(self.items, "Diagnosticity per item")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.numbers)
        split.setSizes([380, 200])  # the picture first: it is what a trainee looks at
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(split, 1)
        layout.addWidget(why)
        self._waiting: tuple | None = None  # a refresh that waits for the view to show
        self._widths: list[int] = []  # the longest text of each score column, last resized

    def refresh(self, case, live, hide: bool) -> None:
        # Scoring re-reads every rating and the tables repaint: done when the view is shown, not
        # on every edit behind it - except to hide the credences for training, which must be at
        # once.
        if not self.isVisible() and not hide:
            self._waiting = (case, live, hide)
            return
        self._waiting = None
        from beliefwatch.inference.ach_scores import ach_scores, ranks
        from beliefwatch.plots.names import short_names
        from beliefwatch.reports.wording import ach_verdict

        if live is None or len(case.hypotheses) < 2:
            self.verdict.setText("")
            self.scores.setRowCount(0)
            self.items.setRowCount(0)
            self.chart.clear()
            return
        result = live.result
        s = ach_scores(case, None if hide else result)
        cred = s.get("credences")
        hyps = case.hypothesis_ids
        names = {h.id: h.name for h in case.hypotheses}
        short = short_names(names, 40)
        ach_rank = ranks(s["parc_weighted"], reverse=False)
        bayes_rank = ranks(cred, reverse=True) if cred else {}
        os_ = s["open_synthesis"]
        rows = [[short[h], f"{s['parc'][h]:g}", f"{s['parc_weighted'][h]:.2f}",
                 f"{os_['inconsistency'][h]:g}", f"{os_['consistency'][h]:g}", str(ach_rank[h]),
                 HIDDEN if cred is None else f"{100 * cred[h]:.1f}%",
                 HIDDEN if cred is None else str(bayes_rank[h])] for h in hyps]  # fmt: skip
        fill(self.scores, rows, [names[h] for h in hyps], grey_from=6 if cred is None else None)
        widths = [max(len(r[c]) for r in rows) for c in range(len(COLUMNS))]
        if widths != self._widths:  # an edit that changes no column's widest text keeps them
            self._widths = widths
            self.scores.resizeColumnsToContents()
            self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verdict.setText(ach_verdict(short, s["parc_weighted"], cred))
        best = min(s["parc_weighted"].values())
        tied = [names[h] for h in hyps if s["parc_weighted"][h] == best]
        self.verdict.setToolTip("ACH's least inconsistent:\n" + "\n".join(tied))
        diag = sorted(s["diagnosticity"].items(), key=lambda kv: -kv[1])
        fill(self.items, [[case.item(eid).text or eid, f"{d:.2f}"] for eid, d in diag])
        self.chart.show_ranking(names, s["parc_weighted"], cred)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._waiting is not None:
            self.refresh(*self._waiting)
