"""Start-up moments for bench/startup.py, reported by the program itself.

With SHOPDESK_STARTUP_PROBE=<file> in the environment the GUI appends two lines to that file — `window <t>` when
the main window is first painted, `painted <t>` once the window has opened the shop and painted its first page
with the shop's data (t: seconds since the epoch, `time.time()`) — and then closes the window, which quits the
app. Without the variable nothing is installed and the GUI runs as always.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "SHOPDESK_STARTUP_PROBE"


class StartupProbe(QObject):
    def __init__(self, path: Path, window: QWidget):
        super().__init__(window)
        self.path = path
        self.window = window
        self.window_seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self.window_seen and event.type() == QEvent.Type.Paint:
            self.window_seen = True
            self.mark("window")
        return False

    def loaded(self) -> None:
        """The window has loaded its first page: paint it now with that data, note the moment, then quit."""
        self.window.repaint()
        if not self.window_seen:  # a platform that painted nothing before: the first paint is this one
            self.window_seen = True
            self.mark("window")
        self.mark("painted")
        QTimer.singleShot(0, self.window.close)

    def mark(self, moment: str) -> None:
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{moment} {time.time():.6f}\n")


def install(window: QWidget) -> StartupProbe | None:
    """A probe on `window` when SHOPDESK_STARTUP_PROBE names a file, else None (and nothing changes)."""
    path = os.environ.get(ENV)
    return StartupProbe(Path(path), window) if path else None
