"""The watch list: indicators ranked by what observing them would tell, where the credences go
either way, and Mark observed (the indicator becomes evidence, undoably)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.core.elicitation import parse_likelihood
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.figures import FigurePane
from beliefwatch.plots.names import short_name
from beliefwatch.plots.watch import outcome_figure

COLUMNS = ["Indicator", "P(happens)", "Tells (bits)", "If it happens", "If it does not"]
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _top(credences: dict[str, float], names: dict[str, str]) -> str:
    h = max(credences, key=credences.__getitem__)
    return f"{short_name(names[h], 22)} {100 * credences[h]:.0f}%"


class WatchPanel(QWidget):
    def __init__(self, doc: CaseDocument) -> None:
        super().__init__()
        self.doc = doc
        self._analysis = None
        self.intro = QLabel(
            "Indicators you are watching for, best first: the more bits, the more observing it "
            "(or its absence) would tell you. Select one to see where the credences would go."
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._draw_selected)
        self.table.itemDoubleClicked.connect(lambda _i: self.edit_indicator())
        self.figure = FigurePane("Select an indicator to compare the credences now, if it "
                                 "happens, and if it does not.")  # fmt: skip
        buttons = QHBoxLayout()
        for text, slot in (("Add…", self.add_indicator), ("Edit…", self.edit_indicator),
                           ("Remove", self.remove_indicator),
                           ("Mark observed…", self.mark_observed)):  # fmt: skip
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.figure)
        split.setSizes([240, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

    # -- showing --------------------------------------------------------------------------
    def refresh(self, live) -> None:
        selected = self.selected()
        a = live.analysis if live is not None else None
        self._analysis = a
        values = a.indicators if a is not None else []
        self.table.setRowCount(len(values))
        for row, v in enumerate(values):
            cells = [
                QTableWidgetItem(v.text),
                QTableWidgetItem(f"{100 * v.p_happens:.0f}%"),
                QTableWidgetItem(f"{v.gain_bits:.3f}"),
                QTableWidgetItem(_top(v.if_happens, a.names)),
                QTableWidgetItem(_top(v.if_not, a.names)),
            ]
            cells[0].setData(Qt.ItemDataRole.UserRole, v.id)
            cells[0].setToolTip(f"{v.text}\n(id: {v.id}) - double-click to edit")
            for col, item in enumerate(cells):
                if col in (1, 2):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
        if selected is not None:
            self._select(selected)
        self._draw_selected()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _select(self, iid: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == iid:
                self.table.selectRow(row)
                return

    def _draw_selected(self) -> None:
        a, iid = self._analysis, self.selected()
        if a is None or iid is None:
            self.figure.clear()
            return
        self.figure.show_figure(outcome_figure(a, a.indicator(iid)))

    # -- editing --------------------------------------------------------------------------
    def _need_selection(self) -> str | None:
        iid = self.selected()
        if iid is None:
            self.doc.error.emit("select an indicator first")
        return iid

    def add_indicator(self) -> None:
        text, ok = QInputDialog.getText(self, "Add indicator", "What would you watch for?")
        if not ok or not text.strip():
            return
        try:
            command, iid = commands.add_indicator(self.doc.case, text)
        except CaseError as e:
            self.doc.error.emit(str(e))
            return
        if self.doc.apply(command):
            self._select(iid)
            self.edit_indicator(iid)

    def edit_indicator(self, iid: str | None = None) -> None:
        iid = iid or self._need_selection()
        if iid is None:
            return
        ind = next(i for i in self.doc.case.indicators if i.id == iid)
        dialog = IndicatorDialog(self, self.doc.case, ind)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            likelihoods = dialog.likelihoods()
        except ValueError as e:
            self.doc.error.emit(f"indicator '{iid}': {e}")
            return
        self.doc.apply(commands.edit_indicator(iid, text=dialog.text.text(),
                                               likelihoods=likelihoods))  # fmt: skip

    def remove_indicator(self) -> None:
        iid = self._need_selection()
        if iid is not None:
            self.doc.apply(commands.remove_indicator(iid))

    def mark_observed(self) -> None:
        iid = self._need_selection()
        if iid is None:
            return
        dialog = ObservedDialog(self, self.doc.case, iid)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            command = commands.observe(self.doc.case, iid, dialog.happened(), dialog.date(),
                              dialog.source())  # fmt: skip
        except CaseError as e:
            self.doc.error.emit(str(e))
            return
        if self.doc.apply(command):
            self.doc.note.emit(f"'{iid}' is now evidence (Undo puts it back on the watch list)")


class IndicatorDialog(QDialog):
    """Text and P(it happens | hypothesis) for each hypothesis, as a number, range or word."""

    def __init__(self, parent, case, ind) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Indicator {ind.id}")
        self.case = case
        form = QFormLayout(self)
        self.text = QLineEdit(ind.text)
        form.addRow("Watch for", self.text)
        form.addRow(QLabel("P(it happens | hypothesis): a number, a range or an ICD 203 word"))
        self.fields: dict[str, QLineEdit] = {}
        for h in case.hypotheses:
            est = ind.likelihoods.get(h.id)
            edit = QLineEdit(est.text() if est is not None else "")
            edit.setPlaceholderText("unrated")
            self.fields[h.id] = edit
            form.addRow(h.name[:60], edit)
        form.addRow(_ok_cancel(self))

    def likelihoods(self) -> dict:
        out = {}
        for hid, edit in self.fields.items():
            if edit.text().strip():
                try:
                    out[hid] = parse_likelihood(edit.text().strip())
                except ValueError as e:
                    raise ValueError(f"{hid}: {e}") from None
        return out


class ObservedDialog(QDialog):
    """Happened or not, when, and who reported it."""

    def __init__(self, parent, case, iid: str) -> None:
        super().__init__(parent)
        ind = next(i for i in case.indicators if i.id == iid)
        self.setWindowTitle("Mark observed")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{ind.text}</b>"))
        self.yes = QRadioButton("It happened")
        self.no = QRadioButton("It did not happen")
        self.yes.setChecked(True)
        form.addRow(self.yes)
        form.addRow(self.no)
        self.when = QDateEdit(QDate.currentDate())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        form.addRow("Date", self.when)
        self.who = QComboBox()
        self.who.setEditable(True)
        self.who.addItems([""] + [s.id for s in case.sources])
        self.who.setCurrentText(ind.source or "")
        form.addRow("Reported by", self.who)
        form.addRow(_ok_cancel(self))

    def happened(self) -> bool:
        return self.yes.isChecked()

    def date(self) -> dt.date:
        return self.when.date().toPython()

    def source(self) -> str:
        return self.who.currentText().strip()


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
