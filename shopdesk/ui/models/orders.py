"""The order list: fetched in pages on demand (canFetchMore / fetchMore), newest first."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from qasync import asyncSlot

from shopdesk.services.money import format_yuan
from shopdesk.services.views import OrderRow, list_orders
from shopdesk.ui import labels
from shopdesk.ui.ops import Ops

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


def _h(text: str) -> str:
    return QCoreApplication.translate("OrdersModel", text)


COLUMNS = (
    (QT_TRANSLATE_NOOP("OrdersModel", "Order"), lambda r: r.number),
    (QT_TRANSLATE_NOOP("OrdersModel", "Time"), lambda r: r.created_at.astimezone().strftime("%m-%d %H:%M")),
    (QT_TRANSLATE_NOOP("OrdersModel", "Customer"), lambda r: r.customer_name),
    (QT_TRANSLATE_NOOP("OrdersModel", "Status"), lambda r: labels.order_status(r.status)),
    (QT_TRANSLATE_NOOP("OrdersModel", "Payment"), lambda r: labels.payment_status(r.payment_status)),
    (QT_TRANSLATE_NOOP("OrdersModel", "Total"), lambda r: format_yuan(r.total_fen)),
    (QT_TRANSLATE_NOOP("OrdersModel", "Source"), lambda r: labels.source(r.source)),
)
STATUS_COLUMN = 3
TOTAL_COLUMN = 5


class OrdersModel(QAbstractTableModel):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self._ops = ops
        self._rows: list[OrderRow] = []
        self._status: str | None = None
        self._exhausted = False
        self._fetching = False

    # --- loading ---------------------------------------------------------------------------
    async def reload(self, status: str | None = None, *, keep: bool = False) -> None:
        """Load the first page (or as many rows as are shown, with keep=True) for the filter."""
        self._status = status
        want = max(PAGE, len(self._rows)) if keep else PAGE
        rows = await self._ops.read(list_orders, status=status, limit=want)
        self.beginResetModel()
        self._rows = rows
        self._exhausted = len(rows) < want
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching and bool(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self._fetch_more()

    @asyncSlot()
    async def _fetch_more(self) -> None:
        try:
            rows = await self._ops.read(list_orders, status=self._status, limit=PAGE, offset=len(self._rows))
        finally:
            self._fetching = False
        if len(rows) < PAGE:
            self._exhausted = True
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # --- Qt model ------------------------------------------------------------------------------
    def row_at(self, row: int) -> OrderRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == TOTAL_COLUMN:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if index.column() == STATUS_COLUMN and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            bg, fg = labels.status_colours(row.status)
            return bg if role == Qt.ItemDataRole.BackgroundRole else fg
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
            return _h(COLUMNS[section][0])
        return None
