"""One order beside the board: lines, payments, delivered keys (masked; Reveal is audited) and its timeline."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import notes
from shopdesk.services.common.errors import NotFound
from shopdesk.services.common.money import format_yuan
from shopdesk.services.inventory import secrets
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.staff import users
from shopdesk.ui import event_text, labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label

KEY_ROWS_SHOWN = 4  # the keys table grows to this many rows, then scrolls; the timeline takes the rest


def payment_method(code: str) -> str:
    return labels.payment_method(code)


def event_label(kind: str) -> str:
    return labels.event_kind(kind)


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else "—"


def _heading(text: str) -> QLabel:
    return QLabel(f"<b>{html.escape(text)}</b>")


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), objectName=name)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class OrderDetail(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.order_id: int | None = None
        self.view: OrderView | None = None
        self.names: dict[str, str] = {}  # who acted: users.actor_names
        self.revealed: dict[int, str] = {}  # key id -> secret, for the order on show only
        self.empty = QLabel(self.tr("Select an order to see its lines, payments, keys and timeline."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.heading = QLabel(objectName="orderHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = wrapped_label(objectName="orderSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keys_title = _heading(self.tr("Delivered keys"))
        self.keys = _table([self.tr("Product"), self.tr("Card number"), self.tr("Secret"), ""], "deliveredKeys")
        self.keys.horizontalHeader().setStretchLastSection(False)
        self.keys.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.timeline = _table([self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Note")], "timeline")
        self.error = ErrorLabel(self)
        self.actions = None  # the order's actions (pages/order_actions.py), attached by the page

        # Two columns under the board: what the order is on the left, what happened to it on the right.
        facts = QWidget()
        left = QVBoxLayout(facts)
        left.setContentsMargins(0, 0, 8, 0)
        left.addWidget(self.heading)
        self._facts_layout = left
        left.addWidget(self.summary)
        left.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(facts)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.keys_title)
        right.addWidget(self.keys)
        right.addWidget(_heading(self.tr("Timeline")))
        right.addWidget(self.timeline, 1)
        right.addWidget(self.error)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(scroll, 2)
        layout.addLayout(right, 3)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(body)

    def attach_actions(self, actions) -> None:
        """The action buttons under the heading; they follow the order on show."""
        self.actions = actions
        self._facts_layout.insertWidget(1, actions)

    def _may(self, permission: str) -> bool:
        return self.actions.may(permission) if self.actions is not None else True

    def _actions_follow(self, view) -> None:
        if self.actions is not None:
            self.actions.set_view(view)

    # --- loading -----------------------------------------------------------------------------------
    @asyncSlot()
    async def show_order(self, order_id: int | None) -> None:
        if order_id != self.order_id:
            self.revealed.clear()
            self.error.show_error("")
        self.order_id = order_id
        await self.load()

    async def load(self) -> None:
        order_id = self.order_id
        if order_id is None:
            self.clear()
            return
        try:
            view = await self._ops.read(load_order_view, order_id, with_events=True)
            self.names = await self._ops.read(users.actor_names)
        except NotFound:
            if order_id == self.order_id:
                self.clear()
            return
        if order_id != self.order_id:
            return  # another order was picked meanwhile
        self.view = view
        self._render(view)
        self._actions_follow(view)
        self._stack.setCurrentIndex(1)

    def clear(self) -> None:
        """Nothing on show (the selection went away, or the order left the list)."""
        self.order_id = None
        self.view = None
        self.revealed.clear()
        self._actions_follow(None)
        self._stack.setCurrentIndex(0)

    def _render(self, o: OrderView) -> None:
        e = html.escape
        # (lupdate does not see tr() inside f-strings: the words are looked up first)
        refunded, items, payments = self.tr("refunded"), self.tr("Items"), self.tr("Payments")
        refund_word = self.tr("Refund")
        bg, fg = labels.chip_colours("status", o.status)
        style = f"background:{bg.name()}; color:{fg.name()};"
        chip = f"<span style='{style}'>&nbsp;{e(labels.order_status(o.status))}&nbsp;</span>"
        self.heading.setText(f"<span style='font-size:15px'><b>{e(o.number)}</b></span>&nbsp;&nbsp;{chip}")
        who = [
            (self.tr("Customer"), f"<b>{e(o.customer_name)}</b>"),
            (self.tr("Source"), e(labels.source(o.source)) + (f" · {e(o.external_id)}" if o.external_id else "")),
            (self.tr("Payment"), e(labels.payment_status(o.payment_status))),
            (
                self.tr("Total"),
                f"<b>¥{format_yuan(o.total_fen)}</b>"
                + (f" · {e(refunded)} ¥{format_yuan(o.refunded_fen)}" if o.refunded_fen else ""),
            ),
        ]
        when = [(self.tr("Created at"), _when(o.created_at))]
        if o.paid_at:
            when.append((self.tr("Paid at"), _when(o.paid_at)))
        if o.delivered_at:
            when.append((self.tr("Delivered at"), _when(o.delivered_at)))
        # Two columns of facts side by side: who and how much on the left, when on the right.
        parts = ["<table cellspacing='4' cellpadding='0'>"]
        for i, (k, v) in enumerate(who):
            right = ""
            if i < len(when):
                right = f"<td style='color:#666'>&nbsp;&nbsp;{e(when[i][0])}</td><td>{when[i][1]}</td>"
            parts.append(f"<tr><td style='color:#666'>{e(k)}</td><td>{v}</td>{right}</tr>")
        parts.append(f"</table><p style='margin-top:4px'><b>{e(items)}</b></p>")
        parts.append("<table cellspacing='4' cellpadding='0'>")
        for ln in o.lines:
            done = self.tr("delivered %1/%2").replace("%1", str(ln.delivered_qty)).replace("%2", str(ln.quantity))
            parts.append(
                f"<tr><td>{e(ln.sku)}</td><td>{e(ln.name)}</td><td>×{ln.quantity}</td>"
                f"<td align='right'>¥{format_yuan(ln.unit_price_fen)}</td><td style='color:#666'>{e(done)}</td></tr>"
            )
        parts.append("</table>")
        if o.payments or o.refunds:
            parts.append(f"<p style='margin-top:4px'><b>{e(payments)}</b></p>")
            parts.append("<table cellspacing='4' cellpadding='0'>")
            for p in o.payments:
                parts.append(
                    f"<tr><td>¥{format_yuan(p.amount_fen)}</td><td>{e(payment_method(p.method))}</td>"
                    f"<td>{e(p.trade_no)}</td><td style='color:#666'>{_when(p.at)}</td></tr>"
                )
            for r in o.refunds:  # money back: negative, and where it went
                parts.append(
                    f"<tr><td style='color:#b03030'>−¥{format_yuan(r.amount_fen)}</td>"
                    f"<td>{e(refund_word)}</td><td>{e(labels.refund_to(r.destination))}</td>"
                    f"<td style='color:#666'>{_when(r.at)}</td></tr>"
                )
            parts.append("</table>")
        self.summary.setText("".join(parts))
        self._render_keys(o)
        self.timeline.setRowCount(len(o.events))
        for i, ev in enumerate(o.events):
            for col, text in enumerate(
                (_when(ev.at), event_label(ev.kind), event_text.actor(ev.actor, self.names), event_text.note(ev.note))
            ):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(text)  # a long note (a payment's trade number) may be elided: whole here
                self.timeline.setItem(i, col, item)
        self.timeline.resizeColumnsToContents()

    def _render_keys(self, o: OrderView) -> None:
        shown_any = bool(o.delivered_keys or o.recalled_keys)
        self.keys_title.setVisible(shown_any)
        self.keys.setVisible(shown_any)
        self.keys.setRowCount(len(o.delivered_keys) + len(o.recalled_keys))
        for i, k in enumerate(o.delivered_keys):
            secret = self.revealed.get(k.id, k.masked_secret)
            for col, text in enumerate((k.sku, k.card_no or "", secret)):
                self.keys.setItem(i, col, QTableWidgetItem(text))
            button = QPushButton(self.tr("Reveal"), objectName=f"reveal-{k.id}")
            button.setToolTip(self.tr("Shows the secret; the reveal is recorded in the audit trail."))
            button.setEnabled(k.id not in self.revealed and self._may("keys.reveal"))
            button.clicked.connect(lambda _checked=False, key_id=k.id: self.reveal(key_id))
            self.keys.setCellWidget(i, 3, button)
        for i, k in enumerate(o.recalled_keys, start=len(o.delivered_keys)):
            # Taken back by a cancellation: struck through, and where it went
            for col, text in enumerate((k.sku, k.card_no or "", k.masked_secret, labels.key_event(k.went))):
                item = QTableWidgetItem(text)
                font = item.font()
                font.setStrikeOut(col < 3)
                item.setFont(font)
                item.setForeground(Qt.GlobalColor.gray)
                item.setToolTip(self.tr("Recalled %1: %2").replace("%1", _when(k.at)).replace("%2", text))
                self.keys.setItem(i, col, item)
            self.keys.removeCellWidget(i, 3)
        self.keys.resizeColumnsToContents()
        shown = min(self.keys.rowCount(), KEY_ROWS_SHOWN)
        header = self.keys.horizontalHeader().height()
        self.keys.setFixedHeight(header + shown * self.keys.verticalHeader().defaultSectionSize() + 4)

    def reveal_button(self, key_id: int) -> QPushButton | None:
        return self.keys.findChild(QPushButton, f"reveal-{key_id}")

    @asyncSlot()
    async def reveal_all(self) -> None:
        """Every delivered key of the order on show, one audited reveal each (one passphrase check)."""
        if self.view is None:
            return
        for k in self.view.delivered_keys:
            if k.id not in self.revealed:
                await self.reveal(k.id)
                if k.id not in self.revealed:
                    return  # refused, or not confirmed

    @asyncSlot()
    async def reveal(self, key_id: int) -> None:
        number = self.view.number if self.view else ""
        if not await self._ops.confirmed(self, self.tr("reveal the secret")):
            return
        call = self._ops.write(
            secrets.reveal,
            self._ops.shop.vault,
            key_id,
            actor=self._ops.shop.actor,
            reason=notes.coded("key.revealed_desk", order=number),
        )
        secret = await self._ops.attempt(call, self.error.show_error)
        if secret is FAILED:
            return
        self.revealed[key_id] = secret
        if self.view is not None:
            self._render_keys(self.view)
