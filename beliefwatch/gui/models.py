"""Thin Qt adapters over the case's lists: they never hold data of their own."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from beliefwatch.core import commands
from beliefwatch.core.elicitation import UNRATED, parse_likelihood, parse_prior
from beliefwatch.gui.document import CaseDocument
from beliefwatch.inference.live import Live
from beliefwatch.plots.names import short_name

SUPPORT = QColor(33, 102, 172)  # blue: the item favours this hypothesis
AGAINST = QColor(214, 96, 77)  # red-orange: the item counts against it
FULL_COLOUR_DB = 6.0  # decibans at which a cell reaches full colour
UNRATED_BRUSH = QBrush(QColor(236, 236, 236), Qt.BrushStyle.BDiagPattern)


def weight_colour(db: float) -> QColor:
    if not math.isfinite(db):
        return QColor(AGAINST) if db < 0 else QColor(SUPPORT)
    strength = min(abs(db) / FULL_COLOUR_DB, 1.0)
    base = SUPPORT if db > 0 else AGAINST
    c = QColor(base)
    c.setAlphaF(0.12 + 0.6 * strength)
    return c


def _short_number(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x >= 0.01 or x == 0 else f"{x:.2g}"


def shown(est) -> str:
    """An estimate as a narrow cell shows it: numbers to three decimals, like the ranges and
    words around them ("0.043", not the "0.04308" a computed prior was saved as). The cell's
    editor and tooltip keep the exact value."""
    if est.kind == "number":
        return _short_number(est.low)
    if est.kind == "range":
        return f"{_short_number(est.low)}-{_short_number(est.high)}"
    return est.text()


class HypothesisModel(QAbstractTableModel):
    """Rows: hypotheses. Columns: name, prior as typed, normalised prior, credence."""

    COLUMNS = ("Hypothesis", "Prior", "Normalised", "Credence")
    error = Signal(str)

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__()
        self.doc = doc
        self.live: Live | None = None

    def set_live(self, live: Live | None) -> None:
        self.beginResetModel()
        self.live = live
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.doc.case.hypotheses)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return f | Qt.ItemFlag.ItemIsEditable if index.column() in (0, 1) else f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        h = self.doc.case.hypotheses[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return h.name
            if col == 1:
                return shown(h.prior) if role == Qt.ItemDataRole.DisplayRole else h.prior.text()
            result = self.live.result if self.live else None
            if result is None or h.id not in result.prior:
                return ""
            value = result.prior[h.id] if col == 2 else result.credences[h.id]
            return f"{100 * value:.1f}%"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"id: {h.id}" + (" (catch-all)" if h.catch_all else "")
            if col == 1 and shown(h.prior) != h.prior.text():
                tip = f"prior: {h.prior.text()}\n{tip}"
            return tip + (f"\n\n{h.notes.strip()}" if h.notes.strip() else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and h.catch_all and col == 0:
            f = QFont()
            f.setItalic(True)
            return f
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        h = self.doc.case.hypotheses[index.row()]
        if index.column() == 0:
            name = str(value).strip()
            if not name or name == h.name:
                return False
            return self.doc.apply(commands.set_hypothesis_name(h.id, name))
        try:
            prior = parse_prior(str(value))
        except ValueError as e:
            self.error.emit(f"prior of '{h.name}': {e}")
            return False
        if prior.text() == h.prior.text():
            return False
        return self.doc.apply(commands.set_prior(h.id, prior))


class EvidenceMatrixModel(QAbstractTableModel):
    """Items against hypotheses. Normal: a row per item (date, text, then hypotheses).

    Transposed: a row per hypothesis and a column per item - the layout studies found to
    reduce confirmation bias, since each hypothesis is read against all the evidence.
    """

    META = ("Date", "Evidence")
    error = Signal(str)

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__()
        self.doc = doc
        self.live: Live | None = None
        self.transposed = False
        self.sort_key = "date"
        self.order: list[int] = []  # indices into case.evidence, in display order
        self._shown_shape: tuple[int, int] | None = None  # (rows, columns) the view was given
        self._shown: tuple[tuple, list[tuple]] = ((), [])  # _snapshot() of the view as shown

    # -- layout ---------------------------------------------------------------------------
    def set_live(self, live: Live | None) -> None:
        # An edit that keeps the matrix's shape (most keystrokes) repaints the cells in place:
        # a reset would rebuild the view, resize every column and lose the current cell.
        order = self.order
        self.live = live
        self._reorder()
        shape = (self.rowCount(), self.columnCount())
        before, self._shown = self._shown, self._snapshot()
        if shape == self._shown_shape and shape[0] and shape[1]:
            # Only the items whose cells look different repaint: an edit of one likelihood
            # changes its own row, and a full repaint cost ~6 ms of every keystroke.
            for pos, (old, new) in enumerate(zip(before[1], self._shown[1], strict=True)):
                if old != new:
                    first = self.index(0, pos) if self.transposed else self.index(pos, 0)
                    last = (self.index(shape[0] - 1, pos) if self.transposed
                            else self.index(pos, shape[1] - 1))  # fmt: skip
                    self.dataChanged.emit(first, last)
            if before[0] != self._shown[0]:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, shape[1] - 1)
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, shape[0] - 1)
            return
        self.order, new_order = order, self.order
        self.beginResetModel()
        self.order = new_order
        self._end_reset()

    def _snapshot(self) -> tuple[tuple, list[tuple]]:
        """What the view shows: (the headers' words, each displayed item's cells and tips)."""
        case = self.doc.case
        ids = [h.id for h in case.hypotheses]
        items = [case.evidence[i] for i in self.order]
        heads = (tuple((h.id, h.name) for h in case.hypotheses),
                 tuple((e.id, e.text) for e in items))  # fmt: skip
        live, cells = self.live, []
        for e in items:
            row = None
            if live is not None and e.id in live.row_of_item:
                row = tuple(live.cell_db[live.row_of_item[e.id]].round(9))
            cells.append((e.date, e.text, e.notes, tuple(e.likelihoods.get(h) for h in ids), row))
        return heads, cells

    def set_transposed(self, on: bool) -> None:
        self.beginResetModel()
        self.transposed = on
        self._end_reset()

    def set_sort(self, key: str) -> None:
        self.beginResetModel()
        self.sort_key = key
        self._reorder()
        self._end_reset()

    def _end_reset(self) -> None:
        self.endResetModel()
        self._shown_shape = (self.rowCount(), self.columnCount())
        self._shown = self._snapshot()

    def _reorder(self) -> None:
        items = self.doc.case.evidence
        idx = list(range(len(items)))
        live = self.live
        if live is None or any(e.id not in live.row_of_item for e in items):
            self.order = idx
            return
        rows = [live.row_of_item[e.id] for e in items]
        if self.sort_key == "diagnosticity":
            self.order = sorted(idx, key=lambda i: -live.diagnosticity[rows[i]])
        elif self.sort_key == "influence":
            self.order = sorted(idx, key=lambda i: -live.influence[rows[i]])
        else:
            self.order = sorted(idx, key=lambda i: rows[i])

    def item_at(self, index: QModelIndex) -> int | None:
        """Index into case.evidence of the item a cell belongs to."""
        pos = index.column() if self.transposed else index.row()
        return self.order[pos] if pos < len(self.order) else None

    def row_of_item(self, item_index: int) -> int:
        return self.order.index(item_index)

    def _cell(self, index: QModelIndex) -> tuple[int, int | None]:
        """(item index, hypothesis index or None for a meta column)."""
        if self.transposed:
            return self.order[index.column()], index.row()
        col = index.column() - len(self.META)
        return self.order[index.row()], (col if col >= 0 else None)

    # -- Qt API ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.doc.case.hypotheses) if self.transposed else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self.transposed:
            return len(self.order)
        return len(self.META) + len(self.doc.case.hypotheses)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        case = self.doc.case
        hyp_axis = Qt.Orientation.Vertical if self.transposed else Qt.Orientation.Horizontal
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == hyp_axis:
            k = section if self.transposed else section - len(self.META)
            if k < 0:
                return self.META[section]
            h = case.hypotheses[k]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{h.name}\n(id: {h.id})"
            return _short(h.name, 48) if self.transposed else abbreviate(h.name)
        if section >= len(self.order):
            return None
        e = case.evidence[self.order[section]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.text}\n(id: {e.id})"
        return abbreviate(e.text, 14) if self.transposed else str(section + 1)

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return f if self._cell(index)[1] is None else f | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i, k = self._cell(index)
        e = self.doc.case.evidence[i]
        if k is None:
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return e.date.isoformat() if e.date else "—"
                return e.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{e.id}\n{e.text}" + (f"\n\n{e.notes.strip()}" if e.notes else "")
            return None
        h = self.doc.case.hypotheses[k]
        est = e.likelihoods.get(h.id, UNRATED)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(est) if est.rated else "NA"
        if role == Qt.ItemDataRole.EditRole:
            return est.text()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not est.rated:
            return QBrush(QColor(130, 130, 130))
        if role == Qt.ItemDataRole.FontRole and not est.rated:
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.BackgroundRole:
            if not est.rated:
                return UNRATED_BRUSH
            db = self._db(e.id, k)
            return None if db is None else QBrush(weight_colour(db))
        if role == Qt.ItemDataRole.ToolTipRole:
            db = self._db(e.id, k)
            what = "unrated: treated as the mean of the rated cells" if not est.rated else (
                f"P(item | {h.name}) = {est.text()} (central {est.central:.3f})"
            )  # fmt: skip
            return what + ("" if db is None else f"\nweight of evidence: {db:+.1f} dB")
        return None

    def _db(self, item_id: str, k: int) -> float | None:
        live = self.live
        if live is None or item_id not in live.row_of_item or k >= live.cell_db.shape[1]:
            return None
        return float(live.cell_db[live.row_of_item[item_id], k])

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        i, k = self._cell(index)
        if k is None:
            return False
        e = self.doc.case.evidence[i]
        h = self.doc.case.hypotheses[k]
        try:
            est = parse_likelihood(str(value))
        except ValueError as err:
            self.error.emit(f"P({short_name(e.text, 40)} | {short_name(h.name, 30)}): {err}")
            return False
        if est.text() == e.likelihoods.get(h.id, UNRATED).text():
            return False
        return self.doc.apply(commands.set_likelihood(e.id, h.id, est))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def abbreviate(name: str, width: int = 11, lines: int = 2) -> str:
    """A header-sized name on up to two short lines, from the words before a colon or dash.

    "Buffer first: DPRK stability outweighs the irritation" -> "Buffer\nfirst".
    """
    for sep in (":", " - ", " – ", " — ", " ("):
        if sep in name and name.split(sep)[0].strip():
            name = name.split(sep)[0].strip()
            break
    out: list[str] = []
    words = name.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line if len(line) <= width + 2 else line[:width] + "…")
    if words:
        out[-1] = out[-1].rstrip("…")[:width] + "…"
    return "\n".join(out)
