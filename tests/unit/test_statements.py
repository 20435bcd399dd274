"""Reading gateway statements (services/orders/statements.py): the three formats as the platforms export them, and
every bad file refused with its line and a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.orders.statements import BEIJING, detect_format, read_statement
from tests.helpers import statements as files

ROWS = [
    ("2026120122001456781234567890", "9.80", "2026-12-01 10:00:00", "SD20261201000001"),
    ("2026120122001456781234567891", "1019.60", "2026-12-01 23:59:59", "shop-4711"),
]


def _rows(statement):
    return [(r.trade_no, r.amount_fen, r.order_ref) for r in statement.rows]


WANTED = [
    ("2026120122001456781234567890", 980, "SD20261201000001"),
    ("2026120122001456781234567891", 101960, "shop-4711"),
]


def test_alipay_reads_the_income_rows_between_the_comments_and_skips_the_fees():
    data = files.alipay(ROWS)
    assert data.decode("gbk").startswith("#支付宝账务明细查询")
    statement = read_statement(data)
    assert statement.format == "alipay"
    assert _rows(statement) == WANTED
    assert [r.line for r in statement.rows] == [6, 8]  # the fee rows (7, 9) are expenses
    assert statement.rows[0].at == datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # Beijing time
    assert (statement.start, statement.end) == (statement.rows[0].at, statement.rows[1].at)


def test_an_alipay_statement_saved_again_as_utf8_still_reads():
    assert _rows(read_statement(files.alipay(ROWS, encoding="utf-8"))) == WANTED
    assert _rows(read_statement(b"\xef\xbb\xbf" + files.alipay(ROWS, encoding="utf-8"))) == WANTED


def test_wechat_reads_the_backticked_success_rows_and_stops_at_the_totals():
    data = files.wechat(ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    statement = read_statement(data)
    assert statement.format == "wechat"
    assert _rows(statement) == WANTED  # the REFUND row of the first trade is no income, and no repeat
    assert statement.rows[1].at.astimezone(BEIJING).hour == 23


def test_plain_csv_reads_its_four_columns_in_any_order_and_zone():
    data = (
        "order,time,amount,trade_no\nSD1,2026-12-01T10:00:00+00:00,9.80,T-1\n"
        'SD2,2026-12-01 10:00:00,¥5,T-2\nSD3,2026-12-01 10:00:00,"1,019.60",T-3\n'
    )
    statement = read_statement(data.encode(), tz=timezone(timedelta(hours=-5)))
    assert statement.format == "csv"
    assert _rows(statement) == [("T-1", 980, "SD1"), ("T-2", 500, "SD2"), ("T-3", 101960, "SD3")]
    assert statement.rows[0].at == datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert statement.rows[1].at == datetime(2026, 12, 1, 15, tzinfo=UTC)  # the shop's zone for a naive time


def test_the_format_is_detected_from_the_content():
    assert detect_format(files.alipay(ROWS)) == "alipay"
    assert detect_format(files.wechat(ROWS)) == "wechat"
    assert detect_format(files.plain(ROWS)) == "csv"


def _refused(data: bytes, fmt: str = "auto") -> str:
    with pytest.raises(InvalidInput) as info:
        read_statement(data, fmt)
    return info.value.message


def test_a_statement_in_the_wrong_encoding_names_the_line():
    gbk_wechat = files.wechat(ROWS).decode("utf-8-sig").encode("gbk")
    assert _refused(gbk_wechat).startswith("Line 1 is not UTF-8 text, and a WeChat Pay bill file is UTF-8")
    gbk_csv = "trade_no,amount,time,order\nT-1,9.80,2026-12-01 10:00:00,订单一\n".encode("gbk")
    assert _refused(gbk_csv, "csv").startswith("Line 2 is not UTF-8 text")
    utf16 = files.plain(ROWS).decode().encode("utf-16")
    assert "NUL bytes" in _refused(utf16)


def test_a_missing_column_is_named_with_the_header_line():
    no_income = files.alipay(ROWS).replace("收入金额（+元）".encode("gbk"), "收入".encode("gbk"))
    assert _refused(no_income) == (
        "Line 5: the table has no column 收入金额（+元）. Download the full statement again (do not remove columns), "
        "or add the column."
    )
    no_state = files.wechat(ROWS).replace("交易状态".encode(), b"state")
    assert _refused(no_state).startswith("Line 1: the table has no column 交易状态")
    assert _refused(b"trade_no,amount,time\nT,1,2026-12-01 10:00:00\n", "csv").startswith(
        "Line 1: the table has no column order"
    )


def test_a_trade_number_twice_is_refused_with_both_lines():
    twice = files.wechat([ROWS[0], ROWS[1], ROWS[0]], refund_row=False)
    assert _refused(twice).startswith(f"Line 4: trade number {ROWS[0][0]} appears again (first on line 2)")


@pytest.mark.parametrize("amount", ["9.8O", "9.801", "abc", "1e999999"])
def test_an_unparseable_amount_names_its_line_and_column(amount):
    message = _refused(files.plain([ROWS[0], (ROWS[1][0], amount, ROWS[1][2], "x")]))
    assert message.startswith(f"Line 3: {amount!r} in column amount is not an amount in yuan")


def test_other_bad_rows_name_their_line():
    assert _refused(files.plain([("T-1", "9.80", "yesterday", "x")])).startswith("Line 2: 'yesterday' is not a time")
    assert _refused(files.plain([("", "9.80", "2026-12-01 10:00:00", "x")])).startswith(
        "Line 2: the trade number (trade_no) is empty"
    )
    assert _refused(b"trade_no,amount,time,order\nT-1,9.80\n").startswith("Line 2 ends before the column time")
    assert "header is missing" in _refused(files.plain(ROWS), "wechat")
    assert "is not an Alipay" in _refused(b"a,b\n1,2\n")
    assert "empty" in _refused(b"  \n")
    assert "unknown" in _refused(files.plain(ROWS), "excel")
