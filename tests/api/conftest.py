"""Fixtures for the intake API tests: the real IntakeServer on 127.0.0.1, a signed HTTP client, stock.

The server runs on its own asyncio loop in a background thread (as `shopdesk serve-api` runs it on the
main one), its database work on a DbWorker: the tests talk to it over real loopback sockets with
http.client, from the test's thread or from other OS processes.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from shopdesk.app import ShopApp
from shopdesk.db.worker import DbWorker
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.storefront import intake, signing
from shopdesk.services.storefront.server import IntakeServer
from tests.helpers.snapshots import snapshot as every_row

SKU = "GAME-QB-100"
PRICE_FEN = 1250  # "12.50"
STOCK = 30


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class ApiClient:
    """Signs and sends requests to the running server, the way a storefront does (or deliberately not)."""

    host: str
    port: int
    secret: str
    timeout: float = 30.0
    sent: list[tuple[str, str]] = field(default_factory=list)
    signed: set[str] = field(default_factory=set)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | dict | list | str | None = None,
        *,
        key: str | bytes | None | bool = True,
        stamp: int | str | None = None,
        signature: str | bytes | None = None,
        secret: str | None = None,
        sign: bool = True,
        headers: dict[str, str | bytes] | None = None,
    ) -> Response:
        """Send one request. `body` as bytes goes out verbatim; anything else is JSON-encoded.

        Signed (v2) with the shop's secret at the server's 'now' (clock.now(), this process) unless `stamp`,
        `signature`, `secret` or `sign=False` say otherwise. A POST gets a fresh Idempotency-Key unless `key`
        names one (`key=None`: none at all). Like a real storefront, the client never sends one signature twice
        by accident: a second identical request is stamped a second later (pass `stamp` to replay on purpose)."""
        raw = body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        out: dict[str, str | bytes] = {"Content-Type": "application/json"}
        if key is True:
            key = f"test-{uuid.uuid4().hex}" if method == "POST" else None
        if key is not None and key is not False:
            out[signing.IDEMPOTENCY_HEADER] = key
        if sign:
            # The key as the server reads the header: UTF-8 (undecodable bytes kept as surrogates), without the
            # optional whitespace around a header value.
            signed_key = (key.decode("utf-8", "surrogateescape") if isinstance(key, bytes) else (key or "")).strip(
                " \t"
            )
            base = int(clock.now().timestamp()) if stamp is None else stamp
            at, sig = str(base), None
            for bump in range(60):
                at = str(base if stamp is not None else int(base) + bump)
                sig = signing.sign(secret or self.secret, at, method, path, signed_key, raw)
                if stamp is not None or signature is not None or sig not in self.signed:
                    break
            self.signed.add(sig)
            out[signing.TIMESTAMP_HEADER] = at
            out[signing.SIGNATURE_HEADER] = signature if signature is not None else sig
        out.update(headers or {})
        self.sent.append((method, path))
        con = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            con.putrequest(method, path, skip_accept_encoding=True)
            for name, value in out.items():
                con.putheader(name, value)
            con.putheader("Content-Length", str(len(raw)))
            con.endheaders()
            try:
                if raw:
                    con.send(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered (413) before reading the whole body: read that answer
            resp = con.getresponse()
            return Response(resp.status, resp.read(), {k.lower(): v for k, v in resp.getheaders()})
        finally:
            con.close()

    def post(self, path: str, body: Any = None, **kw) -> Response:
        return self.request("POST", path, body, **kw)

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, None, **kw)


class RunningServer:
    """IntakeServer + DbWorker on a private event loop in a daemon thread."""

    def __init__(self, app: ShopApp, *, host: str = "127.0.0.1", backoff_max: float = 0.0, **options):
        self.app = app
        self.worker = DbWorker(app.db)
        self.loop = asyncio.new_event_loop()
        self.handled: list[tuple[str, int]] = []
        self.server = IntakeServer(
            self.worker.write,
            app.vault,
            host=host,
            port=0,
            on_handled=lambda name, status, _took: self.handled.append((name, status)),
            # The suites send thousands of bad signatures on purpose; the back-off has tests of its own.
            backoff_max=backoff_max,
            **options,
        )
        self._thread = threading.Thread(target=self.loop.run_forever, name="intake-test-loop", daemon=True)
        self._thread.start()
        self.port = self._call(self.server.start())

    def client(self, secret: str) -> ApiClient:
        return ApiClient("127.0.0.1", self.port, secret)

    def _call(self, coro, timeout: float = 30.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        try:
            self._call(self.server.stop())
            self._call(self.loop.shutdown_asyncgens())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(30)
            self.loop.close()
            self.worker.close()


@contextmanager
def running_server(app: ShopApp, **options) -> Iterator[RunningServer]:
    """A RunningServer for the length of the block."""
    server = RunningServer(app, **options)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def stocked(shop) -> int:
    """One product (12.50 yuan) with STOCK keys; returns its id."""
    with shop.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku=SKU, name="QB 100", price_fen=PRICE_FEN)).id
        inventory.add_keys(
            s, shop.vault, pid, [(f"CARD-{n:04d}", f"SECRET-{n:04d}-XYZ") for n in range(STOCK)], actor="t"
        )
    return pid


@pytest.fixture
def server(shop, stocked) -> Iterator[RunningServer]:
    with running_server(shop) as running:
        yield running
    # Whatever a test sent, the server never answered with a 5xx.
    assert not [h for h in running.handled if h[1] >= 500], running.handled


@pytest.fixture
def secret(shop) -> str:
    with shop.db.write() as s:
        return intake.api_secret(s)


@pytest.fixture
def client(server, secret) -> ApiClient:
    return server.client(secret)


@pytest.fixture
def snapshot(shop):
    """snapshot() -> every row of every table, to prove a refused request wrote nothing at all."""

    def take(*, signatures: bool = False) -> dict[str, list[tuple]]:
        # A refused request still consumes its signature (so it cannot be sent again): the replay guard's table
        # is left out unless asked for; every table of the shop itself is compared.
        return every_row(shop, leave_out=() if signatures else ("api_signature",))

    return take


@pytest.fixture
def changes(snapshot):
    """changes(before) -> {table: rows added or changed} since the snapshot `before`."""

    def diff(before: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
        after = snapshot()
        return {t: [r for r in rows if r not in before[t]] for t, rows in after.items() if rows != before[t]}

    return diff


@pytest.fixture
def refused(client, snapshot):
    """refused(method, path, body, status, **kw) -> the error body; asserts the status and that nothing changed."""

    def send(method: str, path: str, body, status: int, **kw) -> dict:
        before = snapshot()
        resp = client.request(method, path, body, **kw)
        assert resp.status == status, resp.body
        error = resp.json()
        assert isinstance(error["error"], str) and error["error"]
        assert snapshot() == before, "a refused request wrote something"
        return error

    return send


def new_order(n: int | str = 1, *, quantity: int = 1, contact: str = "wx:buyer") -> dict:
    return {
        "external_id": f"S-{n}",
        "customer": {"name": "张伟", "contact": contact},
        "lines": [{"sku": SKU, "quantity": quantity}],
    }


@pytest.fixture
def order_body():
    return new_order


@pytest.fixture
def make_order(client):
    """make_order(n, quantity=1) -> the 201 body of a new storefront order."""

    def create(n: int | str = 1, *, quantity: int = 1) -> dict:
        resp = client.post("/v1/orders", new_order(n, quantity=quantity))
        assert resp.status == 201, resp.body
        return resp.json()

    return create
