"""The window's pages, each built the first time it is needed: shown, asked for by a link, or read by the window.

A page not built yet stands in the stack as an empty placeholder, so the navigation's rows and the stack's
indexes never move; building swaps the page in at the placeholder's place. Importing a page's module is part
of building it: the charts of Analytics (pyqtgraph, numpy) are not imported until Analytics is opened.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStackedWidget, QWidget


class Placeholder(QWidget):
    """Where a page not built yet will go."""


@dataclass
class Entry:
    title: str
    name: str  # the window's attribute: "orders_page"
    make: Callable[[], QWidget]
    widget: QWidget  # the placeholder, then the page
    built: bool = False


def page_class(module: str, cls: str, *args) -> Callable[[], QWidget]:
    """Makes `cls(*args)` of `shopdesk.ui.pages.<module>`, the module imported then."""

    def make() -> QWidget:
        return getattr(importlib.import_module(f"shopdesk.ui.pages.{module}"), cls)(*args)

    return make


class Shelf:
    """The pages of a QStackedWidget in navigation order; `on_built(name, page)` wires a page once it exists."""

    def __init__(self, stack: QStackedWidget, on_built: Callable[[str, QWidget], None]):
        self.stack = stack
        self.on_built = on_built
        self.entries: list[Entry] = []
        self._by_name: dict[str, Entry] = {}

    def add(self, title: str, name: str, make: Callable[[], QWidget]) -> None:
        entry = Entry(title, name, make, Placeholder())
        self.entries.append(entry)
        self._by_name[name] = entry
        self.stack.addWidget(entry.widget)

    def page(self, name: str) -> QWidget:
        """The page, built now if it was not."""
        return self._build(self._by_name[name])

    def at(self, row: int) -> QWidget | None:
        """The widget of navigation row `row`, a shelf page built now if it was not (rows past the shelf: the
        stack's own widgets)."""
        if row < len(self.entries):
            return self._build(self.entries[row])
        return self.stack.widget(row)

    def is_built(self, name: str) -> bool:
        return self._by_name[name].built

    def titles(self) -> list[str]:
        return [e.title for e in self.entries]

    def slots(self) -> list[tuple[str, QWidget]]:
        """Every row's title and what stands in the stack for it now (a placeholder or the page)."""
        return [(e.title, e.widget) for e in self.entries]

    def built(self) -> list[tuple[str, QWidget]]:
        return [(e.title, e.widget) for e in self.entries if e.built]

    def _build(self, entry: Entry) -> QWidget:
        if entry.built:
            return entry.widget
        page = entry.make()
        placeholder = entry.widget
        index = self.stack.indexOf(placeholder)
        current = self.stack.currentIndex()
        blocked = self.stack.blockSignals(True)  # the row on screen does not change: nobody is told it did
        try:
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            self.stack.setCurrentIndex(current)
        finally:
            self.stack.blockSignals(blocked)
        placeholder.deleteLater()
        entry.widget, entry.built = page, True
        self.on_built(entry.name, page)
        return page


class LazyPage:
    """`window.orders_page`: the page, built on first access (the owner class has a `shelf`)."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        return window.shelf.page(self.name)
