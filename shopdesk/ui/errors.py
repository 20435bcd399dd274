"""Errors a person can fix, in their language: a service's error carries an English template and its arguments;
here the template is translated (context "Errors" of the catalogue) and filled in with the same arguments."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from shopdesk.services.common.errors import DatabaseProblem, ShopError
from shopdesk.services.common.vault import VaultError

T = TypeVar("T")
FIXABLE = (ShopError, DatabaseProblem, VaultError)


class Failed:
    """What an attempt returns when it failed in a way the user can fix (the reason is already on the screen)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "FAILED"


FAILED = Failed()


def describe(exc: BaseException) -> str:
    """The error's message for the screen, translated when the catalogue has its template."""
    template = getattr(exc, "template", None)
    fallback = getattr(exc, "message", None) or str(exc)
    if not template:
        return fallback
    text = QCoreApplication.translate("Errors", template)
    arguments = getattr(exc, "arguments", None) or {}
    if not arguments:
        return text
    try:
        return text.format(**arguments)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: better English than nothing
        return fallback


def attempt_now(fn: Callable[[], T], show: Callable[[str], object]) -> T | Failed:
    """Run a check on the GUI thread (parse an amount, validate a rule): a fixable error is shown through `show`
    and FAILED comes back (`Ops.attempt` is the same for database calls)."""
    try:
        return fn()
    except FIXABLE as exc:
        show(describe(exc))
        return FAILED


async def attempt(call: Awaitable[T], show: Callable[[str], object]) -> T | Failed:
    """Await a call (a database operation, or checks and one): a fixable error is shown through `show` and FAILED
    comes back; a bug is not caught (it reaches the crash dialog)."""
    try:
        return await call
    except FIXABLE as exc:
        show(describe(exc))
        return FAILED
