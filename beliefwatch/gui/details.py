"""The editor for one evidence item: text, date, source, reliability, group, notes, link."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.core.dates import parse_date
from beliefwatch.core.elicitation import ADMIRALTY_NAMES, parse_reliability
from beliefwatch.gui.document import CaseDocument

CREDIBILITY = ["", "1 confirmed", "2 probably true", "3 possibly true", "4 doubtful",
               "5 improbable", "6 cannot be judged"]  # fmt: skip


RELIABILITY_HINT = "A-F, a number or a range; blank: the source's"


def _lines_high(box: QPlainTextEdit, lines: int) -> int:
    return box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 8


class _TextBox(QPlainTextEdit):
    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class EvidenceDetails(QWidget):
    error = Signal(str)

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__()
        self.doc = doc
        self.item_id: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        form = QFormLayout()
        # The rows sit together at the top; a tall window leaves its spare height below them
        # (a bare QFormLayout would spread the rows over the whole pane).
        outer.addLayout(form)
        outer.addStretch(1)
        self.text = _TextBox()
        self.text.setFixedHeight(52)
        self.date = QLineEdit()
        self.date.setPlaceholderText("YYYY-MM-DD (blank: background, first in the timeline)")
        self.source = QComboBox()
        # Long source names must not set the window's minimum width (1366-px laptops).
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(16)
        self.source.setEditable(True)
        self.reliability = QLineEdit()
        self.reliability.setPlaceholderText(RELIABILITY_HINT)
        self.credibility = QComboBox()
        self.credibility.addItems(CREDIBILITY)
        self.group = QComboBox()
        self.group.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group.setMinimumContentsLength(12)
        self.group.setEditable(True)
        self.notes = _TextBox()
        self.notes.setFixedHeight(_lines_high(self.notes, 6))  # notes are paragraphs
        self.link = QLineEdit()
        for label, w in [("Text", self.text), ("Date", self.date), ("Source", self.source),
                         ("Reliability", self.reliability), ("Credibility", self.credibility),
                         ("Dependence group", self.group), ("Notes", self.notes),
                         ("Link", self.link)]:  # fmt: skip
            form.addRow(label, w)
        self.text.editingFinished.connect(lambda: self._set("text", self.text.toPlainText()))
        self.notes.editingFinished.connect(lambda: self._set("notes", self.notes.toPlainText()))
        self.link.editingFinished.connect(lambda: self._set("link", self.link.text().strip()))
        self.date.editingFinished.connect(self._set_date)
        self.reliability.editingFinished.connect(self._set_reliability)
        self.source.lineEdit().editingFinished.connect(
            lambda: self._set("source", self._source_id(self.source.currentText()))
        )
        self.source.activated.connect(
            lambda _i: self._set("source", self._source_id(self.source.currentText()))
        )
        self.credibility.activated.connect(lambda i: self._set("credibility", i or None))
        self.group.lineEdit().editingFinished.connect(self._set_group)
        self.group.activated.connect(lambda _i: self._set_group())
        self.show_item(None)

    def _source_id(self, text: str) -> str:
        for s in self.doc.case.sources:
            if text in (s.id, self._source_label(s)):
                return s.id
        return text.strip()

    @staticmethod
    def _source_label(s) -> str:
        rel = f" [{s.reliability.text()}]" if s.reliability else ""
        return f"{s.id} - {s.name}{rel}" if s.name else s.id

    def show_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        case = self.doc.case
        e = next((x for x in case.evidence if x.id == item_id), None)
        self.setEnabled(e is not None)
        widgets = (self.text, self.date, self.source, self.reliability, self.credibility,
                   self.group, self.notes, self.link)  # fmt: skip
        for w in widgets:
            w.blockSignals(True)
        self.source.clear()
        self.source.addItems([self._source_label(s) for s in case.sources])
        self.group.clear()
        self.group.addItem("")
        for g in case.groups:
            self.group.addItem(g.name or g.id, g.id)
            self.group.setItemData(self.group.count() - 1, f"id: {g.id}",
                                   Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if e is None:
            self.reliability.setPlaceholderText(RELIABILITY_HINT)  # no source to speak of
            for w in (self.text, self.notes):
                w.setPlainText("")
            for w in (self.date, self.reliability, self.link):
                w.setText("")
        else:
            self.text.setPlainText(e.text)
            self.notes.setPlainText(e.notes)
            self.date.setText(e.date.isoformat() if e.date else "")
            src = case.source(e.source)
            self.source.setCurrentText(self._source_label(src) if src else e.source)
            self.source.lineEdit().setCursorPosition(0)  # a long name shows its start
            self.reliability.setText(e.reliability.text() if e.reliability else "")
            self.credibility.setCurrentIndex(e.credibility or 0)
            g = case.group(e.group) if e.group else None
            self.group.setCurrentText((g.name or g.id) if g else (e.group or ""))
            self.link.setText(e.link)
            src_rel = src.reliability if src else None
            hint = f"{src_rel.text()} ({ADMIRALTY_NAMES.get(str(src_rel.raw).upper(), '')})" \
                if src_rel else "1 (taken as entered)"  # fmt: skip
            self.reliability.setPlaceholderText(f"blank: the source's, {hint}")
        for w in widgets:
            w.blockSignals(False)

    def _set(self, field: str, value) -> None:
        eid = self.item_id
        if eid is None:
            return
        if getattr(self.doc.case.item(eid), field) == value:
            return
        if not self.doc.apply(commands.set_item_field(eid, field, value)):
            self.show_item(eid)

    def _set_date(self) -> None:
        text = self.date.text().strip()
        try:
            value = parse_date(text) if text else None
        except ValueError as e:
            self.error.emit(str(e))
            self.show_item(self.item_id)  # the refused text must not stay on screen
            return
        self._set("date", value)

    def _set_reliability(self) -> None:
        text = self.reliability.text().strip()
        try:
            value = parse_reliability(text) if text else None
        except ValueError as e:
            self.error.emit(f"reliability: {e}")
            self.show_item(self.item_id)
            return
        current = self.doc.case.item(self.item_id).reliability if self.item_id else None
        if (current.text() if current else None) == (value.text() if value else None):
            return
        self._set("reliability", value)

    def _set_group(self) -> None:
        """By the group's name (or id); a new name makes a new group with an id made from it."""
        eid, text = self.item_id, self.group.currentText().strip()
        if eid is None:
            return
        case = self.doc.case
        g = case.group(case.item(eid).group) if case.item(eid).group else None
        if text in ((g.name or g.id, g.id) if g else ("",)):
            return
        if not self.doc.apply(commands.set_item_group(case, eid, text)):
            self.show_item(eid)
