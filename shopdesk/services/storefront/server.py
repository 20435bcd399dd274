"""The storefront's HTTP API (aiohttp) on 127.0.0.1: routes, status codes, JSON errors, and a guard at the door.

Runs on whatever asyncio loop is current (qasync in the GUI, plain asyncio for `shopdesk serve-api`). A request
is checked on the loop — signature, timestamp, replay, Idempotency-Key, content type — with the secret held in
memory; only a request that passes reaches the single DB thread (`run_write`). So junk costs the shop a hash,
never a transaction: a slow or half-sent request is cut off after HEADER_TIMEOUT_S, the number of connections is
capped, and a source that keeps sending bad signatures waits longer for each refusal.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from aiohttp import web
from aiohttp.web_runner import BaseSite

from shopdesk.db.errors import DatabaseProblem
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault
from shopdesk.services.desk import suggestions
from shopdesk.services.storefront import intake, signing

log = logging.getLogger(__name__)
RunWrite = Callable[..., Awaitable[Any]]
LINGERING_S = 1.0
HEADER_TIMEOUT_S = 10.0  # from a request's first byte to its last header (and for its body, once more)
KEEPALIVE_S = 15.0  # an idle kept-alive connection is closed after this long
MAX_CONNECTIONS = 512
SECRET_RELOAD_S = 1.0  # a signature that does not match makes the server re-read the secret at most this often
BACKOFF_WINDOW_S = 10.0
BACKOFF_MAX_S = 2.0


def openapi_document() -> dict:
    return json.loads(resources.files("shopdesk").joinpath("openapi.json").read_text(encoding="utf-8"))


def check_loopback(host: str) -> str:
    """The API listens on this machine only: refuse any address that is not loopback."""
    if host == "localhost":
        return host
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise InvalidInput("api.host_not_loopback", host=host)


class IntakeServer:
    def __init__(
        self,
        run_write: RunWrite,
        vault: Vault,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        actor: str = "storefront",
        on_handled: Callable[[str, int, float], None] | None = None,
        max_connections: int = MAX_CONNECTIONS,
        header_timeout: float = HEADER_TIMEOUT_S,
        backoff_max: float = BACKOFF_MAX_S,
    ):
        self._run_write, self._vault = run_write, vault
        self.host, self.port = check_loopback(host), port
        self._actor = actor
        self._on_handled = on_handled
        self._runner: web.AppRunner | None = None
        self._site: _GuardedSite | None = None
        self._secret: str | None = None
        self._secret_read_at = 0.0
        self._guard = signing.ReplayGuard()
        self._bad: dict[str, deque[float]] = {}
        self._backoff_max = backoff_max
        self.back_offs: deque[float] = deque(maxlen=100)  # the last refusals' waits, in seconds (newest last)
        self.doors = _Doors(max_connections, header_timeout)
        self.app = self._build()

    def _build(self) -> web.Application:
        app = web.Application(client_max_size=signing.MAX_BODY_BYTES, middlewares=[_json_errors])
        app.router.add_post("/v1/orders", self._route("create_order"))
        app.router.add_post("/v1/orders/{id}/payments", self._route("pay"))
        app.router.add_post("/v1/orders/{id}/cancel-requests", self._route("cancel_request"))
        app.router.add_get("/v1/orders/{id}", self._route("order_status"))
        app.router.add_get("/v1/openapi.json", self._openapi)
        return app

    async def start(self) -> int:
        """Read the secret and the signatures still in their window, then listen; returns the port (port 0 picks
        a free one, for tests). The AI track warms up on a thread of its own meanwhile: the first cancel request
        with only the customer's words must not train the seed model inside the writer's transaction."""
        suggestions.warm_up_in_background()
        self._secret = await self._run_write(intake.api_secret)
        self._secret_read_at = time.monotonic()
        self._guard = signing.ReplayGuard(await self._run_write(signing.recent_signatures))
        # lingering_time: after answering 413 aiohttp keeps reading the unread body for this long, even once the
        # client has gone (aiohttp issue #1800), and stop() waits for it; the client is on this machine.
        self._runner = web.AppRunner(
            self.app, access_log=None, lingering_time=LINGERING_S, keepalive_timeout=KEEPALIVE_S
        )
        await self._runner.setup()
        self._site = _GuardedSite(self._runner, self.host, self.port, self.doors)
        await self._site.start()
        self.port = self._site.bound_port
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            self.doors.close_all()
            await self._runner.cleanup()
            self._runner = None

    async def reload_secret(self) -> None:
        """The secret was rotated (the change feed said so, or a signature did not match): read it again."""
        self._secret_read_at = time.monotonic()
        self._secret = await self._run_write(intake.api_secret)

    async def _openapi(self, request: web.Request) -> web.Response:
        return web.json_response(openapi_document())

    def _route(self, name: str):
        async def handler(request: web.Request) -> web.Response:
            started = time.monotonic()
            response = await self._handle(name, request)
            if self._on_handled is not None:
                self._on_handled(name, response.status, time.monotonic() - started)
            return response

        return handler

    async def _handle(self, name: str, request: web.Request) -> web.Response:
        if request.method == "POST" and request.content_type != "application/json":
            return _error(
                415,
                f"Send the body as JSON with Content-Type: application/json (got {request.content_type or 'none'}).",
                code="unsupported_media_type",
            )
        try:
            body = await asyncio.wait_for(request.read(), HEADER_TIMEOUT_S)
        except web.HTTPRequestEntityTooLarge:
            return _error(413, f"The body is larger than {signing.MAX_BODY_BYTES // 1024} KB.", code="too_large")
        except TimeoutError:
            return _error(408, f"The body did not arrive within {HEADER_TIMEOUT_S:.0f} s.", code="timeout", close=True)
        incoming = signing.ApiRequestIn(request.method, request.raw_path, dict(request.headers), body)
        try:
            verified = await self._verify(incoming)
            self._guard.claim(verified)
        except signing.ApiError as exc:
            if exc.code in ("bad_signature", "old_signature_scheme", "unsigned"):
                await self._back_off(request)
                return _error(exc.status, exc.message, code=exc.code, field=exc.field, close=True)
            return _error(exc.status, exc.message, code=exc.code, field=exc.field)
        try:
            status, payload = await self._run_write(
                intake.handle, self._vault, incoming, verified, name, dict(request.match_info), actor=self._actor
            )
        except signing.ApiError as exc:  # the signature was taken by another process on this database
            return _error(exc.status, exc.message, code=exc.code, field=exc.field)
        except DatabaseProblem as exc:
            self._guard.release(verified)
            return _error(503, exc.message, code="unavailable")
        except Exception:  # a bug: logged in full, the storefront gets a plain 500
            self._guard.release(verified)
            log.exception("intake %s failed", name)
            return _error(500, "Internal error; the shop has logged it.", code="internal")
        return web.json_response(payload, status=status, dumps=_dumps)

    async def _verify(self, incoming: signing.ApiRequestIn) -> signing.Verified:
        try:
            return signing.verify(self._secret or "", incoming)
        except signing.ApiError as exc:
            # A rotation on another desktop reaches this server through the change feed; a storefront that already
            # signs with the new secret gets in at once, at the cost of one read a second at most.
            if exc.code != "bad_signature" or time.monotonic() - self._secret_read_at < SECRET_RELOAD_S:
                raise
        await self.reload_secret()
        return signing.verify(self._secret or "", incoming)

    async def _back_off(self, request: web.Request) -> None:
        """Each recent bad signature from the same address makes the next refusal wait longer (up to 2 s): a
        flood of junk ties up its own connections, not the loop, and a signed request never waits."""
        source = request.remote or "?"
        now = time.monotonic()
        recent = self._bad.setdefault(source, deque())
        while recent and now - recent[0] > BACKOFF_WINDOW_S:
            recent.popleft()
        recent.append(now)
        if len(self._bad) > 1000:
            self._bad = {k: v for k, v in self._bad.items() if v and now - v[-1] < BACKOFF_WINDOW_S}
        delay = min(self._backoff_max, 0.002 * 2 ** min(len(recent), 12))
        self.back_offs.append(delay)
        if delay >= 0.01:
            await asyncio.sleep(delay)


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _error(
    status: int, message: str, *, code: str, field: str | None = None, close: bool = False, **extra
) -> web.Response:
    _, body = signing.error_body(status, message, code=code, field=field, **extra)
    response = web.json_response(body, status=status, dumps=_dumps)
    if close:
        response.force_close()
    return response


_HTTP_CODES = {404: "no_route", 405: "method_not_allowed", 413: "too_large"}


@web.middleware
async def _json_errors(request: web.Request, handler):
    """aiohttp's own refusals (unknown route, wrong method) answer in JSON like every other error."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        messages = {
            404: f"No such endpoint: {request.method} {request.path}. The API is described at /v1/openapi.json.",
            405: f"{request.method} is not allowed on {request.path}.",
        }
        response = _error(
            exc.status,
            messages.get(exc.status, exc.reason),
            code=_HTTP_CODES.get(exc.status, "http_error"),
        )
        if exc.status == 405 and "Allow" in exc.headers:
            response.headers["Allow"] = exc.headers["Allow"]
        return response


# --- the door: connection cap and header timeout ------------------------------------------------------------


class _Doors:
    """Counts open connections and cuts off those that do not finish a request's headers in time."""

    def __init__(self, limit: int, header_timeout: float):
        self.limit, self.header_timeout = limit, header_timeout
        self.open: set[_GuardedProtocol] = set()
        self.refused = 0
        self.timed_out = 0

    def close_all(self) -> None:
        for proto in list(self.open):
            proto.abort()


class _GuardedProtocol(asyncio.Protocol):
    """Wraps aiohttp's protocol: a request must reach the end of its headers within the timeout of its first
    byte (and a new connection must start one within the timeout), else the connection is closed."""

    def __init__(self, inner: asyncio.Protocol, doors: _Doors, loop: asyncio.AbstractEventLoop):
        self._inner, self._doors, self._loop = inner, doors, loop
        self._transport: asyncio.Transport | None = None
        self._deadline: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._admitted = False

    def connection_made(self, transport) -> None:
        self._transport = transport
        if len(self._doors.open) >= self._doors.limit:
            self._doors.refused += 1
            transport.abort()
            return
        self._admitted = True
        self._doors.open.add(self)
        self._arm()
        self._inner.connection_made(transport)

    def _arm(self) -> None:
        self._deadline = self._loop.time() + self._doors.header_timeout
        if self._timer is None:
            self._timer = self._loop.call_at(self._deadline, self._check)

    def _check(self) -> None:
        self._timer = None
        if self._deadline is None or self._transport is None:
            return
        if self._loop.time() >= self._deadline:
            self._doors.timed_out += 1
            self.abort()
        else:
            self._timer = self._loop.call_at(self._deadline, self._check)

    def data_received(self, data: bytes) -> None:
        if self._deadline is None:
            self._arm()  # the first byte of a new request on a kept-alive connection
        before = getattr(self._inner, "_request_count", 0)
        self._inner.data_received(data)
        if getattr(self._inner, "_request_count", 0) != before:
            self._deadline = None  # its headers are complete

    def eof_received(self):
        return self._inner.eof_received()

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()

    def connection_lost(self, exc) -> None:
        self._doors.open.discard(self)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._deadline = None
        self._transport = None
        if self._admitted:
            self._inner.connection_lost(exc)

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()


class _GuardedSite(BaseSite):
    """A TCP site whose connections go through the door."""

    __slots__ = ("_host", "_port", "_doors", "bound_port")

    def __init__(self, runner: web.AppRunner, host: str, port: int, doors: _Doors):
        super().__init__(runner, backlog=1024)
        self._host, self._port, self._doors = host, port, doors
        self.bound_port = port

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self.bound_port}"

    async def start(self) -> None:
        await super().start()
        # the loop set for this thread: a task Qt steps between two runs of a qasync loop (a signal's slot) has
        # no *running* loop to ask for, and the server would not start
        loop = asyncio.get_event_loop()
        server = self._runner.server
        assert server is not None
        self._server = await loop.create_server(
            lambda: _GuardedProtocol(server(), self._doors, loop), self._host, self._port, backlog=self._backlog
        )
        self.bound_port = self._server.sockets[0].getsockname()[1]
