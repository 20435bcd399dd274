"""Helpers for the after-sales desk tests: products with a rollback policy, paid orders, cases, and looks at
keys, money and coupons as plain values (ORM objects expire when a transaction ends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import func, select, text
from svc_support import stock, unique

from shopdesk.app import ShopApp
from shopdesk.db.models import Account, CardKey, Case, CaseEvent, Coupon, CouponUse, KeyEvent, Order, OrderLine
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.desk import cases, queue
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def add_product(
    app: ShopApp,
    sku: str,
    *,
    keys: int = 0,
    price_fen: int = 1000,
    kind: str = "secret",
    policy: str = "verify",
    category: str = "games",
) -> int:
    with app.db.write() as s:
        pid = catalog.add_product(
            s,
            ProductInput(
                sku=sku,
                name=f"Product {sku}",
                price_fen=price_fen,
                kind=kind,
                rollback_policy=policy,
                category=category,
            ),
        ).id
    if keys:
        stock(app, pid, keys)
    return pid


def add_customer(app: ShopApp, name: str = "李娜", *, wallet_fen: int = 0) -> int:
    with app.db.write() as s:
        cid = customers.add_customer(s, name, "wx:desk").id
        if wallet_fen:
            customers.topup(s, cid, wallet_fen, idempotency_key=unique("desk-topup"), actor="test")
    return cid


def make_order(app: ShopApp, customer_id: int, lines, *, pay: str | None = "external") -> int:
    """An order, paid (and so delivered when stock allows) unless pay=None."""
    with app.db.write() as s:
        oid = orders.create_order(s, customer_id, list(lines), actor="test").id
        if pay == "wallet":
            orders.pay_order(s, oid, method="wallet", actor="test")
        elif pay is not None:
            orders.pay_order(s, oid, method=pay, trade_no=unique("TRADE"), actor="test")
    return oid


def open_case(app: ShopApp, order_id: int, reason: str = "changed_mind", **kw) -> cases.OpenedCase:
    kw.setdefault("actor", "staff-a")
    with app.db.write() as s:
        return cases.open_case(s, order_id, reason_code=reason, **kw)


def write(app: ShopApp, fn, *args, **kw):
    """fn(session, *args, **kw) in one write transaction."""
    with app.db.write() as s:
        return fn(s, *args, **kw)


def view(app: ShopApp, case_id: int) -> queue.CaseView:
    with app.db.read() as s:
        return queue.get_case(s, case_id)


def events(app: ShopApp, case_id: int) -> list[tuple[str, str | None]]:
    """(kind, rule) of every event of the case, in order."""
    with app.db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(CaseEvent.kind, CaseEvent.rule).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            )
        ]


def row(app: ShopApp, model, ident: int) -> SimpleNamespace:
    with app.db.read() as s:
        r = s.execute(select(model.__table__).where(model.__table__.c.id == ident)).one()
    return SimpleNamespace(**r._asdict())


def order_row(app: ShopApp, order_id: int) -> SimpleNamespace:
    return row(app, Order, order_id)


def case_row(app: ShopApp, case_id: int) -> SimpleNamespace:
    return row(app, Case, case_id)


def order_keys(app: ShopApp, order_id: int) -> dict[int, str]:
    """Every key ever delivered to the order -> its status now."""
    with app.db.read() as s:
        ids = (
            s.execute(select(KeyEvent.key_id).where(KeyEvent.order_id == order_id, KeyEvent.kind == "delivered"))
            .scalars()
            .all()
        )
        return dict(s.execute(select(CardKey.id, CardKey.status).where(CardKey.id.in_(ids))).all())


def delivered_ids(app: ShopApp, order_id: int) -> list[int]:
    with app.db.read() as s:
        return list(
            s.execute(
                select(CardKey.id)
                .join(OrderLine, OrderLine.id == CardKey.order_line_id)
                .where(OrderLine.order_id == order_id, CardKey.status == "delivered")
                .order_by(CardKey.id)
            ).scalars()
        )


def balances(app: ShopApp) -> dict[str, int]:
    with app.db.read() as s:
        return dict(s.execute(select(Account.code, Account.balance_fen)).all())


def wallet(app: ShopApp, customer_id: int) -> int:
    return balances(app).get(f"wallet:{customer_id}", 0)


def count(app: ShopApp, model, *where) -> int:
    with app.db.read() as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def add_coupon_use(app: ShopApp, order_id: int, *, value_fen: int = 200, used: int = 1) -> int:
    """A coupon already used on the order (there is no coupon checkout yet): returns the coupon id."""
    now = clock.now()
    with app.db.write() as s:
        coupon = Coupon(
            code=unique("CPN"),
            value_fen=value_fen,
            min_order_fen=0,
            max_uses=1,
            used_count=used,
            customer_id=None,
            expires_at=now + timedelta(days=30),
            active=True,
            created_at=now,
        )
        s.add(coupon)
        s.flush()
        s.add(CouponUse(coupon_id=coupon.id, order_id=order_id, discount_fen=value_fen, used_at=now))
        return coupon.id


def coupon_state(app: ShopApp, coupon_id: int) -> tuple[int, list]:
    """(used_count, [restored_at of each use])."""
    with app.db.read() as s:
        used = s.execute(select(Coupon.used_count).where(Coupon.id == coupon_id)).scalar_one()
        restored = s.execute(select(CouponUse.restored_at).where(CouponUse.coupon_id == coupon_id)).scalars().all()
    return used, list(restored)


def table_counts(app: ShopApp, *tables: str) -> dict[str, int]:
    with app.db.read() as s:
        return {t: s.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables}
