"""Money at the edges: what people type becomes integer fen, and fen become text again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.money import MAX_FEN, format_yuan, parse_yuan


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12.50", 1250),
        ("12.5", 1250),
        ("0.01", 1),
        ("1", 100),
        ("  7.05 ", 705),
        ("1,234.56", 123456),
        ("¥3", 300),
        ("￥ 8.80", 880),
        ("1.230", 123),  # trailing zeros are not extra precision
        ("１２.３４", 1234),  # full-width digits from a Chinese IME
        (Decimal("2.5"), 250),
        (3, 300),
        ("100000000000", MAX_FEN),  # the largest amount accepted
    ],
)
def test_parse_yuan_accepts_amounts(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-1", "negative"),
        ("-0.01", "negative"),
        ("1.234", "more than two decimals"),
        ("0.001", "more than two decimals"),
        ("12.5000000000000000000000000000000000001", "more than two decimals"),
        ("abc", "not an amount"),
        ("12元", "not an amount"),
        ("1.2.3", "not an amount"),
        ("NaN", "not an amount"),
        ("-NaN", "not an amount"),
        ("sNaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("-inf", "not an amount"),
        ("", "not an amount"),
        ("   ", "not an amount"),
        ("0", "more than 0"),
        ("0.00", "more than 0"),
        ("100000000000.01", "too large"),
        ("99999999999999999999999", "too large"),
        ("1e20", "too large"),
        # Used to escape as decimal.Overflow / decimal.InvalidOperation instead of a clear message.
        ("1e1000000", "too large"),
        ("123456789012345678901234567890.001", "too large"),
    ],
)
def test_parse_yuan_refuses_bad_input_with_a_clear_message(text, why):
    with pytest.raises(InvalidInput) as info:
        parse_yuan(text, field="price")
    assert why in info.value.message
    assert info.value.field == "price"
    assert info.value.message.startswith("price:")


def test_zero_is_allowed_only_when_asked():
    with pytest.raises(InvalidInput):
        parse_yuan("0")
    assert parse_yuan("0", allow_zero=True) == 0
    assert parse_yuan("0.00", allow_zero=True) == 0
    with pytest.raises(InvalidInput, match="negative"):
        parse_yuan("-0.01", allow_zero=True)


@pytest.mark.parametrize(
    ("fen", "text"),
    [(0, "0.00"), (1, "0.01"), (5, "0.05"), (100, "1.00"), (1250, "12.50"), (-5, "-0.05"), (-1250, "-12.50")],
)
def test_format_yuan(fen, text):
    assert format_yuan(fen) == text


def test_format_yuan_huge_amount_is_exact():
    assert format_yuan(MAX_FEN) == "100000000000.00"
    assert format_yuan(10**20 + 7) == "1000000000000000000.07"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_FEN))
def test_format_then_parse_round_trips(fen):
    assert parse_yuan(format_yuan(fen)) == fen


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parse_yuan_never_crashes_on_junk(text):
    """Anything a person can type either parses to a valid amount or raises InvalidInput."""
    try:
        fen = parse_yuan(text)
    except InvalidInput as exc:
        assert exc.field == "amount"
    else:
        assert isinstance(fen, int)
        assert 1 <= fen <= MAX_FEN
