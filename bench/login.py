"""Logging in: the argon2id cost a person waits for and an attacker pays for every guess, in one run.

    python bench/login.py [N]        (N logins, default 10)

A shop with an owner (ShopApp.protect); then N logins through ShopApp.login, each the passphrase check
(argon2id, PasswordHasher) and the opening of the user's copy of the wrapping key (argon2id again, its own
salt) and of the data key, plus the login's audit event — what the GUI's login dialog and every CLI run wait for.
Target 0.2-0.5 s: slow for an attacker, quick for a person. Also: one wrong guess, which costs the same.

Then the hash chain's cost on pay + deliver (bench/chain.py, run here with --orders): the last line printed is
`ratio X`, X = pay+deliver with the chains / without (target >= 0.9).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import chain as chain_bench  # bench/chain.py

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.common.access import NotLoggedIn
from shopdesk.services.staff import wraps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10, help="logins to time (default 10)")
    parser.add_argument("--orders", type=int, default=2000, help="payments per side for the chain's cost")
    options = parser.parse_args(argv)
    n = options.n
    with tempfile.TemporaryDirectory(prefix="shopdesk-bench-login-") as tmp:
        app = ShopApp.open(load_config(Path(tmp)))
        try:
            app.protect("boss", "a passphrase for the bench")
            times = []
            for _ in range(n):
                app.logout()
                start = time.perf_counter()
                app.login("boss", "a passphrase for the bench")
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            try:
                app.login("boss", "a wrong guess")
            except NotLoggedIn:
                pass
            wrong = time.perf_counter() - start
        finally:
            app.close()
    kdf = wraps.KDF
    memory = kdf["memory_cost"] // 1024
    print(f"argon2id: time_cost {kdf['time_cost']}, memory {memory} MiB, lanes {kdf['parallelism']}")
    median, low, high = statistics.median(times), min(times), max(times)
    print(f"login: median {median:.3f} s, min {low:.3f} s, max {high:.3f} s ({n} logins)")
    print(f"a wrong guess: {wrong:.3f} s")
    sys.stdout.flush()
    return chain_bench.main([str(options.orders)])


if __name__ == "__main__":
    sys.exit(main())
