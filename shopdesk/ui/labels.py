"""Human labels for stored codes (statuses, kinds), translated at the moment they are shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

ORDER_STATUS = {
    "pending_payment": QT_TRANSLATE_NOOP("Labels", "Awaiting payment"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Paid"),
    "awaiting_stock": QT_TRANSLATE_NOOP("Labels", "Paid, waiting for keys"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}
PAYMENT_STATUS = {
    "unpaid": QT_TRANSLATE_NOOP("Labels", "Unpaid"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Paid"),
    "partially_refunded": QT_TRANSLATE_NOOP("Labels", "Partly refunded"),
    "refunded": QT_TRANSLATE_NOOP("Labels", "Refunded"),
}
PRODUCT_KIND = {
    "code+secret": QT_TRANSLATE_NOOP("Labels", "Card number + secret"),
    "secret": QT_TRANSLATE_NOOP("Labels", "Secret only"),
    "reusable": QT_TRANSLATE_NOOP("Labels", "Reusable secret"),
}
ROLLBACK_POLICY = {
    "restock": QT_TRANSLATE_NOOP("Labels", "Back to stock"),
    "verify": QT_TRANSLATE_NOOP("Labels", "Hold for checking"),
    "void": QT_TRANSLATE_NOOP("Labels", "Void"),
}
SOURCE = {
    "desk": QT_TRANSLATE_NOOP("Labels", "Desk"),
    "api": QT_TRANSLATE_NOOP("Labels", "Storefront"),
    "simulator": QT_TRANSLATE_NOOP("Labels", "Simulator"),
    "demo": QT_TRANSLATE_NOOP("Labels", "Demo"),
}
KEY_STATUS = {
    "available": QT_TRANSLATE_NOOP("Labels", "Available"),
    "reserved": QT_TRANSLATE_NOOP("Labels", "Reserved"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "recalled": QT_TRANSLATE_NOOP("Labels", "Recalled"),
    "void": QT_TRANSLATE_NOOP("Labels", "Void"),
    "expired": QT_TRANSLATE_NOOP("Labels", "Expired"),
}
EVENT_KIND = {
    "created": QT_TRANSLATE_NOOP("Labels", "Created"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Paid"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "awaiting_stock": QT_TRANSLATE_NOOP("Labels", "Waiting for stock"),
    "partly_delivered": QT_TRANSLATE_NOOP("Labels", "Partly delivered"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "refunded": QT_TRANSLATE_NOOP("Labels", "Refunded"),
    "payment_refused": QT_TRANSLATE_NOOP("Labels", "Payment refused, flagged for refund"),
    "keys_replaced": QT_TRANSLATE_NOOP("Labels", "Keys replaced"),
    "flag_refunded": QT_TRANSLATE_NOOP("Labels", "Flagged payment refunded"),
}
KEY_EVENT = {
    "imported": QT_TRANSLATE_NOOP("Labels", "Imported"),
    "reserved": QT_TRANSLATE_NOOP("Labels", "Reserved"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "released": QT_TRANSLATE_NOOP("Labels", "Released"),
    "recalled": QT_TRANSLATE_NOOP("Labels", "Recalled"),
    "restocked": QT_TRANSLATE_NOOP("Labels", "Back in stock"),
    "void": QT_TRANSLATE_NOOP("Labels", "Voided"),
    "expired": QT_TRANSLATE_NOOP("Labels", "Expired"),
    "moved": QT_TRANSLATE_NOOP("Labels", "Moved"),
    "revealed": QT_TRANSLATE_NOOP("Labels", "Secret revealed"),
    "quarantined": QT_TRANSLATE_NOOP("Labels", "Quarantined (damaged secret)"),
}
REJECTION = {
    "not_decodable": QT_TRANSLATE_NOOP(
        "Labels", "not valid %1 text: the file mixes encodings or is not %1; save it again in one encoding"
    ),
    "mixed_encoding": QT_TRANSLATE_NOOP(
        "Labels", "this line is UTF-8 while the rest of the file is GBK; save the file again in one encoding"
    ),
    "too_long": QT_TRANSLATE_NOOP("Labels", "line is %1 characters long; a key line is at most 512"),
    "missing_secret": QT_TRANSLATE_NOOP("Labels", "missing the secret: expected card number %1 secret"),
    "too_many_fields": QT_TRANSLATE_NOOP("Labels", "more than 2 fields: the separator %1 appears inside a value"),
    "card_no_too_long": QT_TRANSLATE_NOOP("Labels", "card number longer than %1 characters"),
    "secret_too_short": QT_TRANSLATE_NOOP("Labels", "secret shorter than %1 characters"),
    "secret_too_long": QT_TRANSLATE_NOOP("Labels", "secret longer than %1 characters"),
    "control_chars": QT_TRANSLATE_NOOP("Labels", "secret contains control characters"),
}
SEPARATOR_NAME = {
    "comma": QT_TRANSLATE_NOOP("Labels", "comma"),
    "tab": QT_TRANSLATE_NOOP("Labels", "tab"),
    "space": QT_TRANSLATE_NOOP("Labels", "space"),
}
FLAG_REASON = {
    "already paid": QT_TRANSLATE_NOOP("Labels", "Paid twice"),
    "order closed": QT_TRANSLATE_NOOP("Labels", "Order closed"),
    "order cancelled": QT_TRANSLATE_NOOP("Labels", "Order cancelled"),
}
RESP_CLASS = {
    "customer": QT_TRANSLATE_NOOP("Labels", "Customer"),
    "merchant": QT_TRANSLATE_NOOP("Labels", "Merchant"),
    "system": QT_TRANSLATE_NOOP("Labels", "System"),
}


def _label(table: dict[str, str], code: str) -> str:
    text = table.get(code)
    return QCoreApplication.translate("Labels", text) if text else code


def order_status(code: str) -> str:
    return _label(ORDER_STATUS, code)


def payment_status(code: str) -> str:
    return _label(PAYMENT_STATUS, code)


def product_kind(code: str) -> str:
    return _label(PRODUCT_KIND, code)


def rollback_policy(code: str) -> str:
    return _label(ROLLBACK_POLICY, code)


def source(code: str) -> str:
    return _label(SOURCE, code)


def key_status(code: str) -> str:
    return _label(KEY_STATUS, code)


def event_kind(code: str) -> str:
    return _label(EVENT_KIND, code)


def key_event(code: str) -> str:
    return _label(KEY_EVENT, code)


def rejection(rejected) -> str:
    """A rejected import line's reason in the user's language (the service's English as the fallback)."""
    text = REJECTION.get(rejected.code)
    if not text:
        return rejected.reason
    arg = _label(SEPARATOR_NAME, rejected.arg) if rejected.arg in SEPARATOR_NAME else rejected.arg
    return QCoreApplication.translate("Labels", text).replace("%1", arg)


def flag_reason(code: str) -> str:
    return _label(FLAG_REASON, code)


def resp_class(code: str) -> str:
    return _label(RESP_CLASS, code)


# Status chip colours: (background, text)
STATUS_COLOURS = {
    "pending_payment": ("#fff4e0", "#8a5a00"),
    "paid": ("#e3f0ff", "#1d4f91"),
    "awaiting_stock": ("#ffe3e3", "#a61b1b"),
    "delivered": ("#e2f6e9", "#1b6b3a"),
    "completed": ("#eeeeee", "#444444"),
    "closed": ("#f2f2f2", "#777777"),
    "cancelled": ("#f6e6f7", "#7a2a80"),
}


def status_colours(code: str) -> tuple[QColor, QColor]:
    bg, fg = STATUS_COLOURS.get(code, ("#ffffff", "#000000"))
    return QColor(bg), QColor(fg)
