"""Two DB executors: writes run on one writer thread, reads for views on one reader thread; both resume on the
GUI thread.

    view = await ops.write(catalog.add_product, data)     # inside a qasync slot
    rows = await ops.read(board.order_rows, ids)

SQLite has one writer, so one thread serialises every write. Reads go through connections of their own that
cannot write (a WAL snapshot each), so the screen never queues behind a burst of writes; a read issued after
an awaited write sees it. The GUI thread never opens a Session.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from shopdesk.services.common.errors import ServerUnreachable
from shopdesk.ui.errors import Failed, attempt

T = TypeVar("T")
log = logging.getLogger(__name__)


class Ops(QObject):
    """The DB executors plus the app's error bridge (`failed` carries a message the user can act on, already in
    their language)."""

    failed = Signal(str, str)  # title, message
    busy_changed = Signal(bool)  # True while a call runs or waits on either thread
    wrote = Signal()  # a write transaction of this process committed: the change feed has news
    # False when a call found the database server gone (the window says "reconnecting…"), True when one got through
    connection_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopdesk-db")
        self._read_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopdesk-read")
        self._shop = None
        self.gate = None  # the window's login guard (ui/staff/gate.py): asks the passphrase before sensitive actions
        self._pending = 0
        self.connected = True
        self._worker_ident = self._pool.submit(threading.get_ident).result()
        self._reader_ident = self._read_pool.submit(threading.get_ident).result()

    @property
    def shop(self):
        return self._shop

    def attach(self, shop) -> None:
        self._shop = shop

    def in_worker(self) -> bool:
        """True on the writer thread."""
        return threading.get_ident() == self._worker_ident

    def in_reader(self) -> bool:
        """True on the reader thread."""
        return threading.get_ident() == self._reader_ident

    async def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run fn(*args) on the writer thread (no session opened for it)."""
        return await self._run(self._pool, fn, *args, **kwargs)

    async def call_reader(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run fn(*args) on the reader thread (no session opened for it): work that only reads, on connections
        of the read engine (`shop.db.read_engine`), such as following the change feed."""
        return await self._run(self._read_pool, fn, *args, **kwargs)

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        try:
            future = pool.submit(fn, *args, **kwargs)
            try:
                result = await asyncio.wrap_future(future)
            except ServerUnreachable:
                self._set_connected(False)
                raise
            self._set_connected(True)
            return result
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)

    async def write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """fn(session, *args) in one write transaction on the writer thread; the result comes back here."""
        try:
            return await self.call(self._shop.db.run, "write", fn, *args, **kwargs)
        finally:
            self.wrote.emit()

    async def read(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """fn(session, *args) in a read-only snapshot on the reader thread; it sees every write awaited before.
        fn must not write: a statement that would raises `WriteInRead` (a bug: use `write`)."""
        db = self._shop.db
        try:
            return await self.call_reader(db.run, "view", fn, *args, **kwargs)
        except Exception as exc:
            if getattr(exc, "after_rollback", None) is not None:  # a refusal that stays on the record: the writer
                try:  # writes it, as it would have after a refused write
                    await self.call(db.follow_up, exc)
                finally:
                    self.wrote.emit()
            raise

    def _set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self.connection_changed.emit(connected)

    def fire(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue fn on the writer thread without waiting (clean-up work)."""
        self._pool.submit(fn, *args)

    def fire_reader(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue fn on the reader thread without waiting (closing what only the reader thread uses)."""
        self._read_pool.submit(fn, *args)

    async def attempt(self, call: Awaitable[T], show: Callable[[str], object] | None = None) -> T | Failed:
        """Await a database call; an error the user can fix is shown — through `show` (an inline label, a
        message line), else in a message box — and FAILED comes back. A bug is not caught here: it reaches
        the crash dialog through the loop's exception handler. The one path from a failure to the screen."""
        return await attempt(call, show or self._tell)

    def _tell(self, text: str) -> None:
        # While the server is gone the status bar says so once: a timer's failed call opens no message box each time.
        if self.connected:
            self.failed.emit(self.tr("Cannot do that"), text)

    async def confirmed(self, parent, why: str) -> bool:
        """Before a sensitive action: the window's gate asks the passphrase again when the last check is old
        (True at once without a gate: a single-user shop, or a page used on its own)."""
        return True if self.gate is None else await self.gate.confirm(parent, why)

    async def refund_confirmed(self, parent, amount_fen: int) -> bool:
        """Before refunding `amount_fen` on one case: asked again past the role's refund limit."""
        return True if self.gate is None else await self.gate.confirm_refund(parent, amount_fen)

    def shutdown(self) -> None:
        self._read_pool.shutdown(wait=True)
        self._pool.shutdown(wait=True)
        if self._shop is not None:
            self._shop.close()
            self._shop = None
