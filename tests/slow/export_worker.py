"""Export a shop's keys and stall half-way, to be killed with -9 by test_export_crash.py.

    python export_worker.py DATA_DIR OUT_FILE

Prints "writing" once the first rows are in the temporary file, then waits to be killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.inventory import secrets


def main(data_dir: str, out: str) -> int:
    app = ShopApp.open(load_config(data_dir))
    real = secrets.write_keys

    def stalling(session, vault, fh, spec):
        class Stall:
            def __init__(self, inner):
                self.inner, self.rows = inner, 0

            def write(self, text):
                self.inner.write(text)
                self.rows += 1
                if self.rows == 50:
                    self.inner.flush()
                    print("writing", flush=True)
                    time.sleep(600)
                return len(text)

        return real(session, vault, Stall(fh), spec)

    secrets.write_keys = stalling
    secrets.export_to_path(app.db, app.vault, Path(out), actor="exporter", statuses=("available",))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
