"""The ACH view: the classic ACH scores beside the Bayesian credences, and why they can differ.

The scores come from ``inference.ach_scores`` (PARC ACH 2.0 and Open Synthesis, docs/training.md);
the figure puts the two rankings side by side, because a crossing line is seen at a glance where
two columns of numbers must be read. In training mode, before the trainee has recorded an
estimate, the credences stay hidden here too.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

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

from beliefwatch.gui.figures import FigurePane

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
ACH_COLOR, BAYES_COLOR = "#D55E00", "#0072B2"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def ranks(values: dict[str, float], *, reverse: bool) -> dict[str, int]:
    """Competition ranks (1, 2, 2, 4): hypotheses with equal scores share a rank."""
    ordered = sorted(values.values(), reverse=reverse)
    return {h: 1 + ordered.index(v) for h, v in values.items()}


def ranking_figure(names: dict[str, str], parc: dict[str, float],
                   credences: dict[str, float] | None) -> Figure:  # fmt: skip
    """Hypotheses ranked by weighted PARC (left) and by credence (right), the same one joined."""
    from matplotlib.figure import Figure  # loaded with the first figure, not with the window

    from beliefwatch.plots.names import short_names

    hyps = list(names)
    n = len(hyps)
    fig = Figure(figsize=(6.0, max(2.4, 0.32 * n + 0.9)), layout="constrained")
    ax = fig.subplots()
    ach_order = sorted(hyps, key=lambda h: (parc[h], hyps.index(h)))
    left = {h: n - 1 - i for i, h in enumerate(ach_order)}
    short = short_names(names, 26)
    for h in hyps:
        ax.text(-0.06, left[h], f"{short[h]}  {parc[h]:g}", ha="right", va="center", fontsize=8)
    if credences is not None:
        bayes_order = sorted(hyps, key=lambda h: (-credences[h], hyps.index(h)))
        right = {h: n - 1 - i for i, h in enumerate(bayes_order)}
        for h in hyps:
            moved = abs(left[h] - right[h]) >= 2  # a swap of neighbours is noise, not news
            ax.plot([0, 1], [left[h], right[h]], color=BAYES_COLOR if moved else "#AAAAAA",
                    lw=2 if moved else 1, marker="o", ms=4)  # fmt: skip
            ax.text(1.06, right[h], f"{100 * credences[h]:.0f}%  {short[h]}", ha="left",
                    va="center", fontsize=8)  # fmt: skip
    else:
        ax.plot([0] * n, list(left.values()), "o", color=ACH_COLOR, ms=4)
        ax.text(1.06, (n - 1) / 2, "credences hidden\nuntil you record\nyour estimate",
                ha="left", va="center", fontsize=8, color="#666666")  # fmt: skip
    ax.text(-0.06, n - 0.2, "ACH: fewest inconsistencies (PARC, weighted)", ha="right",
            va="bottom", fontsize=8, color=ACH_COLOR, weight="bold")  # fmt: skip
    ax.text(1.06, n - 0.2, "Bayes: highest credence", ha="left", va="bottom", fontsize=8,
            color=BAYES_COLOR, weight="bold")  # fmt: skip
    ax.set_xlim(-1.5, 2.5)
    ax.set_ylim(-0.5, n + 0.5)
    ax.axis("off")
    return fig


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
        self.figure = FigurePane("The two rankings appear here once the case has hypotheses.")
        self.figure.setMinimumHeight(200)
        for table in (self.scores, self.items):
            table.verticalHeader().setDefaultSectionSize(22)
            table.setWordWrap(False)
            # Six rows at least (header of two lines): the pane scrolls rather than show three.
            table.setMinimumHeight(44 + 6 * 22 + 2 * table.frameWidth())
        self.numbers = QTabWidget()
        self.numbers.addTab(self.scores, "Scores per hypothesis")
        self.numbers.addTab(self.items, "Diagnosticity per item")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.figure)
        split.addWidget(self.numbers)
        split.setSizes([380, 200])  # the picture first: it is what a trainee looks at
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(split, 1)
        layout.addWidget(why)
        self._pending: tuple | None = None
        self._waiting: tuple | None = None  # a refresh that waits for the view to show

    def refresh(self, case, live, hide: bool) -> None:
        # Scoring re-reads every rating (~35 ms): done when the view is shown, not on every
        # edit behind it - except to hide the credences for training, which must be at once.
        if not self.isVisible() and not hide:
            self._waiting = (case, live, hide)
            return
        self._waiting = None
        from beliefwatch.inference.ach_scores import ach_scores
        from beliefwatch.plots.names import short_names

        if live is None or len(case.hypotheses) < 2:
            self.verdict.setText("")
            self.scores.setRowCount(0)
            self.items.setRowCount(0)
            self.figure.clear()
            self._pending = None
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
        self.verdict.setText(verdict(short_names(names, 40), s["parc_weighted"], cred))
        diag = sorted(s["diagnosticity"].items(), key=lambda kv: -kv[1])
        self.items.setRowCount(len(diag))
        for row, (eid, d) in enumerate(diag):
            self.items.setItem(row, 0, QTableWidgetItem(case.item(eid).text or eid))
            num = QTableWidgetItem(f"{d:.2f}")
            num.setTextAlignment(RIGHT)
            self.items.setItem(row, 1, num)
        self._pending = (names, s["parc_weighted"], cred)
        self.draw_if_visible()

    def draw_if_visible(self) -> None:
        # A figure costs ~100 ms: drawn when the tab is shown, not on every edit behind it.
        if self._pending is not None and self.isVisible():
            self.figure.show_figure(ranking_figure(*self._pending))
            self._pending = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._waiting is not None:
            self.refresh(*self._waiting)
        self.draw_if_visible()


def verdict(names: dict[str, str], parc: dict[str, float], cred: dict[str, float] | None) -> str:
    """One line: do ACH and Bayes pick the same hypothesis?"""
    best = min(parc.values())
    ach_best = [h for h in names if parc[h] == best]
    ach_txt = " and ".join(escape(names[h]) for h in ach_best)
    if cred is None:
        return f"ACH's least inconsistent: <b>{ach_txt}</b>. Credences hidden until you record."
    lead = max(cred, key=cred.get)
    if lead in ach_best:
        return (f"ACH and Bayes agree: <b>{escape(names[lead])}</b> is least inconsistent and "
                f"leads with {100 * cred[lead]:.0f}%.")  # fmt: skip
    return (f"<b>They disagree.</b> ACH's least inconsistent: <b>{ach_txt}</b> "
            f"({100 * sum(cred[h] for h in ach_best):.0f}% by Bayes); Bayes leads with "
            f"<b>{escape(names[lead])}</b> ({100 * cred[lead]:.0f}%).")  # fmt: skip
