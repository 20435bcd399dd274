"""Bugs reach the person once: written in full to the log file, shown in one crash dialog that names the log.

`sys.excepthook` (where qasync sends an exception escaping a slot), `threading.excepthook` and the asyncio loop's
exception handler all come here. Errors the user can fix never do: `Ops.attempt` shows those where they belong.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from shopdesk.logfile import LOG_NAME, setup_logging  # noqa: F401 (the GUI opens its log from here)

log = logging.getLogger("shopdesk")


class CrashReporter(QObject):
    """Logs every bug and shows the crash dialog, one at a time (later bugs while it is open are only logged)."""

    crashed = Signal(str)  # the one-line summary, on the GUI thread

    def __init__(self, parent_widget: Callable[[], QWidget | None], log_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._parent_widget = parent_widget
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.seen = 0
        self.crashed.connect(self._show)  # queued from other threads, direct on the GUI thread

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = lambda hook_args: self.excepthook(
            hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback
        )
        if loop is not None:
            loop.set_exception_handler(self.loop_exception)

    def excepthook(self, exc_type, exc, tb) -> None:
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", text)
        self.seen += 1
        self.crashed.emit(f"{exc_type.__name__}: {exc}" if exc_type else str(exc))

    def loop_exception(self, loop, context: dict) -> None:
        exc = context.get("exception")
        if exc is None:
            log.error("event loop: %s", context.get("message"))
            return
        self.excepthook(type(exc), exc, exc.__traceback__)

    def _show(self, summary: str) -> None:
        if self.dialog is not None:
            return  # one dialog: the log has the rest
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("ShopDesk ran into a problem"),
            self.tr(
                "Something went wrong inside ShopDesk; what you were doing may not have finished. Nothing that "
                "was saved is lost. The details are in the log file:\n%1\n\nPlease send that file to whoever "
                "looks after your ShopDesk."
            ).replace("%1", str(self.log_path)),
            QMessageBox.StandardButton.Ok,
            self._parent_widget(),
        )
        box.setObjectName("crashDialog")
        box.setDetailedText(summary)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
