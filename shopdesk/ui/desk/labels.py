"""The desk's words beyond the label tables: countdown text, breach notices, credit reasons.

`desk.case_status(code)` and the other simple tables of labels.toml are reached through here too."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QLocale

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
