"""Errors a person can fix. Each says what is wrong, where, and how to fix it."""

from __future__ import annotations

from shopdesk.db.errors import DatabaseProblem  # noqa: F401 - storage problems a person can fix, for the callers


class ShopError(Exception):
    """Bad input or a refused action: nothing was written. The CLI exits 2 on these."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ShopError):
    pass


class InvalidInput(ShopError):
    pass


class Conflict(ShopError):
    """The action clashes with the current state (already paid, stale status, taken key)."""


class IdempotencyConflict(Conflict):
    pass


class InsufficientFunds(Conflict):
    pass


class PaymentRefused(Conflict):
    """A gateway payment no order can take (the order is closed or cancelled). The money is real: the
    caller records it with `orders.flag_unmatched_payment` in a transaction of its own."""

    def __init__(
        self,
        message: str,
        *,
        order_id: int,
        trade_no: str,
        method: str,
        amount_fen: int,
        reason: str,
        field: str = "order",
    ):
        super().__init__(message, field=field)
        self.order_id, self.trade_no, self.method = order_id, trade_no, method
        self.amount_fen, self.reason = amount_fen, reason
