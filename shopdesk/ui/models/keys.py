"""The key browser's model: holds the matching ids only; rows are fetched for the screenful being shown.

A million ids fit in an array of 8 MB. `data()` never touches the database: a row not yet cached shows
a placeholder and asks for its block, which arrives from the DB thread and repaints.
"""

from __future__ import annotations

from array import array

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from qasync import asyncSlot

from shopdesk.services.inventory import browse as key_service
from shopdesk.services.inventory.browse import KeyFilter, KeyRow
from shopdesk.ui import labels
from shopdesk.ui.models.lazy import PLACEHOLDER, Index, LazyIdModel
from shopdesk.ui.ops import Ops

BLOCK = 200  # rows fetched around a missing one
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
    (QT_TRANSLATE_NOOP("KeysModel", "Order"), lambda r: r.order_number or "", None),
)
SORT_COLUMNS = {i: c[2] for i, c in enumerate(COLUMNS) if c[2]}


class KeysModel(LazyIdModel):
    COLUMNS = COLUMNS
    CONTEXT = "KeysModel"

    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, parent)
        self._texts: dict[int, tuple[str, ...]] = {}  # each cached key's cells, formatted at its first paint
        self._pos: dict[int, int] = {}  # each cached key's row, for updates from the change feed
        self.filter = KeyFilter()

    def block(self) -> int:
        return BLOCK

    def fetch_rows(self, ids: list[int]):
        return self._ops.read(key_service.key_rows, ids)

    def stored(self, fetched: dict, start: int, end: int) -> None:
        self._rows.update(fetched)
        self._pos.update(zip(self._ids[start:end], range(start, end), strict=True))

    def forget(self) -> None:
        self._rows.clear()
        self._texts.clear()
        self._pos.clear()

    # --- loading ---------------------------------------------------------------------------
    def first_screen(self):
        return self._ops.read(_first_screen, self.filter)

    def reset(self, ids: array, rows: dict) -> None:
        super().reset(ids, rows)
        self._texts = {}
        self._pos = dict(zip(ids[:BLOCK], range(BLOCK), strict=False))

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

    # --- Qt model ------------------------------------------------------------------------------
    def key_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row: int) -> KeyRow | None:
        return self._rows.get(self._ids[row])

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
