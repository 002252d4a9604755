"""Every piece of text the window holds, visible or not: what a user could see by clicking
around (a hidden tab, a tooltip, a combo's list, a figure's or a Qt-drawn chart's labels)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _belongs(w: QWidget, window: QWidget) -> bool:
    while w is not None:
        if w is window:
            return True
        w = w.parentWidget()
    return False


def _model_texts(model) -> list[str]:
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            for role in ROLES:
                out.append(model.data(model.index(r, c), role))
    for orient, n in ((Qt.Orientation.Horizontal, model.columnCount()),
                      (Qt.Orientation.Vertical, model.rowCount())):  # fmt: skip
        for i in range(n):
            for role in ROLES:
                out.append(model.headerData(i, orient, role))
    return out


def _figure_texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text)]


def widget_texts(w: QWidget) -> list[str]:
    out = [w.windowTitle(), w.toolTip(), w.statusTip(), w.accessibleName()]
    if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
        out.append(w.text())
    if isinstance(w, QLineEdit):
        out.append(w.placeholderText())
    if isinstance(w, (QTextEdit, QPlainTextEdit)):
        out.append(w.toPlainText())
    if isinstance(w, QComboBox):
        out.append(w.currentText())
        for i in range(w.count()):
            out += [w.itemText(i), w.itemData(i, Qt.ItemDataRole.ToolTipRole)]
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            out += [w.tabText(i), w.tabToolTip(i)]
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        out += _model_texts(w.model())
    fig = getattr(w, "figure", None)
    if fig is not None and hasattr(fig, "findobj"):
        out += _figure_texts(fig)
    chart_texts = getattr(w, "texts", None)  # a chart drawn by Qt lists the words it writes
    if callable(chart_texts):
        out += chart_texts()
    return out


def window_texts(window) -> list[str]:
    """All text of the window and its dialogs, its actions and the status bar."""
    # Widgets replaced by a redraw go at the next turn of the event loop: not on screen.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    out = [window.statusBar().currentMessage()]
    for w in QApplication.allWidgets():
        if isValid(w) and _belongs(w, window):
            out += widget_texts(w)
    for a in window.findChildren(QAction):
        out += [a.text(), a.toolTip(), a.statusTip()]
    return [str(t) for t in out if t]


def mentions(texts: list[str], needle: str) -> list[str]:
    return [t for t in texts if needle.lower() in t.lower()]
