"""The ACH view: the classic ACH scores beside the Bayesian credences, and why they can differ.

The scores and ranks come from ``inference.ach_scores`` (PARC ACH 2.0 and Open Synthesis,
docs/training.md), the headline's words from ``plots.training``; the chart
(``gui.training_charts``) puts the two rankings side by side, because a crossing line is seen at
a glance where two columns of numbers must be read. In training mode, before the trainee has
recorded an estimate, the credences stay hidden here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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

    def refresh(self, case, live, hide: bool) -> None:
        # Scoring re-reads every rating (~35 ms): done when the view is shown, not on every
        # edit behind it - except to hide the credences for training, which must be at once.
        if not self.isVisible() and not hide:
            self._waiting = (case, live, hide)
            return
        self._waiting = None
        from beliefwatch.inference.ach_scores import ach_scores, ranks
        from beliefwatch.plots.names import short_names
        from beliefwatch.plots.training import ach_headline

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
        self.scores.setRowCount(len(hyps))
        for row, h in enumerate(hyps):
            os_ = s["open_synthesis"]
            cells = [short[h], f"{s['parc'][h]:g}", f"{s['parc_weighted'][h]:.2f}",
                     f"{os_['inconsistency'][h]:g}", f"{os_['consistency'][h]:g}",
                     str(ach_rank[h]), HIDDEN if cred is None else f"{100 * cred[h]:.1f}%",
                     HIDDEN if cred is None else str(bayes_rank[h])]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not col:
                    item.setToolTip(names[h])
                if col:
                    item.setTextAlignment(RIGHT)
                if cred is None and col >= 6:
                    item.setForeground(Qt.GlobalColor.gray)
                self.scores.setItem(row, col, item)
        self.scores.resizeColumnsToContents()
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verdict.setText(ach_headline(short, s["parc_weighted"], cred))
        best = min(s["parc_weighted"].values())
        tied = [names[h] for h in hyps if s["parc_weighted"][h] == best]
        self.verdict.setToolTip("ACH's least inconsistent:\n" + "\n".join(tied))
        diag = sorted(s["diagnosticity"].items(), key=lambda kv: -kv[1])
        self.items.setRowCount(len(diag))
        for row, (eid, d) in enumerate(diag):
            self.items.setItem(row, 0, QTableWidgetItem(case.item(eid).text or eid))
            num = QTableWidgetItem(f"{d:.2f}")
            num.setTextAlignment(RIGHT)
            self.items.setItem(row, 1, num)
        self.chart.show_ranking(names, s["parc_weighted"], cred)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._waiting is not None:
            self.refresh(*self._waiting)
