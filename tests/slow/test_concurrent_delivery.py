"""Two OS processes deliver from one shop (the SQLite file, or the PostgreSQL database): no key is ever delivered
twice, no payment counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from workers import run_together

from shopdesk.db.models import CardKey, JournalEntry, KeyEvent, Order, Payment
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from tests.helpers import pg

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("delivery_worker.py")
PER_PROCESS = 2_000
PER_PROCESS_PG = 500  # a server round trip per statement: a quarter of the orders still keeps both racing throughout


def per_process() -> int:
    return PER_PROCESS_PG if pg.ACTIVE else PER_PROCESS


def run_pair(data_dir: Path, args_a: list[str], args_b: list[str]) -> tuple[dict, dict, float]:
    """Start both workers, let them open the shop, then release them together; returns their reports."""
    go = data_dir / "go"
    (a, b), elapsed = run_together(WORKER, go, [[data_dir, go, *args_a], [data_dir, go, *args_b]])
    return a, b, elapsed


@pytest.fixture
def stocked(shop):
    keys = 2 * per_process()
    with shop.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku="RACE-1", name="Race", price_fen=990, kind="code+secret")).id
        cid = customers.add_customer(s, "Racer").id
        inventory.add_keys(
            s, shop.vault, pid, [(f"NO-{n:05d}", f"RACE-SECRET-{n:05d}") for n in range(keys)], actor="t"
        )
    return pid, cid


def test_two_processes_deliver_the_same_product(shop, stocked, record_property):
    pid, cid = stocked
    per = per_process()
    keys = 2 * per
    a, b, elapsed = run_pair(
        shop.config.data_dir,
        ["orders", str(cid), "RACE-1", "A", str(per)],
        ["orders", str(cid), "RACE-1", "B", str(per)],
    )
    owner = sorted([(i, "A") for i in a["orders"]] + [(i, "B") for i in b["orders"]])
    switches = sum(1 for x, y in zip(owner, owner[1:], strict=False) if x[1] != y[1])
    record_property("concurrent_delivery_seconds", round(elapsed, 2))
    print(
        f"\n2 x {per} orders: {elapsed:.1f} s (A {a['seconds']:.1f} s, B {b['seconds']:.1f} s), "
        f"{switches} hand-overs of the write lock between the processes, "
        f"longest transaction incl. lock wait {max(a['longest_wait'], b['longest_wait']):.2f} s, "
        f"{a['busy_retries'] + b['busy_retries']} DatabaseBusy retries"
    )

    assert a["statuses"] == b["statuses"] == {"delivered": per}
    assert len(set(a["orders"]) | set(b["orders"])) == keys
    # They really ran at the same time, competing for the write lock and the same keys.
    assert a["window"][0] < b["window"][1] and b["window"][0] < a["window"][1]

    with shop.db.read() as s:
        by_status = dict(
            s.execute(
                select(CardKey.status, func.count()).where(CardKey.product_id == pid).group_by(CardKey.status)
            ).all()
        )
        lines_per_key = s.execute(
            text(
                "SELECT COUNT(*), COUNT(DISTINCT order_line_id) FROM card_key "
                "WHERE status = 'delivered' AND order_line_id IS NOT NULL"
            )
        ).one()
        events_per_key = s.execute(
            text(
                "SELECT MIN(n), MAX(n), COUNT(*) FROM (SELECT COUNT(*) AS n FROM key_event "
                "WHERE kind = 'delivered' GROUP BY key_id) AS per_key"
            )
        ).one()
        wrong_order = s.execute(
            text(
                "SELECT COUNT(*) FROM key_event e JOIN card_key k ON k.id = e.key_id "
                "JOIN order_line l ON l.id = k.order_line_id WHERE e.kind = 'delivered' AND e.order_id <> l.order_id"
            )
        ).scalar_one()
        order_statuses = dict(s.execute(select(Order.status, func.count()).group_by(Order.status)).all())
        payments = s.execute(select(func.count()).select_from(Payment)).scalar_one()
        sales = s.execute(select(func.count()).where(JournalEntry.kind == "sale")).scalar_one()
        revenue = s.execute(text("SELECT balance_fen FROM account WHERE code = 'revenue'")).scalar_one()
    assert by_status == {"delivered": keys}
    assert tuple(lines_per_key) == (keys, keys)  # each delivered key on its own order line
    assert tuple(events_per_key) == (1, 1, keys)  # each key delivered exactly once
    assert wrong_order == 0
    assert order_statuses == {"delivered": keys}
    assert payments == sales == keys
    assert revenue == keys * 990
    # doctor runs when the `shop` fixture ends


def test_two_processes_post_the_same_payment(shop, stocked):
    pid, cid = stocked
    with shop.db.write() as s:
        order = orders.create_order(s, cid, [("RACE-1", 3)], actor="t")
    a, b, _ = run_pair(
        shop.config.data_dir,
        ["same-payment", str(order.id), "GW-SAME-1", "50"],
        ["same-payment", str(order.id), "GW-SAME-1", "50"],
    )
    assert a["fresh"] + b["fresh"] == 1
    assert a["replayed"] + b["replayed"] == 99
    assert a["key_sets"] == b["key_sets"]
    [key_set] = a["key_sets"]
    assert len(key_set) == 3

    with shop.db.read() as s:
        payments = s.execute(select(Payment.order_id, Payment.trade_no, Payment.amount_fen)).all()
        entries = s.execute(select(JournalEntry.id).where(JournalEntry.order_id == order.id)).scalars().all()
        delivered = s.execute(
            select(CardKey.id).where(CardKey.product_id == pid, CardKey.status == "delivered").order_by(CardKey.id)
        ).scalars()
        delivered = list(delivered)
        events = s.execute(select(func.count()).where(KeyEvent.kind == "delivered")).scalar_one()
        status = s.execute(select(Order.status, Order.paid_fen).where(Order.id == order.id)).one()
    assert payments == [(order.id, "GW-SAME-1", 3 * 990)]
    assert len(entries) == 1
    assert delivered == key_set
    assert events == 3
    assert tuple(status) == ("delivered", 3 * 990)
