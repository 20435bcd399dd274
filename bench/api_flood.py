"""A signed storefront's latency alone, and under a flood of badly signed requests from 200 connections.

    python bench/api_flood.py [--requests 200] [--connections 200] [--background-load K]

Runs the real `shopdesk serve-api` on a temporary shop (its own process), then from this process a signed
client sending GET /v1/orders/{id} one after another (each one consumes its signature: one write transaction).
First alone, then while another process keeps `--connections` connections busy sending POSTs with a bad
signature as fast as the server answers them. Prints p50 / p95 of both and the flood's request rate; the last
line is `ratio X` = alone p95 / flooded p95 (target >= 0.5: junk costs the shop a hash, never a transaction).
With --background-load K the whole run is made twice, quiet and then with K processes burning CPU beside it,
each under its `== quiet ==` / `== background load: ... ==` heading.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import add_background_load, background_load, condition_header, conditions

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.storefront import intake, signing

SKU = "FLOOD-10"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stock_shop(data_dir: Path) -> str:
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            pid = catalog.add_product(s, catalog.ProductInput(sku=SKU, name="Flood", price_fen=500, kind="secret")).id
            inventory.add_keys(s, app.vault, pid, [(None, f"FLOOD-KEY-{i:06d}") for i in range(50)], actor="bench")
            return intake.api_secret(s)
    finally:
        app.close()


def signed(port: int, secret: str, method: str, path: str, payload: dict | None = None, key: str | None = None):
    body = b"" if payload is None else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", **signing.signed_headers(secret, method, path, body, key=key)}
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        con.request(method, path, body=body or None, headers=headers)
        resp = con.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        con.close()


_sent = 0


def latencies(port: int, secret: str, path: str, n: int) -> list[float]:
    global _sent
    out = []
    for _ in range(n):
        _sent += 1
        where = f"{path}?n={_sent}"  # the query is signed too: every request its own signature
        started = time.perf_counter()
        headers = signing.signed_headers(secret, "GET", where, b"")
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            con.request("GET", where, headers=headers)
            resp = con.getresponse()
            resp.read()
            assert resp.status == 200, resp.status
        finally:
            con.close()
        out.append(time.perf_counter() - started)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- the flood, in a process of its own -----------------------------------------------------------------


async def _flood(port: int, connections: int, duration: float) -> int:
    sent = 0
    body = b'{"external_id": "junk"}'
    stop = time.monotonic() + duration

    async def one() -> None:
        nonlocal sent
        while time.monotonic() < stop:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                request = (
                    f"POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    f"Idempotency-Key: junk\r\nX-ShopDesk-Timestamp: {int(time.time())}\r\n"
                    f"X-ShopDesk-Signature: {'0' * 64}\r\nContent-Length: {len(body)}\r\n\r\n"
                ).encode() + body
                writer.write(request)
                await writer.drain()
                await reader.read()  # the server closes after a refused signature
                sent += 1
                writer.close()
            except OSError:
                await asyncio.sleep(0.01)

    await asyncio.gather(*(one() for _ in range(connections)))
    return sent


def flood_worker(port: int, connections: int, duration: float) -> None:
    sent = asyncio.run(_flood(port, connections, duration))
    print(json.dumps({"sent": sent, "duration": duration}), flush=True)


# --- the run --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--flood-worker", nargs=3, metavar=("PORT", "CONNECTIONS", "SECONDS"), help=argparse.SUPPRESS)
    add_background_load(parser)
    args = parser.parse_args()
    if args.flood_worker:
        port, connections, duration = args.flood_worker
        flood_worker(int(port), int(connections), float(duration))
        return 0
    for label, load in conditions(args.background_load):
        if args.background_load:
            condition_header(label)
        with background_load(load):
            run(args)
    return 0


def run(args: argparse.Namespace) -> None:
    """One whole run on a fresh shop and server: alone, then flooded; prints its lines."""
    root = Path(tempfile.mkdtemp(prefix="shopdesk-flood-"))
    server = None
    try:
        data_dir = root / "shop"
        secret = stock_shop(data_dir)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "shopdesk", "--data-dir", str(data_dir), "serve-api", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        assert "intake API on" in server.stderr.readline()
        status, order = signed(
            port,
            secret,
            "POST",
            "/v1/orders",
            {"external_id": "F-1", "customer": {"name": "张伟"}, "lines": [{"sku": SKU, "quantity": 1}]},
            key="flood-order",
        )
        assert status == 201, order
        path = f"/v1/orders/{order['id']}"
        latencies(port, secret, path, 20)  # warm up
        alone = latencies(port, secret, path, args.requests)

        duration = 3.0 + args.requests * 0.05
        flooder = subprocess.Popen(
            [sys.executable, __file__, "--flood-worker", str(port), str(args.connections), str(duration)],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # let every flood connection get going
        started = time.monotonic()
        flooded = latencies(port, secret, path, args.requests)
        took = time.monotonic() - started
        flood = json.loads(flooder.communicate(timeout=duration + 60)[0])
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        shutil.rmtree(root, ignore_errors=True)

    a50, a95 = percentile(alone, 50) * 1000, percentile(alone, 95) * 1000
    f50, f95 = percentile(flooded, 50) * 1000, percentile(flooded, 95) * 1000
    print(f"signed client, {args.requests} GETs one after another (each consumes its signature: one transaction)")
    print(f"alone:   p50 {a50:.1f} ms, p95 {a95:.1f} ms, mean {statistics.mean(alone) * 1000:.1f} ms")
    print(
        f"flooded: p50 {f50:.1f} ms, p95 {f95:.1f} ms, mean {statistics.mean(flooded) * 1000:.1f} ms "
        f"({args.requests} requests in {took:.1f} s)"
    )
    print(
        f"flood: {args.connections} connections, {flood['sent']} bad-signature requests answered in "
        f"{flood['duration']:.0f} s ({flood['sent'] / flood['duration']:.0f}/s)"
    )
    print(f"ratio {a95 / f95:.2f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
