"""The storefront's HTTP API (aiohttp) on 127.0.0.1: routes, status codes, JSON errors.

Runs on whatever asyncio loop is current (qasync in the GUI, plain asyncio for `shopdesk serve-api`); every
request's database work goes through `run_write` to the single DB thread.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from aiohttp import web

from shopdesk.db.errors import DatabaseProblem
from shopdesk.services import intake, orders
from shopdesk.services.errors import Conflict, InvalidInput, NotFound, PaymentRefused, ShopError
from shopdesk.services.vault import Vault

log = logging.getLogger(__name__)
RunWrite = Callable[..., Awaitable[Any]]
LINGERING_S = 1.0


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
    raise InvalidInput(
        f"--host {host}: the intake API listens on loopback only (127.0.0.1, ::1 or localhost).", field="host"
    )


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
    ):
        self._run_write, self._vault = run_write, vault
        self.host, self.port = check_loopback(host), port
        self._actor = actor
        self._on_handled = on_handled
        self._runner: web.AppRunner | None = None
        self.app = self._build()

    def _build(self) -> web.Application:
        app = web.Application(client_max_size=intake.MAX_BODY_BYTES)
        app.router.add_post("/v1/orders", self._route("create_order"))
        app.router.add_post("/v1/orders/{id}/payments", self._route("pay"))
        app.router.add_post("/v1/orders/{id}/cancel-requests", self._route("cancel_request"))
        app.router.add_get("/v1/orders/{id}", self._route("order_status"))
        app.router.add_get("/v1/openapi.json", self._openapi)
        return app

    async def start(self) -> int:
        """Listen; returns the port (useful with port 0 in tests)."""
        # lingering_time: after answering 413 aiohttp keeps reading the unread body for this long, even once the
        # client has gone (aiohttp issue #1800), and stop() waits for it; the client is on this machine.
        self._runner = web.AppRunner(self.app, access_log=None, lingering_time=LINGERING_S)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _error(413, f"The body is larger than {intake.MAX_BODY_BYTES // 1024} KB.")
        incoming = intake.ApiRequestIn(request.method, request.path, dict(request.headers), body)
        try:
            status, payload = await self._run_write(
                intake.handle, self._vault, incoming, name, dict(request.match_info), actor=self._actor
            )
        except intake.ApiError as exc:
            return _error(exc.status, exc.message, exc.field)
        except PaymentRefused as refused:
            await self._run_write(orders.flag_unmatched_payment, refused, actor=self._actor)
            return _error(409, refused.message, refused.field, flagged_for_refund=True)
        except NotFound as exc:
            return _error(404, exc.message, exc.field)
        except Conflict as exc:
            return _error(409, exc.message, exc.field)
        except ShopError as exc:
            return _error(400, exc.message, exc.field)
        except DatabaseProblem as exc:
            return _error(503, exc.message)
        except Exception:  # a bug: logged in full, the storefront gets a plain 500
            log.exception("intake %s failed", name)
            return _error(500, "Internal error; the shop has logged it.")
        return web.json_response(payload, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def _error(status: int, message: str, field: str | None = None, **extra) -> web.Response:
    body = {"error": message, "field": field, **extra}
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))
