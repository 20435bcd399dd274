"""The desk's words beyond the label tables: countdown text, breach notices, credit reasons.

`desk.case_status(code)` and the other simple tables of labels.toml are reached through here too."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale

from shopdesk.ui import labels
from shopdesk.ui.desk.clock import duration
from shopdesk.ui.labels import label


def answer(code: str | None) -> str:
    return label("answer", code) if code else label("words", "waiting")


def breach(kind: str, case_id: int, order_number: str) -> str:
    return label("breach", kind).replace("%1", str(case_id)).replace("%2", order_number)


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


def credit_reason(code: str, count: int) -> str:
    return label("credit_reason", code).replace("%1", str(count))


def credit_counts(c) -> str:
    """A credit profile's cancellation counts in one sentence (the desk's customer panel and the customer page)."""
    return (
        QCoreApplication.translate(
            "CustomerPanel", "Cancellations: %1 in 30 days, %2 in 90 days; %3 likely mistakes, %4 after delivery."
        )
        .replace("%1", str(c.cancellations_30d))
        .replace("%2", str(c.cancellations_90d))
        .replace("%3", str(c.mistakes_90d))
        .replace("%4", str(c.suspicious_90d))
    )


# --- countdowns ------------------------------------------------------------------------------------------


def span(seconds: float) -> str:
    """4:05 under an hour (whole seconds, counting down); past it in words: "22 hours 25 min", "2 days 3 hours"."""
    s = math.ceil(seconds) if seconds > 0 else math.floor(-seconds)
    if s >= 3600:
        return duration(s)
    minutes, secs = divmod(s, 60)
    return f"{minutes}:{secs:02d}"


def countdown(state, outcome_code: str | None = None) -> str:
    """What the countdown cell says for a sop.ClockState."""
    if state.colour == "done":
        return label("outcome", outcome_code) if outcome_code else "—"
    if state.seconds_left is None:
        return "—"
    left = span(state.seconds_left)
    if state.colour == "paused":
        return label("words", "paused").replace("%1", left)
    first = state.target == "first_response"
    if state.seconds_left <= 0:
        return label("words", "reply_overdue" if first else "overdue").replace("%1", left)
    return label("words", "reply_in" if first else "resolve_in").replace("%1", left)


def __getattr__(name: str) -> Callable[[str | None], str]:
    """`desk.<table>(code)` for the tables of labels.toml (the same as `labels.<table>`)."""
    return getattr(labels, name)


# --- rules in words ----------------------------------------------------------------------------------------

_RULE_VALUES = {
    "order_status": lambda v, _r: label("order_status", v),
    "payment_status": lambda v, _r: label("payment_status", v),
    "resp_class": lambda v, _r: label("resp_class", v),
    "reason_code": lambda v, reasons: reason_label(reasons, v),
    "customer_risk": lambda v, _r: label("risk", v),
}


def rule_name(name: str) -> str:
    """A rule's name: the ones a new shop starts with in the user's language, a name the merchant typed as typed."""
    return label("rule_name", name)


def rule_conditions(conditions: dict, reasons: dict | None = None) -> str:
    """A rule's conditions in words: "Customer credit: Risky; Order status: Delivered, Completed" (客户信用：…)."""
    reasons = reasons or {}
    zh = ui_lang() == "zh_CN"
    colon, comma, semi = ("：", "、", "；") if zh else (": ", ", ", "; ")
    parts = []
    for key, value in conditions.items():
        if isinstance(value, bool):
            shown = label("rule_truth", "true" if value else "false")
        elif isinstance(value, list):
            word = _RULE_VALUES.get(key, lambda v, _r: str(v))
            shown = comma.join(word(str(v), reasons) for v in value)
        else:
            shown = str(value)
        parts.append(f"{label('rule_condition', key)}{colon}{shown}")
    return semi.join(parts) if parts else label("rule_words", "any")


def reason_change(note: str, reasons: dict) -> str:
    """A reason-corrected trail ("customer/changed_mind -> merchant/key_invalid: note") in words."""
    head, sep, rest = note.partition(": ")
    before, arrow, after = head.partition(" -> ")
    if not arrow or "/" not in before or "/" not in after:
        return note

    def one(pair: str) -> str:
        cls, _, code = pair.partition("/")
        return f"{label('resp_class', cls)} · {reason_label(reasons, code)}"

    return f"{one(before)} → {one(after)}" + (f" · {rest}" if sep else "")


# --- the AI track's notes on the timeline ---------------------------------------------------------------------


def _sure(confidence: str) -> str:
    """A stored confidence ("0.92") as the desk shows it (92%); "-" when there was none."""
    try:
        return f"{float(confidence) * 100:.0f}%"
    except (TypeError, ValueError):
        return "-"


def _class_reason(pair: str, reasons: dict) -> str:
    cls, _, code = pair.partition("/")
    return f"{label('resp_class', cls)} · {reason_label(reasons, code)}" if code else reason_label(reasons, cls)


def model_name(version) -> str:
    """A model as the desk names it: the seed model ShopDesk ships (version 0), else its number."""
    if str(version) == "0":
        return QCoreApplication.translate("DeskLabels", "the seed model")
    return QCoreApplication.translate("DeskLabels", "model #%1").replace("%1", str(version))


def ai_note(args: dict, reasons: dict) -> str | None:
    """An `ai.*` note (services/common/notes.py) in words, reasons by their labels; None for another code."""

    code = args.get("code", "")
    reason = reason_label(reasons, str(args.get("reason", "")))
    sure, version = _sure(args.get("confidence")), model_name(args.get("version", ""))
    if code == "ai.applied":
        text = QCoreApplication.translate("DeskLabels", "Suggested by the model: %1 (%2 sure, %3)")
    elif code == "ai.below_threshold":
        text = QCoreApplication.translate(
            "DeskLabels", "The model is unsure (at most %1: %2, %3): a person picks the reason"
        )
        return text.replace("%1", sure).replace("%2", reason).replace("%3", version)
    elif code == "ai.disagrees":
        text = QCoreApplication.translate("DeskLabels", "The model reads %1 (%2 sure, %3), not the given %4").replace(
            "%4", reason_label(reasons, str(args.get("given", "")))
        )
    elif code == "ai.agrees":
        text = QCoreApplication.translate("DeskLabels", "The model reads the same reason: %1 (%2 sure, %3)")
    elif code == "ai.accepted":
        text = (
            QCoreApplication.translate("DeskLabels", "Suggestion accepted: %1 → %4 (%2 sure, %3)")
            .replace("%1", _class_reason(str(args.get("before", "")), reasons))
            .replace("%4", _class_reason(str(args.get("reason", "")), reasons))
        )
        return text.replace("%2", sure).replace("%3", version)
    elif code == "ai.reason_unread":
        return QCoreApplication.translate(
            "DeskLabels", "No reason yet (the model was unsure, %1): a person reads the request"
        ).replace("%1", sure)
    elif code == "ai.money_needs_person":
        text = QCoreApplication.translate(
            "DeskLabels",
            "A refund on the model's reason needs it 90% sure and a customer who is not risky (%1 sure, credit: %2):"
            " a person decides",
        )
        return text.replace("%1", sure).replace("%2", label("risk", str(args.get("risk", ""))))
    else:
        return None
    return text.replace("%1", reason).replace("%2", sure).replace("%3", version)
