"""Sources and dependence groups: edit a source's reliability, a group's correlation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.core.elicitation import ADMIRALTY_NAMES, parse_reliability
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.document import CaseDocument
from beliefwatch.plots.names import short_name

EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return t


class SourcesPanel(QWidget):
    def __init__(self, doc: CaseDocument, actions: dict) -> None:
        super().__init__()
        self.doc = doc
        self._filling = False
        self.sources = _table(["Id", "Name", "Reliability", "Items"])
        self.sources.setToolTip(
            "Reliability: an Admiralty letter ("
            + ", ".join(f"{k} {v}" for k, v in ADMIRALTY_NAMES.items())
            + "), a number in [0, 1] or a range such as 0.4-0.9 (then every report of the source "
            "also updates our trust in it: a full update runs PyMC)"
        )
        self.groups = _table(["Group", "Items", "Correlation"])
        self.groups.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.groups.setColumnWidth(0, 210)  # group names are phrases, not short ids
        self.groups.setToolTip("Double-click a group's name or correlation to edit. Correlation 1: "
                               "the items are one fact; 0: independent reports")  # fmt: skip
        self.sources.itemChanged.connect(self._source_changed)
        self.groups.itemChanged.connect(self._group_changed)
        remove_source = QPushButton("Remove source")
        remove_source.clicked.connect(self._remove_source)
        remove_group = QPushButton("Remove group")
        remove_group.clicked.connect(self._remove_group)
        add_source = QPushButton(actions["add_s"].text().replace("&", ""))
        add_source.clicked.connect(actions["add_s"].trigger)
        sbar = QHBoxLayout()
        sbar.addWidget(QLabel("<b>Sources</b> — double-click a name or reliability to edit"))
        sbar.addStretch(1)
        sbar.addWidget(add_source)
        sbar.addWidget(remove_source)
        gbar = QHBoxLayout()
        gbar.addWidget(QLabel("<b>Dependence groups</b> — items that echo one fact "
                              "(set an item's group in Details ▸ Item)"))  # fmt: skip
        gbar.addStretch(1)
        gbar.addWidget(remove_group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(sbar)
        layout.addWidget(self.sources, 3)
        layout.addLayout(gbar)
        layout.addWidget(self.groups, 2)

    def refresh(self) -> None:
        case = self.doc.case
        self._filling = True
        try:
            self.sources.setRowCount(len(case.sources))
            for row, s in enumerate(case.sources):
                n = sum(e.source == s.id for e in case.evidence)
                rel = s.reliability.text() if s.reliability else ""
                cells = [(s.id, READ_ONLY), (s.name, EDITABLE), (rel, EDITABLE),
                         (str(n), READ_ONLY)]  # fmt: skip
                for col, (text, flags) in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setFlags(flags)
                    self.sources.setItem(row, col, item)
            self.groups.setRowCount(len(case.groups))
            for row, g in enumerate(case.groups):
                members = [e.text for e in case.evidence if e.group == g.id]
                items = "; ".join(short_name(t, 40) for t in members) or "(no items)"
                cells = [(g.name or g.id, EDITABLE), (items, READ_ONLY),
                         (f"{g.correlation:g}", EDITABLE)]  # fmt: skip
                for col, (text, flags) in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setFlags(flags)
                    self.groups.setItem(row, col, item)
                self.groups.item(row, 0).setData(Qt.ItemDataRole.UserRole, g.id)
                self.groups.item(row, 0).setToolTip(f"id: {g.id}")
                self.groups.item(row, 1).setToolTip("\n".join(members))
        finally:
            self._filling = False

    def _source_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        sid = self.sources.item(item.row(), 0).text()
        text = item.text().strip()
        if item.column() == 1:
            ok = self.doc.apply(commands.edit_source(sid, name=text))
        else:
            try:
                rel = parse_reliability(text) if text else None
            except ValueError as e:
                name = self.sources.item(item.row(), 1).text() or sid
                self.doc.error.emit(f"source '{name}': reliability {e}")
                ok = False
            else:
                ok = self.doc.apply(commands.edit_source(sid, reliability=rel))
        if not ok:
            self.refresh()  # a refused edit must not stay on screen

    def _group_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        gid = self.groups.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        if item.column() == 0:
            if not self.doc.apply(commands.set_group_name(gid, item.text())):
                self.refresh()
            return
        name = self.doc.case.group(gid).name or gid
        try:
            rho = float(item.text())
            ok = self.doc.apply(commands.set_group_correlation(gid, rho))
        except ValueError:
            self.doc.error.emit(f"group '{name}': correlation must be a number in [0, 1]")
            ok = False
        except CaseError:  # out of [0, 1]
            self.doc.error.emit(f"group '{name}': correlation must be in [0, 1], got {rho:g}")
            ok = False
        if not ok:
            self.refresh()

    def _selected(self, table: QTableWidget) -> str | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = table.item(rows[0].row(), 0)
        return cell.data(Qt.ItemDataRole.UserRole) or cell.text()

    def _remove_source(self) -> None:
        sid = self._selected(self.sources)
        if sid is None:
            self.doc.error.emit("select a source to remove")
            return
        self.doc.apply(commands.remove_source(sid))

    def _remove_group(self) -> None:
        gid = self._selected(self.groups)
        if gid is None:
            self.doc.error.emit("select a group to remove")
            return
        self.doc.apply(commands.remove_group(gid))
