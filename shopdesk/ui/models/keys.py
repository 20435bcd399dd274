"""The key browser's model: holds the matching ids only; rows are fetched for the screenful being shown.

A million ids fit in an array of 8 MB. `data()` never touches the database: a row not yet cached shows
a placeholder and asks for its block, which arrives from the DB thread and repaints.
"""

from __future__ import annotations

from array import array

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from qasync import asyncSlot

from shopdesk.services.inventory import browse as key_service
from shopdesk.services.inventory.browse import KeyFilter, KeyRow
from shopdesk.ui import labels
from shopdesk.ui.ops import Ops

Index = QModelIndex | QPersistentModelIndex
BLOCK = 200  # rows fetched around a missing one
CACHE_LIMIT = 20_000
PLACEHOLDER = "…"
DISPLAY, USER = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


COLUMNS = (
    (QT_TRANSLATE_NOOP("KeysModel", "ID"), lambda r: str(r.id), "id"),
    (QT_TRANSLATE_NOOP("KeysModel", "Product"), lambda r: r.sku, None),
    (QT_TRANSLATE_NOOP("KeysModel", "Card number"), lambda r: r.card_no or "", None),
    (QT_TRANSLATE_NOOP("KeysModel", "Secret"), lambda r: r.masked_secret, None),
    (QT_TRANSLATE_NOOP("KeysModel", "Status"), lambda r: labels.key_status(r.status), None),
    (QT_TRANSLATE_NOOP("KeysModel", "Batch"), lambda r: f"#{r.batch_id} {r.supplier}".strip(), None),
    (
        QT_TRANSLATE_NOOP("KeysModel", "Expires"),
        lambda r: r.expires_at.astimezone().strftime("%Y-%m-%d") if r.expires_at else "",
        "expires_at",
    ),
    (QT_TRANSLATE_NOOP("KeysModel", "Status changed"), lambda r: _when(r.status_changed_at), "status_changed_at"),
    (QT_TRANSLATE_NOOP("KeysModel", "Order"), lambda r: str(r.order_id or ""), None),
)
SORT_COLUMNS = {i: c[2] for i, c in enumerate(COLUMNS) if c[2]}


class KeysModel(QAbstractTableModel):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self._ops = ops
        self._ids = array("q")
        self._rows: dict[int, KeyRow] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # each cached key's cells, formatted at its first paint
        self._pos: dict[int, int] = {}  # each cached key's row, for updates from the change feed
        self._wanted: set[int] = set()  # rows asked for by data() and not yet requested
        self._newest_wanted = 0
        self._in_flight: set[int] = set()
        self.filter = KeyFilter()
        self._generation = 0

    # --- loading ---------------------------------------------------------------------------
    async def reload(self, f: KeyFilter | None = None) -> None:
        """Fetch the ids for the filter (one query) and show the first screen at once."""
        if f is not None:
            self.filter = f
        self._generation += 1
        generation = self._generation
        ids, first = await self._ops.read(_first_screen, self.filter)
        if generation != self._generation:
            return  # a newer filter won
        self.beginResetModel()
        self._ids = ids
        self._rows, self._texts = first, {}
        self._pos = dict(zip(ids[:BLOCK], range(BLOCK), strict=False))
        self._wanted.clear()
        self._in_flight.clear()
        self.endResetModel()

    async def refresh_rows(self, key_ids: set[int]) -> None:
        """Re-read rows that changed (from the change feed) if they are cached."""
        stale = [k for k in key_ids if k in self._rows]
        if not stale:
            return
        generation = self._generation
        fresh = await self._ops.read(key_service.key_rows, stale)
        if generation != self._generation:
            return  # reloaded meanwhile: the new rows are fresh already
        self._rows.update(fresh)
        for k in fresh:
            self._texts.pop(k, None)
        rows = [self._pos[k] for k in fresh if k in self._pos]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def _want(self, row: int) -> None:
        if row in self._in_flight:
            return
        self._newest_wanted = row
        first = not self._wanted
        self._wanted.add(row)
        if first:
            self._fetch_wanted()

    @asyncSlot()
    async def _fetch_wanted(self) -> None:
        if not self._wanted:
            return
        lo, hi = min(self._wanted), max(self._wanted)
        if hi - lo >= 2 * BLOCK:  # asks from all over the table: serve the screen painted last
            lo = hi = self._newest_wanted
        self._wanted.clear()
        start, end = max(0, lo - BLOCK // 4), min(len(self._ids), max(hi + 1, lo + BLOCK))
        keys = self._ids[start:end]
        ids = [k for k in keys if k not in self._rows]
        rows = set(range(start, end))
        self._in_flight |= rows
        generation = self._generation
        try:
            fetched = await self._ops.read(key_service.key_rows, ids)
        finally:
            self._in_flight -= rows
        if generation != self._generation:
            return
        if len(self._rows) > CACHE_LIMIT:
            self._rows.clear()
            self._texts.clear()
            self._pos.clear()
        self._rows.update(fetched)
        self._pos.update(zip(keys, range(start, end), strict=True))
        self.dataChanged.emit(self.index(start, 0), self.index(end - 1, len(COLUMNS) - 1))
        if self._wanted:
            self._fetch_wanted()

    # --- Qt model ------------------------------------------------------------------------------
    def key_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row: int) -> KeyRow | None:
        return self._rows.get(self._ids[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = DISPLAY):
        # Called for every role of every cell at each paint: the common answers come first and cost a look-up.
        if role != DISPLAY:
            if role == USER and index.isValid() and 0 <= index.row() < len(self._ids):
                return self._ids[index.row()]
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            return None
        key = self._ids[row]
        texts = self._texts.get(key)
        if texts is None:
            found = self._rows.get(key)
            if found is None:
                self._want(row)
                return PLACEHOLDER
            texts = self._texts[key] = tuple(column[1](found) for column in COLUMNS)
        return texts[index.column()]

    def match(self, start, role, value, hits=1, flags=None) -> list:
        """No match: rows not on screen are not loaded, and typing in the table would read all of them (the
        view's keyboard search); the search box finds keys."""
        return []

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("KeysModel", COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_COLUMNS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        f = self.filter
        if (f.sort, f.descending) == (key, descending):
            return
        self.filter = KeyFilter(**{**f.__dict__, "sort": key, "descending": descending})
        if self._ops.shop is not None:  # before the shop is open, the first load picks the order up
            self._reload_slot()

    @asyncSlot()
    async def _reload_slot(self) -> None:
        await self.reload()


def _first_screen(session, f: KeyFilter) -> tuple[array, dict[int, KeyRow]]:
    """The ids for the filter and the rows of the first screen, from one snapshot."""
    ids = key_service.key_id_array(session, f)
    return ids, key_service.key_rows(session, ids[:BLOCK].tolist())
