"""Errors a person can fix. Each says what is wrong, where, and how to fix it.

A raise names a message of errors.toml and passes the arguments its text uses:

    raise NotFound("order.not_found", order=order_id)

The error carries a stable `code` (for scripts: the CLI's and the API's JSON; the message id up to a "/"), the
`field` it is about, and its message as an English template with named arguments. `message` is the template
filled in (the CLI and the API show it); the GUI translates the template and fills in the same arguments, so a
person reads it in their language. Text the UI has already worded (its own checks, in the reader's language) may
be passed instead of an id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from shopdesk.db.errors import DatabaseProblem  # noqa: F401 - storage problems a person can fix, for the callers


@dataclass(frozen=True)
class Message:
    code: str
    field: str | None
    text: str


def _load() -> dict[str, Message]:
    table = tomllib.loads(resources.files(__package__).joinpath("errors.toml").read_text(encoding="utf-8"))
    return {
        ident: Message(ident.partition("/")[0], entry.get("field"), entry["text"]) for ident, entry in table.items()
    }


MESSAGES = _load()


class Worded(Exception):
    """An error whose message is a template of errors.toml (by id) filled in with named arguments."""

    default_code = "invalid"

    def __init__(self, what: str, /, *, field: str | None = None, code: str | None = None, **args: Any):
        known = MESSAGES.get(what)
        self.template = known.text if known else what
        self.arguments = args
        self.message = self.template.format(**args) if args else self.template
        super().__init__(self.message)
        self.code = code or (known.code if known else self.default_code)
        self.field = field or (known.field if known else None)


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
