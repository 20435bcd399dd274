"""The window remembers its size and place, its splitters and its tables' column widths (QSettings in the data dir,
keyed per page and per table), so the next start looks as the merchant left it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QWidget

FILE = "window.ini"


def settings_for(data_dir: Path) -> QSettings:
    """The window's settings of this shop's data dir (one file; tests and shops never share it)."""
    return QSettings(str(Path(data_dir) / FILE), QSettings.Format.IniFormat)


def _parts(page: QWidget) -> list[tuple[str, QWidget]]:
    name = type(page).__name__
    parts: list[tuple[str, QWidget]] = []
    for i, splitter in enumerate(page.findChildren(QSplitter)):
        parts.append((f"{name}/splitter_{splitter.objectName() or i}", splitter))
    for i, table in enumerate(page.findChildren(QTableView)):
        parts.append((f"{name}/table_{table.objectName() or i}", table))
    return parts


def save(window: QMainWindow, pages: list[QWidget], settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for page in pages:
        for key, widget in _parts(page):
            if isinstance(widget, QSplitter):
                settings.setValue(key, widget.saveState())
            elif widget.model() is not None and widget.model().columnCount() > 0:
                settings.setValue(key, widget.horizontalHeader().saveState())
    settings.sync()


def restore_geometry(window: QMainWindow, settings: QSettings) -> bool:
    geometry = settings.value("window/geometry")
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    return True


def restore_parts(pages: list[QWidget], settings: QSettings) -> int:
    """Splitters and column widths, once the tables have their columns; returns how many were restored."""
    restored = 0
    for page in pages:
        for key, widget in _parts(page):
            state = settings.value(key)
            if state is None:
                continue
            if isinstance(widget, QSplitter):
                restored += bool(widget.restoreState(state))
            elif widget.model() is not None and widget.model().columnCount() > 0:
                restored += bool(widget.horizontalHeader().restoreState(state))
    return restored
