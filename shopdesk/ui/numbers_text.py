"""The owner's numbers in words: percentages, comparisons, weekdays, report keys and alerts, in the user's language.

The services give codes and figures (rates as fractions, reason codes, 'sat-21'); this module words them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale

from shopdesk.ui import labels
from shopdesk.ui.desk import labels as desk

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def word(code: str) -> str:
    return labels.label("numbers_word", code)


def column(name: str) -> str:
    """A report column's header."""
    return labels.label("report_column", name)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def days_left(value: float | None) -> str:
    if value is None:
        return word("no_sales")
    return word("days_left").replace("%1", f"{value:.1f}" if value < 10 else f"{value:.0f}")


def weekday(index: int) -> str:
    """0 = Monday, in the user's language (short)."""
    return QLocale().dayName(index + 1, QLocale.FormatType.ShortFormat)


def day_heading(day: date, zone: str) -> str:
    return filled(word("day_heading"), day.isoformat(), weekday(day.weekday()), zone)


def weekday_last_week(day: date) -> str:
    return word("last_weekday").replace("%1", weekday(day.weekday()))


def arrow(now, then) -> str:
    if now is None or then is None or now == then:
        return ""
    return "▲" if now > then else "▼"


def compared(yesterday: str, last_week: str, last_week_day: date, *, arrow: str = "") -> str:
    text = filled(word("compared"), yesterday, weekday_last_week(last_week_day), last_week)
    return f"{arrow} {text}" if arrow else text


def hour_of_week(key: str) -> str:
    """'sat-21' -> 'Sat 21:00'."""
    code, _, hour = key.partition("-")
    index = WEEKDAY_CODES.index(code) if code in WEEKDAY_CODES else 0
    return f"{weekday(index)} {hour}:00"


def report_key(by: str, key: str, reasons: dict) -> str:
    """A breakdown's row key worded: a class, a reason, a source, an hour of the week; a product's SKU as is."""
    if key == "none":
        return word("no_case")
    if by == "class":
        return labels.resp_class(key)
    if by == "reason":
        return desk.reason_label(reasons, key)
    if by == "source":
        return labels.source(key)
    if by == "hour_of_week":
        return hour_of_week(key)
    return key


def agent(name: str | None) -> str:
    """Who worked cases: a person's name as typed; the rule track and the shop itself in words."""
    if not name:
        return word("unassigned")
    return {"rules": word("rule_track"), "system": word("shop_itself")}.get(name, name)


def offer(kind: str) -> str:
    return desk.offer_kind(kind)


def filled(template: str, *values) -> str:
    """A translated template with its %1, %2, ... replaced by `values` (from the last, so %1 never eats %10)."""
    for i in range(len(values), 0, -1):
        template = template.replace(f"%{i}", str(values[i - 1]))
    return template


def alert(a) -> str:
    """An anomaly alert: which number, against what."""
    if a.kind == "product_cancellations":
        return filled(
            word("product_alert"),
            a.sku,
            a.date.isoformat(),
            a.count,
            a.base,
            percent(a.value),
            percent(a.threshold),
            percent(a.mean),
        )
    return filled(
        word("batch_alert"),
        a.batch_id,
        a.sku,
        a.supplier or "–",
        a.count,
        a.base,
        percent(a.value),
        percent(a.threshold),
        percent(a.mean),
    )
