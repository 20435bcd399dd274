"""`shopdesk sop …`: the desk's SOP policies and the business calendars their clocks count in."""

from __future__ import annotations

from shopdesk.cli.runtime import EXIT_OK, listing, read, write


def add_parsers(sub, leaf) -> None:
    sop = sub.add_parser("sop", help="SOP policies and business calendars").add_subparsers(
        dest="sop_command", metavar="WHAT", required=True
    )
    calendar = sop.add_parser("calendar", help="business calendars (opening hours, holidays)").add_subparsers(
        dest="calendar_command", metavar="ACTION", required=True
    )
    p = leaf(calendar, "set", cmd_calendar_set, "create or change a business calendar (owner only)")
    p.add_argument("name")
    p.add_argument("--hours", help='weekly opening hours, e.g. "mon-fri 09:00-21:00, sat-sun 10:00-18:00"')
    p.add_argument("--holiday", action="append", default=[], metavar="YYYY-MM-DD", help="a day closed all day")
    p.add_argument(
        "--workday",
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="a make-up working day (调休): it opens with the Monday-Friday hours",
    )
    p.add_argument("--remove-day", action="append", default=[], metavar="YYYY-MM-DD", help="drop a holiday/workday")
    p.add_argument(
        "--china-holidays",
        type=int,
        metavar="YEAR",
        help="replace YEAR's days with mainland China's public holidays and make-up days (the holidays library)",
    )
    leaf(calendar, "list", cmd_calendar_list, "the business calendars")
    policy = sop.add_parser("policy", help="SOP targets per class and priority").add_subparsers(
        dest="policy_command", metavar="ACTION", required=True
    )
    p = leaf(policy, "set", cmd_policy_set, "write a new version of a policy (owner only; open cases keep theirs)")
    p.add_argument("--class", dest="resp_class", required=True, choices=["customer", "merchant", "system"])
    p.add_argument("--priority", required=True, choices=["normal", "high"])
    p.add_argument("--first-response", type=int, metavar="MIN", help="first-response target in minutes")
    p.add_argument("--resolution", type=int, metavar="MIN", help="resolution target in minutes")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--calendar", metavar="NAME", help="count only this calendar's open hours")
    group.add_argument("--no-calendar", action="store_true", help="count round the clock again")
    leaf(policy, "list", cmd_policy_list, "the policies in force")


def _calendar_json(c) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "hours": c.hours,
        "holidays": [d.day.isoformat() for d in c.days if d.kind == "holiday"],
        "workdays": [d.day.isoformat() for d in c.days if d.kind == "workday"],
        "updated_at": c.updated_at,
        "updated_by": c.updated_by,
    }


def _calendar_line(c) -> str:
    holidays = sum(d.kind == "holiday" for d in c.days)
    workdays = len(c.days) - holidays
    return f"{c.name}: {c.hours} ({holidays} holidays, {workdays} make-up working days)"


def cmd_calendar_set(args):
    from shopdesk.services.desk import calendar

    # Every date is read before the shop is opened: a bad one writes nothing.
    add = tuple(calendar.DayView(calendar.parse_day(t, "--holiday"), "holiday", "") for t in args.holiday)
    add += tuple(calendar.DayView(calendar.parse_day(t, "--workday"), "workday", "") for t in args.workday)
    remove = tuple(calendar.parse_day(t, "--remove-day") for t in args.remove_day)
    year = year_days = None
    if args.china_holidays is not None:
        year = calendar.check_year(args.china_holidays)
        year_days = tuple(calendar.china_days(year))

    view = write(
        args,
        lambda app, s: calendar.save_calendar(
            s,
            args.name,
            hours=args.hours,
            add_days=add,
            remove_days=remove,
            year=year,
            year_days=year_days,
            actor=app.actor,
        ),
    )
    return EXIT_OK, {"calendar": _calendar_json(view)}, _calendar_line(view)


def cmd_calendar_list(args):
    from shopdesk.services.desk import calendar

    rows = read(args, lambda app, s: calendar.calendars(s))
    return listing("calendars", rows, _calendar_json, _calendar_line)


def _policy_rows(s):
    from shopdesk.services.desk import calendar, sop

    names = {c.id: c.name for c in calendar.calendars(s)}
    return [(p, names.get(p.calendar_id)) for p in sop.policies(s)]


def _policy_json(pair) -> dict:
    p, calendar = pair
    return {
        "id": p.id,
        "class": p.resp_class,
        "priority": p.priority,
        "first_response_minutes": p.first_response_minutes,
        "resolution_minutes": p.resolution_minutes,
        "pause_states": list(p.pause_states),
        "calendar": calendar,
        "created_at": p.created_at,
    }


def _policy_line(pair) -> str:
    p, calendar = pair
    return (
        f"{p.resp_class}/{p.priority}: first response {p.first_response_minutes} min, resolution"
        f" {p.resolution_minutes} min, {'on ' + calendar if calendar else 'round the clock'}"
    )


def cmd_policy_set(args):
    from shopdesk.services.desk import sop

    def go(app, s):
        current = sop.policy_for(s, args.resp_class, args.priority)
        sop.save_policy(
            s,
            args.resp_class,
            args.priority,
            first_response_minutes=_given(args.first_response, current.first_response_minutes),
            resolution_minutes=_given(args.resolution, current.resolution_minutes),
            pause_states=current.pause_states,
            escalation=current.escalation,
            calendar_name=None if args.no_calendar else args.calendar if args.calendar is not None else ...,
            actor=app.actor,
        )
        return next(
            pair
            for pair in _policy_rows(s)
            if pair[0].resp_class == args.resp_class and pair[0].priority == args.priority
        )

    pair = write(args, go)
    return EXIT_OK, {"policy": _policy_json(pair)}, _policy_line(pair)


def _given(value, current):
    return current if value is None else value


def cmd_policy_list(args):
    rows = read(args, lambda app, s: _policy_rows(s))
    return listing("policies", rows, _policy_json, _policy_line)
