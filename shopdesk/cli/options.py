"""The options every command takes (--json, --data-dir, --db, --user, --password-file) and --db's reading.

Kept apart from the runtime so that starting the GUI (no subcommand) parses them without importing the
services, the database layer or any subcommand's module.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--json, --data-dir and --db, accepted before and after the subcommand.

    The top-level parser and the subcommands each get their own action objects: the subcommands'
    default to SUPPRESS so that, when the option is not repeated after the subcommand, the value given
    before it survives. (Sharing one action through `parents=` and calling set_defaults() on the top
    parser would change the shared action's default and silently drop the value given first.)
    """
    absent = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print one JSON object on stdout",
    )
    parser.add_argument("--data-dir", default=absent, help="data folder (default: the platform's)")
    parser.add_argument(
        "--db",
        default=absent,
        help="database: a SQLAlchemy URL, or the path of a SQLite file (default: SQLite in the data dir)",
    )
    parser.add_argument("--user", default=absent, help="who runs the command (default: $SHOPDESK_USER)")
    parser.add_argument(
        "--password-file",
        default=absent,
        help="read the passphrase from this file (default: $SHOPDESK_PASSWORD, else a prompt)",
    )


def db_url(value: str | None) -> str | None:
    """--db takes a SQLAlchemy URL or, for convenience, the path of a SQLite file."""
    if value is None or "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
