"""Appends audit events and wallet top-ups as one desktop would, run as its own OS process by
test_concurrent_chain.py.

    python chain_worker.py DATA_DIR GO_FILE TAG CUSTOMER_ID COUNT

Signals readiness (DATA_DIR/ready-<pid>), waits for GO_FILE so the processes start together, then writes COUNT
transactions (an audit event, and every third one a top-up: a journal entry and its event) and prints one JSON
line.
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
from shopdesk.services.common import audit
from shopdesk.services.money import customers


def main(argv: list[str]) -> int:
    data_dir, go_file, tag, customer_id, count = argv
    app = ShopApp.open(load_config(data_dir))
    retries = 0

    def write_one(s, n: int) -> None:
        audit.record(s, actor=tag, action="test.race", subject=f"{tag}:{n}")
        if n % 3 == 0:
            customers.topup(s, int(customer_id), 100, idempotency_key=f"{tag}-{n}", actor=tag)

    try:
        wait_for_go(Path(go_file), Path(data_dir), poll=0.005)
        for n in range(int(count)):
            for _attempt in range(5):
                try:
                    app.db.run("write", write_one, n)  # PostgreSQL: a deadlock is run again
                    break
                except DatabaseBusy:
                    retries += 1
            else:
                raise SystemExit("the database stayed busy")
            time.sleep(0.002)  # as a person's desktop does between writes: the others get the lock in between
        print(json.dumps({"tag": tag, "written": int(count), "busy_retries": retries}))
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
