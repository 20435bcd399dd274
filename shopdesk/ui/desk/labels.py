"""Words for the desk's stored codes (case status, outcome, event, offer, risk), countdown text and colours."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import QColor

CTX = "DeskLabels"

CASE_STATUS = {
    "new": QT_TRANSLATE_NOOP("DeskLabels", "New"),
    "in_progress": QT_TRANSLATE_NOOP("DeskLabels", "In progress"),
    "waiting_customer": QT_TRANSLATE_NOOP("DeskLabels", "Waiting for customer"),
    "resolved": QT_TRANSLATE_NOOP("DeskLabels", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("DeskLabels", "Closed"),
}
OUTCOME = {
    "retained": QT_TRANSLATE_NOOP("DeskLabels", "Retained"),
    "cancelled": QT_TRANSLATE_NOOP("DeskLabels", "Cancelled"),
    "replaced": QT_TRANSLATE_NOOP("DeskLabels", "Key replaced"),
    "rejected": QT_TRANSLATE_NOOP("DeskLabels", "Rejected"),
}
CASE_EVENT = {
    "opened": QT_TRANSLATE_NOOP("DeskLabels", "Opened"),
    "taken": QT_TRANSLATE_NOOP("DeskLabels", "Taken"),
    "assigned": QT_TRANSLATE_NOOP("DeskLabels", "Assigned"),
    "waiting_customer": QT_TRANSLATE_NOOP("DeskLabels", "Waiting for customer"),
    "resumed": QT_TRANSLATE_NOOP("DeskLabels", "Resumed"),
    "note": QT_TRANSLATE_NOOP("DeskLabels", "Note"),
    "reason_corrected": QT_TRANSLATE_NOOP("DeskLabels", "Reason corrected"),
    "resolved": QT_TRANSLATE_NOOP("DeskLabels", "Resolved"),
    "rolled_back": QT_TRANSLATE_NOOP("DeskLabels", "Order rolled back"),
    "keys_replaced": QT_TRANSLATE_NOOP("DeskLabels", "Keys replaced"),
    "closed": QT_TRANSLATE_NOOP("DeskLabels", "Closed"),
    "reopened": QT_TRANSLATE_NOOP("DeskLabels", "Reopened"),
    "breach": QT_TRANSLATE_NOOP("DeskLabels", "SOP breached"),
    "escalated": QT_TRANSLATE_NOOP("DeskLabels", "Escalated"),
    "offer_made": QT_TRANSLATE_NOOP("DeskLabels", "Offer made"),
    "offer_declined": QT_TRANSLATE_NOOP("DeskLabels", "Offer declined"),
    "offer_accepted": QT_TRANSLATE_NOOP("DeskLabels", "Offer accepted"),
    "routed": QT_TRANSLATE_NOOP("DeskLabels", "Routed to a person"),
}
OFFER_KIND = {
    "price_protection": QT_TRANSLATE_NOOP("DeskLabels", "Price protection (refund the difference)"),
    "swap": QT_TRANSLATE_NOOP("DeskLabels", "Swap for another product"),
    "compensation_coupon": QT_TRANSLATE_NOOP("DeskLabels", "Compensation coupon"),
    "compensation_credit": QT_TRANSLATE_NOOP("DeskLabels", "Compensation credit"),
    "alternative": QT_TRANSLATE_NOOP("DeskLabels", "Another product or denomination"),
    "keep_coupon": QT_TRANSLATE_NOOP("DeskLabels", "Coupon to keep the order"),
}
ANSWER = {
    "accepted": QT_TRANSLATE_NOOP("DeskLabels", "Accepted"),
    "declined": QT_TRANSLATE_NOOP("DeskLabels", "Declined"),
}
PRIORITY = {
    "normal": QT_TRANSLATE_NOOP("DeskLabels", "Normal"),
    "high": QT_TRANSLATE_NOOP("DeskLabels", "High"),
}
RISK = {
    "normal": QT_TRANSLATE_NOOP("DeskLabels", "Normal"),
    "watch": QT_TRANSLATE_NOOP("DeskLabels", "Watch"),
    "risky": QT_TRANSLATE_NOOP("DeskLabels", "Risky"),
}
RULE_ACTION = {
    "close_unpaid": QT_TRANSLATE_NOOP("DeskLabels", "Close the unpaid order"),
    "cancel_refund": QT_TRANSLATE_NOOP("DeskLabels", "Cancel and refund"),
    "replace_key": QT_TRANSLATE_NOOP("DeskLabels", "Replace the key"),
    "to_person": QT_TRANSLATE_NOOP("DeskLabels", "Hand to a person"),
}
ESCALATION = {
    "notify_owner": QT_TRANSLATE_NOOP("DeskLabels", "notify the owner"),
    "raise_priority": QT_TRANSLATE_NOOP("DeskLabels", "raise the priority"),
}
BREACH = {
    "first_response": QT_TRANSLATE_NOOP("DeskLabels", "Case #%1 (order %2): the first response is overdue."),
    "resolution": QT_TRANSLATE_NOOP("DeskLabels", "Case #%1 (order %2): the resolution is overdue."),
    "double": QT_TRANSLATE_NOOP("DeskLabels", "Case #%1 (order %2) is at twice its resolution target: escalated."),
}
WORDS = {
    "waiting": QT_TRANSLATE_NOOP("DeskLabels", "Waiting for the answer"),
    "paused": QT_TRANSLATE_NOOP("DeskLabels", "Paused · %1 left"),
    "reply_overdue": QT_TRANSLATE_NOOP("DeskLabels", "Reply overdue %1"),
    "overdue": QT_TRANSLATE_NOOP("DeskLabels", "Overdue %1"),
    "reply_in": QT_TRANSLATE_NOOP("DeskLabels", "Reply in %1"),
    "resolve_in": QT_TRANSLATE_NOOP("DeskLabels", "Resolve in %1"),
}
REFUND_TO = {
    "wallet": QT_TRANSLATE_NOOP("DeskLabels", "Customer's wallet"),
    "external": QT_TRANSLATE_NOOP("DeskLabels", "Externally (at the payment gateway)"),
}

# Countdown chip colours: (background, text), by sop.ClockState.colour
CLOCK_COLOURS = {
    "green": ("#e2f6e9", "#1b6b3a"),
    "amber": ("#fff1d6", "#8a5a00"),
    "red": ("#ffe0e0", "#a61b1b"),
    "paused": ("#ececec", "#555555"),
    "done": ("#f6f6f6", "#777777"),
}


def _t(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    text = table.get(code)
    return QCoreApplication.translate(CTX, text) if text else code


def case_status(code: str) -> str:
    return _t(CASE_STATUS, code)


def outcome(code: str | None) -> str:
    return _t(OUTCOME, code)


def case_event(code: str) -> str:
    return _t(CASE_EVENT, code)


def offer_kind(code: str) -> str:
    return _t(OFFER_KIND, code)


def answer(code: str | None) -> str:
    return _t(ANSWER, code) if code else _t(WORDS, "waiting")


def priority(code: str) -> str:
    return _t(PRIORITY, code)


def risk(code: str) -> str:
    return _t(RISK, code)


def rule_action(code: str) -> str:
    return _t(RULE_ACTION, code)


def escalation(code: str) -> str:
    return _t(ESCALATION, code)


def refund_to(code: str) -> str:
    return _t(REFUND_TO, code)


def breach(kind: str, case_id: int, order_number: str) -> str:
    return _t(BREACH, kind).replace("%1", str(case_id)).replace("%2", order_number)


def clock_colours(colour: str) -> tuple[QColor, QColor]:
    bg, fg = CLOCK_COLOURS.get(colour, CLOCK_COLOURS["done"])
    return QColor(bg), QColor(fg)


# --- language-dependent data -----------------------------------------------------------------------------


def ui_lang() -> str:
    """The language of stored texts to show (reason labels, reply templates): zh_CN or en."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def reason_label(reasons: dict, code: str) -> str:
    """A reason code's label from the editable reason table, in the UI's language."""
    r = reasons.get(code)
    if r is None:
        return code
    return (r.label_zh if ui_lang() == "zh_CN" else r.label_en) or code


# Why the credit service gave a level, by reason code (%1 is the count).
CREDIT_REASON = {
    "after_delivery": QT_TRANSLATE_NOOP("DeskLabels", "%1 cancellation(s) after delivery in 90 days"),
    "many_in_30_days": QT_TRANSLATE_NOOP("DeskLabels", "%1 cancellations in 30 days"),
    "none_suspicious": QT_TRANSLATE_NOOP("DeskLabels", "%1 cancellation(s) in 90 days, none suspicious"),
    "set_by_owner": QT_TRANSLATE_NOOP("DeskLabels", "level set by the owner"),
}


def credit_reason(code: str, count: int) -> str:
    return _t(CREDIT_REASON, code).replace("%1", str(count))


# --- countdowns ------------------------------------------------------------------------------------------


def span(seconds: float) -> str:
    """4:05, 1:02:03, 2d 03:04 — whole seconds, counting down."""
    s = math.ceil(seconds) if seconds > 0 else math.floor(-seconds)
    days, rest = divmod(s, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours:02d}:{minutes:02d}"
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def countdown(state, outcome_code: str | None = None) -> str:
    """What the countdown cell says for a sop.ClockState."""
    if state.colour == "done":
        return outcome(outcome_code) if outcome_code else "—"
    if state.seconds_left is None:
        return "—"
    left = span(state.seconds_left)
    if state.colour == "paused":
        return _t(WORDS, "paused").replace("%1", left)
    first = state.target == "first_response"
    if state.seconds_left <= 0:
        return _t(WORDS, "reply_overdue" if first else "overdue").replace("%1", left)
    return _t(WORDS, "reply_in" if first else "resolve_in").replace("%1", left)
