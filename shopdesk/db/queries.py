"""Hot-path SQL below the ORM: bulk inserts and look-ups with plain tuples, no per-row bind processing."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, Table
from sqlalchemy.sql.base import Executable

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

    if not session.identity_map:  # nothing loaded (the hot paths' usual case)
        return
    loaded = session.identity_map.get(session.identity_key(model, ident))
    if loaded is not None:
        for column, value in values.items():
            set_committed_value(loaded, column, value)


# --- the driver's own cursor ---------------------------------------------------------------------------
# A hot path's statement through SQLAlchemy costs some 70 µs before the database does any work; the same statement
# on the driver's connection costs a few. `Driver` runs hand-written SQL (written once, with `?` marks) on the
# session's own DBAPI connection, inside the session's transaction: sqlite3 on SQLite, psycopg on PostgreSQL
# (where the marks become `%s`; the SQL must hold no other `%`). Driver errors come out as SQLAlchemy's
# (IntegrityError, OperationalError, ...), so callers, the retry of a serialization failure and the error
# classification see what they would see from session.execute.

_PG_SQL: dict[str, str] = {}
_DRIVER = "shopdesk.driver"


def _pg(sql: str) -> str:
    converted = _PG_SQL.get(sql)
    if converted is None:
        converted = _PG_SQL[sql] = sql.replace("?", "%s")
    return converted


class Driver:
    """The session's DBAPI connection for hot-path SQL (see above). `driver(session)` gives one."""

    __slots__ = ("_con", "_error", "_dialect", "sqlite", "server")

    def __init__(self, conn: Connection):
        dialect = conn.dialect
        self._dialect = dialect
        self._con = conn.connection.driver_connection
        self._error = dialect.loaded_dbapi.Error
        self.sqlite = dialect.name == "sqlite"
        self.server = not self.sqlite

    def at(self, value: datetime) -> Any:
        """An aware datetime as a UTC DateTime column stores it (what db.types.UTCDateTime and the dialect make:
        naive UTC; on SQLite the text `YYYY-MM-DD HH:MM:SS.ffffff`)."""
        if value.tzinfo is not UTC:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column; use shopdesk.services.clock.now()")
            value = value.astimezone(UTC)
        value = value.replace(tzinfo=None)
        return value.isoformat(" ", "microseconds") if self.sqlite else value

    def bind(self, value: Any) -> Any:
        """A value for a parameter: aware datetimes as `at` stores them, anything else as it is."""
        return self.at(value) if isinstance(value, datetime) else value

    def run(self, sql: str, params: Sequence[Any] = ()):
        """Execute one statement; returns the driver's cursor (iterate it, fetchone, rowcount)."""
        try:
            if self.sqlite:
                return self._con.execute(sql, params)
            return self._con.execute(_pg(sql), params)
        except self._error as exc:
            raise self._wrap(sql, params, exc) from exc

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> int:
        """executemany of plain tuples (nothing when there are none); returns the rows it changed, all told."""
        if not rows:
            return 0
        try:
            if self.sqlite:
                return self._con.executemany(sql, rows).rowcount
            with self._con.cursor() as cur:
                cur.executemany(_pg(sql), rows)
                return cur.rowcount
        except self._error as exc:
            raise self._wrap(sql, rows, exc) from exc

    def rows(self, statement: Executable, params: dict[str, Any] | None = None) -> list[Any]:
        """A Core SELECT (a module-level constant: it is compiled once per dialect and kept) run on the driver's
        cursor: the rows as named tuples, their values through the columns' types as SQLAlchemy would give them."""
        plan = _plans.get((statement, self._dialect.name))
        if plan is None:
            plan = _plans[(statement, self._dialect.name)] = _Plan(statement, self._dialect)
        sql = plan.sql
        if params and plan.given_lists and not plan.given_lists.isdisjoint(params):  # an IN list given now
            state = plan.compiled._process_parameters_for_postcompile(plan.compiled.construct_params(params))
            sql, values = state.statement, dict(state.parameters)
            for name, process in state.processors.items():
                values[name] = process(values[name])
            args = values if plan.positions is None else tuple(values[name] for name in state.positiontup)
        else:
            values = dict(plan.defaults)
            if params:
                values.update(params)
            if not plan.required.issubset(values):
                raise ValueError(f"no value for {sorted(plan.required - values.keys())}")
            for name, process in plan.binds:
                values[name] = process(values[name])
            args = values if plan.positions is None else tuple(values[name] for name in plan.positions)
        try:
            found = self._con.execute(sql, args).fetchall()
        except self._error as exc:
            raise self._wrap(sql, args, exc) from exc
        make, convert = plan.make, plan.convert
        if not convert:
            return [make(row) for row in found]
        out = []
        for row in found:
            row = list(row)
            for i, process in convert:
                row[i] = process(row[i])
            out.append(make(row))
        return out

    def _wrap(self, sql: str, params: Any, exc: Exception) -> Exception:
        from sqlalchemy.exc import DBAPIError

        return DBAPIError.instance(sql, params, exc, self._error, dialect=self._dialect)


_plans: dict[tuple[Executable, str], _Plan] = {}


class _Plan:
    """A SELECT compiled for one dialect: its SQL, parameter order, bind and result processing, row type."""

    __slots__ = ("compiled", "sql", "positions", "required", "defaults", "binds", "given_lists", "convert", "make")

    def __init__(self, statement: Executable, dialect):
        compiled = statement.compile(dialect=dialect)
        if not compiled._result_columns:
            raise ValueError("Driver.rows runs a SELECT")
        name_of = compiled.bind_names
        self.compiled, self.sql = compiled, compiled.string
        self.positions = list(compiled.positiontup) if compiled.positional else None
        self.required = frozenset(name_of[bind] for bind in compiled.binds.values() if bind.required)
        lists = {name_of[bind]: bind.required for bind in compiled.post_compile_params}
        self.given_lists = frozenset(name for name, required in lists.items() if required)
        processors = dict(compiled._bind_processors)
        # The statement's own values (a LIMIT, an IN list it holds: written out once, the statement being a
        # constant), processed once; the parameters' values are processed at each run.
        values = compiled.construct_params(dict.fromkeys(self.required), _check=False)
        if lists and not self.given_lists:
            state = compiled._process_parameters_for_postcompile(values)
            self.sql = state.statement
            self.positions = list(state.positiontup) if compiled.positional else None
            values, processors = dict(state.parameters), dict(state.processors)
        self.defaults = {
            name: processors[name](value) if name in processors else value
            for name, value in values.items()
            if name not in self.required and name not in lists
        }
        self.binds = tuple((name, processors[name]) for name in sorted(self.required) if name in processors)
        columns = compiled._result_columns
        results = [entry.type._cached_result_processor(dialect, None) for entry in columns]
        self.convert = tuple((i, process) for i, process in enumerate(results) if process is not None)
        self.make = namedtuple("Row", [entry.keyname for entry in columns])._make


def driver(session) -> Driver:
    """The Driver of the session's connection in its current transaction (asked once per transaction: a session's
    transaction keeps its one connection until it ends)."""
    txn = session.get_transaction()
    known = session.info.get(_DRIVER)
    if known is not None and known[0] is txn and txn is not None and txn.is_active:
        return known[1]
    found = Driver(session.connection())
    session.info[_DRIVER] = (session.get_transaction(), found)
    return found
