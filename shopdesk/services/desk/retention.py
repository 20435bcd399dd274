"""Retention: before a cancellation is confirmed, offer something that keeps the customer.

Offers by reason: price protection (refund the difference as wallet credit, keep the order); compensation
(credit or a coupon) for a late delivery; a coupon to keep the order; alternatives (another product or
denomination, arranged by staff). Offers made and answers given are recorded; an accepted offer resolves
the case as `retained`. Reply templates (话术) per reason fill in the customer, order and amount.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, Coupon, Order, OrderLine, Product, ReplyTemplate
from shopdesk.db.models import RetentionOffer as OfferRow
from shopdesk.services.common import access, clock, notes, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, ShopError
from shopdesk.services.common.money import format_yuan
from shopdesk.services.common.views import view_of
from shopdesk.services.desk import cases, events
from shopdesk.services.desk import exchange as exchanges
from shopdesk.services.money import ledger, refunds
from shopdesk.services.orders import selling as orders

KINDS = ("price_protection", "swap", "compensation_coupon", "compensation_credit", "alternative", "keep_coupon")
BY_REASON = {
    "price_dropped": ("price_protection", "keep_coupon"),
    "delivery_late": ("compensation_credit", "compensation_coupon"),
    "delivery_worry": ("keep_coupon",),
    "changed_mind": ("alternative", "keep_coupon"),
    "wrong_item": ("alternative", "swap"),
    "wrong_quantity": ("alternative",),
    "description_wrong": ("alternative", "compensation_coupon"),
    "out_of_stock": ("alternative", "compensation_coupon"),
}
COUPON_DAYS = 30


@dataclass(frozen=True)
class Suggestion:
    kind: str
    amount_fen: int
    detail: dict


@dataclass(frozen=True)
class OfferView:
    id: int
    case_id: int
    kind: str
    amount_fen: int
    detail: dict
    offered_by: str
    offered_at: datetime
    answer: str | None


def suggest(session: Session, case_id: int) -> list[Suggestion]:
    """What to offer for this case's reason, with amounts worked out from the order."""
    case = _case(session, case_id)
    order = session.get(Order, case.order_id)
    out = []
    for kind in BY_REASON.get(case.reason_code, ()):
        if kind == "price_protection":
            drop = _price_drop(session, order.id)
            if drop > 0:
                out.append(Suggestion(kind, drop, {"note": "difference to today's price"}))
        elif kind in ("compensation_credit", "compensation_coupon"):
            out.append(Suggestion(kind, max(100, order.total_fen * 5 // 100), {}))
        elif kind == "keep_coupon":
            out.append(Suggestion(kind, max(100, order.total_fen * 3 // 100), {}))
        elif kind in ("alternative", "swap"):
            out.append(Suggestion(kind, 0, {"products": _alternatives(session, order.id)}))
    return out


@access.needs("cases.handle")
def make_offer(
    session: Session, case_id: int, kind: str, *, actor: str, amount_fen: int = 0, detail: dict | None = None
) -> OfferView:
    case = _case(session, case_id)
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict("case.wrong_status/make_offer", case=case_id, status=case.status)
    if kind not in KINDS:
        raise InvalidInput("offer.kind_unknown", choices=", ".join(KINDS))
    if amount_fen < 0 or (
        kind in ("price_protection", "compensation_credit", "compensation_coupon", "keep_coupon") and amount_fen <= 0
    ):
        raise InvalidInput("offer.amount_missing")
    order = session.get(Order, case.order_id)
    if kind == "price_protection":
        _check_price_protection(order, amount_fen, InvalidInput)
    if kind in ("swap", "alternative") and (detail or {}).get("product"):
        exchanges.check_offer(session, detail or {})  # the offer records the target product (SKU)
    now = clock.now()
    offer_id = session.execute(
        insert(OfferRow)
        .values(
            case_id=case_id,
            kind=kind,
            detail=json.dumps(detail or {}, ensure_ascii=False),
            amount_fen=amount_fen,
            offered_by=actor,
            offered_at=now,
        )
        .returning(OfferRow.id)
    ).scalar_one()
    events.record(
        session, case_id, "offer_made", actor, note=notes.coded("case.offer", kind=kind, amount=format_yuan(amount_fen))
    )
    outbox.emit(session, "case", case_id)
    return _view(session.get(OfferRow, offer_id))


@access.needs("cases.handle")
def answer_offer(session: Session, offer_id: int, accepted: bool, *, actor: str) -> OfferView:
    """Record the customer's answer. Accepted: apply it (money through the ledger) and resolve as retained."""
    offer = session.get(OfferRow, offer_id)
    if offer is None:
        raise NotFound("offer.not_found", offer=offer_id)
    moved = session.execute(
        update(OfferRow)
        .where(OfferRow.id == offer_id, OfferRow.answer.is_(None))
        .values(answer="accepted" if accepted else "declined", answered_at=clock.now())
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        raise Conflict("offer.already_answered", offer=offer_id, answer=offer.answer)
    if not accepted:
        events.record(
            session, offer.case_id, "offer_declined", actor, note=notes.coded("case.offer_kind", kind=offer.kind)
        )
        outbox.emit(session, "case", offer.case_id)
    else:
        target = json.loads(offer.detail or "{}").get("product") if offer.kind in ("swap", "alternative") else None
        accepted_note = notes.coded("case.offer_accepted", kind=offer.kind)
        if target:  # an exchange: keys of the chosen product for the order's keys
            done = exchanges.accept(session, offer, target, actor=actor)
            events.record(session, offer.case_id, "offer_accepted", actor, note=done.note())
            cases.resolve(session, offer.case_id, "replaced", actor=actor, note=accepted_note, keys_exchanged=True)
        else:
            note = _apply(session, offer, actor)
            events.record(session, offer.case_id, "offer_accepted", actor, note=note)
            cases.resolve(session, offer.case_id, "retained", actor=actor, note=accepted_note)
    session.refresh(offer)
    return _view(offer)


def offers(session: Session, case_id: int) -> list[OfferView]:
    rows = session.execute(select(OfferRow).where(OfferRow.case_id == case_id).order_by(OfferRow.id)).scalars()
    return [_view(r) for r in rows]


def reorder(session: Session, case_id: int, *, actor: str):
    """After a cancellation: the same lines again, for the same customer, in one click."""
    case = _case(session, case_id)
    if case.outcome != "cancelled":
        raise Conflict("offer.reorder_not_cancelled")
    order = session.get(Order, case.order_id)
    lines = session.execute(
        select(Product.sku, OrderLine.quantity)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.id)
    ).all()
    return orders.create_order(
        session, order.customer_id, [tuple(line) for line in lines], actor=actor, note=f"re-order after case {case_id}"
    )


def templates(session: Session, reason_code: str | None, lang: str) -> list[tuple[str, str]]:
    """(title, body) reply templates for a reason in a language, the general ones last."""
    rows = session.execute(
        select(ReplyTemplate)
        .where(
            ReplyTemplate.lang == lang, (ReplyTemplate.reason_code == reason_code) | ReplyTemplate.reason_code.is_(None)
        )
        .order_by(ReplyTemplate.reason_code.is_(None), ReplyTemplate.id)
    ).scalars()
    return [(t.title, t.body) for t in rows]


_PLACEHOLDER = re.compile(r"\{(customer|order|amount)\}")


def render(body: str, *, customer: str, order: str, amount_fen: int = 0) -> str:
    # One pass: a value that itself contains "{order}" (a customer's chosen name) is not expanded again.
    values = {"customer": customer, "order": order, "amount": format_yuan(amount_fen)}
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], body)


# --- internals -----------------------------------------------------------------------------------------


def _apply(session: Session, offer: OfferRow, actor: str) -> str:
    case = session.get(Case, offer.case_id)
    order = session.get(Order, case.order_id)
    wallet = ledger.wallet_code(order.customer_id)
    if offer.kind == "price_protection":
        _check_price_protection(order, offer.amount_fen, Conflict)  # the order may have changed since the offer
        access.require_refund(session, case.id, offer.amount_fen)
        refunds.refund(
            session,
            order.id,
            offer.amount_fen,
            destination="wallet",
            actor=actor,
            idempotency_key=f"offer:{offer.id}",
            case_id=case.id,
            kind="price_protection",
            memo=f"price protection, case {case.id}",
        )
        return f"{format_yuan(offer.amount_fen)} credited to the wallet; the order is kept"
    if offer.kind == "compensation_credit":
        ledger.post(
            session,
            kind="compensation",
            postings=[(wallet, offer.amount_fen), ("compensation", -offer.amount_fen)],
            idempotency_key=f"offer:{offer.id}",
            actor=actor,
            order_id=order.id,
            case_id=case.id,
            memo=f"compensation, case {case.id}",
        )
        return f"{format_yuan(offer.amount_fen)} compensation credited to the wallet"
    if offer.kind in ("compensation_coupon", "keep_coupon"):
        code = f"SD-{secrets.token_hex(4).upper()}"
        session.execute(
            insert(Coupon).values(
                code=code,
                value_fen=offer.amount_fen,
                min_order_fen=0,
                max_uses=1,
                used_count=0,
                customer_id=order.customer_id,
                expires_at=clock.now() + timedelta(days=COUPON_DAYS),
                active=True,
                created_at=clock.now(),
            )
        )
        return f"coupon {code} worth {format_yuan(offer.amount_fen)} issued (valid {COUPON_DAYS} days)"
    return "alternative arranged by staff"


def _check_price_protection(order: Order, amount_fen: int, error: type[ShopError]) -> None:
    """Price protection keeps a live, paid order and gives back part of it: never all (that is a cancellation),
    never more than is left after earlier refunds."""
    if order.status not in ("paid", "awaiting_stock", "delivered", "completed"):
        raise error("price_protection.order_status", number=order.number, status=order.status)
    left = refunds.refundable(order)
    if amount_fen >= left:
        raise error(
            "price_protection.too_much", amount=format_yuan(amount_fen), number=order.number, left=format_yuan(left)
        )


def _price_drop(session: Session, order_id: int) -> int:
    rows = session.execute(
        select(OrderLine.unit_price_fen, OrderLine.quantity, Product.price_fen)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order_id)
    ).all()
    return sum(max(0, paid - now) * qty for paid, qty, now in rows)


def _alternatives(session: Session, order_id: int) -> list[str]:
    category = session.execute(
        select(Product.category)
        .join(OrderLine, OrderLine.product_id == Product.id)
        .where(OrderLine.order_id == order_id)
        .limit(1)
    ).scalar_one_or_none()
    ordered = select(OrderLine.product_id).where(OrderLine.order_id == order_id)
    return list(
        session.execute(
            select(Product.sku)
            .where(Product.category == category, Product.active.is_(True), Product.id.not_in(ordered))
            .order_by(Product.sku)
            .limit(5)
        ).scalars()
    )


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case.not_found", case=case_id)
    return case


def _view(row: OfferRow) -> OfferView:
    return view_of(OfferView, row, detail=json.loads(row.detail or "{}"))
