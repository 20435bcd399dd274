"""Money is integer fen. Decimal only at the edges: parsing what people type and formatting for them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from shopdesk.services.common.errors import InvalidInput

MAX_FEN = 10**13  # 100 billion yuan: far beyond any order, well inside a 64-bit integer


def parse_yuan(text: str | int | Decimal, *, field: str = "amount", allow_zero: bool = False) -> int:
    """'12.50' -> 1250. Refuses negatives, more than two decimals, and anything that is not a number."""
    raw = str(text).strip().replace(",", "")
    if raw.startswith(("¥", "￥")):
        raw = raw[1:].strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput("amount.not_a_number/decimals", field=field, label=field, got=repr(text)) from None
    if not value.is_finite():
        raise InvalidInput("amount.not_a_number/example", field=field, label=field, got=repr(text))
    if value < 0:
        raise InvalidInput("amount.negative", field=field, label=field, got=str(text))
    if value == 0 and not allow_zero:
        raise InvalidInput("amount.not_positive", field=field, label=field)
    # Compare before any arithmetic: quantize/multiply on a huge value would raise decimal errors.
    if value > Decimal(MAX_FEN) / 100:
        raise InvalidInput("amount.too_large", field=field, label=field, got=str(text))
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise InvalidInput("amount.too_precise", field=field, label=field, got=str(text))
    fen = int(value * 100)
    if fen > MAX_FEN:
        raise InvalidInput("amount.too_large", field=field, label=field, got=str(text))
    return fen


def format_yuan(fen: int) -> str:
    """1250 -> '12.50'; -5 -> '-0.05'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"
