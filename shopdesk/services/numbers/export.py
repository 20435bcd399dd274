"""A report's rows written to a CSV or XLSX file: money in yuan with two decimals, rates as fractions.

The file appears whole or not at all: it is written next to its target under a temporary name and renamed.
CSV is UTF-8 with a byte-order mark so spreadsheet programs read Chinese names right.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.money import format_yuan

FORMATS = (".csv", ".xlsx")


def format_of(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput("numbers.export_format", file=str(path))
    return suffix[1:]


def is_money(column: str) -> bool:
    return column.endswith("_fen")


def is_rate(column: str) -> bool:
    return column.endswith("_rate")


def header(column: str) -> str:
    """The column's name in the file: an amount in fen is written in yuan, without the suffix."""
    return column[:-4] if is_money(column) else column


def write_rows(path: str | os.PathLike, columns: Sequence[str], rows: Sequence[dict], *, sheet: str = "report") -> Path:
    """Write `rows` (dicts keyed by `columns`) to `path` (.csv or .xlsx); returns the path written."""
    target = Path(path).expanduser()
    kind = format_of(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=".report-", suffix=target.suffix, dir=directory)
    except OSError as exc:
        raise InvalidInput("numbers.export_failed", file=str(target), why=exc.strerror or str(exc)) from None
    os.close(fd)
    try:
        (_write_csv if kind == "csv" else _write_xlsx)(temp, columns, rows, sheet)
        os.replace(temp, target)
    except OSError as exc:
        raise InvalidInput("numbers.export_failed", file=str(target), why=exc.strerror or str(exc)) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target


def _cell(column: str, value):
    if value is None:
        return ""
    if is_money(column):
        return format_yuan(int(value))
    return value


def _write_csv(path: str, columns: Sequence[str], rows: Sequence[dict], _sheet: str) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow([header(c) for c in columns])
        for row in rows:
            out.writerow([_cell(c, row.get(c)) for c in columns])


def _write_xlsx(path: str, columns: Sequence[str], rows: Sequence[dict], sheet: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    try:
        ws = book.add_worksheet(sheet[:31])
        bold = book.add_format({"bold": True})
        yuan = book.add_format({"num_format": "0.00"})
        share = book.add_format({"num_format": "0.0%"})
        for j, c in enumerate(columns):
            ws.write(0, j, header(c), bold)
        for i, row in enumerate(rows, start=1):
            for j, c in enumerate(columns):
                value = row.get(c)
                if value is None:
                    continue
                if is_money(c):
                    ws.write_number(i, j, int(value) / 100, yuan)
                elif is_rate(c):
                    ws.write_number(i, j, float(value), share)
                elif isinstance(value, int | float):
                    ws.write_number(i, j, value)
                else:
                    ws.write_string(i, j, str(value))
    finally:
        book.close()
