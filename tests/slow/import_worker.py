"""A large key import run as its own OS process, so that test_import_crash.py can kill it mid-transaction.

    python import_worker.py DATA_DIR SKU KEY_FILE

Prints `progress LINES_READ LINE_COUNT` (flushed) after every chunk the import has written inside its one
open transaction, then `done ACCEPTED` once it has committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.inventory.importing import ImportOptions, import_keys


def progress(done: int, total: int) -> bool:
    print(f"progress {done} {total}", flush=True)
    return True


def main(argv: list[str]) -> int:
    data_dir, sku, key_file = argv
    data = Path(key_file).read_bytes()
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            report = import_keys(
                s, app.vault, data, ImportOptions(sku=sku, supplier="crash test"), actor="worker", progress=progress
            )
        print(f"done {report.accepted}", flush=True)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
