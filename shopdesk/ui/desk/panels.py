"""The tabs of the case view: the order, the customer beside it, the timeline, retention offers, replies."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import notes
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.desk import credit, retention
from shopdesk.services.desk.cases import OPEN_STATUSES
from shopdesk.ui import event_text, labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.errors import FAILED, attempt_now

e = html.escape


def _when(at) -> str:
    return at.astimezone().strftime("%m-%d %H:%M") if at else "—"


def small_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(False)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], data: list | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if data is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)


class OrderPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseOrder")
        self.setOpenLinks(False)

    def show_bundle(self, b) -> None:
        o = b.order
        w = {
            "status": e(self.tr("Status")),
            "total": e(self.tr("Total")),
            "paid": e(self.tr("Paid")),
            "refunded": e(self.tr("Refunded")),
            "items": e(self.tr("Items")),
            "delivered": e(self.tr("delivered")),
            "keys": e(self.tr("Delivered keys")),
            "payments": e(self.tr("Payments")),
            "none": e(self.tr("No key is delivered on this order now.")),
        }
        parts = [
            f"<h3>{e(o.number)}</h3><p>{w['status']}: <b>{e(labels.order_status(o.status))}</b> · "
            f"{e(labels.payment_status(o.payment_status))}<br>{w['total']}: <b>¥{format_yuan(o.total_fen)}</b> · "
            f"{w['paid']} ¥{format_yuan(o.paid_fen)} · {w['refunded']} ¥{format_yuan(o.refunded_fen)} · "
            f"{e(labels.source(o.source))} · {_when(o.created_at)}</p>",
            f"<h4>{w['items']}</h4><table cellspacing='4'>",
        ]
        for ln in o.lines:
            parts.append(
                f"<tr><td>{e(ln.sku)}</td><td>{e(ln.name)}</td><td>×{ln.quantity}</td>"
                f"<td>¥{format_yuan(ln.unit_price_fen)}</td>"
                f"<td>{w['delivered']} {ln.delivered_qty}/{ln.quantity}</td></tr>"
            )
        parts.append(f"</table><h4>{w['keys']}</h4>")
        if o.delivered_keys:
            parts.append("<table cellspacing='4'>")
            for k in o.delivered_keys:
                parts.append(
                    f"<tr><td>{e(k.sku)}</td><td>{e(k.card_no or '')}</td><td><tt>{e(k.masked_secret)}</tt></td></tr>"
                )
            parts.append("</table>")
        else:
            parts.append(f"<p>{w['none']}</p>")
        if o.payments:
            parts.append(f"<h4>{w['payments']}</h4>")
            for p in o.payments:
                parts.append(f"<p>¥{format_yuan(p.amount_fen)} · {e(p.method)} · {e(p.trade_no)} · {_when(p.at)}</p>")
        self.setHtml("".join(parts))


class CustomerPanel(QWidget):
    """The customer's history beside the case: wallet, credit profile (with the owner's override), orders, cases."""

    def __init__(self, view, parent: QWidget | None = None):
        super().__init__(parent)
        self._view = view
        self.browser = QTextBrowser(objectName="customerHistory")
        self.browser.setOpenLinks(False)
        self.level = QComboBox(objectName="riskLevel")
        self.level.addItem(self.tr("Computed"), None)
        for code in credit.LEVELS:
            self.level.addItem(desk.risk(code), code)
        self.note = QLineEdit(objectName="riskNote")
        self.note.setPlaceholderText(self.tr("Why the level is set by hand"))
        self.apply_button = QPushButton(self.tr("Set level"), objectName="setRisk")
        self.apply_button.clicked.connect(self.apply_override)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Owner override:")))
        row.addWidget(self.level)
        row.addWidget(self.note, 1)
        row.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)

    def show_bundle(self, b, reasons: dict) -> None:
        h, c = b.history, b.history["credit"]
        colour = {"normal": "#1b6b3a", "watch": "#8a5a00", "risky": "#a61b1b"}.get(c.level, "#000")
        why = "; ".join(desk.credit_reason(code, n) for code, n in c.reason_codes)
        w = {
            "wallet": e(self.tr("Wallet")),
            "credit": e(self.tr("Credit")),
            "by_hand": e(self.tr("set by hand")),
            "note": e(self.tr("Note")),
            "orders": e(self.tr("Recent orders")),
            "cases": e(self.tr("Past cases")),
        }
        counts = desk.credit_counts(c)
        parts = [
            f"<h3>{e(b.case.customer_name)}</h3>",
            f"<p>{w['wallet']}: <b>¥{format_yuan(b.wallet_fen)}</b></p>",
            f"<p>{w['credit']}: <b style='color:{colour}'>{e(desk.risk(c.level))}</b>"
            + (f" ({w['by_hand']})" if c.overridden else "")
            + f"<br>{e(why)}<br>{e(counts)}"
            + (f"<br>{w['note']}: {e(c.note)}" if c.note else "")
            + "</p>",
            f"<h4>{w['orders']}</h4><table cellspacing='4'>",
        ]
        for o in h["orders"]:
            parts.append(
                f"<tr><td>{e(o.number)}</td><td>{e(labels.order_status(o.status))}</td>"
                f"<td>¥{format_yuan(o.total_fen)}</td><td>{e(o.items)}</td><td>{_when(o.created_at)}</td></tr>"
            )
        parts.append(f"</table><h4>{w['cases']}</h4><table cellspacing='4'>")
        for k in h["cases"]:
            state = desk.case_status(k.status) + (f" · {desk.outcome(k.outcome)}" if k.outcome else "")
            parts.append(
                f"<tr><td>#{k.id}</td><td>{e(k.order_number)}</td>"
                f"<td>{e(desk.reason_label(reasons, k.reason_code))}</td><td>{e(state)}</td>"
                f"<td>{_when(k.opened_at)}</td></tr>"
            )
        parts.append("</table>")
        self.browser.setHtml("".join(parts))
        self.level.setCurrentIndex(max(0, self.level.findData(c.level if c.overridden else None)))
        self.note.setText(c.note)

    @asyncSlot()
    async def apply_override(self) -> None:
        b = self._view.bundle
        if b is None:
            return
        await self._view.run(
            credit.override,
            b.case.customer_id,
            self.level.currentData(),
            note=self.note.text(),
            actor=self._view.actor(),
        )


class TimelinePanel(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setColumnCount(4)
        self.setHorizontalHeaderLabels([self.tr("When"), self.tr("Event"), self.tr("By"), self.tr("Details")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)

    def show_bundle(self, b, names: dict[str, str] | None = None, reasons: dict | None = None) -> None:
        names = names or {}
        rows = []
        for ev in b.case.events:
            coded = notes.parse(ev.note)
            worded = desk.ai_note(coded, reasons or {}) if coded is not None else None  # the model's, in words
            detail = worded if worded is not None else event_text.note(ev.note)
            if ev.kind == "reason_corrected":  # "customer/changed_mind -> merchant/key_invalid": in words
                detail = desk.reason_change(detail, reasons or {})
            if ev.from_status and ev.to_status and ev.from_status != ev.to_status:
                move = f"{desk.case_status(ev.from_status)} → {desk.case_status(ev.to_status)}"
                detail = f"{move} · {detail}" if detail else move
            if ev.rule:
                detail = f"[{desk.rule_name(ev.rule)}] {detail}"
            when = ev.at.astimezone().strftime("%m-%d %H:%M:%S")
            rows.append([when, desk.case_event(ev.kind), event_text.actor(ev.actor, names), detail])
        fill_table(self, rows)
        for r, row in enumerate(rows):  # a long detail is cut to the column; its whole text on hover
            if row[3]:
                self.item(r, 3).setToolTip(row[3])
        for column in range(3):  # the details take what is left: no sideways scrolling for one long note
            self.resizeColumnToContents(column)

    def kinds(self) -> list[str]:
        return [self.item(r, 1).text() for r in range(self.rowCount())]


class OffersPanel(QWidget):
    """Retention: what to offer for the reason, the offers made, and the customer's answer to each."""

    def __init__(self, view, parent: QWidget | None = None):
        super().__init__(parent)
        self._view = view
        self._kept: str | None = None  # the kind of the suggestion last proposed (on case _kept_case)
        self._kept_case: int | None = None
        self.suggestions = small_table([self.tr("Offer"), self.tr("Amount"), self.tr("Details")], "suggestions")
        self.suggestions.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._suggestion_picked(r))
        self.amount = QLineEdit(objectName="offerAmount")
        self.amount.setFixedWidth(90)
        self.make_button = QPushButton(self.tr("Make offer"), objectName="makeOffer")
        self.make_button.clicked.connect(self.make_offer)
        self.target_label = QLabel(self.tr("Swap to"))
        self.target = QComboBox(objectName="swapTarget")  # the product a swap / alternative exchanges to
        self.target.setMinimumContentsLength(12)
        self.empty = QLabel(objectName="noOffers")
        self.offers = small_table(
            [self.tr("Offer"), self.tr("Amount"), self.tr("By"), self.tr("When"), self.tr("Answer")], "offers"
        )
        self.accept_button = QPushButton(self.tr("Customer accepted"), objectName="offerAccepted")
        self.accept_button.clicked.connect(lambda: self.answer(True))
        self.decline_button = QPushButton(self.tr("Customer declined"), objectName="offerDeclined")
        self.decline_button.clicked.connect(lambda: self.answer(False))
        self.offers.currentCellChanged.connect(lambda _r, _c, _pr, _pc: self._follow_offer())
        make = QHBoxLayout()
        make.addWidget(QLabel(self.tr("Amount (yuan)")))
        make.addWidget(self.amount)
        make.addWidget(self.target_label)
        make.addWidget(self.target)
        make.addWidget(self.make_button)
        make.addStretch(1)
        answer = QHBoxLayout()
        answer.addStretch(1)
        answer.addWidget(self.accept_button)
        answer.addWidget(self.decline_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Suggested for this reason")))
        layout.addWidget(self.suggestions, 1)
        layout.addWidget(self.empty)
        layout.addLayout(make)
        layout.addWidget(QLabel(self.tr("Offers made")))
        layout.addWidget(self.offers, 1)
        layout.addLayout(answer)

    def show_bundle(self, b) -> None:
        fill_table(
            self.suggestions,
            [[desk.offer_kind(s.kind), format_yuan(s.amount_fen), _detail(s.detail)] for s in b.suggestions],
            list(b.suggestions),
        )
        open_case = b.case.status in OPEN_STATUSES
        self.empty.setText("" if b.suggestions or not open_case else self.tr("No retention offer for this reason."))
        self.empty.setVisible(bool(self.empty.text()))
        if b.case.id != self._kept_case:
            self._kept, self._kept_case = None, b.case.id
        if b.suggestions:  # the offer just proposed stays selected
            kinds = [x.kind for x in b.suggestions]
            self.suggestions.selectRow(kinds.index(self._kept) if self._kept in kinds else 0)
        self._suggestion_picked(self.suggestions.currentRow())
        fill_table(
            self.offers,
            [
                [
                    desk.offer_kind(o.kind),
                    format_yuan(o.amount_fen),
                    o.offered_by,
                    _when(o.offered_at),
                    desk.answer(o.answer),
                ]
                for o in b.offers
            ],
            list(b.offers),
        )
        pending = [i for i, o in enumerate(b.offers) if o.answer is None]
        if pending:
            self.offers.selectRow(pending[-1])
        self.make_button.setEnabled(open_case and bool(b.suggestions))
        self._follow_offer()

    def _suggestion_picked(self, row: int) -> None:
        item = self.suggestions.item(row, 0) if row >= 0 else None
        s = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.amount.setText(format_yuan(s.amount_fen) if s else "")
        exchange = s is not None and s.kind in ("swap", "alternative")
        self.target.clear()
        if exchange:
            if s.kind == "alternative":
                self.target.addItem(self.tr("Arranged by staff (no exchange)"), None)
            for sku in s.detail.get("products", []):
                self.target.addItem(sku, sku)
        self.target.setVisible(exchange)
        self.target_label.setVisible(exchange)

    def _selected_offer(self):
        item = self.offers.item(self.offers.currentRow(), 0) if self.offers.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _follow_offer(self) -> None:
        offer = self._selected_offer()
        b = self._view.bundle
        can = offer is not None and offer.answer is None and b is not None and b.case.status != "resolved"
        self.accept_button.setEnabled(can)
        self.decline_button.setEnabled(can)

    @asyncSlot()
    async def make_offer(self) -> None:
        item = self.suggestions.item(self.suggestions.currentRow(), 0) if self.suggestions.currentRow() >= 0 else None
        b = self._view.bundle
        if item is None or b is None:
            return
        s = item.data(Qt.ItemDataRole.UserRole)
        amount = attempt_now(
            lambda: parse_yuan(self.amount.text() or "0", field=self.tr("Amount"), allow_zero=True),
            self._view.show_message,
        )
        if amount is FAILED:
            return
        detail = dict(s.detail)
        if s.kind in ("swap", "alternative") and self.target.currentData():
            detail["product"] = self.target.currentData()
        self._kept = s.kind
        await self._view.run(
            retention.make_offer, b.case.id, s.kind, actor=self._view.actor(), amount_fen=amount, detail=detail
        )

    @asyncSlot()
    async def answer(self, accepted: bool) -> None:
        offer = self._selected_offer()
        if offer is not None:
            await self._view.run(retention.answer_offer, offer.id, accepted, actor=self._view.actor())


def _detail(detail: dict) -> str:
    if detail.get("products"):
        return ", ".join(detail["products"])
    return ""


class RepliesPanel(QWidget):
    """Reply templates (话术) for the case's reason, filled in; Copy puts the text on the clipboard."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.titles = QListWidget(objectName="templates")
        self.titles.setMaximumWidth(180)
        self.text = QPlainTextEdit(objectName="replyText")
        self.copy_button = QPushButton(self.tr("Copy"), objectName="copyReply")
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel(objectName="copied")
        self._bodies: list[str] = []
        self.titles.currentRowChanged.connect(self._show)
        right = QVBoxLayout()
        right.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.copied, 1)
        row.addWidget(self.copy_button)
        right.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addWidget(self.titles)
        layout.addLayout(right, 1)

    def show_bundle(self, b) -> None:
        amount = next((o.amount_fen for o in reversed(b.offers) if o.amount_fen), 0)
        amount = amount or next((s.amount_fen for s in b.suggestions if s.amount_fen), 0) or b.order.total_fen
        current = self.titles.currentRow()
        self._bodies = [
            retention.render(body, customer=b.case.customer_name, order=b.case.order_number, amount_fen=amount)
            for _title, body in b.templates
        ]
        self.titles.blockSignals(True)
        self.titles.clear()
        self.titles.addItems([title for title, _ in b.templates])
        self.titles.blockSignals(False)
        self.titles.setCurrentRow(min(max(current, 0), len(self._bodies) - 1) if self._bodies else -1)
        self._show(self.titles.currentRow())
        self.copy_button.setEnabled(bool(self._bodies))

    def _show(self, row: int) -> None:
        self.text.setPlainText(self._bodies[row] if 0 <= row < len(self._bodies) else "")
        self.copied.setText("")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copied.setText(self.tr("Copied to the clipboard."))
