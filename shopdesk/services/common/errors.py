"""Errors a person can fix. Each says what is wrong, where, and how to fix it.

A raise names a message of shopdesk/resources/errors.toml (the catalogue and `Worded` live with the
storage layer, whose errors are worded the same way) and passes the arguments its text uses:

    raise NotFound("order.not_found", order=order_id)

The error carries a stable `code` (for scripts: the CLI's and the API's JSON; the message id up to a "/"), the
`field` it is about, and its message as an English template with named arguments. `message` is the template
filled in (the CLI and the API show it); the GUI translates the template and fills in the same arguments, so a
person reads it in their language. Text the UI has already worded (its own checks, in the reader's language) may
be passed instead of an id.
"""

from __future__ import annotations

from typing import Any

from shopdesk.db.errors import (  # noqa: F401 - the catalogue and the storage layer's problems, for the callers
    MESSAGES,
    DatabaseProblem,
    Message,
    ServerUnreachable,
    Worded,
)


class ShopError(Worded):
    """Bad input or a refused action: nothing was written. The CLI exits 2 on these."""

    exit_code = 2


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
        what: str,
        /,
        *,
        order_id: int,
        trade_no: str,
        method: str,
        amount_fen: int,
        reason: str,
        field: str | None = None,
        **args: Any,
    ):
        super().__init__(what, field=field, **args)
        self.field = self.field or "order"
        self.order_id, self.trade_no, self.method = order_id, trade_no, method
        self.amount_fen, self.reason = amount_fen, reason
