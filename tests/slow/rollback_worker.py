"""A desk resolving a case as `cancelled` (the rollback), run as its own OS process by test_rollback_crash.py.

    python rollback_worker.py DATA_DIR CASE_ID [VERSION [GO_FILE]]

Resolves the case in one write transaction (with VERSION as the version the desk read, if given) and prints
one JSON line: {"ok": true, "refunded": ...} or {"ok": false, "conflict": "..."}.

With GO_FILE it first creates DATA_DIR/ready-<pid> and waits for GO_FILE, so two workers start together.

Test hook, in this script only: SHOPDESK_TEST_PAUSE_AFTER=recall|refund makes the worker print
`paused <step>` and sleep inside the open transaction right after the rollback recalled the keys (or posted the
refund), so the test can kill it there. SHOPDESK_TEST_CACHE_PAGES shrinks SQLite's page cache so that the
open transaction spills its pages into the WAL before it is killed (recovery then has something to discard).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from workers import wait_for_go

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.common.errors import Conflict
from shopdesk.services.desk import cases, rollback


def pause(step: str) -> None:
    print(f"paused {step}", flush=True)
    time.sleep(600)  # killed long before this ends


# step -> (the rollback function it pauses after, what its result shows in the `paused` line)
PAUSE_AFTER = {
    "recall": ("_recall_keys", lambda recalled: sum(recalled.values())),
    "refund": ("_refund", lambda refunded: refunded),
}


def install_hook(step: str) -> None:
    if step not in PAUSE_AFTER:
        raise SystemExit(f"unknown pause step {step!r}")
    name, shown = PAUSE_AFTER[step]
    original = getattr(rollback, name)

    def then_pause(*args, **kwargs):
        result = original(*args, **kwargs)
        pause(f"{step} {shown(result)}")
        return result

    setattr(rollback, name, then_pause)


def main(argv: list[str]) -> int:
    data_dir, case_id, *rest = argv
    version = int(rest[0]) if rest and rest[0] != "-" else None
    go_file = Path(rest[1]) if len(rest) > 1 else None
    if os.environ.get("SHOPDESK_TEST_PAUSE_AFTER"):
        install_hook(os.environ["SHOPDESK_TEST_PAUSE_AFTER"])
    app = ShopApp.open(load_config(data_dir))
    try:
        if go_file is not None:
            wait_for_go(go_file, Path(data_dir), poll=0.002)
        try:
            with app.db.write() as s:
                pages = os.environ.get("SHOPDESK_TEST_CACHE_PAGES")
                if pages and app.config.is_sqlite:  # SQLite spills pages into its WAL early (PostgreSQL: no such knob)
                    s.connection().exec_driver_sql(f"PRAGMA cache_size = {int(pages)}")
                view = cases.resolve(s, int(case_id), "cancelled", actor=f"worker-{os.getpid()}", version=version)
                out = {"ok": True, "outcome": view.outcome, "assignee": view.assignee, "events": len(view.events)}
        except Conflict as exc:
            out = {"ok": False, "conflict": exc.message}
        print(json.dumps(out), flush=True)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
