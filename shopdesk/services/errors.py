"""Errors a person can fix. Each says what is wrong, where, and how to fix it."""

from __future__ import annotations


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
