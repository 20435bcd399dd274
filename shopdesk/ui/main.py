"""GUI entry: QApplication + translators + qasync loop; the window opens the shop off the GUI thread."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading

os.environ.setdefault("QT_API", "pyside6")

import qasync  # noqa: E402
from PySide6.QtCore import qVersion  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shopdesk import __version__  # noqa: E402
from shopdesk.config import Config  # noqa: E402
from shopdesk.services.common.errors import DatabaseProblem  # noqa: E402
from shopdesk.services.common.vault import VaultError  # noqa: E402
from shopdesk.ui import icons  # noqa: E402
from shopdesk.ui.crash import CrashReporter, setup_logging  # noqa: E402
from shopdesk.ui.i18n import install_translators, resources_dir  # noqa: E402
from shopdesk.ui.main_window import MainWindow  # noqa: E402
from shopdesk.ui.ops import Ops  # noqa: E402
from shopdesk.ui.startup_probe import install as install_startup_probe  # noqa: E402
from shopdesk.ui.widgets.prompts import tell  # noqa: E402

log = logging.getLogger("shopdesk")


def start_language(config: Config) -> str | None:
    """--lang, else the shop's language setting (Settings → Shop), else None: the system's."""
    from shopdesk.services.common.language import stored_language

    return config.lang or stored_language(config.db_url) or None


def prefetch() -> None:
    """Import the shop's code (the database layer, the services) and the first page's module while Qt paints the
    window: the GUI thread mostly waits on Qt then, so the imports run beside it and start() finds them done.
    shopdesk's modules import no cycle (an import-linter contract): two threads importing them at once only wait
    for each other. A failure here is left to start(), which imports them again and says what went wrong."""

    def run() -> None:
        try:
            import shopdesk.app  # noqa: F401
            import shopdesk.ui.pages.today  # noqa: F401
        except Exception:  # noqa: BLE001
            log.debug("prefetching the shop's modules failed", exc_info=True)

    threading.Thread(target=run, name="shopdesk-prefetch", daemon=True).start()


def run_gui(config: Config) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ShopDesk")
    app.setOrganizationName("ShopDesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "shopdesk.png")))
    install_translators(app, start_language(config))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    reporter = CrashReporter(lambda: window, setup_logging(config.data_dir), app)
    reporter.install(loop)
    log.info(
        "ShopDesk %s: the GUI started (Qt %s, %s, data in %s)",
        __version__,
        qVersion(),
        app.platformName(),
        config.data_dir,
    )
    ops = Ops()
    icons.hold()  # the icon font loads once the window has painted (MainWindow.start puts the icons in)
    window = MainWindow(ops, config)
    probe = install_startup_probe(window)  # bench/startup.py's moments; None unless asked for
    window.show()
    prefetch()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)

    async def session() -> int:
        try:
            await window.start(seed_demo=True)
            if window.gave_up:  # the login was cancelled
                return 0
            if probe is not None:
                probe.loaded()
            window.backups.start_auto()  # the daily backup, after the first paint, then looked for hourly
            # Everything loaded at start-up lives as long as the app: keep it out of the cyclic collector, so
            # a full collection never stalls scrolling through a million rows.
            gc.collect()
            gc.freeze()
        except (DatabaseProblem, VaultError) as exc:
            box = tell(window, window.tr("Cannot open the shop"), getattr(exc, "message", str(exc)))
            box.finished.connect(lambda _r: closed.set())
            await closed.wait()
            return 1
        await closed.wait()
        return 0

    with loop:
        code = loop.run_until_complete(session())
    ops.shutdown()
    log.info("ShopDesk: the GUI closed (exit %s)", code)
    return code
