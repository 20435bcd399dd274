"""Who is at the desk: the login at start, the lock (idle or Ctrl+L) and the passphrase asked again before a
sensitive action. A single-user shop (no staff accounts) has no gate: everything opens straight away.

A lock keeps the identity and the unlocked vault (the storefront API keeps serving) but covers the window; only
the passphrase (`users.check_passphrase`, which counts failures like a login) or another user's login lifts it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from shopdesk.ui.ops import Ops
from shopdesk.ui.staff.dialogs import LoginDialog
from shopdesk.ui.timers import timer
from shopdesk.ui.widgets.prompts import run_dialog

if TYPE_CHECKING:
    from shopdesk.services.common.access import Identity

IDLE_LOCK_S = 15 * 60  # no input for this long locks the window
RECHECK_S = 5 * 60  # a sensitive action asks the passphrase again when the last check is older
IDLE_POLL_MS = 15_000
INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
LAST_USER_FILE = "last_user"


class Gate(QObject):
    identity_changed = Signal()  # a login, a switch of user, or the shop's first owner
    locked_changed = Signal(bool)

    def __init__(self, ops: Ops, window: QWidget, data_dir: Path):
        super().__init__(window)
        self._ops = ops
        self._window = window
        self._data_dir = Path(data_dir)
        self.protected = False
        self.locked = False
        self.idle_lock_s = IDLE_LOCK_S
        self.recheck_s = RECHECK_S
        self.verified_at = time.monotonic()
        self.last_input = time.monotonic()
        self.dialog: LoginDialog | None = None
        self._switched = False
        self._idle_timer = timer(self, IDLE_POLL_MS, self.check_idle)
        ops.gate = self

    @property
    def identity(self) -> Identity | None:
        shop = self._ops.shop
        return shop.identity if shop is not None else None

    # --- logging in ---------------------------------------------------------------------------------------

    async def login_at_start(self) -> bool:
        """In a protected shop: ask until someone logs in (True), or the user gives up (False)."""
        self.protected = await self._ops.call(lambda: self._ops.shop.protected)
        if not self.protected:
            return True
        dialog = self._open(LoginDialog(self._login, "login", self.last_user(), parent=self._window))
        if await run_dialog(dialog) != LoginDialog.DialogCode.Accepted:
            return False
        self._logged_in()
        return True

    async def _login(self, name: str, passphrase: str) -> Identity:
        identity = await self._ops.call(self._ops.shop.login, name, passphrase)
        self.remember_user(identity.name)
        return identity

    def _logged_in(self) -> None:
        self.protected = True
        self.dialog = None
        self.verified_at = self.last_input = time.monotonic()
        self._idle_timer.start()
        QApplication.instance().installEventFilter(self)
        self.identity_changed.emit()

    async def protect(self, name: str, passphrase: str, display_name: str) -> Identity:
        """Create the shop's first owner (single-user mode ends) and log them in."""
        shop = self._ops.shop
        identity = await self._ops.call(lambda: shop.protect(name, passphrase, display_name=display_name))
        self.remember_user(identity.name)
        self._logged_in()
        return identity

    def last_user(self) -> str:
        try:
            return (self._data_dir / LAST_USER_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def remember_user(self, name: str) -> None:
        try:
            (self._data_dir / LAST_USER_FILE).write_text(name + "\n", encoding="utf-8")
        except OSError:
            pass  # the next start just asks for the name

    # --- the lock -----------------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def check_idle(self) -> None:
        if self.protected and not self.locked and time.monotonic() - self.last_input >= self.idle_lock_s:
            self.lock()

    def lock(self) -> None:
        """Cover the window and ask for the passphrase (the same user, or another one logs in)."""
        if not self.protected or self.locked or self.identity is None:
            return
        self.locked = True
        self.locked_changed.emit(True)
        dialog = LoginDialog(self._unlock, "unlock", self.identity.name, parent=self._window)
        dialog.accepted.connect(self._unlocked)
        self._open(dialog).open()

    async def _unlock(self, name: str, passphrase: str) -> Identity:
        from shopdesk.services.staff import users

        before = self.identity
        if before is not None and name == before.name:
            await self._ops.write(users.check_passphrase, name, passphrase)
            return before
        identity = await self._login(name, passphrase)
        self._switched = True
        return identity

    def _unlocked(self) -> None:
        switched, self._switched = self._switched, False
        self.locked = False
        self.dialog = None
        self.verified_at = self.last_input = time.monotonic()
        self.locked_changed.emit(False)
        if switched:
            self.identity_changed.emit()

    # --- asking again -------------------------------------------------------------------------------------

    async def confirm(self, parent: QWidget, why: str) -> bool:
        """Before a sensitive action: True at once when the passphrase was checked in the last five minutes (or
        the shop has no staff accounts), else after the user types it again."""
        from shopdesk.services.staff import users

        if not self.protected or self.identity is None:
            return True
        if time.monotonic() - self.verified_at < self.recheck_s:
            return True
        name = self.identity.name

        async def check(typed_name: str, passphrase: str) -> bool:
            await self._ops.write(users.check_passphrase, typed_name, passphrase)
            return True

        dialog = self._open(LoginDialog(check, "confirm", name, why, parent=parent))
        try:
            if await run_dialog(dialog) != LoginDialog.DialogCode.Accepted:
                return False
        finally:
            self.dialog = None
            dialog.deleteLater()
        self.verified_at = time.monotonic()
        return True

    async def confirm_refund(self, parent: QWidget, amount_fen: int) -> bool:
        """A refund past the role's limit is a sensitive action."""
        from shopdesk.services.staff import users

        who = self.identity
        if not self.protected or who is None or who.role == "owner":
            return True
        rights = {r.role: r for r in await self._ops.read(users.role_rights)}
        limit = rights[who.role].refund_limit_fen if who.role in rights else None
        if limit is None or amount_fen <= limit:
            return True
        return await self.confirm(parent, self.tr("refund more than your limit"))

    def _open(self, dialog: LoginDialog) -> LoginDialog:
        self.dialog = dialog
        return dialog

    def stop(self) -> None:
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
