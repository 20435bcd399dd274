"""One storefront's worth of repeated payment callbacks, run as its own OS process by
test_api_concurrent_payment.py.

    python api_payment_worker.py BASE_URL SECRET ORDER_ID TRADE_NO AMOUNT REPEAT GO_FILE

Signals readiness by creating GO_FILE's folder/ready-<pid>, waits for GO_FILE so both processes start
together, then sends REPEAT signed copies of the same payment all at once (each its own connection) and
prints one JSON line: every status, how many were fresh / replayed, and the distinct order bodies seen.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import aiohttp
from workers import wait_for_go

from shopdesk.services.storefront.simulator import StorefrontClient


async def run(url: str, secret: str, order_id: int, trade_no: str, amount: str, repeat: int, go: Path) -> dict:
    payload = {"trade_no": trade_no, "amount": amount, "method": "alipay"}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=True)) as session:
        client = StorefrontClient(url, secret, session)
        wait_for_go(go, go.parent, poll=0.002)  # nothing else runs on the loop yet: blocking it costs nothing
        began = time.time()
        results = await asyncio.gather(
            # each copy its own gateway notification (its own Idempotency-Key), all for the same trade number
            *(
                client.request("POST", f"/v1/orders/{order_id}/payments", payload, key=f"cb-{os.getpid()}-{i}")
                for i in range(repeat)
            )
        )
        ended = time.time()
    bodies = {json.dumps({k: v for k, v in body.items() if k != "replayed"}, sort_keys=True) for _, body in results}
    return {
        "statuses": [status for status, _ in results],
        "fresh": sum(1 for _, body in results if body.get("replayed") is False),
        "replayed": sum(1 for _, body in results if body.get("replayed") is True),
        "bodies": sorted(bodies),
        "window": [began, ended],
    }


def main(argv: list[str]) -> int:
    url, secret, order_id, trade_no, amount, repeat, go = argv
    out = asyncio.run(run(url, secret, int(order_id), trade_no, amount, int(repeat), Path(go)))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
