"""One desktop's worth of load, run as its own OS process by test_concurrent_delivery.py.

    python delivery_worker.py DATA_DIR GO_FILE orders CUSTOMER_ID SKU PREFIX COUNT
    python delivery_worker.py DATA_DIR GO_FILE same-payment ORDER_ID TRADE_NO REPEAT

Signals readiness by creating DATA_DIR/ready-<pid>, waits for GO_FILE so both processes start together,
then prints one JSON line with what it did.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services import orders


def main(argv: list[str]) -> int:
    data_dir, go_file, mode, *args = argv
    app = ShopApp.open(load_config(data_dir))
    try:
        (Path(data_dir) / f"ready-{os.getpid()}").touch()
        deadline = time.monotonic() + 60
        while not Path(go_file).exists():
            if time.monotonic() > deadline:
                raise SystemExit("never told to go")
            time.sleep(0.005)
        started = time.perf_counter()
        if mode == "orders":
            out = run_orders(app, int(args[0]), args[1], args[2], int(args[3]))
        elif mode == "same-payment":
            out = run_same_payment(app, int(args[0]), args[1], int(args[2]))
        else:
            raise SystemExit(f"unknown mode {mode}")
        out["seconds"] = time.perf_counter() - started
        print(json.dumps(out))
    finally:
        app.close()
    return 0


def run_orders(app: ShopApp, customer_id: int, sku: str, prefix: str, count: int) -> dict:
    """Create and pay `count` orders of one key each, every order in its own write transaction."""
    made, statuses = [], {}
    for n in range(count):
        with app.db.write() as s:
            view = orders.create_order(s, customer_id, [(sku, 1)], actor=prefix, source="simulator")
            result = orders.pay_order(s, view.id, method="external", trade_no=f"{prefix}-{n:05d}", actor=prefix)
        made.append(view.id)
        statuses[result.order.status] = statuses.get(result.order.status, 0) + 1
        assert not result.replayed
    return {"orders": made, "statuses": statuses}


def run_same_payment(app: ShopApp, order_id: int, trade_no: str, repeat: int) -> dict:
    """Post the same gateway callback again and again, each in its own transaction."""
    fresh, replayed, keys = 0, 0, set()
    for _ in range(repeat):
        with app.db.write() as s:
            result = orders.pay_order(s, order_id, method="external", trade_no=trade_no, actor="callback")
        if result.replayed:
            replayed += 1
        else:
            fresh += 1
        keys.add(tuple(sorted(k.id for k in result.order.delivered_keys)))
    return {"fresh": fresh, "replayed": replayed, "key_sets": [list(k) for k in keys]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
