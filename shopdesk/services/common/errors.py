"""Errors a person can fix. Each says what is wrong, where, and how to fix it.

A ShopError carries a stable `code` (for scripts: the CLI's and the API's JSON), the `field` it is about, and
its message as an English template with named arguments:

    raise NotFound("No order with id {order}.", code="order.not_found", field="order", order=order_id)

`message` is the template filled in (the CLI and the API show it); the GUI translates the template and fills
in the same arguments, so a person reads it in their language.
"""

from __future__ import annotations

from typing import Any

from shopdesk.db.errors import DatabaseProblem  # noqa: F401 - storage problems a person can fix, for the callers


class ShopError(Exception):
    """Bad input or a refused action: nothing was written. The CLI exits 2 on these."""

    default_code = "invalid"
    exit_code = 2

    def __init__(self, template: str, *, field: str | None = None, code: str | None = None, **args: Any):
        self.template = template
        self.arguments = args
        self.message = template.format(**args) if args else template
        super().__init__(self.message)
        self.code = code or self.default_code
        self.field = field


class NotFound(ShopError):
    default_code = "not_found"


class InvalidInput(ShopError):
    default_code = "invalid"


class Conflict(ShopError):
    """The action clashes with the current state (already paid, stale status, taken key)."""

    default_code = "conflict"


class IdempotencyConflict(Conflict):
    default_code = "idempotency_conflict"


class InsufficientFunds(Conflict):
    default_code = "insufficient_funds"


class PaymentRefused(Conflict):
    """A gateway payment no order can take (the order is closed or already paid). The money is real: the
    caller flags it for refund (`orders.flagged.flag_unmatched_payment`)."""

    default_code = "payment_refused"

    def __init__(
        self,
        template: str,
        *,
        order_id: int,
        trade_no: str,
        method: str,
        amount_fen: int,
        reason: str,
        field: str = "order",
        code: str | None = None,
        **args: Any,
    ):
        super().__init__(template, field=field, code=code, **args)
        self.order_id, self.trade_no, self.method = order_id, trade_no, method
        self.amount_fen, self.reason = amount_fen, reason
