"""Orders: reserve on create, deliver atomically on payment, wait for stock, close when unpaid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, text
from svc_support import add_customer, add_product, key_counts, refused, snapshot, stock

from shopdesk.db.models import CardKey, JournalEntry, KeyEvent, Order, OrderLine, Payment
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict, InsufficientFunds, InvalidInput, NotFound
from shopdesk.services.common.money import MAX_FEN
from shopdesk.services.money import ledger
from shopdesk.services.orders import selling as orders

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def create(app, customer_id, lines, **kw):
    with app.db.write() as s:
        return orders.create_order(s, customer_id, lines, actor=app.actor, **kw)


def pay(app, order_id, trade_no=None, method="external", **kw):
    with app.db.write() as s:
        return orders.pay_order(s, order_id, method=method, trade_no=trade_no, actor=app.actor, **kw)


def keys_of_order(app, order_id) -> dict[int, tuple[str, int | None]]:
    with app.db.read() as s:
        rows = s.execute(
            select(CardKey.id, CardKey.status, CardKey.order_line_id)
            .join(OrderLine, OrderLine.id == CardKey.order_line_id)
            .where(OrderLine.order_id == order_id)
        ).all()
    return {k: (status, line) for k, status, line in rows}


def order_row(app, order_id) -> SimpleNamespace:
    """The order's columns as plain values (ORM objects expire when the read ends)."""
    with app.db.read() as s:
        row = s.execute(select(Order.__table__).where(Order.id == order_id)).one()
    return SimpleNamespace(**row._asdict())


@pytest.fixture
def game(shop):
    """A product with 10 keys in stock, price 9.80."""
    return add_product(shop, "QQB-10", keys=10, price_fen=980)


# --- create -----------------------------------------------------------------------------------


def test_create_reserves_keys(shop, cust, game):
    clock.freeze(T0)
    view = create(shop, cust, [("QQB-10", 3)])
    assert (view.status, view.payment_status) == ("pending_payment", "unpaid")
    assert view.total_fen == 3 * 980
    assert view.pay_deadline == T0 + timedelta(minutes=15)
    assert view.number == f"SD20260301{view.id:06d}"
    [line] = view.lines
    assert (line.quantity, line.delivered_qty, line.unit_price_fen) == (3, 0, 980)
    held = keys_of_order(shop, view.id)
    assert len(held) == 3
    assert all(status == "reserved" and line_id == line.id for status, line_id in held.values())
    assert key_counts(shop, game) == {"available": 7, "reserved": 3}
    assert view.delivered_keys == ()
    with shop.db.read() as s:
        kinds = s.execute(select(KeyEvent.kind, KeyEvent.order_id).where(KeyEvent.key_id.in_(held))).all()
    assert sorted(kinds) == [("reserved", view.id)] * 3


def test_create_takes_the_oldest_keys_first(shop, cust, game):
    with shop.db.read() as s:
        oldest = s.execute(select(CardKey.id).where(CardKey.product_id == game).order_by(CardKey.id).limit(2))
        oldest = set(oldest.scalars())
    view = create(shop, cust, [("QQB-10", 2)])
    assert set(keys_of_order(shop, view.id)) == oldest


def test_create_order_with_several_lines(shop, cust, game):
    add_product(shop, "JD-E-100", keys=2, price_fen=9800)
    view = create(shop, cust, [("QQB-10", 1), ("JD-E-100", 2)])
    assert view.total_fen == 980 + 2 * 9800
    assert [(line.sku, line.quantity) for line in view.lines] == [("QQB-10", 1), ("JD-E-100", 2)]
    assert len(keys_of_order(shop, view.id)) == 3


@pytest.mark.parametrize(
    ("lines", "error", "why"),
    [
        ([("NOPE-1", 1)], NotFound, "unknown SKU"),
        ([("QQB-10", 0)], InvalidInput, "quantity"),
        ([("QQB-10", -1)], InvalidInput, "quantity"),
        ([("QQB-10", orders.MAX_QTY_PER_LINE + 1)], InvalidInput, "quantity"),
        ([("QQB-10", 10**12)], InvalidInput, "quantity"),
        ([("QQB-10", 1.0)], InvalidInput, "quantity"),
        ([("QQB-10", "2")], InvalidInput, "quantity"),
        ([("QQB-10", True)], InvalidInput, "quantity"),
        ([("QQB-10", 1), ("NOPE-1", 1)], NotFound, "Line 2"),  # a bad second line refuses the whole order
        ([], InvalidInput, "at least one line"),
        ([("QQB-10", 1)] * (orders.MAX_LINES + 1), InvalidInput, "at most"),
    ],
)
def test_bad_orders_are_refused_and_write_nothing(shop, cust, game, lines, error, why):
    with refused(shop, error, match=why):
        create(shop, cust, lines)


def test_order_total_is_bounded(shop, cust):
    add_product(shop, "GOLD", price_fen=MAX_FEN)
    assert create(shop, cust, [("GOLD", 1)]).total_fen == MAX_FEN
    before = snapshot(shop)
    for lines in ([("GOLD", 2)], [("GOLD", orders.MAX_QTY_PER_LINE)] * orders.MAX_LINES):
        with pytest.raises(InvalidInput, match="too large"):  # the second used to overflow SQLite's integers
            create(shop, cust, lines)
    assert snapshot(shop) == before


def test_order_for_a_missing_customer_is_refused(shop, game):
    with refused(shop, NotFound, match="customer"):
        create(shop, 424242, [("QQB-10", 1)])


def test_inactive_product_cannot_be_ordered(shop, cust):
    add_product(shop, "OLD-1", keys=1, active=False)
    with refused(shop, Conflict, match="not on sale"):
        create(shop, cust, [("OLD-1", 1)])


def test_external_id_is_unique_per_source(shop, cust, game):
    create(shop, cust, [("QQB-10", 1)], source="api", external_id="T-1")
    with refused(shop, Conflict, match="T-1"):
        create(shop, cust, [("QQB-10", 1)], source="api", external_id="T-1")
    create(shop, cust, [("QQB-10", 1)], source="simulator", external_id="T-1")  # another source may reuse it


# --- pay --------------------------------------------------------------------------------------


def test_pay_external_delivers_exactly_the_reserved_keys(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 2)])
    reserved = set(keys_of_order(shop, view.id))
    result = pay(shop, view.id, "ALI-0001")
    assert result.replayed is False
    paid = result.order
    assert (paid.status, paid.payment_status) == ("delivered", "paid")
    assert paid.paid_fen == paid.total_fen == 1960
    assert paid.paid_at is not None and paid.delivered_at is not None
    assert {k.id for k in paid.delivered_keys} == reserved
    assert all(k.masked_secret.startswith("••••") for k in paid.delivered_keys)
    assert keys_of_order(shop, view.id) == {k: ("delivered", paid.lines[0].id) for k in reserved}
    assert paid.lines[0].delivered_qty == 2
    assert [(p.method, p.trade_no, p.amount_fen) for p in paid.payments] == [("external", "ALI-0001", 1960)]
    with shop.db.read() as s:
        [entry] = ledger.entries_for_order(s, view.id)
    assert dict(entry.postings) == {"clearing": -1960, "revenue": 1960}
    assert key_counts(shop, game) == {"available": 8, "delivered": 2}


def test_repeated_callback_changes_nothing(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 2)])
    first = pay(shop, view.id, "ALI-0002").order
    before = snapshot(shop)
    again = pay(shop, view.id, "ALI-0002")
    again_with_amount = pay(shop, view.id, " ALI-0002 ", amount_fen=1960)
    assert again.replayed is True and again_with_amount.replayed is True
    assert again.order == first
    assert snapshot(shop) == before


def test_replay_with_another_amount_is_refused(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 1)])
    pay(shop, view.id, "ALI-0003")
    with refused(shop, Conflict, match="ALI-0003"):
        pay(shop, view.id, "ALI-0003", amount_fen=1)


def test_trade_number_pays_one_order_only(shop, cust, game):
    a = create(shop, cust, [("QQB-10", 1)])
    b = create(shop, cust, [("QQB-10", 1)])
    pay(shop, a.id, "ALI-0004")
    with refused(shop, Conflict, match="ALI-0004"):
        pay(shop, b.id, "ALI-0004")
    assert order_row(shop, b.id).status == "pending_payment"


def test_second_payment_with_another_trade_number_is_refused(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 1)])
    pay(shop, view.id, "ALI-0005")
    with refused(shop, Conflict, match="already paid"):
        pay(shop, view.id, "ALI-0006")


def test_payment_amount_must_match_the_total(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 1)])
    before = snapshot(shop)
    for amount in (979, 981, 1):
        with pytest.raises(InvalidInput, match="does not match"):
            pay(shop, view.id, f"ALI-AMT-{amount}", amount_fen=amount)
    assert snapshot(shop) == before
    assert pay(shop, view.id, "ALI-AMT-OK", amount_fen=980).order.status == "delivered"


@pytest.mark.parametrize(
    ("kw", "error", "why"),
    [
        ({"method": "external", "trade_no": None}, InvalidInput, "trade number"),
        ({"method": "external", "trade_no": "   "}, InvalidInput, "trade number"),
        ({"method": "bitcoin", "trade_no": "X-1"}, InvalidInput, "unknown"),
    ],
)
def test_bad_payments_are_refused(shop, cust, game, kw, error, why):
    view = create(shop, cust, [("QQB-10", 1)])
    with refused(shop, error, match=why):
        pay(shop, view.id, **kw)


def test_paying_an_unknown_order(shop):
    with pytest.raises(NotFound):
        pay(shop, 987654, "ALI-404")


def test_wallet_payment_debits_the_wallet(shop, game):
    cust = add_customer(shop, wallet_fen=2000)
    view = create(shop, cust, [("QQB-10", 2)])
    result = pay(shop, view.id, method="wallet")
    assert result.order.status == "delivered"
    assert result.order.payments[0].method == "wallet"
    with shop.db.read() as s:
        assert ledger.wallet_balance(s, cust) == 2000 - 1960
        assert ledger.balance(s, "revenue") == 1960
        assert ledger.balance(s, "clearing") == -2000  # only the top-up came from outside
    again = pay(shop, view.id, method="wallet")
    assert again.replayed is True
    with shop.db.read() as s:
        assert ledger.wallet_balance(s, cust) == 40


def test_short_wallet_refuses_payment_and_writes_nothing(shop, game):
    cust = add_customer(shop, wallet_fen=1959)
    view = create(shop, cust, [("QQB-10", 2)])
    with refused(shop, InsufficientFunds, match="19.59"):
        pay(shop, view.id, method="wallet")
    assert order_row(shop, view.id).status == "pending_payment"
    assert {s for s, _ in keys_of_order(shop, view.id).values()} == {"reserved"}


# --- stock ------------------------------------------------------------------------------------


def test_short_stock_delivers_part_and_waits(shop, cust):
    add_product(shop, "STEAM-50", keys=3, price_fen=5200)
    view = create(shop, cust, [("STEAM-50", 5)])
    assert len(keys_of_order(shop, view.id)) == 3  # holds what there is
    paid = pay(shop, view.id, "WX-0001").order
    assert (paid.status, paid.payment_status) == ("awaiting_stock", "paid")
    assert paid.lines[0].delivered_qty == 3
    assert len(paid.delivered_keys) == 3


def test_paid_order_with_no_stock_at_all_waits(shop, cust):
    pid = add_product(shop, "STEAM-200", price_fen=20600)
    view = create(shop, cust, [("STEAM-200", 1)])
    assert pay(shop, view.id, "WX-0002").order.status == "awaiting_stock"
    result = stock(shop, pid, 1)
    assert result.filled_orders == (view.id,)
    assert order_row(shop, view.id).status == "delivered"


def test_new_keys_fill_waiting_orders_oldest_first(shop, cust):
    pid = add_product(shop, "JD-E-500", price_fen=49200)
    clock.freeze(T0)
    older = create(shop, cust, [("JD-E-500", 3)])
    older_paid = pay(shop, older.id, "WX-OLD").order
    clock.advance(timedelta(minutes=1))
    newer = create(shop, cust, [("JD-E-500", 3)])
    pay(shop, newer.id, "WX-NEW")
    assert older_paid.status == "awaiting_stock"

    clock.advance(timedelta(minutes=1))
    first = stock(shop, pid, 4)  # fewer than the 6 both need
    assert first.filled_orders == (older.id, newer.id)
    o, n = order_row(shop, older.id), order_row(shop, newer.id)
    assert o.status == "delivered"
    assert n.status == "awaiting_stock"
    assert len(keys_of_order(shop, older.id)) == 3
    assert len(keys_of_order(shop, newer.id)) == 1
    assert key_counts(shop, pid) == {"delivered": 4}

    second = stock(shop, pid, 5)
    assert second.filled_orders == (newer.id,)
    assert order_row(shop, newer.id).status == "delivered"
    assert key_counts(shop, pid) == {"delivered": 6, "available": 3}


def test_waiting_order_is_served_before_a_new_order(shop, cust):
    pid = add_product(shop, "CM-100", price_fen=9880)
    waiting = create(shop, cust, [("CM-100", 1)])
    pay(shop, waiting.id, "WX-W")
    stock(shop, pid, 1)
    assert order_row(shop, waiting.id).status == "delivered"
    late = create(shop, cust, [("CM-100", 1)])
    assert keys_of_order(shop, late.id) == {}


def test_waiting_orders_of_another_product_are_left_alone(shop, cust):
    a = add_product(shop, "A-1")
    add_product(shop, "B-1")
    order_b = create(shop, cust, [("B-1", 1)])
    pay(shop, order_b.id, "WX-B")
    result = stock(shop, a, 2)
    assert result.filled_orders == ()
    assert order_row(shop, order_b.id).status == "awaiting_stock"
    assert keys_of_order(shop, order_b.id) == {}


def test_reusable_product_delivers_its_one_secret_to_many_orders(shop, cust):
    pid = add_product(shop, "WIN-PRO", kind="reusable", keys=1, price_fen=3900)
    with shop.db.read() as s:
        the_key = s.execute(select(CardKey.id).where(CardKey.product_id == pid)).scalar_one()
    views = []
    for n in range(3):
        view = create(shop, cust, [("WIN-PRO", 2)])
        assert keys_of_order(shop, view.id) == {}  # nothing to hold
        views.append(pay(shop, view.id, f"ALI-R{n}").order)
    for view in views:
        assert view.status == "delivered"
        assert view.lines[0].delivered_qty == 2
        assert [k.id for k in view.delivered_keys] == [the_key]
    assert key_counts(shop, pid) == {"available": 1}  # still on sale
    with shop.db.read() as s:
        deliveries = s.execute(
            select(KeyEvent.order_id).where(KeyEvent.key_id == the_key, KeyEvent.kind == "delivered")
        ).scalars()
        assert sorted(deliveries) == sorted(v.id for v in views)


def test_reusable_product_takes_exactly_one_secret(shop):
    pid = add_product(shop, "OFFICE", kind="reusable")
    with refused(shop, InvalidInput, match="exactly one"):
        stock(shop, pid, 2)


def test_reusable_product_without_its_secret_waits(shop, cust):
    pid = add_product(shop, "WIN-HOME", kind="reusable")
    view = create(shop, cust, [("WIN-HOME", 1)])
    assert pay(shop, view.id, "ALI-RW").order.status == "awaiting_stock"
    assert stock(shop, pid, 1).filled_orders == (view.id,)
    assert order_row(shop, view.id).status == "delivered"


# --- unpaid timeout -----------------------------------------------------------------------------


def test_close_expired_closes_unpaid_orders_and_releases_their_keys(shop, cust, game):
    clock.freeze(T0)
    stale = create(shop, cust, [("QQB-10", 2)])
    held = set(keys_of_order(shop, stale.id))
    clock.advance(timedelta(minutes=10))
    fresh = create(shop, cust, [("QQB-10", 1)])
    paid = create(shop, cust, [("QQB-10", 1)])
    pay(shop, paid.id, "ALI-PAID")

    clock.advance(timedelta(minutes=4, seconds=59))
    with shop.db.write() as s:
        assert orders.close_expired(s) == []
    clock.advance(timedelta(seconds=1))  # exactly at the deadline
    with shop.db.write() as s:
        assert orders.close_expired(s) == [stale.id]

    closed = order_row(shop, stale.id)
    assert (closed.status, closed.payment_status) == ("closed", "unpaid")
    assert closed.closed_at == T0 + timedelta(minutes=15)
    with shop.db.read() as s:
        rows = s.execute(select(CardKey.status, CardKey.order_line_id).where(CardKey.id.in_(held))).all()
        released = s.execute(
            select(func.count()).where(KeyEvent.kind == "released", KeyEvent.order_id == stale.id)
        ).scalar_one()
    assert rows == [("available", None)] * 2
    assert released == 2
    assert order_row(shop, fresh.id).status == "pending_payment"
    assert order_row(shop, paid.id).status == "delivered"

    clock.advance(timedelta(minutes=10))
    with shop.db.write() as s:
        assert orders.close_expired(s) == [fresh.id]
    assert key_counts(shop, game) == {"available": 9, "delivered": 1}


def test_a_closed_order_refuses_payment(shop, cust, game):
    clock.freeze(T0)
    view = create(shop, cust, [("QQB-10", 1)])
    clock.advance(timedelta(hours=1))
    with shop.db.write() as s:
        orders.close_expired(s)
    with refused(shop, Conflict, match="closed"):
        pay(shop, view.id, "ALI-LATE")


def test_released_keys_go_to_the_next_order(shop, cust):
    add_product(shop, "ONE", keys=1)
    clock.freeze(T0)
    first = create(shop, cust, [("ONE", 1)])
    [key] = keys_of_order(shop, first.id)
    second = create(shop, cust, [("ONE", 1)])
    assert keys_of_order(shop, second.id) == {}
    clock.advance(timedelta(minutes=20))
    with shop.db.write() as s:
        orders.close_expired(s)
    third = create(shop, cust, [("ONE", 1)])
    assert set(keys_of_order(shop, third.id)) == {key}


@pytest.mark.parametrize("how", ["timeout", "closed by staff"])
def test_a_key_released_by_an_unpaid_order_goes_to_the_paid_order_waiting_for_it(shop, cust, how):
    pid = add_product(shop, "LAST-ONE", keys=1)
    clock.freeze(T0)
    holder = create(shop, cust, [("LAST-ONE", 1)])  # holds the only key, never pays
    [key] = keys_of_order(shop, holder.id)
    waiting = create(shop, cust, [("LAST-ONE", 1)])
    assert pay(shop, waiting.id, "ALI-WAIT").order.status == "awaiting_stock"
    clock.advance(timedelta(minutes=20))
    with shop.db.write() as s:
        if how == "timeout":
            assert orders.close_expired(s) == [holder.id]
        else:
            orders.close_order(s, holder.id, actor="t", reason="test")
    assert order_row(shop, waiting.id).status == "delivered"
    [(status, _line)] = keys_of_order(shop, waiting.id).values()
    assert (set(keys_of_order(shop, waiting.id)), status) == ({key}, "delivered")
    assert key_counts(shop, pid) == {"delivered": 1}


def test_only_unpaid_orders_can_be_closed(shop, cust, game):
    view = create(shop, cust, [("QQB-10", 1)])
    pay(shop, view.id, "ALI-C")
    with refused(shop, Conflict, match="delivered"), shop.db.write() as s:
        orders.close_order(s, view.id, actor="t", reason="test")


# --- complete -----------------------------------------------------------------------------------


def test_complete_only_from_delivered(shop, cust):
    pid = add_product(shop, "C-1", keys=1)
    pending = create(shop, cust, [("C-1", 1)])
    waiting = create(shop, cust, [("C-1", 1)])
    pay(shop, waiting.id, "ALI-W")  # no stock left: awaiting_stock
    for order_id, status in ((pending.id, "pending_payment"), (waiting.id, "awaiting_stock")):
        with refused(shop, Conflict, match=status), shop.db.write() as s:
            orders.complete_order(s, order_id, actor="t")
    pay(shop, pending.id, "ALI-P")
    with shop.db.write() as s:
        assert orders.complete_order(s, pending.id, actor="t").status == "completed"
    with pytest.raises(Conflict, match="completed"), shop.db.write() as s:
        orders.complete_order(s, pending.id, actor="t")
    with pytest.raises(NotFound), shop.db.write() as s:
        orders.complete_order(s, 99999, actor="t")
    stock(shop, pid, 1)
    assert order_row(shop, waiting.id).status == "delivered"


# --- the whole shop: no key twice, no key of another product --------------------------------------


def test_no_key_is_delivered_twice_or_to_another_product(shop):
    clock.freeze(T0)
    people = [add_customer(shop, f"c{i}", wallet_fen=100_000) for i in range(3)]
    products = {sku: add_product(shop, sku, keys=n, price_fen=100) for sku, n in (("P-A", 7), ("P-B", 4), ("P-C", 0))}
    made = []
    for n in range(24):
        sku = ("P-A", "P-B", "P-C")[n % 3]
        view = create(shop, people[n % 3], [(sku, 1 + n % 2)])
        made.append(view.id)
        clock.advance(timedelta(minutes=1))
        if n % 4 == 0:
            continue  # left unpaid
        if n % 4 == 1:
            pay(shop, view.id, method="wallet")
        else:
            pay(shop, view.id, f"T-{n}")
    clock.advance(timedelta(minutes=15))
    with shop.db.write() as s:
        assert len(orders.close_expired(s)) == 6
    for pid in products.values():
        stock(shop, pid, 5)

    with shop.db.read() as s:
        wrong_product = s.execute(
            text(
                "SELECT k.id FROM card_key k JOIN order_line l ON l.id = k.order_line_id "
                "WHERE k.status = 'delivered' AND l.product_id <> k.product_id"
            )
        ).all()
        twice = s.execute(
            text(
                "SELECT key_id FROM key_event WHERE kind = 'delivered' GROUP BY key_id HAVING COUNT(*) > 1 "
                "OR COUNT(DISTINCT order_id) > 1"
            )
        ).all()
        delivered = s.execute(select(func.count()).where(CardKey.status == "delivered")).scalar_one()
        events = s.execute(select(func.count()).where(KeyEvent.kind == "delivered")).scalar_one()
        line_total = s.execute(select(func.sum(OrderLine.delivered_qty))).scalar_one()
        statuses = dict(s.execute(select(Order.status, func.count()).group_by(Order.status)).all())
        payments = s.execute(select(func.count()).select_from(Payment)).scalar_one()
        sales = s.execute(select(func.count()).where(JournalEntry.kind == "sale")).scalar_one()
    assert wrong_product == []
    assert twice == []
    assert delivered == events == line_total > 0
    assert statuses.get("closed") == 6  # the unpaid ones timed out
    assert payments == sales == 18


def test_a_key_past_its_expiry_is_never_delivered_even_before_the_sweep(shop):
    from datetime import timedelta

    from shopdesk.services.catalog import products as catalog
    from shopdesk.services.catalog.products import ProductInput
    from shopdesk.services.common import clock
    from shopdesk.services.inventory import stock as inventory
    from shopdesk.services.money import customers
    from shopdesk.services.orders import selling as orders

    with shop.db.write() as s:
        product = catalog.add_product(s, ProductInput(sku="EXP-1", name="expiring", price_fen=500, kind="secret"))
        soon = clock.now() + timedelta(hours=1)
        inventory.add_keys(s, shop.vault, product.id, [(None, "OLD-KEY-000001")], actor="t", expires_at=soon)
        inventory.add_keys(s, shop.vault, product.id, [(None, "NEW-KEY-000002")], actor="t")
        customer = customers.add_customer(s, "买家")
    clock.advance(timedelta(hours=2))  # the first key is past its expiry; no sweep has run
    with shop.db.write() as s:
        order = orders.create_order(s, customer.id, [("EXP-1", 1)], actor="t")
        paid = orders.pay_order(s, order.id, method="alipay", trade_no="EXP-T-1", actor="t").order
    assert paid.status == "delivered"
    assert [k.masked_secret for k in paid.delivered_keys] == ["••••0002"]
