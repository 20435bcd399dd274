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
from delivery import ServiceShop, race_payments

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
    with_seconds, without_seconds = race_payments(
        n,
        warmup,
        lambda folder, _product, unpaid: Switched(folder, unpaid, chained=True),
        lambda folder, _product, unpaid: Switched(folder, unpaid, chained=False),
    )
    print(f"payments: {n} per side (+{warmup} warm-up), each pay external + deliver in one transaction")
    harness.report(n, with_seconds, without_seconds, "payment", ("with the chains", "without the chains"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
