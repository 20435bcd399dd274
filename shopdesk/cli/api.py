"""`shopdesk serve-api`, `shopdesk api secret`, `shopdesk simulate`: the storefront side of the shop."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from shopdesk.cli.runtime import EXIT_OK, BadArguments, open_shop, write
from shopdesk.services.common.errors import InvalidInput


def add_parsers(sub, leaf) -> None:
    p = leaf(sub, "serve-api", cmd_serve_api, "run the storefront intake API headless (127.0.0.1)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, help="default: the shop's setting api.port (8765)")
    p.add_argument("--duration", type=float, help=argparse_hidden())
    api = sub.add_parser("api", help="the storefront API's secret").add_subparsers(
        dest="api_command", metavar="ACTION", required=True
    )
    p = leaf(api, "secret", cmd_api_secret, "print the secret the storefront signs requests with")
    p.add_argument("--rotate", action="store_true", help="make a new secret (the old one stops working)")
    p = leaf(sub, "simulate", cmd_simulate, "play a storefront: signed orders, payments, cancellations")
    p.add_argument("--rate", type=float, default=2.0, help="new orders per second (default 2)")
    p.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    p.add_argument("--url", help="API address (default http://127.0.0.1:<api.port>)")
    p.add_argument("--seed", type=int)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def cmd_api_secret(args):
    from shopdesk.services.storefront import intake

    if args.rotate:
        secret = write(args, lambda app, s: intake.rotate_secret(s, actor=app.actor))
    else:
        secret = write(args, lambda app, s: intake.api_secret(s))
    return EXIT_OK, {"secret": secret, "rotated": bool(args.rotate)}, secret


def cmd_serve_api(args):
    from shopdesk.db.worker import DbWorker
    from shopdesk.services.common import settings
    from shopdesk.services.storefront import intake
    from shopdesk.services.storefront.server import IntakeServer, check_loopback

    check_loopback(args.host)
    app = open_shop(args, unattended=True)  # a desktop allowed to run unattended needs no login
    app.hold_open()  # no restore under a running server
    if app.identity is None:
        app.act_as_system()
    worker = DbWorker(app.db)

    async def serve() -> int:
        port = args.port
        if port is None:
            port = await worker.write(lambda s: settings.value(s, "api.port"))
        if not 0 <= port <= 65535:
            raise InvalidInput("api.port_invalid", port=port)
        await worker.write(intake.api_secret)
        server = IntakeServer(worker.write, app.vault, host=args.host, port=port)
        try:
            bound = await server.start()
        except OSError as exc:
            raise InvalidInput("api.port_busy", host=args.host, port=port, why=exc.strerror) from None
        print(f"ShopDesk intake API on http://{args.host}:{bound}/v1 (Ctrl+C stops it)", file=sys.stderr, flush=True)
        logging.getLogger("shopdesk").info("intake API listening on http://%s:%s/v1", args.host, bound)
        follower = asyncio.create_task(_follow_settings(worker, app.db.engine, server))
        sender = asyncio.create_task(_send_webhooks(worker, app.db))
        backups = asyncio.create_task(_auto_backups(app))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            if args.duration:
                await asyncio.wait_for(stop.wait(), timeout=args.duration)
            else:
                await stop.wait()
        except TimeoutError:
            pass
        finally:
            follower.cancel()
            sender.cancel()
            backups.cancel()
            await server.stop()
        return bound

    try:
        bound = asyncio.run(serve())
    finally:
        worker.close()
        app.close()
    return EXIT_OK, {"stopped": True, "port": bound}, "intake API stopped"


async def _send_webhooks(worker, db, every: float = 15.0) -> None:
    """The webhook outbox goes out from here too while the server runs (services/maintenance/webhook_sender)."""
    from shopdesk.services.maintenance import webhook_sender

    async def read(fn, *a):
        return await worker.call(db.run, "read", fn, *a)

    watch = webhook_sender.AnomalyWatch(worker.write, read)
    await webhook_sender.run_forever(worker.write, read, every=every, extra=watch)


async def _auto_backups(app, every: float = 3600.0) -> None:
    """The daily automatic backup, looked for at start and then hourly; it runs in a thread of its own."""
    import logging

    from shopdesk.services.maintenance import backup

    while True:
        try:
            await asyncio.to_thread(backup.run_due, app)
        except Exception:  # noqa: BLE001 - recorded as backup.last_error (and told); the server goes on
            logging.getLogger(__name__).exception("automatic backup failed")
        await asyncio.sleep(every)


async def _follow_settings(worker, engine, server, every: float = 0.5) -> None:
    """A secret rotated on any desktop reaches this server through the change feed."""
    from shopdesk.services.common.outbox import ChangeReader

    reader = await worker.call(ChangeReader, engine)
    try:
        while True:
            await asyncio.sleep(every)
            changes = await worker.call(reader.poll)
            if any(c.topic == "setting" for c in changes):
                await server.reload_secret()
    finally:
        await worker.call(reader.close)


def cmd_simulate(args):
    from shopdesk.services.common import settings
    from shopdesk.services.storefront import intake
    from shopdesk.services.storefront.simulator import simulate, stocked_products

    if not 0 < args.rate <= 200:
        raise BadArguments("simulate.rate_range")
    if not 0 < args.duration <= 24 * 3600:
        raise BadArguments("simulate.duration_range")

    def setup(app, s):
        return intake.api_secret(s), settings.value(s, "api.port"), stocked_products(s)

    secret, port, skus = write(args, setup)
    if not skus:
        raise BadArguments("simulate.no_stock")
    url = args.url or f"http://127.0.0.1:{port}"
    stats = asyncio.run(simulate(url, secret, skus, rate=args.rate, duration=args.duration, seed=args.seed))
    if stats.orders == 0 and stats.errors:
        raise BadArguments("simulate.api_unreachable", url=url, error=stats.errors[0])
    payload = {k: v for k, v in stats.__dict__.items() if k != "latencies"} | {"errors": stats.errors[:20]}
    text = (
        f"sent {stats.orders} orders, {stats.payments} payments ({stats.late_payments} late, "
        f"{stats.duplicate_callbacks} repeated callbacks), {stats.unpaid} left unpaid, "
        f"{stats.cancel_requests} cancellation requests; {len(stats.errors)} errors"
    )
    return EXIT_OK, payload, text
