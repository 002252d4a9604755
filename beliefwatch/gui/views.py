"""The window's tabs as the views of the view state (``state.py``): each view has a key, the
state's ``shown`` brings it to the front and ``hidden`` takes it off the tab bar; a click on a
tab sets ``shown``. Nothing looks a tab up by its title."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from beliefwatch.gui.state import ViewState


class ViewTabs:
    def __init__(self, state: ViewState, on_change: Callable[[], None]) -> None:
        self.state, self._on_change = state, on_change
        self.top = QTabWidget()
        # Seven tabs fit the results pane of a 1366-px laptop; the editors and the training
        # views are grouped under one tab each.
        self.details = QTabWidget()
        self.training = QTabWidget()
        self._views: dict[str, tuple[QTabWidget, QWidget, QWidget]] = {}
        for group in (self.top, self.details, self.training):
            group.currentChanged.connect(self._tab_changed)
        state.watch("shown", self._bring_to_front)
        state.watch("hidden", self._hide)

    def add(self, key: str, group: QTabWidget, panel: QWidget, title: str) -> None:
        page = panel
        if group is self.training:
            # In a scroll area: a training view's minimum width must not widen the window
            # past a 1366-px screen.
            page = QScrollArea()
            page.setWidgetResizable(True)
            page.setFrameShape(QScrollArea.Shape.NoFrame)
            page.setWidget(panel)
        group.addTab(page, title)
        self._views[key] = (group, page, panel)

    def key_of(self, panel: QWidget) -> str | None:
        return next((k for k, (_g, _p, w) in self._views.items() if w is panel), None)

    def _bring_to_front(self, key: str) -> None:
        group, page, _panel = self._views[key]
        group.setCurrentWidget(page)
        if group is not self.top:
            self.top.setCurrentWidget(group)

    def _tab_changed(self, _index: int) -> None:
        front = self.top.currentWidget()
        if front in (self.details, self.training):
            front = front.currentWidget()
        key = next((k for k, (_g, page, _w) in self._views.items() if page is front), None)
        if key is not None:
            self.state.shown = key
        self._on_change()

    def _hide(self, hidden: frozenset) -> None:
        for key, (group, page, _panel) in self._views.items():
            group.setTabVisible(group.indexOf(page), key not in hidden)
