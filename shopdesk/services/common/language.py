"""The shop's language setting (`shop.language`), read before the shop opens so that the window starts in it.

This module imports no database layer: the GUI reads it before its window is on screen. A SQLite shop is read
with the standard library's driver, read-only; a server's through SQLAlchemy (a team's start waits on the server
anyway).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

LANGUAGES = ("", "en", "zh_CN")  # "" = each desktop's system's
_QUERY = "SELECT value FROM setting WHERE key = 'shop.language'"


def stored_language(db_url: str) -> str:
    """The shop's language; "" (the system's) when the database is not there yet, unreadable or says nothing, or
    holds a value that is not a language. Never creates or changes a database."""
    try:
        raw = _read_sqlite(db_url) if db_url.startswith("sqlite") else _read_server(db_url)
    except Exception:  # noqa: BLE001 - an unreadable database is told by the shop's own opening, with its message
        return ""
    text = str(raw).strip() if raw is not None else ""
    return text if text in LANGUAGES else ""


def _read_sqlite(db_url: str) -> str | None:
    path = db_url.split("///", 1)[-1]
    if not path or path == ":memory:" or not Path(path).is_file():
        return None
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(_QUERY).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def _read_server(db_url: str) -> str | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    quick = {"connect_timeout": 5} if db_url.startswith("postgresql") else {}
    engine = create_engine(db_url, poolclass=NullPool, connect_args=quick)
    try:
        with engine.connect() as conn:
            return conn.execute(text(_QUERY)).scalar_one_or_none()
    finally:
        engine.dispose()
