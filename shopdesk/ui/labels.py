"""Human labels for stored codes (statuses, kinds), translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def order_status(code: str) -> str:
    return {
        "pending_payment": _t("Awaiting payment"),
        "paid": _t("Paid"),
        "awaiting_stock": _t("Paid, waiting for keys"),
        "delivered": _t("Delivered"),
        "completed": _t("Completed"),
        "closed": _t("Closed"),
        "cancelled": _t("Cancelled"),
    }.get(code, code)


def payment_status(code: str) -> str:
    return {
        "unpaid": _t("Unpaid"),
        "paid": _t("Paid"),
        "partially_refunded": _t("Partly refunded"),
        "refunded": _t("Refunded"),
    }.get(code, code)


def product_kind(code: str) -> str:
    return {
        "code+secret": _t("Card number + secret"),
        "secret": _t("Secret only"),
        "reusable": _t("Reusable secret"),
    }.get(code, code)


def rollback_policy(code: str) -> str:
    return {
        "restock": _t("Back to stock"),
        "verify": _t("Hold for checking"),
        "void": _t("Void"),
    }.get(code, code)


def source(code: str) -> str:
    return {"desk": _t("Desk"), "api": _t("Storefront"), "simulator": _t("Simulator"), "demo": _t("Demo")}.get(
        code, code
    )


def key_status(code: str) -> str:
    return {
        "available": _t("Available"),
        "reserved": _t("Reserved"),
        "delivered": _t("Delivered"),
        "recalled": _t("Recalled"),
        "void": _t("Void"),
        "expired": _t("Expired"),
    }.get(code, code)


def event_kind(code: str) -> str:
    return {
        "created": _t("Created"),
        "paid": _t("Paid"),
        "delivered": _t("Delivered"),
        "awaiting_stock": _t("Waiting for stock"),
        "partly_delivered": _t("Partly delivered"),
        "closed": _t("Closed"),
        "completed": _t("Completed"),
    }.get(code, code)


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
