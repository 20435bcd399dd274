"""Orders: the live board (a million orders scroll like a hundred), the 'paid, waiting for keys' queue,
the selected order's detail, and sales over the counter.

Nothing here is refreshed by hand: the change feed says which orders moved, whoever moved them (the
storefront API, another window or process, the CLI), and only those are read again.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import clock
from shopdesk.services.common.money import format_yuan
from shopdesk.services.orders import board, delivery
from shopdesk.services.orders.board import BoardRow
from shopdesk.services.orders.state import STATUSES as ORDER_STATUSES
from shopdesk.ui import icons, labels
from shopdesk.ui.desk.clock import duration
from shopdesk.ui.dialogs.new_order import NewOrderDialog
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.orders import STATUS_COLUMN, STATUS_ROLE, BoardModel
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.pages.order_actions import OrderActions
from shopdesk.ui.widgets.board_filters import BoardFilterBar
from shopdesk.ui.widgets.common import fit_columns, make_table, page_title, wrapped_label
from shopdesk.ui.widgets.flagged_payments import FlaggedPaymentsPanel
from shopdesk.ui.widgets.order_detail import OrderDetail
from shopdesk.ui.widgets.prompts import ask
from shopdesk.ui.widgets.status_chip import StatusChipDelegate, chip_width

LONG_WAIT = timedelta(minutes=10)  # a paid order waiting for keys longer than this is worth a notification
COLUMN_WIDTHS = (150, 110, 90, 150, 140, 84, 70, 64)  # the last column (trade number) takes the rest


def _minutes_waiting(row: BoardRow) -> int:
    return max(0, int((clock.now() - row.paid_at).total_seconds() // 60)) if row.paid_at else 0


def _products(session) -> list[tuple[int, str, str]]:
    return [(p.id, p.sku, p.name) for p in catalog.list_products(session)]


class OrdersPage(QWidget):
    notify = Signal(str, str)  # title, text: the main window's tray notifier shows it
    customer_requested = Signal(int)  # "Open the customer": the main window shows the Customers page
    case_requested = Signal(int)  # a case opened from an order: the main window shows it on the desk

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._since = None  # paid orders from this moment on are "new" (set at the first load)
        self._told_paid: set[int] = set()
        self._told_waiting: set[int] = set()
        self._changed_orders: set[int] = set()  # from the change feed, not yet applied
        self._applying = False
        self._from_board = False  # the order on show was picked on the board (it leaves with the board's rows)

        self.model = BoardModel(ops, self)
        self.table = make_table(self)
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS_COLUMN, StatusChipDelegate(STATUS_ROLE, self.table))
        fit_columns(
            self.table,
            COLUMN_WIDTHS,
            lambda: {
                5: [labels.payment_status(c) for c in labels.tables()["payment_status"][1]],
                7: [labels.source(c) for c in labels.tables()["source"][1]],
            },
        )
        self.table.setColumnWidth(STATUS_COLUMN, chip_width(self.table.fontMetrics(), ORDER_STATUSES))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._board_row_picked(cur.row()))
        self.model.rowsInserted.connect(self._keep_scroll)
        self.model.modelReset.connect(self._show_count)
        self.model.loaded.connect(self._show_count)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.rowsRemoved.connect(lambda *_: self._show_count())
        self.model.modelReset.connect(self._follow_selection)
        self.model.rowsRemoved.connect(lambda *_: self._follow_selection())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty_label = wrapped_label(objectName="boardEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.filters = BoardFilterBar(self)
        self.filters.changed.connect(self.apply_filter)

        self.queue_model = RowsModel(
            [
                Column(lambda: self.tr("Order"), lambda r: r.number),
                Column(lambda: self.tr("Paid at"), lambda r: r.paid_at.astimezone().strftime("%m-%d %H:%M")),
                Column(
                    lambda: self.tr("Waiting"),
                    lambda r: duration(_minutes_waiting(r) * 60),  # "22 hours 25 min", never "1345 min"
                    RIGHT,
                ),
                Column(lambda: self.tr("Customer"), lambda r: r.customer_name),
                Column(lambda: self.tr("Items"), lambda r: r.items),
                Column(lambda: self.tr("Total"), lambda r: format_yuan(r.total_fen), RIGHT),
                Column(lambda: self.tr("Trade number"), lambda r: r.trade_no or ""),
            ],
            self,
        )
        self.queue = make_table(self)
        self.queue.setObjectName("waitingQueue")
        self.queue.setModel(self.queue_model)
        fit_columns(self.queue, (150, 90, 70, 80, 150, 70))
        self.queue.selectionModel().currentRowChanged.connect(lambda cur, _p: self._queue_row_picked(cur.row()))
        self.refund_wallet_button = QPushButton(self.tr("Refund to wallet…"), objectName="refundWallet")
        self.refund_wallet_button.setToolTip(self.tr("Credit the customer's wallet at once and cancel the order."))
        icons.decorate(self.refund_wallet_button, "refund")
        self.refund_wallet_button.clicked.connect(lambda: self.refund_selected("wallet"))
        self.refund_external_button = QPushButton(self.tr("Refund externally…"), objectName="refundExternal")
        self.refund_external_button.setToolTip(
            self.tr("Record a refund made at the payment gateway and cancel the order.")
        )
        icons.decorate(self.refund_external_button, "refund")
        self.refund_external_button.clicked.connect(lambda: self.refund_selected("external"))
        self.queue_message = wrapped_label(objectName="queueMessage")

        self.detail = OrderDetail(ops, self)
        self.actions = OrderActions(ops, self.detail, self.detail)
        self.detail.attach_actions(self.actions)
        self.actions.customer_requested.connect(self.customer_requested)
        self.actions.case_requested.connect(self.case_requested)
        self.count_label = QLabel(objectName="orderCount")
        self.new_button = QPushButton(self.tr("New order…"), objectName="newOrder")
        icons.decorate(self.new_button, "add")
        self.new_button.clicked.connect(self.open_new_order)

        board_tab = QWidget()
        board_layout = QVBoxLayout(board_tab)
        board_layout.setContentsMargins(0, 6, 0, 0)
        board_layout.addWidget(self.filters)
        board_layout.addWidget(self.empty_label)
        board_layout.addWidget(self.table, 1)
        queue_tab = QWidget()
        queue_layout = QVBoxLayout(queue_tab)
        queue_layout.setContentsMargins(0, 6, 0, 0)
        queue_layout.addWidget(
            QLabel(self.tr("Paid orders that got no key yet, oldest first: new stock fills them in this order."))
        )
        queue_layout.addWidget(self.queue, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.queue_message, 1)
        actions.addWidget(self.refund_wallet_button)
        actions.addWidget(self.refund_external_button)
        queue_layout.addLayout(actions)
        self.flagged = FlaggedPaymentsPanel(ops, self)
        self.flagged.counted.connect(self._set_flagged_title)
        self.flagged.order_picked.connect(self._flagged_picked)
        self.tabs = QTabWidget(objectName="orderTabs")
        self.tabs.addTab(board_tab, self.tr("All orders"))
        self.tabs.addTab(queue_tab, "")
        self.tabs.addTab(self.flagged, "")
        self._set_queue_title(0)
        self._set_flagged_title(0, 0)

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Orders")))
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tabs)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([470, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # --- loading ---------------------------------------------------------------------------------
    async def load(self) -> None:
        if self._since is None:
            self._since = clock.now()
        self.filters.set_products(await self._ops.read(_products))
        await self.actions.load_permissions()
        await self.model.reload(self.filters.filter())
        await self.load_queue()
        await self.flagged.load()

    def on_changes(self, changes: dict) -> None:
        if "payment_issue" in changes:
            self._reload_flagged()
        if "order" in changes:
            self._changed_orders |= set(changes["order"])
            if not self._applying:
                self._apply_changes()
        if "product" in changes:
            self._reload_products()

    @asyncSlot()
    async def _apply_changes(self) -> None:
        """One pass at a time: orders that move while a pass runs are taken together by the next one."""
        self._applying = True
        try:
            while self._changed_orders:
                order_ids, self._changed_orders = self._changed_orders, set()
                rows = await self.model.apply_changes(order_ids)
                self._tell_paid(rows)
                if self.detail.order_id in order_ids:
                    await self.detail.load()
                await self.load_queue()
        finally:
            self._applying = False

    @asyncSlot()
    async def _reload_flagged(self) -> None:
        await self.flagged.load()

    def _set_flagged_title(self, n: int, total_fen: int) -> None:
        title = self.tr("Flagged for refund (%1)").replace("%1", str(n))
        if n:
            title += f" · ¥{format_yuan(total_fen)}"
        self.tabs.setTabText(2, title)

    @asyncSlot()
    async def _reload_products(self) -> None:
        self.filters.set_products(await self._ops.read(_products))

    @asyncSlot()
    async def apply_filter(self) -> None:
        await self.model.reload(self.filters.filter())

    def focus_search(self) -> None:
        """Ctrl+F: the search box, its text selected."""
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def show_filtered(self, status: str | None, day, product_id: int | None = None) -> None:
        """The board filtered to a status, a local date and a product (what a Today tile counts)."""
        self.filters.show(status, day, product_id)

    def show_number(self, number: str) -> None:
        """The board searched for one order number (the customer page's "open the order")."""
        self.filters.show_search(number)

    def _show_count(self) -> None:
        if self.model.loading:
            self.count_label.setText(self.tr("counting…"))
        else:
            self.count_label.setText(self.tr("%n order(s)", "", self.model.rowCount()))
        self._show_empty()

    def _show_empty(self) -> None:
        """An empty board says what was searched for (or that the filters leave nothing)."""
        empty = not self.model.loading and self.model.rowCount() == 0
        searched = self.model.filter.search if self.model.filter is not None else ""
        if searched:
            text = self.tr("No order contains “%1”.").replace("%1", searched)
        else:
            text = self.tr("No orders match these filters.")
        self.empty_label.setText(text)
        self.empty_label.setVisible(empty)

    def _follow_selection(self) -> None:
        """The detail shows the selected order: when the list changed and the order on show from the board is no
        longer in it (or nothing is selected any more), the detail follows."""
        index = self.table.currentIndex()
        if index.isValid() and self.tabs.currentIndex() == 0:
            order_id = self.model.order_id(index.row())
            if order_id != self.detail.order_id:
                self.detail.show_order(order_id)
            return
        shown = self.detail.order_id
        if shown is not None and self._from_board and self.model.position(shown) is None:
            self.detail.clear()

    def _context_menu(self, at) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        self._popup_for(self.model.order_id(index.row()), self.table.viewport().mapToGlobal(at))

    @asyncSlot()
    async def _popup_for(self, order_id: int, where) -> None:
        if self.detail.order_id != order_id or self.detail.view is None:
            self.detail.order_id = order_id
            await self.detail.load()
        self.menu = self.actions.popup(self.table, where)

    def _keep_scroll(self, parent: QModelIndex, first: int, last: int) -> None:
        """New orders arrive at the top; someone reading further down keeps their place."""
        bar = self.table.verticalScrollBar()
        if parent.isValid() or first != 0 or bar.value() == 0:
            return
        value = bar.value()
        self.table.updateGeometries()
        step = last - first + 1
        per_pixel = self.table.verticalScrollMode() == self.table.ScrollMode.ScrollPerPixel
        bar.setValue(value + step * (self.table.verticalHeader().defaultSectionSize() if per_pixel else 1))

    # --- notifications ------------------------------------------------------------------------------
    def _tell_paid(self, rows: dict[int, BoardRow]) -> None:
        """One notification per order paid since the board opened (judged by the stored paid_at)."""
        for row in sorted(rows.values(), key=lambda r: r.id):
            if row.paid_at is None or row.id in self._told_paid or self._since is None or row.paid_at < self._since:
                continue
            self._told_paid.add(row.id)
            text = self.tr("%1 · %2 · ¥%3").replace("%1", row.number).replace("%2", row.customer_name)
            self.notify.emit(self.tr("New paid order"), text.replace("%3", format_yuan(row.total_fen)))

    def _tell_long_waits(self, waiting: list[BoardRow]) -> None:
        now = clock.now()
        for row in waiting:
            if row.paid_at is None or now - row.paid_at < LONG_WAIT or row.id in self._told_waiting:
                continue
            self._told_waiting.add(row.id)
            text = self.tr("%1 (%2) has waited %3 minutes for keys: add stock or refund it.")
            text = text.replace("%1", row.number).replace("%2", row.items)
            self.notify.emit(self.tr("Order waiting for keys"), text.replace("%3", str(_minutes_waiting(row))))

    # --- the waiting queue --------------------------------------------------------------------------
    @asyncSlot()
    async def check_waiting(self) -> None:
        """The main window's sweeper tick: re-read the queue (its minutes) and notify long waits."""
        await self.load_queue()

    async def load_queue(self) -> None:
        waiting = await self._ops.read(board.waiting_for_stock)
        picked = self._queue_row()  # taken now: the user may have picked a row while the read ran
        self.queue_model.set_rows(waiting)
        if picked is not None:
            for i, row in enumerate(waiting):
                if row.id == picked.id:
                    self.queue.selectRow(i)
        self._set_queue_title(len(waiting))
        self._tell_long_waits(waiting)

    def _set_queue_title(self, n: int) -> None:
        self.tabs.setTabText(1, self.tr("Paid, waiting for keys (%1)").replace("%1", str(n)))

    def _queue_row(self) -> BoardRow | None:
        index = self.queue.currentIndex()
        return self.queue_model.row_at(index.row()) if index.isValid() else None

    @asyncSlot()
    async def refund_selected(self, destination: str) -> None:
        row = self._queue_row()
        if row is None:
            self.queue_message.setText(self.tr("Pick an order in the queue first."))
            return
        question = (
            self.tr("Refund ¥%1 to %2's wallet and cancel order %3?")
            if destination == "wallet"
            else self.tr("Record that ¥%1 was refunded to %2 at the gateway, and cancel order %3?")
        )
        question = question.replace("%1", format_yuan(row.total_fen)).replace("%2", row.customer_name)
        if not await ask(self, self.tr("Refund order"), question.replace("%3", row.number)):
            return
        call = self._ops.write(delivery.refund_unfilled, row.id, destination=destination, actor=self._ops.shop.actor)
        if await self._ops.attempt(call, self.queue_message.setText) is FAILED:
            return
        self.queue_message.setText(self.tr("Order %1 refunded and cancelled.").replace("%1", row.number))
        await self.load_queue()

    # --- selection and actions ----------------------------------------------------------------------
    def _board_row_picked(self, row: int) -> None:
        if row >= 0:
            self._from_board = True
            self.detail.show_order(self.model.order_id(row))
        elif self._from_board:  # the board's selection went away (an order from the queue stays on show)
            self.detail.clear()

    def _flagged_picked(self, order_id: int) -> None:
        self._from_board = False
        self.detail.show_order(order_id)

    def _queue_row_picked(self, row: int) -> None:
        if row >= 0:
            self._from_board = False
            self.detail.show_order(self.queue_model.row_at(row).id)

    @asyncSlot()
    async def open_new_order(self) -> None:
        dialog = NewOrderDialog(self._ops, self)
        dialog.accepted.connect(lambda: self.detail.show_order(dialog.created.id))  # the sale just made
        await dialog.load()
        dialog.open()
