"""`shopdesk audit ...`: the audit trail, and whether its hash chains (audit events, journal entries) hold."""

from __future__ import annotations

import json

from shopdesk.cli.runtime import EXIT_FAILURE, EXIT_OK, listing, read


def add_parsers(sub, leaf) -> None:
    audit = sub.add_parser("audit", help="the audit trail and its hash chains").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    p = leaf(audit, "list", cmd_audit_list, "the latest audit events, newest first")
    p.add_argument("--limit", type=int, default=50, help="how many events (default 50)")
    leaf(
        audit,
        "verify",
        cmd_audit_verify,
        "recompute the hash chains of audit events and journal entries; exit 1 at the first broken link",
    )


def _event_json(e) -> dict:
    return {
        "id": e.id,
        "at": e.at.isoformat(),
        "actor": e.actor,
        "action": e.action,
        "subject": e.subject,
        "detail": e.detail,
    }


def cmd_audit_list(args):
    from shopdesk.cli.runtime import BadArguments
    from shopdesk.services.common import audit

    if not 1 <= args.limit <= 10_000:
        raise BadArguments("cli.limit_range")
    events = read(args, lambda app, s: audit.recent(s, limit=args.limit))
    return listing(
        "events",
        events,
        _event_json,
        lambda e: (
            f"{e.id:>6}  {e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<12} {e.action:<20} {e.subject}  "
            f"{json.dumps(e.detail, ensure_ascii=False)}"
        ),
        empty="no audit events",
    )


def cmd_audit_verify(args):
    from shopdesk.services.common import chain

    verdicts = read(args, lambda app, s: chain.verify_all(s))
    checked = sum(v.checked for v in verdicts)
    broken = next((v.broken for v in verdicts if v.broken is not None), None)
    payload = {
        "ok": broken is None,
        "checked": checked,
        "broken_at": None
        if broken is None
        else {"chain": broken.chain, "id": broken.id, "problem": broken.problem, "table": broken.table},
        "chains": {v.chain: {"checked": v.checked, "ok": v.ok} for v in verdicts},
    }
    if broken is None:
        return EXIT_OK, payload, f"audit verify: both chains hold ({checked} row(s) checked)"
    return (
        EXIT_FAILURE,
        payload,
        f"audit verify: the {broken.chain} chain is broken at {broken.detail} [{broken.problem}]",
    )
