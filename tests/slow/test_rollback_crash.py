"""kill -9 in the middle of a large rollback: after a restart nothing of it is there, and running it again
applies all of it, once. Two OS processes resolving the same case at once: one wins, the other is told, and
the money moves once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from workers import finish, first_lines, kill_9, run_together, running, start

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.db.models import Account, CardKey, CaseEvent, JournalEntry, KeyEvent, Order, Refund
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.desk import cases, rollback
from shopdesk.services.desk import queue as case_queue
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from tests.helpers.snapshots import snapshot

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("rollback_worker.py")
KEYS = 5_000  # delivered to the one order that is rolled back
PRICE = 300


def state(app: ShopApp, order_id: int, case_id: int) -> dict:
    with app.db.read() as s:
        return {
            "order": tuple(
                s.execute(
                    select(Order.status, Order.payment_status, Order.refunded_fen).where(Order.id == order_id)
                ).one()
            ),
            "keys": dict(s.execute(select(CardKey.status, func.count()).group_by(CardKey.status)).all()),
            "case": case_queue.get_case(s, case_id).status,
            "key_events": s.execute(select(func.count()).where(KeyEvent.case_id == case_id)).scalar_one(),
            "refunds": s.execute(select(func.count()).where(Refund.case_id == case_id)).scalar_one(),
            "entries": s.execute(select(func.count()).where(JournalEntry.case_id == case_id)).scalar_one(),
            "wallets": dict(s.execute(select(Account.code, Account.balance_fen).where(Account.kind == "wallet")).all()),
        }


@pytest.fixture
def big_case(data_dir: Path):
    """One order holding KEYS delivered keys of a restock product, a case on it, and another order that waits
    for stock of the same product. Returns (order id, case id, waiting order id, customer id)."""
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            pid = catalog.add_product(
                s, ProductInput(sku="CRASH-1", name="Crash", price_fen=PRICE, kind="secret", rollback_policy="restock")
            ).id
            cid = customers.add_customer(s, "Crash customer").id
            other = customers.add_customer(s, "Waiting customer").id
            inventory.add_keys(s, app.vault, pid, [(None, f"CRASH-SECRET-{n:06d}") for n in range(KEYS)], actor="t")
        with app.db.write() as s:
            big = orders.create_order(s, cid, [("CRASH-1", KEYS)], actor="t").id
            orders.pay_order(s, big, method="external", trade_no="CRASH-PAY", actor="t")
            waiting = orders.create_order(s, other, [("CRASH-1", 2)], actor="t").id
            orders.pay_order(s, waiting, method="external", trade_no="WAIT-PAY", actor="t")
            case_id = cases.open_case(s, big, reason_code="key_used", actor="t", run_rules=False).id
        with app.db.read() as s:
            assert s.get(Order, big).status == "delivered"
            assert s.get(Order, waiting).status == "awaiting_stock"
    finally:
        app.close()
    return big, case_id, waiting, cid


@pytest.mark.parametrize("step", ["recall", "refund"])
def test_kill_9_mid_rollback_then_restart_and_run_it_again(data_dir: Path, big_case, step):
    big, case_id, waiting, cid = big_case
    app = ShopApp.open(load_config(data_dir))
    try:
        before_rows = snapshot(app)
        before = state(app, big, case_id)
    finally:
        app.close()
    assert before["keys"] == {"delivered": KEYS}

    pause = {"SHOPDESK_TEST_PAUSE_AFTER": step, "SHOPDESK_TEST_CACHE_PAGES": "8"}
    with running(WORKER, data_dir, case_id, env=pause) as proc:
        [line] = first_lines(proc, 1, timeout=120)
        assert line == ("paused recall 5000" if step == "recall" else f"paused refund {KEYS * PRICE}"), line
        kill_9(proc)
    if load_config(data_dir).is_sqlite:
        wal = data_dir / (DB_FILENAME + "-wal")
        # The killed transaction had spilled pages into the log: recovery has work to do.
        assert wal.exists() and wal.stat().st_size > 0
    # (On PostgreSQL the server rolls back the dead connection's transaction.)

    app = ShopApp.open(load_config(data_dir))
    try:
        assert snapshot(app) == before_rows  # nothing of the rollback
        with app.db.read() as s:
            assert run_checks(s) == []
    finally:
        app.close()

    # The desk tries again: all of it, at once.
    result = finish(start(WORKER, data_dir, case_id))
    assert result["ok"] and result["outcome"] == "cancelled"
    app = ShopApp.open(load_config(data_dir))
    try:
        after = state(app, big, case_id)
        assert after["order"] == ("cancelled", "refunded", KEYS * PRICE)
        assert after["keys"] == {"available": KEYS - 2, "delivered": 2}  # restocked; two went to the waiting order
        assert (after["case"], after["key_events"], after["refunds"], after["entries"]) == ("resolved", KEYS, 1, 1)
        with app.db.read() as s:
            assert s.get(Order, waiting).status == "delivered"
            assert run_checks(s) == []
        settled = snapshot(app)
        # and once: the rollback replays, resolving again is refused
        with app.db.write() as s:
            assert rollback.rollback(s, case_id, actor="t").replayed
        assert snapshot(app) == settled
    finally:
        app.close()
    again = finish(start(WORKER, data_dir, case_id))
    assert again == {"ok": False, "conflict": f"Case {case_id} is already resolved (cancelled)."}


def test_two_processes_resolve_the_same_case(data_dir: Path):
    rounds = 3
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            catalog.add_product(s, ProductInput(sku="RACE-1", name="Race", price_fen=PRICE, kind="secret"))
            pid = catalog.product_by_sku(s, "RACE-1").id
            cid = customers.add_customer(s, "Racer").id
            inventory.add_keys(s, app.vault, pid, [(None, f"RACE-{n:04d}") for n in range(50 * rounds)], actor="t")
        races = []
        for n in range(rounds):
            with app.db.write() as s:
                oid = orders.create_order(s, cid, [("RACE-1", 50)], actor="t").id
                orders.pay_order(s, oid, method="external", trade_no=f"RACE-PAY-{n}", actor="t")
                case_id = cases.open_case(s, oid, reason_code="key_used", actor="t", run_rules=False).id
            with app.db.read() as s:
                races.append((oid, case_id, case_queue.get_case(s, case_id).version))  # both desks read this version
    finally:
        app.close()

    for n, (_, case_id, version) in enumerate(races):
        go = data_dir / f"go-{n}"
        results, _ = run_together(WORKER, go, [[data_dir, case_id, version, go]] * 2)
        winners = [r for r in results if r["ok"]]
        losers = [r for r in results if not r["ok"]]
        assert len(winners) == 1 and len(losers) == 1, results
        assert losers[0]["conflict"] in (
            f"Case {case_id} is already resolved (cancelled).",
            f"Case {case_id} was changed by someone else (it is now resolved, cancelled, handled by "
            f"{winners[0]['assignee']}). Reload it and try again.",
        )

    app = ShopApp.open(load_config(data_dir))
    try:
        for oid, case_id, _ in races:
            got = state(app, oid, case_id)
            assert got["order"] == ("cancelled", "refunded", 50 * PRICE)
            assert (got["key_events"], got["refunds"], got["entries"]) == (50, 1, 1)
            with app.db.read() as s:
                resolved = s.execute(
                    select(func.count()).where(CaseEvent.case_id == case_id, CaseEvent.kind == "resolved")
                ).scalar_one()
            assert resolved == 1
        assert got["wallets"] == {f"wallet:{cid}": rounds * 50 * PRICE}  # money moved once per case
        assert got["keys"] == {"recalled": rounds * 50}
        with app.db.read() as s:
            assert run_checks(s) == []
    finally:
        app.close()
