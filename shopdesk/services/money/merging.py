"""Merging two customers who are one person: the survivor takes the other's orders, coupons and wallet.

Everything happens in the caller's one transaction: orders and coupons re-pointed, the wallet balance moved by one
ledger entry (kind "merge"; nothing when empty), customers merged into `from` earlier re-pointed to the survivor,
the contact kept in the survivor's notes, and an audit event with both ids. The merged customer stays (its id still
shows, saying where it went) but is hidden from lists and from the storefront's contact look-up.

The survivor's credit level is not refreshed here (the desk layer, above money, computes it): callers that can
(`shopdesk customer merge`, the desk) call `desk.credit.refresh` after; otherwise the next rollback does.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Coupon, Customer, Order
from shopdesk.services.common import access, audit, clock, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.money import ledger


def merge_records(session: Session, from_id: int, into_id: int, *, actor: str) -> None:
    """Merge customer `from_id` into `into_id` (owner only): `customers.merge` calls this and shows the survivor."""
    access.require_owner(session, subject=f"customer:{from_id}")
    if from_id == into_id:
        raise InvalidInput("customer_merge.self", customer=from_id)
    source, target = session.get(Customer, from_id), session.get(Customer, into_id)
    if source is None:
        raise NotFound("customer_merge.not_found", customer=from_id)
    if target is None:
        raise NotFound("customer_merge.not_found", customer=into_id)
    if source.merged_into_id is not None:
        raise Conflict("customer_merge.already_merged", customer=from_id, survivor=source.merged_into_id)
    if target.merged_into_id is not None:
        raise Conflict("customer_merge.into_merged", customer=into_id, survivor=target.merged_into_id)

    moved_orders = session.execute(
        update(Order).where(Order.customer_id == from_id).values(customer_id=into_id)
    ).rowcount
    moved_coupons = session.execute(
        update(Coupon).where(Coupon.customer_id == from_id).values(customer_id=into_id)
    ).rowcount
    earlier = session.execute(
        update(Customer).where(Customer.merged_into_id == from_id).values(merged_into_id=into_id)
    ).rowcount

    amount = ledger.wallet_balance(session, from_id)
    entry_id = None
    if amount:
        ledger.open_wallet(session, into_id)
        entry_id = ledger.post(
            session,
            kind="merge",
            postings=[(ledger.wallet_code(from_id), -amount), (ledger.wallet_code(into_id), amount)],
            idempotency_key=f"customer-merge:{from_id}:{into_id}",
            actor=actor,
            memo=f"customer {from_id} merged into {into_id}",
        ).entry_id

    now = clock.now()
    if source.contact and source.contact_key != target.contact_key:
        line = f"merged from customer {from_id}: {source.name}, {source.contact}"
        target.notes = f"{target.notes}\n{line}" if target.notes.strip() else line
    if source.blocked_at is not None and target.blocked_at is None:  # a blocked contact stays blocked
        target.blocked_at, target.blocked_reason, target.blocked_by = (
            source.blocked_at,
            source.blocked_reason,
            source.blocked_by,
        )
    target.updated_at = now
    source.merged_into_id, source.merged_at, source.updated_at = into_id, now, now
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="customer.merged",
        subject=f"customer:{from_id}",
        from_customer=from_id,
        into_customer=into_id,
        orders=moved_orders,
        coupons=moved_coupons,
        wallet_fen=amount,
        entry=entry_id,
        re_pointed=earlier,
    )
    outbox.emit(session, "customer", from_id)
    outbox.emit(session, "customer", into_id)


def survivor_of(session: Session, customer_id: int) -> int:
    """The customer a (possibly merged) id ends at: merges re-point earlier ones, so one hop, but follow a few."""
    seen = set()
    current = customer_id
    while current not in seen:
        seen.add(current)
        nxt = session.execute(select(Customer.merged_into_id).where(Customer.id == current)).scalar_one_or_none()
        if nxt is None:
            return current
        current = nxt
    return current
