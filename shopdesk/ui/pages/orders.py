"""Orders: the list (paged, filtered by status), live from the change feed, with the order's detail."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSplitter, QTextBrowser, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.db.models import ORDER_STATUSES
from shopdesk.services.money import format_yuan
from shopdesk.services.views import OrderView, load_order_view
from shopdesk.ui import labels
from shopdesk.ui.models.orders import OrdersModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, page_title


class OrdersPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.model = OrdersModel(ops, self)
        self.table = make_table(self)
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for code in ORDER_STATUSES:
            self.status.addItem(labels.order_status(code), code)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.detail = QTextBrowser(objectName="orderDetail")
        self.detail.setOpenLinks(False)
        self._detail_id: int | None = None

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Orders")))
        bar.addStretch(1)
        bar.addWidget(self.status)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split)

    def on_changes(self, changes: dict) -> None:
        if "order" in changes:
            self.refresh(keep=True)
            if self._detail_id in changes["order"]:
                self._load_detail(self._detail_id)

    @asyncSlot()
    async def refresh(self, keep: bool = False) -> None:
        await self.load(keep=keep)

    async def load(self, keep: bool = False) -> None:
        await self.model.reload(self.status.currentData(), keep=keep)
        self.table.resizeColumnsToContents()

    def show_detail(self, row: int) -> None:
        if row < 0:
            return
        self._detail_id = self.model.row_at(row).id
        self._load_detail(self._detail_id)

    @asyncSlot()
    async def _load_detail(self, order_id: int) -> None:
        view = await self._ops.read(load_order_view, order_id, with_events=True)
        if view.id == self._detail_id:
            self.detail.setHtml(self._render(view))

    def _render(self, o: OrderView) -> str:
        e = html.escape
        words = {
            "customer": self.tr("Customer"),
            "status": self.tr("Status"),
            "total": self.tr("Total"),
            "source": self.tr("Source"),
            "items": self.tr("Items"),
            "delivered": self.tr("delivered"),
            "keys": self.tr("Delivered keys"),
            "payments": self.tr("Payments"),
            "timeline": self.tr("Timeline"),
        }
        w = {k: e(v) for k, v in words.items()}
        parts = [
            f"<h3>{e(o.number)}</h3>",
            f"<p>{w['customer']}: <b>{e(o.customer_name)}</b><br>",
            f"{w['status']}: <b>{e(labels.order_status(o.status))}</b> · {e(labels.payment_status(o.payment_status))}",
            f"<br>{w['total']}: <b>¥{format_yuan(o.total_fen)}</b> · {w['source']}: {e(labels.source(o.source))}</p>",
            f"<h4>{w['items']}</h4><table cellspacing='4'>",
        ]
        for ln in o.lines:
            parts.append(
                f"<tr><td>{e(ln.name)}</td><td>×{ln.quantity}</td><td>¥{format_yuan(ln.unit_price_fen)}</td>"
                f"<td>{w['delivered']} {ln.delivered_qty}/{ln.quantity}</td></tr>"
            )
        parts.append("</table>")
        if o.delivered_keys:
            parts.append(f"<h4>{w['keys']}</h4><table cellspacing='4'>")
            for k in o.delivered_keys:
                parts.append(f"<tr><td>{e(k.card_no or '')}</td><td><tt>{e(k.masked_secret)}</tt></td></tr>")
            parts.append("</table>")
        if o.payments:
            parts.append(f"<h4>{w['payments']}</h4>")
            for p in o.payments:
                parts.append(
                    f"<p>¥{format_yuan(p.amount_fen)} · {e(p.method)} · {e(p.trade_no)} · "
                    f"{p.at.astimezone():%Y-%m-%d %H:%M}</p>"
                )
        parts.append(f"<h4>{w['timeline']}</h4><table cellspacing='4'>")
        for ev in o.events:
            parts.append(
                f"<tr><td>{ev.at.astimezone():%m-%d %H:%M:%S}</td><td>{e(labels.event_kind(ev.kind))}</td>"
                f"<td>{e(ev.actor)}</td><td>{e(ev.note)}</td></tr>"
            )
        parts.append("</table>")
        return "".join(parts)
