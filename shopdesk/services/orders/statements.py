"""Reading a payment gateway's statement: Alipay's 账务明细 CSV, WeChat Pay's merchant bill, or a plain CSV.
Pure functions, no database; a bad file is refused with the number of the line that is wrong and why.

- Alipay 账务明细: GBK (GB18030), `#` comment lines before and after the table; the trade number is 业务流水号,
  the merchant's order 商户订单号, the money 收入金额（+元） (income rows only; fees and refunds are 支出).
- WeChat Pay merchant bill: UTF-8 with a BOM, every field prefixed with a backtick; the trade number is 微信订单号,
  the merchant's order 商户订单号, the money 应结订单金额 of SUCCESS rows; a totals section (总交易单数...) follows.
- Plain CSV: UTF-8, columns trade_no, amount, time, order (the order number or the storefront's id).

Times without a zone are Beijing time in the gateways' statements, and in the shop's zone (`tz`) in a plain CSV."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.money import MAX_FEN

FORMATS = ("alipay", "wechat", "csv")
BEIJING = ZoneInfo("Asia/Shanghai")
MAX_BYTES = 200 * 1024 * 1024

ALIPAY_COLUMNS = {"trade_no": "业务流水号", "order": "商户订单号", "time": "发生时间", "income": "收入金额（+元）"}
ALIPAY_MARK = "账务流水号"
WECHAT_COLUMNS = {
    "time": "交易时间",
    "trade_no": "微信订单号",
    "order": "商户订单号",
    "status": "交易状态",
    "amount": "应结订单金额",
}
WECHAT_MARK = "微信订单号"
WECHAT_TOTALS = "总交易单数"
CSV_COLUMNS = ("trade_no", "amount", "time", "order")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M")


@dataclass(frozen=True)
class StatementRow:
    """Money that came in, as the statement shows it."""

    line: int  # the file's line number (1-based), for reports
    trade_no: str
    amount_fen: int
    at: datetime  # aware
    order_ref: str  # the merchant order column: an order number or a storefront id ("" when empty)


@dataclass(frozen=True)
class Statement:
    format: str
    rows: tuple[StatementRow, ...]  # income rows only
    start: datetime | None  # the time range every dated row of the file covers
    end: datetime | None


def read_statement(data: bytes, fmt: str = "auto", *, tz: tzinfo = BEIJING) -> Statement:
    """The income rows of a statement file, checked; InvalidInput (with the line) when the file is not readable."""
    if fmt not in ("auto", *FORMATS):
        raise InvalidInput("statement.format_unknown", format=repr(fmt), choices=", ".join(FORMATS))
    if not data.strip():
        raise InvalidInput("statement.empty")
    if len(data) > MAX_BYTES:
        raise InvalidInput("statement.too_large")
    if b"\x00" in data[:4096]:
        raise InvalidInput("statement.binary")
    if fmt == "auto":
        fmt = detect_format(data)
    reader = {"alipay": _alipay, "wechat": _wechat, "csv": _plain}[fmt]
    rows, dated = reader(data, tz if fmt == "csv" else BEIJING)
    _no_trade_twice(rows)
    return Statement(fmt, tuple(rows), min(dated) if dated else None, max(dated) if dated else None)


def detect_format(data: bytes) -> str:
    """alipay, wechat or csv from the file's content; refused when it is none of them."""
    head = data[:65536]
    text = _loose(head)
    if WECHAT_MARK in text and "`" in text:
        return "wechat"
    if ALIPAY_MARK in text or ALIPAY_COLUMNS["trade_no"] in text:
        return "alipay"
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if {c.strip().lower() for c in first.lstrip("\ufeff").split(",")} >= set(CSV_COLUMNS):
        return "csv"
    raise InvalidInput("statement.format_unclear")


def _loose(head: bytes) -> str:
    """The start of the file as text in whichever encoding reads it (for detection only)."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # cut in the middle of a character at the end of the sample
                return head[: exc.start].decode(encoding)
    return head.decode("utf-8", errors="replace")


# --- decoding ---------------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str, fmt: str) -> list[str]:
    """The file's lines in the format's encoding, or the line that does not decode."""
    if data.startswith(codecs.BOM_UTF8):
        if encoding != "utf-8":
            encoding = "utf-8"  # a statement saved again as UTF-8 (by a spreadsheet) reads as it is
        data = data[3:]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            "statement.wrong_encoding", line=line, format=_format_name(fmt), encoding=_encoding_name(encoding)
        ) from None
    return text.splitlines()


def _format_name(fmt: str) -> str:
    return {"alipay": "Alipay 账务明细", "wechat": "WeChat Pay bill", "csv": "CSV"}[fmt]


def _encoding_name(encoding: str) -> str:
    return {"gb18030": "GBK", "utf-8": "UTF-8"}[encoding]


def _cells(line: str) -> list[str]:
    return next(csv.reader(io.StringIO(line)), [])


def _header(lines: list[str], mark: str, wanted: dict[str, str], start: int = 0) -> tuple[int, dict[str, int]]:
    """The index of the table's header line (the first one naming `mark`) and where each wanted column is."""
    for i in range(start, len(lines)):
        cells = [c.strip().lstrip("`") for c in _cells(lines[i])]
        if mark in cells:
            where = {}
            for key, name in wanted.items():
                if name not in cells:
                    raise InvalidInput("statement.column_missing", line=i + 1, column=name)
                where[key] = cells.index(name)
            return i, where
    raise InvalidInput("statement.header_missing", column=mark)


# --- the three formats --------------------------------------------------------------------------------


def _alipay(data: bytes, tz: tzinfo) -> tuple[list[StatementRow], list[datetime]]:
    try:  # an Alipay statement is GBK; one saved again as UTF-8 (without a BOM) reads too
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = _decode(data, "gb18030", "alipay")
    at, where = _header(lines, ALIPAY_MARK, ALIPAY_COLUMNS)
    rows, dated = [], []
    for i in range(at + 1, len(lines)):
        text = lines[i].strip()
        if not text or text.startswith("#"):
            continue
        cells = [c.strip() for c in _cells(lines[i])]
        n = i + 1
        when = _time(_cell(cells, where["time"], n, ALIPAY_COLUMNS["time"]), n, tz)
        dated.append(when)
        income_text = _cell(cells, where["income"], n, ALIPAY_COLUMNS["income"])
        income = _amount(income_text, n, ALIPAY_COLUMNS["income"]) if income_text else 0
        if income <= 0:
            continue  # a fee, a refund, a transfer out: not money that came in
        trade = _trade(_cell(cells, where["trade_no"], n, ALIPAY_COLUMNS["trade_no"]), n, ALIPAY_COLUMNS["trade_no"])
        rows.append(StatementRow(n, trade, income, when, _cell(cells, where["order"], n, ALIPAY_COLUMNS["order"])))
    return rows, dated


def _wechat(data: bytes, tz: tzinfo) -> tuple[list[StatementRow], list[datetime]]:
    lines = _decode(data, "utf-8", "wechat")
    at, where = _header(lines, WECHAT_MARK, WECHAT_COLUMNS)
    rows, dated = [], []
    for i in range(at + 1, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        cells = [c.strip().lstrip("`").strip() for c in _cells(lines[i])]
        if cells and cells[0] == WECHAT_TOTALS:
            break  # the totals section: the rows are done
        n = i + 1
        when = _time(_cell(cells, where["time"], n, WECHAT_COLUMNS["time"]), n, tz)
        dated.append(when)
        if _cell(cells, where["status"], n, WECHAT_COLUMNS["status"]).upper() != "SUCCESS":
            continue  # REFUND / REVOKED rows: no money came in
        amount = _amount(_cell(cells, where["amount"], n, WECHAT_COLUMNS["amount"]), n, WECHAT_COLUMNS["amount"])
        if amount <= 0:
            continue
        trade = _trade(_cell(cells, where["trade_no"], n, WECHAT_COLUMNS["trade_no"]), n, WECHAT_COLUMNS["trade_no"])
        rows.append(StatementRow(n, trade, amount, when, _cell(cells, where["order"], n, WECHAT_COLUMNS["order"])))
    return rows, dated


def _plain(data: bytes, tz: tzinfo) -> tuple[list[StatementRow], list[datetime]]:
    lines = _decode(data, "utf-8", "csv")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    header = [c.strip().lower() for c in _cells(lines[first])]
    where = {}
    for name in CSV_COLUMNS:
        if name not in header:
            raise InvalidInput("statement.column_missing", line=first + 1, column=name)
        where[name] = header.index(name)
    rows, dated = [], []
    for i in range(first + 1, len(lines)):
        if not lines[i].strip():
            continue
        cells = [c.strip() for c in _cells(lines[i])]
        n = i + 1
        when = _time(_cell(cells, where["time"], n, "time"), n, tz)
        dated.append(when)
        amount = _amount(_cell(cells, where["amount"], n, "amount"), n, "amount")
        if amount <= 0:
            continue
        trade = _trade(_cell(cells, where["trade_no"], n, "trade_no"), n, "trade_no")
        rows.append(StatementRow(n, trade, amount, when, _cell(cells, where["order"], n, "order")))
    return rows, dated


# --- cells -------------------------------------------------------------------------------------------


def _cell(cells: list[str], index: int, line: int, column: str) -> str:
    if index >= len(cells):
        raise InvalidInput("statement.row_short", line=line, column=column)
    return cells[index]


def _amount(text: str, line: int, column: str) -> int:
    raw = text.replace(",", "").replace("¥", "").replace("￥", "").strip().lstrip("+")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput("statement.amount_unparseable", line=line, column=column, got=repr(text)) from None
    if not value.is_finite() or value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise InvalidInput("statement.amount_unparseable", line=line, column=column, got=repr(text))
    if value > Decimal(MAX_FEN) / 100:
        raise InvalidInput("statement.amount_unparseable", line=line, column=column, got=repr(text))
    return int(value * 100)


def _time(text: str, line: int, tz: tzinfo) -> datetime:
    text = text.strip()
    parsed = None
    for pattern in TIME_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern)
            break
        except ValueError:
            continue
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidInput("statement.time_unparseable", line=line, got=repr(text)) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def _trade(text: str, line: int, column: str) -> str:
    if not text:
        raise InvalidInput("statement.trade_no_empty", line=line, column=column)
    if len(text) > 100 or any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in text):
        raise InvalidInput("statement.trade_no_invalid", line=line, column=column)
    return text


def _no_trade_twice(rows: list[StatementRow]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.trade_no in seen:
            raise InvalidInput("statement.trade_no_twice", line=row.line, trade=row.trade_no, first=seen[row.trade_no])
        seen[row.trade_no] = row.line
