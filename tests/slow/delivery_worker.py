"""One desktop's worth of load, run as its own OS process by test_concurrent_delivery.py (on the SQLite file,
or on the PostgreSQL database $SHOPDESK_DB_URL names).

    python delivery_worker.py DATA_DIR GO_FILE orders CUSTOMER_ID SKU PREFIX COUNT
    python delivery_worker.py DATA_DIR GO_FILE same-payment ORDER_ID TRADE_NO REPEAT

Signals readiness by creating DATA_DIR/ready-<pid>, waits for GO_FILE so both processes start together,
then prints one JSON line with what it did.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from workers import wait_for_go

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.errors import DatabaseBusy
from shopdesk.services.orders import selling as orders

BUSY_RETRIES = 4
busy_retries = 0


def write(app: ShopApp, action):
    """Run `action(session)` in one write transaction; a DatabaseBusy (nothing written) is retried.

    SQLite's busy handler is not fair: while one process commits back to back, the other can wait for
    seconds. A desktop would show "locked, retry"; the worker retries, and reports how often it had to.
    """
    global busy_retries
    for attempt in range(BUSY_RETRIES + 1):
        try:
            return app.db.run("write", action)  # PostgreSQL: a deadlock between the two is run again
        except DatabaseBusy:
            if attempt == BUSY_RETRIES:
                raise
            busy_retries += 1


def main(argv: list[str]) -> int:
    data_dir, go_file, mode, *args = argv
    app = ShopApp.open(load_config(data_dir))
    try:
        wait_for_go(Path(go_file), Path(data_dir), poll=0.005)
        started = time.perf_counter()
        began_at = time.time()
        if mode == "orders":
            out = run_orders(app, int(args[0]), args[1], args[2], int(args[3]))
        elif mode == "same-payment":
            out = run_same_payment(app, int(args[0]), args[1], int(args[2]))
        else:
            raise SystemExit(f"unknown mode {mode}")
        out["seconds"] = time.perf_counter() - started
        out["busy_retries"] = busy_retries
        out["window"] = [began_at, time.time()]
        print(json.dumps(out))
    finally:
        app.close()
    return 0


def run_orders(app: ShopApp, customer_id: int, sku: str, prefix: str, count: int) -> dict:
    """Create and pay `count` orders of one key each, every order in its own write transaction."""
    made, statuses, longest = [], {}, 0.0
    for n in range(count):
        began = time.perf_counter()

        def create_and_pay(s, n=n):
            view = orders.create_order(s, customer_id, [(sku, 1)], actor=prefix, source="simulator")
            result = orders.pay_order(s, view.id, method="external", trade_no=f"{prefix}-{n:05d}", actor=prefix)
            return view, result

        view, result = write(app, create_and_pay)
        longest = max(longest, time.perf_counter() - began)  # mostly waiting for the write lock
        made.append(view.id)
        statuses[result.order.status] = statuses.get(result.order.status, 0) + 1
        assert not result.replayed
    return {"orders": made, "statuses": statuses, "longest_wait": longest}


def run_same_payment(app: ShopApp, order_id: int, trade_no: str, repeat: int) -> dict:
    """Post the same gateway callback again and again, each in its own transaction."""
    fresh, replayed, keys = 0, 0, set()
    for _ in range(repeat):
        result = write(
            app, lambda s: orders.pay_order(s, order_id, method="external", trade_no=trade_no, actor="callback")
        )
        if result.replayed:
            replayed += 1
        else:
            fresh += 1
        keys.add(tuple(sorted(k.id for k in result.order.delivered_keys)))
    return {"fresh": fresh, "replayed": replayed, "key_sets": [list(k) for k in keys]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
