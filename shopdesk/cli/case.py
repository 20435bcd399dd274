"""`shopdesk case …` and `shopdesk key check`: the after-sales desk, headless."""

from __future__ import annotations

from shopdesk.cli.runtime import EXIT_OK, fields, listing, read, write
from shopdesk.services.common import notes
from shopdesk.services.common.money import parse_yuan


def add_parsers(sub, leaf) -> None:
    case = sub.add_parser("case", help="after-sales cases").add_subparsers(
        dest="case_command", metavar="ACTION", required=True
    )
    p = leaf(case, "open", cmd_case_open, "open a case on an order (the rule track may settle it at once)")
    p.add_argument("order_id", type=int)
    p.add_argument("--class", dest="resp_class", choices=["customer", "merchant", "system"])
    p.add_argument("--reason", required=True, help="reason code, e.g. changed_mind, key_invalid")
    p.add_argument("--priority", choices=["normal", "high"], default="normal")
    p.add_argument("--note", default="")
    p = leaf(case, "list", cmd_case_list, "the queue, nearest deadline first")
    p.add_argument("--open", action="store_true", help="only open cases")
    p = leaf(case, "show", cmd_case_show, "a case with its deadlines and events")
    p.add_argument("id", type=int)
    p = leaf(case, "resolve", cmd_case_resolve, "resolve a case (cancelled rolls the order back)")
    p.add_argument("id", type=int)
    p.add_argument("--outcome", required=True, choices=["cancelled", "retained", "replaced", "rejected"])
    p.add_argument("--refund", choices=["wallet", "external"], default="wallet")
    p.add_argument("--amount", help="refund only this much (yuan); default: all that is left")
    p.add_argument("--compensation", help="compensation credit in yuan (merchant or system fault)")
    p.add_argument("--reason", dest="rejection", default="", help="why it is rejected (for --outcome rejected)")
    p.add_argument("--note", default="")
    p.add_argument(
        "--dry-run", action="store_true", help="show what resolving would do (keys, refund, coupons), write nothing"
    )


def _case_json(v) -> dict:
    return {
        **fields(
            v,
            "id order_id order_number customer_id customer=customer_name class=resp_class reason_code priority status"
            " outcome assignee opened_at first_response_due resolution_due first_responded_at resolved_at"
            " rejection_reason version",
        ),
        "clock": {
            "target": v.clock.target,
            "due": v.clock.due,
            "seconds_left": v.clock.seconds_left,
            "colour": v.clock.colour,
        },
        "events": [
            {
                "at": e.at,
                "kind": e.kind,
                "actor": e.actor,
                "rule": e.rule,
                "from": e.from_status,
                "to": e.to_status,
                "note": notes.english(e.note),
            }
            for e in v.events
        ],
    }


def _case_text(v) -> str:
    lines = [
        f"case {v.id} on order {v.order_number} ({v.customer_name}): {v.status}"
        + (f" / {v.outcome}" if v.outcome else "")
        + f", {v.resp_class}/{v.reason_code}, {v.priority}"
    ]
    if v.clock.due:
        left = int(v.clock.seconds_left or 0)
        lines.append(
            f"  {v.clock.target.replace('_', ' ')} due {v.clock.due.astimezone():%Y-%m-%d %H:%M} "
            f"({'overdue by ' if left < 0 else ''}{abs(left) // 60} min {abs(left) % 60} s"
            f"{' left' if left >= 0 else ''}, {v.clock.colour})"
        )
    lines += [
        f"  {e.at.astimezone():%m-%d %H:%M:%S} {e.kind}"
        + (f" [{e.rule}]" if e.rule else "")
        + f" by {e.actor}"
        + (f": {notes.english(e.note)}" if e.note else "")
        for e in v.events
    ]
    return "\n".join(lines)


def cmd_case_open(args):
    from shopdesk.services.desk import cases
    from shopdesk.services.desk import queue as case_queue

    def go(app, s):
        opened = cases.open_case(
            s,
            args.order_id,
            reason_code=args.reason,
            resp_class=args.resp_class,
            priority=args.priority,
            note=args.note,
            actor=app.actor,
        )
        return case_queue.get_case(s, opened.id)

    view = write(args, go)
    return EXIT_OK, _case_json(view), _case_text(view)


def cmd_case_list(args):
    from shopdesk.services.desk import queue as case_queue

    rows = read(args, lambda app, s: case_queue.list_cases(s, open_only=args.open, limit=1000))
    return listing(
        "cases",
        rows,
        "id order_id order_number customer=customer_name class=resp_class reason_code priority status outcome"
        " assignee first_response_due resolution_due",
        lambda r: (
            f"{r.id:>5}  {r.order_number}  {r.status:<16} {r.outcome or '':<9} {r.resp_class}/{r.reason_code}"
            f"  {r.customer_name}"
        ),
    )


def cmd_case_show(args):
    from shopdesk.services.desk import queue as case_queue

    view = read(args, lambda app, s: case_queue.get_case(s, args.id))
    return EXIT_OK, _case_json(view), _case_text(view)


def cmd_case_resolve(args):
    from shopdesk.services.desk import cases

    refund_fen = parse_yuan(args.amount, field="amount", allow_zero=True) if args.amount else None
    compensation = parse_yuan(args.compensation, field="compensation") if args.compensation else 0
    if args.dry_run:
        from shopdesk.services.desk import resolve_plan

        plan = read(
            args,
            lambda app, s: resolve_plan.preview_resolution(
                s, args.id, args.outcome, refund=args.refund, refund_fen=refund_fen, compensation_fen=compensation
            ),
        )
        return EXIT_OK, resolve_plan.preview_json(plan), _preview_text(plan)
    view = write(
        args,
        lambda app, s: cases.resolve(
            s,
            args.id,
            args.outcome,
            actor=app.actor,
            refund=args.refund,
            refund_fen=refund_fen,
            compensation_fen=compensation,
            rejection_reason=args.rejection,
            note=args.note,
        ),
    )
    return EXIT_OK, _case_json(view), _case_text(view)


def _preview_text(plan) -> str:
    from shopdesk.services.common.money import format_yuan

    head = f"case {plan.case_id} on order {plan.order_number}: resolving as {plan.outcome} would"
    if not plan.rolls_back:
        why = "it was rolled back already" if plan.already_rolled_back else "the outcome does not cancel"
        return f"{head} roll nothing back ({why}); nothing was written"
    lines = [head + (" close the unpaid order" if plan.close_unpaid else ":")]
    for k in plan.keys:
        card = f"{k.card_no} " if k.card_no else ""
        lines.append(f"  recall key {k.key_id} ({k.sku}, {card}{k.secret}) -> {k.to} ({k.policy})")
    if not plan.close_unpaid and not plan.keys:
        lines.append("  recall no keys")
    refund = f"  refund {format_yuan(plan.refund_fen)}" + (f" to {plan.refund_to}" if plan.refund_to else "")
    lines.append(refund)
    lines += [f"  restore coupon {c.code} ({format_yuan(c.discount_fen)})" for c in plan.coupons]
    if plan.compensation_fen:
        lines.append(f"  compensation {format_yuan(plan.compensation_fen)} to the wallet")
    if plan.credit_before != plan.credit_after:
        lines.append(f"  credit level {plan.credit_before} -> {plan.credit_after}")
    lines.append("(dry run: nothing was written)")
    return "\n".join(lines)
