"""A table model over ids: it holds the matching ids only (a million fit in 8 MB) and fetches the rows of what is
on screen. `data()` never touches the database: a row not yet cached asks for its block, which arrives from the
reader thread and repaints. The key browser and the order board are both this, with their own columns and live
updates."""

from __future__ import annotations

from array import array
from collections.abc import Awaitable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from qasync import asyncSlot

from shopdesk.ui.ops import Ops

Index = QModelIndex | QPersistentModelIndex
PLACEHOLDER = "…"
CACHE_LIMIT = 20_000


class LazyIdModel(QAbstractTableModel):
    """Subclasses give COLUMNS ((header, text of a row), ...), CONTEXT (the translation context of the headers),
    `block()` (rows fetched around a missing one), `max_blocks()`, `fetch_rows(ids)` and `first_screen()` (the ids for
    `self.filter` and the rows of the first screen, from one snapshot)."""

    COLUMNS: tuple = ()
    CONTEXT = ""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self._ops = ops
        self._ids = array("q")
        self._rows: dict = {}
        self._wanted: set[int] = set()  # rows asked for by data() and not yet requested
        self._in_flight: set[int] = set()
        self._last_wanted = 0
        self._generation = 0  # bumped by every reload: late answers for an older filter are dropped
        self._shape = 0  # bumped by every insert/remove: positions computed before it are stale

    def block(self) -> int:
        raise NotImplementedError

    def max_blocks(self) -> int:
        return 2

    def fetch_rows(self, ids: list[int]) -> Awaitable[dict]:
        raise NotImplementedError

    def first_screen(self) -> Awaitable[tuple[array, dict]]:
        raise NotImplementedError

    def reset(self, ids: array, rows: dict) -> None:
        """Take a fresh load (inside beginResetModel/endResetModel); a subclass resets its own caches too."""
        self._ids = ids
        self._rows = rows
        self._wanted.clear()
        self._in_flight.clear()

    async def reload(self, f=None) -> bool:
        """Fetch the ids for the filter and the first screen, and show them; False if a newer reload won."""
        if f is not None:
            self.filter = f
        self._generation += 1
        generation = self._generation
        ids, first = await self.first_screen()
        if generation != self._generation:
            return False
        self.beginResetModel()
        self.reset(ids, first)
        self.endResetModel()
        return True

    def stored(self, fetched: dict, start: int, end: int) -> None:
        """Keep fetched rows (a subclass may keep fresher copies it already has, or cache more per row)."""
        self._rows.update(fetched)

    # --- fetching what is painted ---------------------------------------------------------------
    def _want(self, row: int) -> None:
        if row in self._in_flight:
            return
        first = not self._wanted
        self._wanted.add(row)
        self._last_wanted = row
        if first:
            self._fetch_wanted()

    @asyncSlot()
    async def _fetch_wanted(self) -> None:
        if not self._wanted:
            return
        block = self.block()
        lo, hi = min(self._wanted), max(self._wanted)
        if hi - lo >= self.max_blocks() * block:
            # Asked for all over the table (not a paint): serve the row asked for last; the others ask again if
            # they are painted.
            lo = hi = self._last_wanted
        self._wanted.clear()
        start, end = max(0, lo - block // 4), min(len(self._ids), max(hi + 1, lo + block))
        ids = [k for k in self._ids[start:end] if k not in self._rows]
        rows = set(range(start, end))
        self._in_flight |= rows
        generation, shape = self._generation, self._shape
        try:
            fetched = await self.fetch_rows(ids)
        finally:
            self._in_flight -= rows
        if generation != self._generation:
            return
        if len(self._rows) > CACHE_LIMIT:
            self.forget()
        self.stored(fetched, start, end)
        if shape == self._shape:
            self.dataChanged.emit(self.index(start, 0), self.index(end - 1, len(self.COLUMNS) - 1))
        elif self._ids:  # rows moved meanwhile: repaint whatever is on screen
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))
        if self._wanted:
            self._fetch_wanted()

    def forget(self) -> None:
        """The cache grew too large: drop it (what is on screen is fetched again as it is painted)."""
        self._rows.clear()

    # --- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def match(self, start: Index, role: int, value, hits: int = 1, flags=Qt.MatchFlag.MatchStartsWith) -> list:
        """No type-ahead: matching every row's text would fetch every row (the search box finds them)."""
        return []

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][0])
        return None
