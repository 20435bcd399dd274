"""Exchanges: an accepted "swap" (or "alternative" with a chosen product) gives the customer keys of another
product for the order's keys, in the caller's one transaction.

The old keys go back by the rollback's key policy (resolve_plan), fresh keys of the target are delivered onto the
same order lines (guarded takes, key events, outbox), and the price difference moves through the ledger: more
expensive — charged to the wallet (refused when the wallet cannot cover it); cheaper — refunded to the wallet. An
optional bonus credit is posted too. A line keeps its quantity and now names the target product, so the order's
deliveries and payments stay consistent; the original product stays in the key events and the offer's detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Order, OrderLine, Product
from shopdesk.services.common import access, notes, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import resolve_plan
from shopdesk.services.inventory import keys
from shopdesk.services.money import ledger, refunds
from shopdesk.services.orders import state


@dataclass(frozen=True)
class Exchange:
    target_sku: str
    keys_recalled: int
    keys_delivered: int
    difference_fen: int  # > 0 charged to the wallet, < 0 refunded to it
    bonus_fen: int

    def note(self, case_id: int | None = None) -> str:
        """The coded timeline note (services/common/notes.py) of this exchange."""
        args = {"case": case_id} if case_id is not None else {}
        return notes.coded(
            "swap.done",
            **args,
            sku=self.target_sku,
            recalled=self.keys_recalled,
            delivered=self.keys_delivered,
            difference=format_yuan(self.difference_fen),
            bonus=format_yuan(self.bonus_fen),
        )


def target_product(session: Session, sku: str | None) -> Product:
    """The product a swap offer names (by SKU): it must exist and be on sale."""
    if not sku:
        raise InvalidInput("swap.target_missing")
    product = session.execute(select(Product).where(Product.sku == str(sku).strip())).scalar_one_or_none()
    if product is None or not product.active:
        raise InvalidInput("swap.target_unknown", sku=str(sku))
    if product.kind == "reusable":
        raise InvalidInput("swap.target_reusable", sku=product.sku)
    return product


def swap(session: Session, case_id: int, order_id: int, sku: str, *, actor: str, key: str, bonus_fen: int = 0):
    """Exchange the order's delivered keys for keys of `sku`. `key`: the idempotency key stem for the money."""
    target = target_product(session, sku)
    order = session.get(Order, order_id)
    if order.status not in ("delivered", "completed"):
        raise Conflict("swap.not_delivered", number=order.number, status=order.status)
    if bonus_fen < 0:
        raise InvalidInput("refund.negative")
    case = resolve_plan.read_case(session, case_id)
    plan = resolve_plan.plan_rollback(session, case, resolve_plan.read_order(session, case))
    if not plan.keys:
        raise Conflict("case.nothing_to_replace")
    by_line: dict[int, int] = {}
    for k in plan.keys:
        by_line[k.line_id] = by_line.get(k.line_id, 0) + 1
    if any(line.product_id == target.id for line in session.query(OrderLine).filter(OrderLine.id.in_(by_line))):
        raise InvalidInput("swap.same_product", sku=target.sku)
    wanted = len(plan.keys)
    available = session.execute(
        select(func.count()).where(CardKey.product_id == target.id, CardKey.status == "available")
    ).scalar_one()
    if available < wanted:
        raise Conflict("swap.out_of_stock", sku=target.sku, wanted=wanted, available=available)
    lines = {line.id: line for line in session.query(OrderLine).filter(OrderLine.id.in_(by_line))}
    old_value = sum(lines[i].unit_price_fen * n for i, n in by_line.items())
    difference = target.price_fen * wanted - old_value
    wallet = ledger.wallet_code(order.customer_id)
    if difference > 0:
        balance = ledger.wallet_balance(session, order.customer_id)
        if balance < difference:
            raise Conflict(
                "swap.wallet_short", need=format_yuan(difference), balance=format_yuan(balance), sku=target.sku
            )
    if difference < 0 or bonus_fen:  # money back to the customer: within the person's refund limit
        access.require_refund(session, case_id, max(-difference, 0) + bonus_fen)
    # Nothing written above this line: every refusal leaves the shop as it was.
    for line in plan.lines:
        keys.transition(
            session,
            of_line=line.line_id,
            expected="delivered",
            to=line.to,
            actor=actor,
            line=None if line.to == "available" else keys.KEEP,
            order_id=order_id,
            case_id=case_id,
            event=resolve_plan.KEY_EVENT[line.to],
            note=notes.coded("key.swapped", case=case_id, policy=line.policy),
        )
    delivered = 0
    for line_id, n in by_line.items():
        session.execute(update(OrderLine).where(OrderLine.id == line_id).values(product_id=target.id, delivered_qty=0))
        fresh = keys.take(
            session, target.id, line_id, order_id, n, to="delivered", actor=actor, case_id=case_id,
            note=notes.coded("key.swap_for", case=case_id),
        )  # fmt: skip
        if len(fresh) < n:
            raise Conflict("swap.out_of_stock", sku=target.sku, wanted=wanted, available=delivered + len(fresh))
        session.execute(update(OrderLine).where(OrderLine.id == line_id).values(delivered_qty=n))
        delivered += n
    if difference > 0:
        ledger.post(
            session,
            kind="swap_charge",
            postings=[(wallet, -difference), ("revenue", difference)],
            idempotency_key=f"{key}:difference",
            actor=actor,
            order_id=order_id,
            case_id=case_id,
            memo=f"swap to {target.sku}, case {case_id}",
        )
    elif difference < 0:
        refunds.refund(
            session,
            order_id,
            -difference,
            destination="wallet",
            actor=actor,
            idempotency_key=f"{key}:difference",
            case_id=case_id,
            memo=f"swap to {target.sku}, case {case_id}: price difference",
        )
    if bonus_fen:
        ledger.post(
            session,
            kind="compensation",
            postings=[(wallet, bonus_fen), ("compensation", -bonus_fen)],
            idempotency_key=f"{key}:bonus",
            actor=actor,
            order_id=order_id,
            case_id=case_id,
            memo=f"swap bonus, case {case_id}",
        )
    done = Exchange(target.sku, len(plan.keys), delivered, difference, bonus_fen)
    state.order_event(session, order_id, "keys_swapped", actor, done.note(case_id))
    outbox.emit_each(session, [("order", order_id), ("product", target.id)])
    return done


def check_offer(session: Session, detail: dict) -> None:
    """A swap offer must name an existing product on sale (detail["product"]: its SKU)."""
    target_product(session, detail.get("product"))


def accept(session: Session, offer, sku: str, *, actor: str) -> Exchange:
    """The customer accepted the exchange offer: swap now (bonus: the offer's amount for a swap, none otherwise)."""
    case = resolve_plan.read_case(session, offer.case_id)
    bonus = offer.amount_fen if offer.kind == "swap" else 0
    return swap(session, case.id, case.order_id, sku, actor=actor, key=f"offer:{offer.id}", bonus_fen=bonus)
