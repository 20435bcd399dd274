"""The customer page's detail: the person and credit profile, every wallet posting, orders and cases."""

from __future__ import annotations

from html import escape as e

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from shopdesk.services.common.money import format_yuan
from shopdesk.ui import labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.panels import fill_table, small_table
from shopdesk.ui.widgets.common import wrapped_label

RISK_COLOUR = {"normal": "#1b6b3a", "watch": "#8a5a00", "risky": "#a61b1b"}


def when(at) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else "—"


def signed_yuan(fen: int) -> str:
    return ("+" if fen > 0 else "−" if fen < 0 else "") + "¥" + format_yuan(abs(fen))


class CustomerDetail(QWidget):
    """Shown for the selected customer; `show_bundle(None)` clears it."""

    order_requested = Signal(str)  # an order number: open it on the Orders page

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel(objectName="customerHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.profile = wrapped_label(objectName="customerProfile")
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.wallet = small_table(
            [self.tr("When"), self.tr("Amount"), self.tr("Reason"), self.tr("Order")],
            "walletHistory",
        )
        self.orders = small_table(
            [self.tr("Order"), self.tr("Status"), self.tr("Amount"), self.tr("Items"), self.tr("Created")],
            "customerOrders",
        )
        self.orders.setToolTip(self.tr("Double-click an order to open it on the Orders page"))
        self.orders.cellDoubleClicked.connect(self._open_order)
        self.wallet.cellDoubleClicked.connect(self._open_posting_order)
        self.cases = small_table(
            [self.tr("Case"), self.tr("Order"), self.tr("Reason"), self.tr("Status"), self.tr("Opened")],
            "customerCases",
        )
        self.tabs = QTabWidget(objectName="customerTabs")
        profile_page = QWidget()
        profile_layout = QVBoxLayout(profile_page)
        profile_layout.addWidget(self.profile)
        profile_layout.addStretch(1)
        self.tabs.addTab(profile_page, self.tr("Profile"))
        self.tabs.addTab(self.wallet, self.tr("Wallet history"))
        self.tabs.addTab(self.orders, self.tr("Orders"))
        self.tabs.addTab(self.cases, self.tr("Cases"))
        self.empty = wrapped_label(self.tr("Select a customer to see the wallet, orders and cases."))
        self.empty.setObjectName("customerEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)
        self.bundle = None
        self.show_bundle(None)

    def show_bundle(self, b) -> None:
        self.bundle = b
        for w in (self.heading, self.tabs):
            w.setVisible(b is not None)
        self.empty.setVisible(b is None)
        if b is None:
            return
        c, credit = b.customer, b.credit
        blocked = getattr(c, "blocked", False) or getattr(credit, "blocked", False)
        reason = getattr(c, "blocked_reason", None) or getattr(credit, "blocked_reason", None)
        blocked_word = self.tr("Blocked")
        badge = (
            f" <span style='color:#a61b1b'>⛔ {e(blocked_word)}</span>"
            if blocked
            else f" <span style='color:{RISK_COLOUR.get(credit.level, '#000')}'>● {e(desk.risk(credit.level))}</span>"
        )
        wallet, orders = self.tr("Wallet"), self.tr("%n order(s)", "", len(b.orders))
        contact = c.contact or self.tr("no contact")
        self.heading.setText(
            f"<h2 style='margin:0'>{e(c.name)}{badge}</h2>"
            f"<p style='margin:2px 0'>{e(contact)} · {e(wallet)} <b>¥{format_yuan(c.balance_fen)}</b> · {e(orders)}</p>"
        )
        why = "; ".join(desk.credit_reason(code, n) for code, n in credit.reason_codes)
        counts = desk.credit_counts(credit)
        w = {
            "credit": self.tr("Credit profile"),
            "by_hand": self.tr("set by hand"),
            "note": self.tr("Note"),
            "blocked": self.tr("Blocked"),
            "why": self.tr("Why"),
            "notes": self.tr("Notes"),
        }
        parts = [
            f"<h3>{e(w['credit'])}</h3>",
            f"<p><b style='color:{RISK_COLOUR.get(credit.level, '#000')}'>{e(desk.risk(credit.level))}</b>"
            + (f" ({e(w['by_hand'])})" if credit.overridden else "")
            + f"<br>{e(why)}<br>{e(counts)}"
            + (f"<br>{e(w['note'])}: {e(credit.note)}" if credit.note else "")
            + "</p>",
        ]
        if blocked:
            parts.append(
                f"<h3 style='color:#a61b1b'>{e(w['blocked'])}</h3><p>"
                + e(self.tr("The storefront refuses new orders from this contact."))
                + (f"<br>{e(w['why'])}: {e(reason)}" if reason else "")
                + "</p>"
            )
        if c.notes:
            parts.append(f"<h3>{e(w['notes'])}</h3><p>{e(c.notes).replace(chr(10), '<br>')}</p>")
        self.profile.setText("".join(parts))
        postings = list(reversed(b.postings))  # newest first
        fill_table(
            self.wallet,
            [[when(p.at), signed_yuan(p.amount_fen), self.kind(p.kind), p.order_number or "—"] for p in postings],
            postings,
        )
        for row, p in enumerate(postings):
            item = self.wallet.item(row, 1)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(Qt.GlobalColor.darkGreen if p.amount_fen > 0 else Qt.GlobalColor.darkRed)
        fill_table(
            self.orders,
            [
                [o.number, labels.order_status(o.status), "¥" + format_yuan(o.total_fen), o.items, when(o.created_at)]
                for o in b.orders
            ],
            list(b.orders),
        )
        fill_table(
            self.cases,
            [
                [
                    f"#{k.id}",
                    k.order_number,
                    desk.reason_label(b.reasons, k.reason_code),
                    desk.case_status(k.status) + (f" · {desk.outcome(k.outcome)}" if k.outcome else ""),
                    when(k.opened_at),
                ]
                for k in b.cases
            ],
            list(b.cases),
        )
        self.tabs.setTabText(1, self.tr("Wallet history (%1)").replace("%1", str(len(postings))))
        self.tabs.setTabText(2, self.tr("Orders (%1)").replace("%1", str(len(b.orders))))
        self.tabs.setTabText(3, self.tr("Cases (%1)").replace("%1", str(len(b.cases))))

    def kind(self, kind: str) -> str:
        if kind.startswith("reversal:"):
            return self.tr("Reversal of %1").replace("%1", labels.journal_kind(kind.split(":", 1)[1]))
        return labels.journal_kind(kind)

    def _open_order(self, row: int, _column: int) -> None:
        item: QTableWidgetItem | None = self.orders.item(row, 0)
        if item is not None:
            self.order_requested.emit(item.text())

    def _open_posting_order(self, row: int, _column: int) -> None:
        item = self.wallet.item(row, 3)
        if item is not None and item.text() != "—":
            self.order_requested.emit(item.text())
