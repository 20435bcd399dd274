"""Key replacement: a case resolved as "replaced" recalls the order's delivered keys and delivers fresh ones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, OrderLine
from shopdesk.services.common import notes, outbox
from shopdesk.services.common.errors import Conflict
from shopdesk.services.inventory import keys
from shopdesk.services.orders import state


def replace_keys(session: Session, case_id: int, order_id: int, *, actor: str) -> int:
    """Recall every delivered key of the case's order and deliver a fresh one of the same product in its place;
    returns how many. No key in stock for one of them refuses the whole replacement."""
    held = session.execute(
        select(CardKey.id, CardKey.product_id, CardKey.order_line_id)
        .join(OrderLine, OrderLine.id == CardKey.order_line_id)
        .where(OrderLine.order_id == order_id, CardKey.status == "delivered")
    ).all()
    if not held:
        raise Conflict("case.nothing_to_replace")
    for old_id, product_id, line_id in held:
        fresh = keys.take(
            session,
            product_id,
            line_id,
            order_id,
            1,
            to="delivered",
            actor=actor,
            case_id=case_id,
            note=notes.coded("key.replaces", key=old_id, case=case_id),
        )
        if not fresh:
            raise Conflict("key.not_available/replace_keys")
        keys.transition(
            session,
            [old_id],
            expected="delivered",
            to="recalled",
            actor=actor,
            line=keys.KEEP,
            order_id=order_id,
            case_id=case_id,
            note=notes.coded("key.replaced_by", key=fresh[0], case=case_id),
        )
    state.order_event(
        session, order_id, "keys_replaced", actor, notes.coded("order.case_keys", case=case_id, keys=len(held))
    )
    outbox.emit(session, "order", order_id)
    return len(held)
