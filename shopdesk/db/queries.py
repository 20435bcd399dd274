"""Hot-path SQL below the ORM: bulk inserts and look-ups with plain tuples, no per-row bind processing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table

_MARK = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _mark(conn: Connection) -> str:
    try:
        return _MARK[conn.dialect.paramstyle]
    except KeyError:  # pragma: no cover - every driver we ship with uses one of the above
        raise NotImplementedError(f"paramstyle {conn.dialect.paramstyle} is not supported") from None


def db_value(conn: Connection, column: Column, value: Any) -> Any:
    """`value` as the driver wants it for `column` (runs the type's bind processing once)."""
    processor = column.type.bind_processor(conn.dialect)
    return processor(value) if processor else value


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """executemany of plain tuples, in column order. Values must already be driver-ready (see db_value)."""
    mark = _mark(conn)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, list(rows))


def existing_values(conn: Connection, table: Table, column: str, values: Sequence[Any], chunk: int = 2000) -> set:
    """Which of `values` are already in `table.column` (an indexed column), looked up in chunks."""
    found: set = set()
    mark = _mark(conn)
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        sql = f"SELECT {column} FROM {table.name} WHERE {column} IN ({', '.join([mark] * len(part))})"
        found.update(row[0] for row in conn.exec_driver_sql(sql, tuple(part)))
    return found


def mirror(session, model, ident, values: dict[str, Any]) -> None:
    """After a Core UPDATE of a row: copy what it wrote into the ORM copy this session may hold of that row, without
    marking it dirty (a flush would write it all again; a stale copy would be read back later)."""
    from sqlalchemy.orm.attributes import set_committed_value

    loaded = session.identity_map.get(session.identity_key(model, ident))
    if loaded is not None:
        for column, value in values.items():
            set_committed_value(loaded, column, value)
