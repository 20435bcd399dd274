"""Start-up moments for bench/startup.py, reported by the program itself.

With SHOPDESK_STARTUP_PROBE=<file> in the environment the GUI appends two lines to that file: `window <t>` when
the main window is first painted, and `painted <t>` once it has opened the shop and painted its first page with
the shop's data, before the rest of its start (the API server, the sweeps, the other pages); t is seconds since
the epoch (`time.time()`). When the start is over it closes the window, which quits the app. Without the variable
nothing is installed and the GUI runs as always.
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

    def first_page_loaded(self) -> None:
        """The first page has the shop's data (the window's `first_page_loaded`): paint it now, note the moment."""
        self.window.repaint()
        if not self.window_seen:  # a platform that painted nothing before: the first paint is this one
            self.window_seen = True
            self.mark("window")
        self.mark("painted")

    def loaded(self) -> None:
        """The window's start has finished (the API, the sweeps, the other pages): quit."""
        QTimer.singleShot(0, self.window.close)

    def mark(self, moment: str) -> None:
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{moment} {time.time():.6f}\n")


def install(window: QWidget) -> StartupProbe | None:
    """A probe on `window` when SHOPDESK_STARTUP_PROBE names a file, else None (and nothing changes)."""
    path = os.environ.get(ENV)
    if not path:
        return None
    probe = StartupProbe(Path(path), window)
    window.first_page_loaded.connect(probe.first_page_loaded)
    return probe
