"""The command line's runtime: global options, opening the shop for a read or a write run, exit codes, output.

A read run opens a read-only snapshot (it never takes the write lock); a write run is one write transaction.
Errors go to stderr: exit 2 for bad input (nothing written), 1 for a failure, with --json one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from shopdesk.cli.options import db_url
from shopdesk.config import load_config
from shopdesk.services.common.errors import DatabaseProblem, ShopError
from shopdesk.services.common.money import format_yuan
from shopdesk.services.common.vault import VaultError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
T = TypeVar("T")
Result = tuple[int, Any, str]  # exit code, JSON payload, human text


class BadArguments(ShopError):
    pass


def fields(obj, spec: str) -> dict[str, Any]:
    """The JSON object of `obj` for the words of `spec`, in order: `attr`, or `name=attr` to rename it.

    An attribute in fen (`..._fen`) is given in yuan, as every amount on the command line is."""
    out: dict[str, Any] = {}
    for word in spec.split():
        name, _, attr = word.partition("=")
        value = getattr(obj, attr or name)
        out[name] = format_yuan(value) if (attr or name).endswith("_fen") else value
    return out


def listing(noun: str, rows, item, line, *, empty: str | None = None) -> tuple[int, dict, str]:
    """A list command's result: `{noun: [...]}` for --json, each row by `item` (a `fields` spec, or a function of
    the row); for people one `line(row)` a row, or "no <noun>" (`empty`) when there is none."""
    shape = item if callable(item) else (lambda row: fields(row, item))
    text = "\n".join(line(row) for row in rows)
    return EXIT_OK, {noun: [shape(row) for row in rows]}, text or empty or f"no {noun}"


def config(args):
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = db_url(args.db)
    if url is not None:
        try:
            make_url(url).get_dialect()
        except ArgumentError:
            raise BadArguments("cli.db_invalid", db=repr(args.db)) from None
    return load_config(args.data_dir, url)


def open_shop(args, *, upgrade: bool = True, unattended: bool = False):
    """The shop, with its user logged in when it has users (`--user`/SHOPDESK_USER and their passphrase).
    `unattended`: a desktop allowed to run unattended may go on without a login (the storefront server)."""
    from shopdesk.app import ShopApp

    app = ShopApp.open(config(args), upgrade=upgrade)
    for warning in app.warnings:
        print(f"shopdesk: warning: {warning}", file=sys.stderr)
    try:
        log_in(args, app, unattended=unattended)
    except BaseException:
        app.close()
        raise
    return app


def log_in(args, app, *, unattended: bool = False) -> None:
    from shopdesk.services.common.access import NotLoggedIn

    if not app.protected:
        return
    name = getattr(args, "user", None) or os.environ.get("SHOPDESK_USER")
    if not name:
        if unattended and app.vault_error is None:
            return
        raise NotLoggedIn("cli.login_needed")
    app.login(name, passphrase(args, f"passphrase for {name}: "))


def passphrase(args, prompt: str, *, file_option: str = "password_file", env: str = "SHOPDESK_PASSWORD") -> str:
    """A passphrase from a file option, an environment variable, or (on a terminal) a prompt."""
    path = getattr(args, file_option, None)
    if path:
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise BadArguments("cli.password_file", file=str(path), why=exc.strerror or str(exc)) from None
        return text.rstrip("\r\n")
    if os.environ.get(env) is not None:
        return os.environ[env]
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    raise BadArguments("cli.passphrase_missing", option="--" + file_option.replace("_", "-"), env=env)


def write(args, fn: Callable[..., T], *a, **kw) -> T:
    """fn(app, session, *a) in one write transaction."""
    return _run(args, "write", fn, *a, **kw)


def read(args, fn: Callable[..., T], *a, **kw) -> T:
    """fn(app, session, *a) in a read-only snapshot: never takes the write lock."""
    return _run(args, "read", fn, *a, **kw)


def _run(args, how: str, fn: Callable[..., T], *a, **kw) -> T:
    app = open_shop(args)
    try:
        return app.db.run(how, lambda session: fn(app, session, *a, **kw))
    finally:
        app.close()


def finish(args, run: Callable[[], Result]) -> int:
    """Run a handler and print its result, or its error, the way every subcommand does."""
    try:
        code, payload, text = run()
    except (ShopError, DatabaseProblem, VaultError) as exc:
        code = getattr(exc, "exit_code", EXIT_BAD_INPUT) if isinstance(exc, ShopError) else EXIT_FAILURE
        message = getattr(exc, "message", str(exc))
        if args.json:
            print(
                json.dumps({"error": message, "field": getattr(exc, "field", None), "exit": code}, ensure_ascii=False),
                file=sys.stderr,
            )
        else:
            print(f"shopdesk: error: {message}", file=sys.stderr)
        return code
    if args.json:
        if payload is not None:  # a command that streamed its output (`changes follow`) has nothing more to say
            print(json.dumps(payload, ensure_ascii=False, default=json_default))
    elif text:
        print(text)
    return code


def json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value):
        return asdict(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")
