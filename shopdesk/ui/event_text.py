"""Timeline notes and actors in the user's language.

The services store a note as a code with arguments (services/common/notes.py); `note()` words it here with tr().
A note that is not coded (typed by a person, or written before notes were coded) shows as it is.
`actor()` shows who acted: a user's display name, the owner, the storefront, the rules, ShopDesk itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shopdesk.services.common import notes
from shopdesk.ui import labels


def _templates() -> dict:
    """code -> the translated template (a function of the arguments where a plural or a label is needed).

    Every string is a literal inside translate() so lupdate sees it."""
    money = _money
    return {
        "order.total": lambda a: QCoreApplication.translate("EventText", "Total %1").replace("%1", money(a["total"])),
        "order.payment": lambda a: " · ".join(
            x for x in (labels.payment_method(a["method"]), a.get("trade_no", ""), money(a["amount"])) if x
        ),
        "order.keys": lambda a: _delivered(int(a["keys"])),
        "order.keys_waiting": lambda a: _waiting(int(a["keys"])),
        "order.more_keys": lambda a: _more(int(a["keys"])),
        "order.no_stock_refund": lambda a: (
            QCoreApplication.translate("EventText", "Out of stock: refunded %1 to %2")
            .replace("%1", money(a["amount"]))
            .replace("%2", _refund_to(a["to"]))
        ),
        "order.flag_refunded": lambda a: (
            QCoreApplication.translate("EventText", "Payment %1 of %2 refunded")
            .replace("%1", a["trade_no"])
            .replace("%2", money(a["amount"]))
        ),
        "order.payment_flagged": lambda a: (
            QCoreApplication.translate("EventText", "%1 payment %2 of %3 could not be kept: flagged for refund")
            .replace("%1", labels.payment_method(a["method"]))
            .replace("%2", a["trade_no"])
            .replace("%3", money(a["amount"]))
        ),
        "order.payment_dismissed": lambda a: (
            QCoreApplication.translate("EventText", "Payment %1 of %2 dismissed from the payment inbox")
            .replace("%1", a["trade_no"])
            .replace("%2", money(a["amount"]))
        ),
        "order.reopened_for_payment": lambda a: QCoreApplication.translate(
            "EventText", "Reopened for the late payment %1"
        ).replace("%1", a["trade_no"]),
        "order.second_payment_sale": lambda a: (
            QCoreApplication.translate("EventText", "Sold again for the second payment %1 of order %2")
            .replace("%1", a["trade_no"])
            .replace("%2", a["number"])
        ),
        "case.late_payment_no_stock": lambda a: (
            QCoreApplication.translate("EventText", "Late payment %1 of %2: no stock, refunded to the wallet")
            .replace("%1", a["trade_no"])
            .replace("%2", money(a["amount"]))
        ),
        "order.case_keys": lambda a: _case_replaced(int(a["keys"])).replace("%1", str(a["case"])),
        "order.case_refund": lambda a: (
            QCoreApplication.translate("EventText", "Case #%1: refunded %2 to %3")
            .replace("%1", str(a["case"]))
            .replace("%2", money(a["amount"]))
            .replace("%3", _refund_to(a["to"]))
        ),
        "order.unpaid_timeout": lambda a: QCoreApplication.translate("EventText", "Not paid in time"),
        "order.case_cancel": lambda a: QCoreApplication.translate("EventText", "Cancelled by case #%1").replace(
            "%1", str(a["case"])
        ),
        "key.replaces": lambda a: (
            QCoreApplication.translate("EventText", "Replaces key #%1 (case #%2)")
            .replace("%1", str(a["key"]))
            .replace("%2", str(a["case"]))
        ),
        "key.replaced_by": lambda a: (
            QCoreApplication.translate("EventText", "Replaced by key #%1 (case #%2)")
            .replace("%1", str(a["key"]))
            .replace("%2", str(a["case"]))
        ),
        "key.recalled": lambda a: (
            QCoreApplication.translate("EventText", "Recalled by case #%1: %2")
            .replace("%1", str(a["case"]))
            .replace("%2", labels.rollback_policy(a["policy"]))
        ),
        "key.batch": lambda a: (
            QCoreApplication.translate("EventText", "Batch #%1 %2")
            .replace("%1", str(a["batch"]))
            .replace("%2", a.get("supplier", ""))
            .strip()
        ),
        "key.moved": lambda a: QCoreApplication.translate("EventText", "Moved to %1").replace("%1", a["sku"]),
        "key.reusable": lambda a: _copies(int(a["copies"])),
        "key.damaged": lambda a: QCoreApplication.translate("EventText", "Damaged: the secret does not open"),
        "key.revealed_desk": lambda a: QCoreApplication.translate(
            "EventText", "Revealed on the desk, order %1"
        ).replace("%1", a["order"]),
        "case.from_new": lambda a: QCoreApplication.translate("EventText", "Resolved straight from new"),
        "case.closed_unpaid": lambda a: QCoreApplication.translate("EventText", "Unpaid order closed"),
        "case.cancel_refund": lambda a: QCoreApplication.translate("EventText", "Cancelled and refunded to %1").replace(
            "%1", _refund_to(a["to"])
        ),
        "case.key_replaced": lambda a: QCoreApplication.translate("EventText", "Key replaced"),
        "case.keys_replaced": lambda a: _replaced(int(a["keys"])),
        "case.offer": lambda a: f"{labels.offer_kind(a['kind'])} · {money(a['amount'])}",
        "case.offer_kind": lambda a: labels.offer_kind(a["kind"]),
        "case.offer_accepted": lambda a: QCoreApplication.translate("EventText", "%1 accepted").replace(
            "%1", labels.offer_kind(a["kind"])
        ),
        "case.escalated_twice": lambda a: QCoreApplication.translate("EventText", "Twice the resolution target passed"),
        "case.breach": lambda a: {
            "first_response": QCoreApplication.translate("EventText", "First response overdue")
        }.get(a["kind"], QCoreApplication.translate("EventText", "Resolution overdue")),
        "case.person_decides": lambda a: QCoreApplication.translate("EventText", "A person decides"),
        "case.replaced_once": lambda a: QCoreApplication.translate(
            "EventText", "The key was replaced once already; a person decides"
        ),
        "key.swapped": lambda a: (
            QCoreApplication.translate("EventText", "Swapped by case #%1 (%2)")
            .replace("%1", str(a["case"]))
            .replace("%2", labels.rollback_policy(a["policy"]))
        ),
        "key.swap_for": lambda a: QCoreApplication.translate("EventText", "Delivered in a swap, case #%1").replace(
            "%1", str(a["case"])
        ),
        "swap.done": _swap_done,
        "text": lambda a: str(a.get("text", "")),
    }


def _swap_done(a: dict) -> str:
    text = QCoreApplication.translate("EventText", "Swapped to %1: %n key(s) delivered", "", int(a["delivered"]))
    parts = [text.replace("%1", a["sku"])]
    difference = a.get("difference", "0.00")
    if difference.startswith("-"):
        parts.append(
            QCoreApplication.translate("EventText", "%1 refunded to the wallet").replace("%1", _money(difference[1:]))
        )
    elif difference not in ("0.00", "0"):
        parts.append(
            QCoreApplication.translate("EventText", "%1 charged from the wallet").replace("%1", _money(difference))
        )
    if a.get("bonus", "0.00") not in ("0.00", "0"):
        parts.append(QCoreApplication.translate("EventText", "bonus %1").replace("%1", _money(a["bonus"])))
    return "; ".join(parts)


def _delivered(n: int) -> str:
    return QCoreApplication.translate("EventText", "%n key(s) delivered", "", n)


def _waiting(n: int) -> str:
    return QCoreApplication.translate("EventText", "%n key(s) delivered, waiting for stock", "", n)


def _more(n: int) -> str:
    return QCoreApplication.translate("EventText", "%n more key(s) delivered", "", n)


def _case_replaced(n: int) -> str:
    return QCoreApplication.translate("EventText", "Case #%1: %n key(s) replaced", "", n)


def _copies(n: int) -> str:
    return QCoreApplication.translate("EventText", "Reusable secret, %n copy(ies)", "", n)


def _replaced(n: int) -> str:
    return QCoreApplication.translate("EventText", "%n key(s) replaced", "", n)


def _money(yuan: str) -> str:
    return f"¥{yuan}"


def _refund_to(code: str) -> str:
    return {
        "wallet": QCoreApplication.translate("EventText", "the customer's wallet"),
        "external": QCoreApplication.translate("EventText", "the payment gateway"),
    }.get(code, code)


def note(text: str | None) -> str:
    """A stored note in the user's language: a coded note worded, free text as it is."""
    args = notes.parse(text)
    if args is None:
        return text or ""
    template = _templates().get(args["code"])
    try:
        return template(args) if template else notes.english(text)
    except (KeyError, TypeError, ValueError):
        return notes.english(text)


# --- who acted ---------------------------------------------------------------------------------------------


def _actors() -> dict[str, str]:
    return {
        "storefront": QCoreApplication.translate("EventText", "Storefront API"),
        "api": QCoreApplication.translate("EventText", "Storefront API"),
        "rules": QCoreApplication.translate("EventText", "Rules (automatic)"),
        "model": QCoreApplication.translate("EventText", "AI track (automatic)"),
        "system": QCoreApplication.translate("EventText", "ShopDesk (automatic)"),
        "demo": QCoreApplication.translate("EventText", "Demo"),
    }


def is_system(code: str | None) -> bool:
    """One of the shop's own actors (storefront, rules, system, demo): never a person to assign a case to."""
    return code in _actors()


def actor(code: str | None, names: dict[str, str] | None = None) -> str:
    """Who acted, as the desk shows them. `names` is users.actor_names: a user by their display name (or login
    name), an owner without one and the person running a shop without accounts as the owner, the shop's codes
    (storefront, rules, system, demo) in words."""
    if not code:
        return ""
    known = _actors().get(code)
    if known:
        return known
    shown = (names or {}).get(code)
    return shown or QCoreApplication.translate(
        "EventText", "Owner"
    )  # "" for an owner without a display name; no account: the unprotected shop's owner
