"""`shopdesk changes follow`: the shop's change feed as it commits, for integrations and for checking it by hand."""

from __future__ import annotations

import json
import signal

from shopdesk.cli.runtime import EXIT_OK, open_shop


def add_parsers(sub, leaf) -> None:
    changes = sub.add_parser("changes", help="the change feed").add_subparsers(
        dest="changes_command", metavar="ACTION", required=True
    )
    p = leaf(changes, "follow", cmd_changes_follow, "print each change as it commits, until interrupted (Ctrl+C)")
    p.add_argument("--after", type=int, help="start after this change id (0: from the first; default: from now)")
    p.add_argument(
        "--every", type=float, default=0.25, help="seconds between looks (default 0.25; a PostgreSQL commit wakes it)"
    )


def cmd_changes_follow(args):
    """One line per change, in id order, each once (a change committed late is still printed); with --json one
    object per line: {"id", "topic", "entity_id", "at"}. SIGINT or SIGTERM stops it (exit 0)."""
    from shopdesk.services.common.outbox import ChangeReader

    app = open_shop(args)
    stopping = []
    # Both signals only ask the loop to end: an interrupt inside the driver's wait for NOTIFY would leave it
    # cancelling a query that is not there.
    previous = {sig: signal.signal(sig, lambda *_: stopping.append(True)) for sig in (signal.SIGTERM, signal.SIGINT)}
    reader = ChangeReader(app.db.engine, start_after=args.after)
    try:
        while not stopping:
            for change in reader.poll():
                if args.json:
                    line = json.dumps(
                        {
                            "id": change.id,
                            "topic": change.topic,
                            "entity_id": change.entity_id,
                            "at": change.at.isoformat(),
                        }
                    )
                else:
                    line = f"{change.id}  {change.topic:<14} {change.entity_id:>8}  {change.at:%Y-%m-%d %H:%M:%S}"
                print(line, flush=True)
            reader.wait(max(args.every, 0.01))  # PostgreSQL: woken by the commit's NOTIFY at once
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        reader.close()
        app.close()
    return EXIT_OK, None, ""
