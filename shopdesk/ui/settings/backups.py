"""The Settings page's Backups section: automatic backups on or off, the folder (warned when it is on the database's
disk), how many daily and weekly backups are kept, the backups there with Verify and Restore, and Back up now.
Saved through the settings registry (owner only). `restore_requested(path)` goes to the window's
Backups.restore_file, which closes the shop around the restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import access, settings
from shopdesk.services.maintenance import backup
from shopdesk.ui import labels
from shopdesk.ui.backups import in_thread, result_text, same_disk_text
from shopdesk.ui.widgets.prompts import tell


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


class BackupSettings(QWidget):
    restore_requested = Signal(str)

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupSettings")
        self.ops = ops
        self.auto = QCheckBox(self.tr("Back up automatically once a day"), objectName="backupAuto")
        self.folder = QLineEdit(objectName="backupFolder")
        self.choose = QPushButton(self.tr("Choose…"), objectName="backupChoose")
        self.choose.clicked.connect(self.choose_folder)
        self.same_disk = QLabel(same_disk_text(), objectName="backupSameDisk")
        self.same_disk.setWordWrap(True)
        background, fg = labels.chip_colours("clock", "amber")
        self.same_disk.setStyleSheet(f"background: {background.name()}; color: {fg.name()}; padding: 4px;")
        self.same_disk.hide()
        self.vault_note = QLabel(objectName="backupVaultNote")
        self.vault_note.setWordWrap(True)
        self.keep_daily = QSpinBox(objectName="backupKeepDaily")
        self.keep_daily.setRange(
            settings.REGISTRY["backup.keep_daily"].minimum, settings.REGISTRY["backup.keep_daily"].maximum
        )
        self.keep_weekly = QSpinBox(objectName="backupKeepWeekly")
        self.keep_weekly.setRange(
            settings.REGISTRY["backup.keep_weekly"].minimum, settings.REGISTRY["backup.keep_weekly"].maximum
        )
        self.save_button = QPushButton(self.tr("Save"), objectName="backupSave")
        self.save_button.clicked.connect(self.save_clicked)
        self.message = QLabel(objectName="backupMessage")
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self.auto)
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.same_disk)
        form.addRow(self.tr("Daily backups kept"), self.keep_daily)
        form.addRow(self.tr("Weekly backups kept"), self.keep_weekly)

        self.table = QTableWidget(0, 3, objectName="backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("Made at"), self.tr("Size"), self.tr("File")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("Back up now"), objectName="backupNow")
        self.backup_button.clicked.connect(self.back_up_clicked)
        self.verify_button = QPushButton(self.tr("Verify"), objectName="backupVerify")
        self.verify_button.clicked.connect(self.verify_clicked)
        self.restore_button = QPushButton(self.tr("Restore…"), objectName="backupRestore")
        self.restore_button.clicked.connect(self.restore_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.restore_button)

        for spin in (self.keep_daily, self.keep_weekly):
            spin.setMaximumWidth(120)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.vault_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.folder.textChanged.connect(lambda _t: self.show_same_disk())

    # --- reading -------------------------------------------------------------------------------------------

    async def load(self) -> None:
        if self.ops.shop is None:
            return
        values = await self.ops.read(settings.values)
        self.protected = await self.ops.read(access.protected)
        self.auto.setChecked(bool(values["backup.auto"]))
        self.folder.setText(values["backup.dir"])
        self.folder.setPlaceholderText(str(backup.folder_of(self.ops.shop.config)))
        self.keep_daily.setValue(values["backup.keep_daily"])
        self.keep_weekly.setValue(values["backup.keep_weekly"])
        if self.protected:
            self.vault_note.setText(self.tr("The shop's keys are wrapped inside: this backup is complete on its own."))
        else:
            self.vault_note.setText(
                self.tr(
                    "The vault key is not in the backups: keep a copy of %1 apart from them, or the secrets in them "
                    "cannot be opened."
                ).replace("%1", str(Path(self.ops.shop.config.data_dir) / "vault.key"))
            )
        self.show_same_disk()
        await self.list_backups()

    def chosen_folder(self) -> Path:
        return backup.folder_of(self.ops.shop.config, self.folder.text().strip())

    def show_same_disk(self) -> None:
        if self.ops.shop is not None:
            self.same_disk.setVisible(backup.same_disk(self.ops.shop.config, self.chosen_folder()))

    async def list_backups(self) -> None:
        found = await in_thread(backup.list_backups, self.ops.shop.config, self.chosen_folder())
        rows = found["backups"]
        self.table.setRowCount(len(rows))
        for i, b in enumerate(rows):
            when = datetime.fromisoformat(b["at"]).astimezone().strftime("%Y-%m-%d %H:%M")  # this desktop's time
            for col, text in enumerate((when, _size(b["size"]), Path(b["path"]).name)):
                item = QTableWidgetItem(text)
                item.setToolTip(b["path"])
                self.table.setItem(i, col, item)
        self.paths = [b["path"] for b in rows]
        self.verify_button.setEnabled(bool(rows))
        self.restore_button.setEnabled(bool(rows))

    def selected_path(self) -> str | None:
        row = self.table.currentRow()
        paths = getattr(self, "paths", [])
        return paths[row] if 0 <= row < len(paths) else (paths[0] if paths else None)

    # --- writing -------------------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Backup folder"), str(self.chosen_folder()))
        dialog.setObjectName("backupFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    async def save(self) -> bool:
        changes = {
            "backup.auto": "on" if self.auto.isChecked() else "off",
            "backup.dir": self.folder.text().strip(),
            "backup.keep_daily": self.keep_daily.value(),
            "backup.keep_weekly": self.keep_weekly.value(),
        }

        def write(session):
            for key, value in changes.items():
                settings.change(session, key, value)

        done = await self.ops.attempt(self.ops.write(write), self.message.setText)
        if done is None:
            self.message.setText(self.tr("Saved."))
            await self.list_backups()
            return True
        return False

    async def back_up(self) -> None:
        self.message.setText(self.tr("Backing up…"))
        result = await self.ops.attempt(in_thread(backup.create, self.ops.shop), self.message.setText)
        if result:
            self.message.setText(result_text(result, self.ops.shop.config.data_dir))
            await self.list_backups()

    async def verify(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        vault = None
        try:
            vault = self.ops.shop.vault
        except Exception:  # noqa: BLE001 - a locked vault: the key checks are skipped
            pass
        result = await self.ops.attempt(in_thread(backup.verify, path, vault=vault), self.message.setText)
        if not result:
            return
        if result["ok"]:
            text = self.tr("%1 is sound.").replace("%1", Path(path).name)
            tell(self, self.tr("Backup verified"), text, icon=QMessageBox.Icon.Information)
        else:
            text = self.tr("%1 has problems:").replace("%1", Path(path).name)
            tell(self, self.tr("Backup verified"), text + "\n" + "\n".join(result["problems"] + result["doctor"]))
        self.message.setText(text)

    @asyncSlot()
    async def save_clicked(self) -> None:
        await self.save()

    @asyncSlot()
    async def back_up_clicked(self) -> None:
        await self.back_up()

    @asyncSlot()
    async def verify_clicked(self) -> None:
        await self.verify()

    def restore_clicked(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.restore_requested.emit(path)
