"""Money the gateway took without a callback (掉单): confirming a payment by hand, and comparing the shop with a
gateway's statement.

Both go through `selling.record_payment`, the path a storefront callback takes: the same trade number twice is
one payment, a wrong amount is refused, and money an order cannot keep (closed, already paid) is flagged for
refund as the callback's would be."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Order, Payment, UnmatchedPayment
from shopdesk.services.common import access, audit, zone
from shopdesk.services.common.errors import Conflict, InvalidInput, PaymentRefused, ShopError
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.orders import flagged, selling, statements
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.orders.statements import Statement, StatementRow

GATEWAY_METHODS = ("alipay", "wechat", "bank", "cash", "external")
# Which of the shop's payments a statement covers: Alipay's shows Alipay money, WeChat's WeChat money; a callback
# that did not name its gateway ("external") may be either; a plain CSV covers every gateway payment.
COVERED = {"alipay": ("alipay", "external"), "wechat": ("wechat", "external"), "csv": GATEWAY_METHODS}
METHOD_OF_FORMAT = {"alipay": "alipay", "wechat": "wechat", "csv": "external"}
CHUNK = 500


@dataclass(frozen=True)
class Confirmed:
    order: OrderView
    replayed: bool  # the trade number was already recorded for this order: nothing changed
    refused: PaymentRefused | None = None  # the order could not take it: flagged for refund (flag_id)
    flag_id: int | None = None


@access.needs("orders.sell")
def confirm_payment(
    session: Session, order_id: int, *, trade_no: str, amount_fen: int, method: str, actor: str
) -> Confirmed:
    """补单: record a payment the gateway took but whose callback never came, exactly as the callback would."""
    if method == "wallet" or method not in selling.PAYABLE_METHODS:
        raise InvalidInput("payments.confirm_method", method=repr(method), choices=", ".join(GATEWAY_METHODS))
    if amount_fen <= 0:
        raise InvalidInput("payments.confirm_amount")
    try:
        with session.begin_nested():
            outcome = selling.record_payment(
                session, order_id, method=method, trade_no=trade_no, amount_fen=amount_fen, actor=actor
            )
    except PaymentRefused as refused:
        flag_id = flagged.flag_unmatched_payment(session, refused, actor=actor)
        return Confirmed(load_order_view(session, order_id), False, refused, flag_id)
    if not outcome.replayed:
        audit.record(
            session,
            actor=actor,
            action="payment.confirmed_by_hand",
            subject=f"order:{order_id}",
            announce=False,
            trade_no=trade_no.strip(),
            amount=format_yuan(amount_fen),
            method=method,
        )
    return Confirmed(load_order_view(session, order_id), outcome.replayed)


# --- reconciliation -------------------------------------------------------------------------------------


@dataclass
class Reconciliation:
    format: str
    start: datetime | None
    end: datetime | None
    matched: int = 0
    missing_in_shop: list[dict] = field(default_factory=list)
    missing_in_statement: list[dict] = field(default_factory=list)
    amount_mismatch: list[dict] = field(default_factory=list)
    applied: list[dict] | None = None  # with apply: what happened to each missing payment

    def as_json(self) -> dict:
        out = {
            "format": self.format,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "matched": self.matched,
            "missing_in_shop": self.missing_in_shop,
            "missing_in_statement": self.missing_in_statement,
            "amount_mismatch": self.amount_mismatch,
        }
        if self.applied is not None:
            out["applied"] = self.applied
        return out


def reconcile(session: Session, statement: Statement, *, apply: bool = False, actor: str = "") -> Reconciliation:
    """Compare the statement's income rows with the shop's payments (and the payments flagged for refund, which
    the shop knows of too); with `apply`, record each payment missing in the shop for its order."""
    if apply:
        access.require(session, "orders.sell", subject="payments:reconcile")
    result = Reconciliation(statement.format, statement.start, statement.end)
    trades = [r.trade_no for r in statement.rows]
    known = _known_payments(session, trades)
    for row in statement.rows:
        recorded = known.get(row.trade_no)
        if recorded is None:
            result.missing_in_shop.append(_missing_entry(session, row))
        elif recorded["amount_fen"] == row.amount_fen:
            result.matched += 1
        else:
            result.amount_mismatch.append(
                {
                    "trade_no": row.trade_no,
                    "amount": format_yuan(row.amount_fen),
                    "recorded": format_yuan(recorded["amount_fen"]),
                    "order": recorded["order"],
                    "line": row.line,
                }
            )
    if statement.start is not None:
        in_file = set(trades)
        query = (
            select(Payment.trade_no, Payment.amount_fen, Payment.at, Payment.method, Order.number)
            .join(Order, Order.id == Payment.order_id)
            .where(
                Payment.at >= statement.start,
                Payment.at <= statement.end,
                Payment.method.in_(COVERED[statement.format]),
            )
            .order_by(Payment.at, Payment.id)
        )
        for p in session.execute(query):
            if p.trade_no not in in_file:
                result.missing_in_statement.append(
                    {
                        "trade_no": p.trade_no,
                        "amount": format_yuan(p.amount_fen),
                        "time": p.at.isoformat(),
                        "method": p.method,
                        "order": p.number,
                    }
                )
    if apply:
        result.applied = [_apply(session, entry, statement.format, actor) for entry in result.missing_in_shop]
        if result.applied:
            audit.record(
                session,
                actor=actor,
                action="payment.reconciled",
                subject="payments:reconcile",
                format=statement.format,
                recorded=sum(1 for a in result.applied if a["result"] == "recorded"),
                flagged=sum(1 for a in result.applied if a["result"] == "flagged"),
                left=sum(1 for a in result.applied if a["result"] not in ("recorded", "flagged")),
            )
    return result


def _known_payments(session: Session, trades: list[str]) -> dict[str, dict]:
    """{trade number: amount and order} of the statement's trade numbers the shop has, paid or flagged."""
    known: dict[str, dict] = {}
    for i in range(0, len(trades), CHUNK):
        part = trades[i : i + CHUNK]
        flagged_rows = session.execute(
            select(UnmatchedPayment.trade_no, UnmatchedPayment.amount_fen, Order.number)
            .outerjoin(Order, Order.id == UnmatchedPayment.order_id)
            .where(UnmatchedPayment.trade_no.in_(part))
        )
        for r in flagged_rows:
            known[r.trade_no] = {"amount_fen": r.amount_fen, "order": r.number}
        paid_rows = session.execute(
            select(Payment.trade_no, Payment.amount_fen, Order.number)
            .join(Order, Order.id == Payment.order_id)
            .where(Payment.trade_no.in_(part))
        )
        for r in paid_rows:
            known[r.trade_no] = {"amount_fen": r.amount_fen, "order": r.number}
    return known


def _missing_entry(session: Session, row: StatementRow) -> dict:
    order_id, number = find_order(session, row.order_ref)
    return {
        "trade_no": row.trade_no,
        "amount": format_yuan(row.amount_fen),
        "time": row.at.isoformat(),
        "order_ref": row.order_ref,
        "order_id": order_id,
        "order": number,
        "line": row.line,
    }


def find_order(session: Session, ref: str) -> tuple[int | None, str | None]:
    """The order a statement's merchant order column names: its order number, or the storefront's id for it.
    Nothing is guessed: no match, or more than one, is (None, None)."""
    ref = (ref or "").strip()
    if not ref:
        return None, None
    found = session.execute(select(Order.id, Order.number).where(Order.number == ref)).first()
    if found is not None:
        return found.id, found.number
    matches = session.execute(select(Order.id, Order.number).where(Order.external_id == ref).limit(2)).all()
    if len(matches) == 1:
        return matches[0].id, matches[0].number
    return None, None


def _apply(session: Session, entry: dict, fmt: str, actor: str) -> dict:
    """Record one missing payment for its order; what happened, in the report's words."""
    out = {"trade_no": entry["trade_no"], "amount": entry["amount"], "order": entry["order"]}
    if entry["order_id"] is None:
        return out | {"result": "order_not_found", "order_ref": entry["order_ref"]}
    try:
        with session.begin_nested():
            done = selling.record_payment(
                session,
                entry["order_id"],
                method=METHOD_OF_FORMAT[fmt],
                trade_no=entry["trade_no"],
                amount_fen=parse_yuan(entry["amount"]),
                actor=actor,
            )
    except PaymentRefused as refused:
        try:
            flag_id = flagged.flag_unmatched_payment(session, refused, actor=actor)
        except Conflict as taken:
            return out | {"result": "refused", "reason": taken.message}
        return out | {"result": "flagged", "flag_id": flag_id, "reason": refused.message}
    except ShopError as refused:
        return out | {"result": "refused", "reason": refused.message}
    return out | {"result": "replayed" if done.replayed else "recorded", "delivered": done.delivered}


def reconcile_file(
    session: Session, data: bytes, fmt: str = "auto", *, apply: bool = False, actor: str = ""
) -> Reconciliation:
    """Read a statement file's bytes (a plain CSV's naive times in the shop's zone) and reconcile it."""
    statement = statements.read_statement(data, fmt, tz=zone.shop_zone(session))
    return reconcile(session, statement, apply=apply, actor=actor)
