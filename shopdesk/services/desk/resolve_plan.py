"""What a resolution will do, worked out before anything is written: the keys to recall and where each goes by
its product's policy, the refund and where to, the coupons given back, compensation and the credit effect.

The rollback engine applies exactly this plan (it calls `plan_rollback` inside its own transaction), so the
preview a person confirms and the rollback that follows share one set of rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, CardKey, Case, Coupon, CouponUse, Order, OrderLine, Product
from shopdesk.db.queries import driver
from shopdesk.services.common import access
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import format_yuan
from shopdesk.services.common.vault import mask
from shopdesk.services.desk import credit
from shopdesk.services.money import refunds

RECALL_TO = {"restock": "available", "verify": "recalled", "void": "void"}
KEY_EVENT = {"available": "restocked", "recalled": "recalled", "void": "void"}
OUTCOMES = ("retained", "cancelled", "replaced", "rejected")

_cases, _orders, _lines, _keys = Case.__table__, Order.__table__, OrderLine.__table__, CardKey.__table__
_products, _coupons, _uses = Product.__table__, Coupon.__table__, CouponUse.__table__

_CASE = select(
    _cases.c.id,
    _cases.c.order_id,
    _cases.c.resp_class,
    _cases.c.rolled_back_at,
    _cases.c.opened_at,
    _cases.c.status,
    _cases.c.outcome,
).where(_cases.c.id == bindparam("b_id"))
_ORDER = select(
    _orders.c.id,
    _orders.c.number,
    _orders.c.customer_id,
    _orders.c.status,
    _orders.c.payment_status,
    _orders.c.paid_fen,
    _orders.c.refunded_fen,
    _orders.c.total_fen,
    _orders.c.delivered_at,
).where(_orders.c.id == bindparam("b_id"))
_LINES = (
    select(
        _lines.c.id,
        _lines.c.delivered_qty,
        _products.c.id.label("product_id"),
        _products.c.sku,
        _products.c.name,
        _products.c.kind,
        _products.c.rollback_policy,
    )
    .join(_products, _products.c.id == _lines.c.product_id)
    .where(_lines.c.order_id == bindparam("b_order"))
    .order_by(_lines.c.id)
)
_DELIVERED = (
    select(_keys.c.id, _keys.c.order_line_id, _keys.c.card_no, _keys.c.secret_tail)
    .where(_keys.c.order_line_id.in_(bindparam("b_lines", expanding=True)), _keys.c.status == "delivered")
    .order_by(_keys.c.id)
)
_OPEN_USES = (
    select(_uses.c.id, _uses.c.coupon_id, _coupons.c.code, _uses.c.discount_fen)
    .join(_coupons, _coupons.c.id == _uses.c.coupon_id)
    .where(_uses.c.order_id == bindparam("b_order"), _uses.c.restored_at.is_(None))
    .order_by(_uses.c.id)
)


@dataclass(frozen=True)
class KeyRecall:
    key_id: int
    line_id: int
    sku: str
    product: str
    card_no: str  # masked: the card number's last characters
    secret: str  # masked
    policy: str  # restock / verify / void
    to: str  # the key's status afterwards: available / recalled / void


@dataclass(frozen=True)
class LineRecall:
    line_id: int
    policy: str
    to: str


@dataclass(frozen=True)
class CouponRestore:
    use_id: int
    coupon_id: int
    code: str
    discount_fen: int


@dataclass(frozen=True)
class RollbackPlan:
    """The plan for one case's cancellation (empty when the outcome rolls nothing back)."""

    case_id: int
    order_id: int
    order_number: str
    outcome: str
    close_unpaid: bool = False  # an unpaid order is only closed: nothing was delivered or paid
    lines: tuple[LineRecall, ...] = ()
    keys: tuple[KeyRecall, ...] = ()
    refund_fen: int = 0
    refund_to: str | None = None
    coupons: tuple[CouponRestore, ...] = ()
    compensation_fen: int = 0
    credit_before: str = ""
    credit_after: str = ""
    already_rolled_back: bool = False
    destination: str = "wallet"  # asked for (refund_to is None when nothing is refunded)
    notes: tuple[str, ...] = field(default=())

    @property
    def rolls_back(self) -> bool:
        return self.outcome == "cancelled" and not self.already_rolled_back

    def key_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for key in self.keys:
            counts[key.to] = counts.get(key.to, 0) + 1
        return counts


def mask_card_no(card_no: str | None) -> str:
    """A card number on a preview: its last 4 characters (short numbers show less)."""
    if not card_no:
        return ""
    return mask(card_no[-4:] if len(card_no) >= 8 else card_no[-2:] if len(card_no) >= 4 else "")


def read_case(session: Session, case_id: int):
    case = session.connection().execute(_CASE, {"b_id": case_id}).first()
    if case is None:
        raise NotFound("case.not_found", case=case_id)
    return case


def read_order(session: Session, case):
    found = driver(session).rows(_ORDER, {"b_id": case.order_id})
    order = found[0] if found else None
    if order is None:
        raise NotFound("case.order_missing", case=case.id)
    return order


def plan_rollback(
    session: Session,
    case,
    order,
    *,
    destination: str = "wallet",
    refund_fen: int | None = None,
    compensation_fen: int = 0,
    with_credit: bool = False,
) -> RollbackPlan:
    """Check the inputs and work out the cancellation of `order` for `case`, reading only. Raises what the
    rollback would refuse with."""
    if destination not in refunds.DESTINATIONS:
        raise InvalidInput("refund.destination")
    if compensation_fen < 0 or (refund_fen is not None and refund_fen < 0):
        raise InvalidInput("refund.negative")
    if compensation_fen and case.resp_class == "customer":
        raise InvalidInput("rollback.compensation_customer_fault")
    if order.status in ("cancelled", "closed"):
        raise Conflict("order.closed/rollback", number=order.number, status=order.status)
    lines: list[LineRecall] = []
    recalls: list[KeyRecall] = []
    refund = 0
    unpaid = order.status == "pending_payment"
    if not unpaid:
        by_line = {}
        for line in driver(session).rows(_LINES, {"b_order": order.id}):
            if line.kind == "reusable" or not line.delivered_qty:
                continue  # a shared secret cannot be taken back from one buyer
            to = RECALL_TO[line.rollback_policy]
            lines.append(LineRecall(line.id, line.rollback_policy, to))
            by_line[line.id] = line
        if by_line:
            for key in driver(session).rows(_DELIVERED, {"b_lines": list(by_line)}):
                line = by_line[key.order_line_id]
                recalls.append(
                    KeyRecall(
                        key.id,
                        line.id,
                        line.sku,
                        line.name,
                        mask_card_no(key.card_no),
                        mask(key.secret_tail or ""),
                        line.rollback_policy,
                        RECALL_TO[line.rollback_policy],
                    )
                )
        refund = refunds.refundable(order) if refund_fen is None else refund_fen
        refunds.check_refundable(order, refund)
    coupons = tuple(CouponRestore(*row) for row in driver(session).rows(_OPEN_USES, {"b_order": order.id}))
    before = after = ""
    if with_credit:
        before, after = credit.level_after_cancellation(session, order.customer_id, case.opened_at, order.delivered_at)
    return RollbackPlan(
        case.id,
        order.id,
        order.number,
        "cancelled",
        close_unpaid=unpaid,
        lines=tuple(lines),
        keys=tuple(recalls),
        refund_fen=refund,
        refund_to=destination if refund else None,
        coupons=coupons,
        compensation_fen=compensation_fen,
        credit_before=before,
        credit_after=after,
        destination=destination,
    )


@access.needs("cases.handle")
def preview_resolution(
    session: Session,
    case_id: int,
    outcome: str,
    *,
    refund: str = "wallet",
    refund_fen: int | None = None,
    compensation_fen: int = 0,
) -> RollbackPlan:
    """What resolving the case with `outcome` would do, writing nothing. A non-cancelling outcome rolls nothing
    back (its plan is empty)."""
    if outcome not in OUTCOMES:
        raise InvalidInput("case.outcome_unknown", choices=", ".join(OUTCOMES))
    case = read_case(session, case_id)
    order = read_order(session, case)
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict("case.already_resolved", case=case_id, status=case.status, outcome=case.outcome)
    if outcome != "cancelled":
        level = credit.profile(session, order.customer_id).level
        return RollbackPlan(case.id, order.id, order.number, outcome, credit_before=level, credit_after=level)
    if case.rolled_back_at is not None:
        level = credit.profile(session, order.customer_id).level
        return RollbackPlan(
            case.id, order.id, order.number, outcome, already_rolled_back=True, credit_before=level, credit_after=level
        )
    return plan_rollback(
        session,
        case,
        order,
        destination=refund,
        refund_fen=refund_fen,
        compensation_fen=compensation_fen,
        with_credit=True,
    )


def preview_json(plan: RollbackPlan) -> dict:
    """The CLI's and the scripts' shape: {"preview": {...}} with amounts in yuan."""
    return {
        "preview": {
            "case": plan.case_id,
            "order": plan.order_number,
            "outcome": plan.outcome,
            "keys": [
                {
                    "key": k.key_id,
                    "card_no": k.card_no,
                    "secret": k.secret,
                    "line": k.line_id,
                    "sku": k.sku,
                    "product": k.product,
                    "policy": k.policy,
                    "to": k.to,
                }
                for k in plan.keys
            ],
            "refund": format_yuan(plan.refund_fen),
            "refund_to": plan.refund_to,
            "coupons": [{"code": c.code, "discount": format_yuan(c.discount_fen)} for c in plan.coupons],
            "compensation": format_yuan(plan.compensation_fen),
            "close_unpaid": plan.close_unpaid,
            "credit": {"before": plan.credit_before, "after": plan.credit_after},
        }
    }
