"""Pay + deliver throughput with the hash chains against the same without them, in one run.

    python bench/chain.py [N]        (N orders per side, default 2000)

Both shops first get the same N unpaid orders (each holding one reserved key; not timed). Then each payment
is one write transaction through shopdesk.services.orders.record_payment (external payment, ledger entry,
payment row, delivery, audit events), as in bench/delivery.py's service side. One side appends every audit
event and journal entry to its hash chain (head locked and moved, HMAC over the row, its postings); the other
runs with `chain.ENABLED = False` (no links written: the rows stay pending, and its doctor still passes). The
sides run interleaved in rounds. The last line printed is `ratio X`, X = with-chain rate / without-chain rate.
"""

from __future__ import annotations

import sys
from pathlib import Path

import harness
from delivery import ServiceShop, prepare_shop

from shopdesk.services.common import chain


class Switched(ServiceShop):
    """The service side with the chains on or off for its own steps (the switch is module-wide)."""

    def __init__(self, data_dir: Path, unpaid: list[tuple[int, int]], *, chained: bool):
        super().__init__(data_dir, unpaid)
        self.chained = chained

    def step(self, i: int) -> None:
        chain.ENABLED = self.chained
        try:
            super().step(i)
        finally:
            chain.ENABLED = True


def main(argv: list[str] | None = None) -> int:
    n, warmup = harness.parse_n(__doc__, 2000, "orders", argv)
    with harness.temp_shops() as (with_dir, without_dir):
        _, with_unpaid = prepare_shop(with_dir, n + warmup)
        _, without_unpaid = prepare_shop(without_dir, n + warmup)
        with_seconds, without_seconds = harness.race_sides(
            Switched(with_dir, with_unpaid, chained=True),
            Switched(without_dir, without_unpaid, chained=False),
            n,
            warmup,
        )
        harness.check_shop(with_dir, "delivered", n + warmup)
        harness.check_shop(without_dir, "delivered", n + warmup)

    with_rate, without_rate = n / with_seconds, n / without_seconds
    print(f"payments: {n} per side (+{warmup} warm-up), each pay external + deliver in one transaction")
    print(f"with the chains:    {with_rate:9.1f} tx/s  ({with_seconds * 1000 / n:.3f} ms per payment)")
    print(f"without the chains: {without_rate:9.1f} tx/s  ({without_seconds * 1000 / n:.3f} ms per payment)")
    print(f"ratio {with_rate / without_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
