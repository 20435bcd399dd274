"""`shopdesk webhook …`: alerts off the desktop (a generic signed JSON POST, a 企业微信 group robot, a Telegram bot)."""

from __future__ import annotations

import asyncio

from shopdesk.cli.runtime import EXIT_FAILURE, EXIT_OK, listing, open_shop, read, write


def add_parsers(sub, leaf) -> None:
    from shopdesk.services.common.webhooks import EVENTS

    hook = sub.add_parser("webhook", help="webhooks: alerts sent to a URL, a 企业微信 robot or a Telegram bot")
    actions = hook.add_subparsers(dest="webhook_command", metavar="ACTION", required=True)
    p = leaf(actions, "add", cmd_add, "add a webhook (owner only); a generic hook's signing secret is printed once")
    p.add_argument("url", help="where to POST (http:// or https://)")
    p.add_argument("--kind", required=True, choices=["generic", "wecom", "telegram"])
    p.add_argument("--events", required=True, metavar="E1,E2", help="comma list of: " + ", ".join(EVENTS))
    leaf(actions, "list", cmd_list, "the webhooks (URLs masked, no secrets) and their deliveries")
    p = leaf(actions, "test", cmd_test, "send a test message to a webhook now and report the HTTP status")
    p.add_argument("id", type=int)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the answer (default 10)")
    p = leaf(actions, "remove", cmd_remove, "remove a webhook and what it has not sent yet (owner only)")
    p.add_argument("id", type=int)
    p = leaf(actions, "flush", cmd_flush, "send every queued webhook message that is due now")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (default 10)")


def cmd_add(args):
    from shopdesk.services.maintenance import webhooks

    added = write(
        args, lambda app, s: webhooks.add_hook(s, args.url, kind=args.kind, events=args.events, actor=app.actor)
    )
    payload = {"id": added.id, "url": added.url, "kind": added.kind, "events": list(added.events)}
    text = f"webhook {added.id} added: {added.kind} {added.url} ({', '.join(added.events)})"
    if added.secret is not None:
        payload["secret"] = added.secret
        text += (
            f"\nsigning secret (shown once): {added.secret}"
            "\nevery POST carries X-ShopDesk-Signature = hex HMAC-SHA256 of the body under this secret"
        )
    return EXIT_OK, payload, text


def _item(h) -> dict:
    return {
        "id": h.id,
        "url": h.url,
        "kind": h.kind,
        "events": list(h.events),
        "active": h.active,
        "created_at": h.created_at,
        "created_by": h.created_by,
        "pending": h.pending,
        "failed": h.failed,
        "sent": h.sent,
        "last_state": h.last_state,
        "last_at": h.last_at,
        "last_error": h.last_error,
    }


def _line(h) -> str:
    last = f"last {h.last_state} {h.last_at:%Y-%m-%d %H:%M} UTC" if h.last_state else "nothing sent yet"
    return (
        f"{h.id}  {h.kind:<8} {h.url}  [{', '.join(h.events)}]  "
        f"{h.sent} sent, {h.pending} pending, {h.failed} failed; {last}"
    )


def cmd_list(args):
    from shopdesk.services.maintenance import webhooks

    rows = read(args, lambda app, s: webhooks.list_hooks(s))
    return listing("webhooks", rows, _item, _line, empty="no webhooks (add one with `shopdesk webhook add`)")


def cmd_remove(args):
    from shopdesk.services.maintenance import webhooks

    dropped = write(args, lambda app, s: webhooks.remove_hook(s, args.id, actor=app.actor))
    return EXIT_OK, {"id": args.id, "removed": True, "dropped": dropped}, f"webhook {args.id} removed"


def _sender_run(args, work):
    """work(write, read) on a DB thread of its own, in an event loop: the way serve-api runs the sender."""
    from shopdesk.db.worker import DbWorker

    app = open_shop(args, unattended=True)
    if app.identity is None:
        app.act_as_system()
    worker = DbWorker(app.db)

    async def read_(fn, *a):
        return await worker.call(app.db.run, "read", fn, *a)

    try:
        return asyncio.run(work(worker.write, read_))
    finally:
        worker.close()
        app.close()


def cmd_test(args):
    from shopdesk.services.maintenance import webhook_sender

    outcome = _sender_run(args, lambda _write, read_: webhook_sender.send_test(read_, args.id, timeout=args.timeout))
    payload = {"id": args.id, "ok": outcome.ok, "status": outcome.status, "error": outcome.error}
    if outcome.ok:
        return EXIT_OK, payload, f"webhook {args.id}: test sent, HTTP {outcome.status}"
    return EXIT_FAILURE, payload, f"webhook {args.id}: test failed: {outcome.error}"


def cmd_flush(args):
    from shopdesk.services.maintenance import webhook_sender

    r = _sender_run(args, lambda write_, _read: webhook_sender.flush(write_, timeout=args.timeout))
    payload = {"sent": r.sent, "retrying": r.retrying, "failed": r.failed, "pending": r.pending, "gave_up": r.gave_up}
    text = f"{r.sent} sent, {r.retrying} to retry later, {r.failed} given up; {r.pending} pending, {r.gave_up} failed"
    return EXIT_OK, payload, text
