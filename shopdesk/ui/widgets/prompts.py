"""Questions and messages a coroutine can await without blocking the event loop.

A blocking static dialog (`QFileDialog.getSaveFileName`, `QMessageBox.question`, `exec()`) runs a nested
event loop, inside which qasync cannot resume its tasks: the storefront API would stop answering while the
dialog is open. Every dialog here is opened with `open()` and answers through a future.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


async def run_dialog(dialog: QDialog) -> int:
    """Open `dialog` window-modal and wait for it to finish; returns its result code (Accepted / Rejected)."""
    finished: asyncio.Future[int] = asyncio.get_event_loop().create_future()  # see ui.backups.in_thread

    def done(result: int) -> None:
        if not finished.done():
            finished.set_result(result)

    dialog.finished.connect(done)
    dialog.open()
    return await finished


async def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question; True when the user answers Yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmBox")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    try:
        await run_dialog(box)
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
    finally:
        box.deleteLater()


async def ask_text(parent: QWidget, title: str, label: str, text: str = "", *, secret: bool = False) -> str | None:
    """One line of text (shown as dots when `secret`), or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("askText")
    if secret:
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    try:
        if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()
    finally:
        dialog.deleteLater()


async def ask_save_file(parent: QWidget, title: str, name: str, filters: str) -> str | None:
    """A file name to write, or None when cancelled."""
    dialog = QFileDialog(parent, title, name, filters)
    dialog.setObjectName("askSaveFile")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(name)
    return await _chosen(dialog)


async def ask_open_file(parent: QWidget, title: str, filters: str) -> str | None:
    """An existing file to read, or None when cancelled."""
    dialog = QFileDialog(parent, title, "", filters)
    dialog.setObjectName("askOpenFile")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return await _chosen(dialog)


async def _chosen(dialog: QFileDialog) -> str | None:
    try:
        if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return files[0] if files else None
    finally:
        dialog.deleteLater()


def tell(parent: QWidget, title: str, text: str, *, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """Show a message and return at once (the box closes itself when the user dismisses it)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
