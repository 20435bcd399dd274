"""The live order board's model: the matching ids only (newest first), rows fetched for what is on screen.

A million ids fit in an array of 8 MB. `data()` never touches the database: a row not yet cached shows a
placeholder and asks for its block, which arrives from the reader thread and repaints. Changes from the
change feed re-check only the orders that moved: new ones are inserted in place (at the top, normally),
changed ones re-fetched and flashed, ones that no longer match the filter removed.
"""

from __future__ import annotations

import bisect
import time
from array import array

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from shopdesk.services.common.money import format_yuan
from shopdesk.services.orders import board
from shopdesk.services.orders.board import BoardFilter, BoardRow
from shopdesk.ui import labels
from shopdesk.ui.models.lazy import PLACEHOLDER, Index, LazyIdModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer

HEAD = 500  # ids read with the first screen; the rest follow in a second query
BLOCK = 80  # rows fetched around a missing one (a screen is ~25): small blocks make jumps quick
MAX_BLOCKS = 4  # a wider request than this is not a paint
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the status code, for the chip delegate
FLASH_S = 1.5
FLASH_TICK_MS = 60
FLASH_COLOUR = (255, 226, 122)  # warm yellow, fading to nothing
MAX_LIVE_CHANGES = 2_000  # more changed orders than this in one poll: reload instead


def _when(value) -> str:
    return value.astimezone().strftime("%m-%d %H:%M:%S")


COLUMNS = (
    (QT_TRANSLATE_NOOP("BoardModel", "Order"), lambda r: r.number),
    (QT_TRANSLATE_NOOP("BoardModel", "Time"), lambda r: _when(r.created_at)),
    (QT_TRANSLATE_NOOP("BoardModel", "Customer"), lambda r: r.customer_name),
    (QT_TRANSLATE_NOOP("BoardModel", "Items"), lambda r: r.items),
    (QT_TRANSLATE_NOOP("BoardModel", "Status"), lambda r: labels.order_status(r.status)),
    (QT_TRANSLATE_NOOP("BoardModel", "Payment"), lambda r: labels.payment_status(r.payment_status)),
    (QT_TRANSLATE_NOOP("BoardModel", "Total"), lambda r: format_yuan(r.total_fen)),
    (QT_TRANSLATE_NOOP("BoardModel", "Source"), lambda r: labels.source(r.source)),
    (QT_TRANSLATE_NOOP("BoardModel", "Trade number"), lambda r: r.trade_no or ""),
)
STATUS_COLUMN = 4
TOTAL_COLUMN = 6
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class BoardModel(LazyIdModel):
    """The ids are the newest (highest id) first."""

    COLUMNS = COLUMNS
    CONTEXT = "BoardModel"
    loaded = Signal()  # every id for the filter is here (rowCount is the count)

    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, parent)
        self._flash: dict[int, float] = {}  # order id -> monotonic time the flash started
        self._flash_timer = timer(self, FLASH_TICK_MS, self._fade)
        self.filter = BoardFilter()
        self.loading = False  # the first screen is shown, the rest of the ids not yet

    def block(self) -> int:
        return BLOCK

    def max_blocks(self) -> int:
        return MAX_BLOCKS

    def fetch_rows(self, ids: list[int]):
        return self._ops.read(board.order_rows, ids)

    def stored(self, fetched: dict, start: int, end: int) -> None:
        for order_id, row in fetched.items():
            self._rows.setdefault(order_id, row)  # a live change may have brought a fresher copy

    # --- loading ---------------------------------------------------------------------------
    def first_screen(self):
        return self._ops.read(_first_screen, self.filter)

    def reset(self, ids: array, rows: dict) -> None:
        super().reset(ids, rows)
        self._flash.clear()
        self._shape += 1
        self.loading = len(ids) == HEAD

    async def reload(self, f: BoardFilter | None = None) -> bool:
        """Show the newest matching orders at once (one short query), then append the rest of the ids.

        The first trip reads HEAD ids and the first screen of rows; the second, all ids below them (a
        million take a few hundred milliseconds, while the first screen is already painted)."""
        if not await super().reload(f):
            return False
        generation = self._generation
        if self.loading:
            rest = await self._ops.read(board.order_ids, self.filter, before=self._ids[-1])
            if generation != self._generation:
                return False
            self.loading = False
            if rest:
                self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(rest) - 1)
                self._ids.extend(rest)
                self._shape += 1
                self.endInsertRows()
        self.loaded.emit()
        return True

    async def apply_changes(self, order_ids: set[int]) -> dict[int, BoardRow]:
        """Bring the board in line with orders that changed; returns their fresh rows (any filter)."""
        if len(order_ids) > MAX_LIVE_CHANGES:
            await self.reload()
            return {}
        generation = self._generation
        shown, rows = await self._ops.read(_changed, self.filter, sorted(order_ids))
        if generation != self._generation:
            return rows  # a reload started meanwhile and reads the new state itself
        if self.loading and self._ids:
            # The ids below the first screen are still being read, by a query queued before this one on
            # the reader thread (reads run there one after another, each seeing every commit before it): the
            # orders below the first screen are left to it.
            floor = self._ids[-1]
            shown = {i for i in shown if i >= floor}
            order_ids = {i for i in order_ids if i >= floor}
        removed = [i for i in order_ids if i not in shown and self.position(i) is not None]
        for order_id in removed:
            row = self.position(order_id)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._shape += 1
            self.endRemoveRows()
            self._rows.pop(order_id, None)
            self._flash.pop(order_id, None)
        changed, new = [], []
        for order_id in sorted(shown, reverse=True):
            self._rows[order_id] = rows[order_id]
            (changed if self.position(order_id) is not None else new).append(order_id)
        top = [i for i in new if not self._ids or i > self._ids[0]]
        if top:  # the usual case: new orders, newest first, above everything shown
            self.beginInsertRows(QModelIndex(), 0, len(top) - 1)
            self._ids[0:0] = array("q", top)
            self._shape += 1
            self.endInsertRows()
        for order_id in new[len(top) :]:  # an older order that now matches the filter: in its place
            row = self._insert_position(order_id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, order_id)
            self._shape += 1
            self.endInsertRows()
        for order_id in changed:
            row = self.position(order_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self._start_flash(changed + new)
        return rows

    # --- flashing ------------------------------------------------------------------------------
    def _start_flash(self, order_ids: list[int]) -> None:
        now = time.monotonic()
        for order_id in order_ids:
            self._flash[order_id] = now
        if self._flash and not self._flash_timer.isActive():
            self._flash_timer.start()

    def flashing(self, order_id: int) -> bool:
        return order_id in self._flash

    def _fade(self) -> None:
        now = time.monotonic()
        for order_id, started in list(self._flash.items()):
            if now - started >= FLASH_S:
                del self._flash[order_id]
            row = self.position(order_id)
            if row is not None:
                self.dataChanged.emit(
                    self.index(row, 0), self.index(row, len(COLUMNS) - 1), [Qt.ItemDataRole.BackgroundRole]
                )
        if not self._flash:
            self._flash_timer.stop()

    def _flash_colour(self, order_id: int) -> QColor | None:
        started = self._flash.get(order_id)
        if started is None:
            return None
        left = max(0.0, 1.0 - (time.monotonic() - started) / FLASH_S)
        return QColor(*FLASH_COLOUR, int(40 + 215 * left))

    # --- positions -----------------------------------------------------------------------------
    def position(self, order_id: int) -> int | None:
        """The row showing this order, or None (the ids are sorted, newest first: a binary search)."""
        row = self._insert_position(order_id)
        return row if row < len(self._ids) and self._ids[row] == order_id else None

    def _insert_position(self, order_id: int) -> int:
        return bisect.bisect_left(self._ids, -order_id, key=lambda i: -i)

    def order_id(self, row: int) -> int:
        return self._ids[row]

    # --- Qt model ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        order_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return order_id
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._flash_colour(order_id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() == TOTAL_COLUMN else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, STATUS_ROLE):
            return None
        row = self._rows.get(order_id)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row())
                return PLACEHOLDER
            return None
        if role == STATUS_ROLE:
            return row.status
        text = COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if index.column() in (3, 8) and text else None
        return text


def _first_screen(session, f: BoardFilter) -> tuple[array, dict[int, BoardRow]]:
    ids = board.order_ids(session, f, limit=HEAD)
    return ids, board.order_rows(session, ids[:BLOCK].tolist())


def _changed(session, f: BoardFilter, order_ids: list[int]) -> tuple[set[int], dict[int, BoardRow]]:
    return board.matching(session, f, order_ids), board.order_rows(session, order_ids)
