"""Timeline notes as codes with arguments: the services record facts, the interfaces word them.

A coded note is a JSON object `{"code": ..., <arguments>}` stored in the event's `note` column; a note that is not
one (a note a person typed, or a row from before notes were coded) is free text and shows as it is.
`english()` words a note for the CLI, a machine interface that stays in English; the desktop words the same codes
per locale (ui/event_text.py).
"""

from __future__ import annotations

import json

# code -> English wording; {name} is an argument of the note.
ENGLISH = {
    "order.total": "total {total}",
    "order.payment": "{method} {trade_no} {amount}",
    "order.keys": "{keys} key(s)",
    "order.keys_waiting": "{keys} key(s) delivered, waiting for stock",
    "order.more_keys": "{keys} more key(s)",
    "order.no_stock_refund": "{amount} to {to}: no stock",
    "order.flag_refunded": "{trade_no} {amount} refunded",
    "order.payment_flagged": "{method} {trade_no} {amount}: flagged for refund",
    "order.payment_dismissed": "{trade_no} {amount}: dismissed from the payment inbox",
    "order.reopened_for_payment": "reopened for the late payment {trade_no}",
    "order.second_payment_sale": "sold again for the second payment {trade_no} of order {number}",
    "case.late_payment_no_stock": "late payment {trade_no} {amount}: no stock, refunded to the wallet",
    "order.case_keys": "case {case}: {keys} key(s)",
    "order.case_refund": "case {case}: refunded {amount} ({to})",
    "order.unpaid_timeout": "unpaid timeout",
    "order.case_cancel": "cancelled by case {case}",
    "key.replaces": "replaces key {key} (case {case})",
    "key.replaced_by": "replaced by key {key} (case {case})",
    "key.recalled": "recalled by case {case} ({policy})",
    "key.batch": "batch {batch} {supplier}",
    "key.moved": "to {sku}",
    "key.reusable": "reusable x{copies}",
    "key.damaged": "damaged: the secret does not open",
    "key.revealed_desk": "revealed on the desk, order {order}",
    "case.from_new": "resolved straight from new",
    "case.closed_unpaid": "closed unpaid order",
    "case.cancel_refund": "cancelled and refunded ({to})",
    "case.key_replaced": "key replaced",
    "case.keys_replaced": "{keys} key(s) replaced",
    "case.offer": "{kind} {amount}",
    "case.offer_kind": "{kind}",
    "case.offer_accepted": "{kind} accepted",
    "case.escalated_twice": "twice the resolution target passed",
    "case.breach": "{kind}",
    "case.person_decides": "a person decides",
    "key.swapped": "swapped by case {case} ({policy})",
    "key.swap_for": "swap for case {case}",
    "swap.done": "swapped {recalled} key(s) for {delivered} of {sku}; price difference {difference}, bonus {bonus}",
    "ai.applied": "suggested by the model: {reason} ({confidence}, model {version})",
    "ai.below_threshold": "the model is unsure ({reason} {confidence}, model {version}): a person picks the reason",
    "ai.disagrees": "the model reads {reason} ({confidence}, model {version}), not the given {given}",
    "ai.agrees": "the model reads the same reason ({reason} {confidence}, model {version})",
    "ai.accepted": "suggestion accepted: {before} -> {reason} ({confidence}, model {version})",
    "ai.reason_unread": "no reason yet (the model was unsure, {confidence}): a person reads the request",
    "ai.money_needs_person": "a refund on the model's reason needs confidence 0.90 and a customer not risky"
    " (confidence {confidence}, credit {risk}): a person decides",
    "case.replaced_once": "key already replaced once ({earlier}); a person decides",
}


def coded(code: str, **args) -> str:
    """The note for `code` with its arguments (numbers and money as strings the way they are shown)."""
    return json.dumps({"code": code, **args}, ensure_ascii=False, separators=(",", ":"))


def typed(text: str) -> str:
    """A note a person typed, kept free text even when it happens to look like a coded note."""
    return coded("text", text=text) if parse(text) is not None else text


def parse(note: str | None) -> dict | None:
    """A coded note's code and arguments, or None for free text."""
    if not note or not note.startswith("{"):
        return None
    try:
        value = json.loads(note)
    except ValueError:
        return None
    return value if isinstance(value, dict) and isinstance(value.get("code"), str) else None


def english(note: str | None) -> str:
    """The note in English (free text as it is; an unknown code as its arguments)."""
    args = parse(note)
    if args is None:
        return note or ""
    code = args.pop("code")
    if code == "text":
        return str(args.get("text", ""))
    template = ENGLISH.get(code)
    try:
        return template.format(**args).strip() if template else " ".join(f"{k}={v}" for k, v in args.items()) or code
    except (KeyError, IndexError):
        return code
