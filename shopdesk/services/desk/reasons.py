"""The reason taxonomy: a responsibility class and a code, labelled in English and Chinese, editable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Reason
from shopdesk.db.queries import driver
from shopdesk.services.common import access, outbox
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk import sop

_reasons = Reason.__table__

# The reason taxonomy as shipped (migration 0004 seeds the editable `reason` table with these).
REASONS: dict[str, str] = {
    "wrong_item": "customer",
    "wrong_quantity": "customer",
    "changed_mind": "customer",
    "price_dropped": "customer",
    "paid_twice": "customer",
    "delivery_worry": "customer",
    "key_invalid": "merchant",
    "key_used": "merchant",
    "delivery_late": "merchant",
    "out_of_stock": "merchant",
    "description_wrong": "merchant",
    "payment_glitch": "system",
    "status_unsynced": "system",
    "duplicate_order": "system",
}


# what a case holds until a person reads the customer's words (migration 0017; never active, never edited)
PLACEHOLDER = "unclassified"

_REASON = select(_reasons.c.code, _reasons.c.resp_class, _reasons.c.active).where(
    _reasons.c.code == bindparam("b_code")
)


@dataclass(frozen=True)
class ReasonView:
    code: str
    resp_class: str
    label_en: str
    label_zh: str
    active: bool


def reasons(session: Session, *, include_inactive: bool = False) -> list[ReasonView]:
    query = select(Reason).order_by(Reason.resp_class, Reason.position, Reason.code)
    if not include_inactive:
        query = query.where(Reason.active.is_(True))
    return [
        ReasonView(r.code, r.resp_class, r.label_en, r.label_zh, r.active) for r in session.execute(query).scalars()
    ]


@access.needs("desk.settings")
def save_reason(
    session: Session, code: str, resp_class: str, label_en: str, label_zh: str, *, active: bool = True
) -> ReasonView:
    """Add or edit a reason code. Codes are never deleted (past cases name them); deactivate instead."""
    code = code.strip()
    if not code or not code.replace("_", "").isalnum() or not code.isascii() or len(code) > 40:
        raise InvalidInput("reason.code_invalid")
    if code == PLACEHOLDER:
        raise InvalidInput("reason.placeholder_reserved", reason=repr(code))
    if resp_class not in sop.CLASSES:
        raise InvalidInput("reason.class_unknown", choices=", ".join(sop.CLASSES))
    if not label_en.strip() or not label_zh.strip():
        raise InvalidInput("reason.label_missing")
    row = session.execute(select(Reason).where(Reason.code == code)).scalar_one_or_none()
    if row is None:
        position = session.execute(select(func.coalesce(func.max(Reason.position), 0))).scalar_one() + 1
        row = Reason(
            code=code,
            resp_class=resp_class,
            label_en=label_en.strip(),
            label_zh=label_zh.strip(),
            position=position,
            active=active,
        )
        session.add(row)
    else:
        row.resp_class, row.label_en, row.label_zh, row.active = resp_class, label_en.strip(), label_zh.strip(), active
    session.flush()
    outbox.emit(session, "setting", row.id)
    return ReasonView(row.code, row.resp_class, row.label_en, row.label_zh, row.active)


def active_reason(session: Session, code: str):
    """The active reason (code, resp_class, active) named by `code`."""
    found = driver(session).rows(_REASON, {"b_code": code})
    row = found[0] if found else None
    if row is None or not row.active:
        known = ", ".join(r.code for r in reasons(session))
        raise InvalidInput("reason.unknown", reason=repr(code), choices=known)
    return row
