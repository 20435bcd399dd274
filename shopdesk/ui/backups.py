"""Backups on the desktop: File → Back up now / Restore…, the last backup's age in the status bar (amber after two
days, red when there is none or the last one failed; a click backs up now), and the daily automatic backup — after
the window's first paint, then looked for hourly. The copy runs in a thread of its own, never on the GUI thread nor
on the DB thread the pages read through."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QToolButton
from qasync import asyncSlot

from shopdesk.ui import labels
from shopdesk.ui.timers import timer
from shopdesk.ui.widgets.prompts import ask, ask_open_file, ask_text, tell

HOURLY_MS = 3_600_000
AFTER_PAINT_MS = 1_500


def age_text(hours: float | None) -> str:
    """The status bar's words for the last backup's age: "Backed up 3 h ago"."""
    if hours is None:
        return QCoreApplication.translate("Backups", "Never backed up")
    if hours < 1:
        return QCoreApplication.translate("Backups", "Backed up %1 min ago").replace("%1", str(max(1, int(hours * 60))))
    if hours < 48:
        return QCoreApplication.translate("Backups", "Backed up %1 h ago").replace("%1", str(int(hours)))
    return QCoreApplication.translate("Backups", "Backed up %1 days ago").replace("%1", str(int(hours // 24)))


def result_text(result: dict, data_dir: Path) -> str:
    """What a finished backup says: where it is, that it verified, and where the vault key is."""
    if result.get("verified", True):
        lines = [QCoreApplication.translate("Backups", "Backed up to %1 and verified.").replace("%1", result["path"])]
    else:
        lines = [
            QCoreApplication.translate(
                "Backups",
                "Backed up to %1, but not verified: the shop itself has problems (%2). The copy is kept; run "
                "shopdesk doctor and repair the shop.",
            )
            .replace("%1", result["path"])
            .replace("%2", result.get("doctor", ""))
        ]
    if result["vault_key"] == "not_included":
        lines.append(
            QCoreApplication.translate(
                "Backups",
                "The vault key is not in this backup: keep a copy of %1 apart from the backups, or the secrets in "
                "them cannot be opened.",
            ).replace("%1", str(Path(data_dir) / "vault.key"))
        )
    elif result["vault_key"] == "sealed":
        lines.append(
            QCoreApplication.translate("Backups", "The vault key is sealed in the backup under your backup passphrase.")
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Backups", "The shop's keys are wrapped inside: this backup is complete on its own."
            )
        )
    if result.get("same_disk"):
        lines.append(same_disk_text())
    return "\n\n".join(lines)


def same_disk_text() -> str:
    return QCoreApplication.translate(
        "Backups",
        "The backup folder is on the same disk as the database: a dead disk takes both. Pick a folder on another disk.",
    )


_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="shopdesk-files")


async def in_thread(fn, *args, **kwargs):
    """fn(*args) in a thread of its own (a backup takes seconds on a big shop: the DB thread goes on meanwhile).

    The loop's own executor is not asked for: a qasync task can take a step while Qt processes events outside
    `run_until_complete` (a test's wait, a modal's click), when asyncio knows no *running* loop; `wrap_future`
    finds the loop set for the thread, as the DB worker's calls do."""
    return await asyncio.wrap_future(_THREADS.submit(functools.partial(fn, *args, **kwargs)))


class Backups(QObject):
    """The window's backups: its status-bar button, the hourly look for a due backup, the File menu's actions."""

    finished = Signal(dict)  # a backup finished (its result)

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.ops = window.ops
        self.button = QToolButton(objectName="backupStatus")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.back_up_now)
        self.button.hide()
        self.timer = timer(window, HOURLY_MS, self.look)
        self.running = False
        self.state: dict | None = None

    def start(self) -> None:
        """The window is up: the status bar shows the last backup's age."""
        self.button.show()
        self.refresh()

    def start_auto(self) -> None:
        """The desktop app (ui/main.run_gui): back up when due after the first paint, then look hourly."""
        QTimer.singleShot(AFTER_PAINT_MS, self.look)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @asyncSlot()
    async def refresh(self) -> None:
        from shopdesk.services.maintenance import backup

        if self.ops.shop is None:
            return
        self.state = await self.ops.read(backup.status)
        self.show_state()

    def show_state(self) -> None:
        state = self.state or {"at": None, "age_hours": None, "colour": "red", "error": ""}
        if self.running:
            text, colour = self.tr("Backing up…"), "green"
        elif state["error"]:
            text, colour = self.tr("Backup failed"), "red"
        else:
            text, colour = age_text(state["age_hours"]), state["colour"]
        self.button.setText(text)
        self.button.setProperty("colour", colour)
        background, fg = labels.chip_colours("clock", colour)
        self.button.setStyleSheet(
            f"QToolButton {{ background: {background.name()}; color: {fg.name()}; padding: 0 6px; }}"
        )
        tip = self.tr("Click to back up now.")
        if state["error"]:
            tip = state["error"] + "\n\n" + tip
        self.button.setToolTip(tip)

    @asyncSlot()
    async def look(self) -> None:
        """The daily automatic backup, when due (no backup today and backup.auto on). A failure is said once in
        the status bar and the notifications, not in a box every hour."""
        from shopdesk.services.maintenance import backup

        if self.running or self.ops.shop is None:
            return
        if await self.ops.read(backup.due):
            await self.run(check_owner=False, show=self._quiet_failure)

    def _quiet_failure(self, text: str) -> None:
        self.w.notifier.notify(self.tr("The automatic backup failed"), text)

    @asyncSlot()
    async def back_up_now(self) -> None:
        result = await self.run(check_owner=True)
        if result:
            tell(
                self.w,
                self.tr("Backed up"),
                result_text(result, self.w.config.data_dir),
                icon=QMessageBox.Icon.Information,
            )

    async def run(self, *, check_owner: bool, show=None):
        from shopdesk.services.maintenance import backup

        if self.running or self.ops.shop is None:
            return None
        self.running = True
        self.show_state()
        try:
            result = await self.ops.attempt(in_thread(backup.create, self.ops.shop, check_owner=check_owner), show)
        finally:
            self.running = False
        await self.refresh()
        if result:
            self.finished.emit(result)
        return result

    # --- restore ---------------------------------------------------------------------------------------------

    @asyncSlot()
    async def restore(self) -> None:
        """File → Restore…: owner only; a file picked, the question asked, then the shop closes on the old database
        and the backup goes in its place: ShopDesk must be started again."""
        if self.ops.shop is None:
            return
        if not await self.ops.attempt(self.ops.read(_owner)):
            return
        path = await ask_open_file(
            self.w, self.tr("Restore a backup"), self.tr("ShopDesk backups (*.sqlite3 *.pgdump)")
        )
        if not path:
            return
        await self.restore_file(path)

    async def restore_file(self, path: str) -> dict | None:
        from shopdesk.services.maintenance import backup, backup_restore

        question = self.tr(
            "Put the backup %1 in place of the shop's database?\n\nThe current database is kept aside beside it. "
            "ShopDesk closes when the restore is done: start it again to open the restored shop."
        ).replace("%1", path)
        if not await ask(self.w, self.tr("Restore a backup"), question):
            return None
        shop = self.ops.shop
        vault = backup_restore_vault(shop)
        checked = await self.ops.attempt(in_thread(backup.verify, path, vault=vault))
        if not checked:
            return None
        passphrase = None
        if checked.get("vault_key") == "sealed":  # a single-user shop's key, sealed under the backup passphrase
            passphrase = await ask_text(
                self.w,
                self.tr("Restore a backup"),
                self.tr("The backup holds the vault key sealed under its backup passphrase. Backup passphrase:"),
                secret=True,
            )
            if not passphrase:
                return None
        paused = self._pause()
        api_port = None
        if self.w.api is not None:  # the storefront's requests wait (and retry) while the database is replaced
            api, self.w.api, api_port = self.w.api, None, self.w.api_port
            await api.stop()
        await self.ops.call_reader(shop.db.dispose_reads)  # after whatever the DB threads were doing: no connection
        await self.ops.call(shop.db.engine.dispose)  # left open
        if shop.held is not None:  # our own hold on the shop: the restore needs the shop alone
            shop.held.release()
            shop.held = None
        result = await self.ops.attempt(
            in_thread(
                backup_restore.restore,
                self.w.config,
                path,
                yes=True,
                vault=vault,
                passphrase=passphrase,
                actor=shop.actor,
            )
        )
        if not result:
            shop.hold_open()
            for t in paused:
                t.start()
            if api_port is not None:
                await self.w.start_api(api_port)
            return None
        box = tell(
            self.w,
            self.tr("Backup restored"),
            self.tr(
                "The backup was restored; the database that was there is kept as %1.\n\nShopDesk closes now: "
                "start it again."
            ).replace("%1", str(result["kept_aside"])),
            icon=QMessageBox.Icon.Information,
        )
        box.finished.connect(lambda _r: self.w.close())
        return result

    def _pause(self) -> list:
        """Nothing of this window touches the database while the restore replaces it: its timers stop (the change
        feed's poll included)."""
        w = self.w
        paused = [
            t
            for t in (w.sweeper, w.expiry_timer, self.timer, w.presence.timer, w.watcher._timer, w.webhooks.timer)
            if t.isActive()
        ]
        for t in paused:
            t.stop()
        return paused


def _owner(session) -> bool:
    from shopdesk.services.common import access

    access.require_owner(session, subject="shop:restore")
    return True


def backup_restore_vault(shop):
    try:
        return shop.vault
    except Exception:  # noqa: BLE001 - a locked vault: the restore's checks skip the key
        return None
