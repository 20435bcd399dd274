"""Export a shop's keys and stall half-way, to be killed with -9 by test_export_crash.py.

    python export_worker.py DATA_DIR OUT_FILE

Prints "writing" once the first rows are in the temporary file, then waits to be killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workers import hook_rows

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.inventory import secrets


def main(data_dir: str, out: str) -> int:
    app = ShopApp.open(load_config(data_dir))

    def stall(row, inner):
        if row == 51:  # 50 rows are in the file
            inner.flush()
            print("writing", flush=True)
            time.sleep(600)

    secrets.write_keys = hook_rows(secrets, stall)
    secrets.export_to_path(app.db, app.vault, Path(out), actor="exporter", statuses=("available",))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
