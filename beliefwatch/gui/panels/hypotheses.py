"""The key question and the hypotheses with their priors and credences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.models import HypothesisModel

ROW_HEIGHT = 22
MAX_VISIBLE_ROWS = 10  # beyond this the table scrolls rather than crowd out the matrix


class HypothesesPanel(QWidget):
    def __init__(self, doc: CaseDocument, actions: dict) -> None:
        super().__init__()
        self.doc = doc
        self.question = QLineEdit()
        self.question.setPlaceholderText("The key question, e.g. Why has Beijing stayed passive…?")
        self.question.editingFinished.connect(self._set_question)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)

        self.model = HypothesisModel(doc)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.model.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.model.modelReset.connect(self._fit_rows)

        bar = QHBoxLayout()
        title = QLabel("<b>Hypotheses</b>  <span style='color:#555'>prior: a number, range or "
                       "ICD 203 word (double-click)</span>")  # fmt: skip
        title.setWordWrap(True)  # wraps rather than widen the window on a small screen
        bar.addWidget(title, 1)
        for key in ("add_h", "del_h", "up_h", "down_h", "rename_h"):
            button = QToolButton()
            button.setDefaultAction(actions[key])
            button.setAutoRaise(True)
            bar.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(QLabel("<b>Question</b>"))
        layout.addWidget(self.question)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def refresh(self, live) -> None:
        q = self.question
        typing = q.hasFocus() and q.isModified()  # an edit elsewhere must not drop what is typed
        if q.text() != self.doc.case.question and not typing:
            q.setText(self.doc.case.question)
            q.setCursorPosition(0)  # a long question shows its start, as it reads
        self.model.set_live(live)

    def commit_typing(self) -> None:
        """The question as typed so far becomes the case's (an action pressed while typing)."""
        if self.question.isModified():
            self._set_question()

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.doc.case.hypotheses):
            return None
        return self.doc.case.hypotheses[rows[0].row()].id

    def select(self, hid: str) -> None:
        ids = self.doc.case.hypothesis_ids
        if hid in ids:
            self.view.selectRow(ids.index(hid))

    def _set_question(self) -> None:
        self.question.setModified(False)
        text = self.question.text().strip()
        if text != self.doc.case.question:
            self.doc.apply(commands.set_question(text))

    def _fit_rows(self) -> None:
        # Every hypothesis of a normal case on screen at once: they are what the case is about.
        rows = min(max(self.model.rowCount(), 3), MAX_VISIBLE_ROWS)
        header = self.view.horizontalHeader().sizeHint().height()
        self.view.setFixedHeight(header + rows * ROW_HEIGHT + 2 * self.view.frameWidth() + 2)
