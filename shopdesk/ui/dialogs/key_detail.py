"""One key: its history with the operator on every line; reveal the secret (audited)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from qasync import asyncSlot

from shopdesk.services.inventory import browse as keys
from shopdesk.services.inventory import secrets
from shopdesk.services.staff import users
from shopdesk.ui import event_text, labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel


class KeyDetailDialog(QDialog):
    def __init__(self, ops: Ops, key_id: int, parent=None):
        super().__init__(parent)
        self._ops = ops
        self.key_id = key_id
        self.setWindowTitle(self.tr("Key #%1").replace("%1", str(key_id)))
        self.resize(640, 420)
        self.heading = QLabel(objectName="heading")
        self.secret = QLineEdit(objectName="secret")
        self.secret.setReadOnly(True)
        self.reveal_button = QPushButton(self.tr("Reveal secret"), objectName="reveal")
        self.reveal_button.setToolTip(self.tr("Shows the secret; the reveal is recorded in the audit trail."))
        self.reveal_button.clicked.connect(self.reveal)
        self.copy_button = QPushButton(self.tr("Copy"), objectName="copy")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.secret.text()))
        self.history = QTableWidget(0, 4, objectName="history")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Note")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error = ErrorLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.reveal_button)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    async def load(self) -> None:
        rows = await self._ops.read(keys.key_rows, [self.key_id])
        row = rows.get(self.key_id)
        if row is not None:
            self.heading.setText(
                f"<b>{row.sku}</b> · {row.card_no or ''} · {labels.key_status(row.status)} · "
                + self.tr("batch #%1").replace("%1", str(row.batch_id))
                + (" · " + self.tr("order %1").replace("%1", row.order_number) if row.order_number else "")
            )
            if not self.copy_button.isEnabled():
                self.secret.setText(row.masked_secret)
        lines = await self._ops.read(keys.history, self.key_id)
        names = await self._ops.read(users.actor_names)
        self.history.setRowCount(len(lines))
        for i, line in enumerate(lines):
            what = labels.key_event(line.kind)
            if line.order_id:
                what += " · " + self.tr("order %1").replace("%1", line.order_number or str(line.order_id))
            for col, text in enumerate(
                (
                    f"{line.at.astimezone():%Y-%m-%d %H:%M:%S}",
                    what,
                    event_text.actor(line.actor, names),
                    event_text.note(line.note),
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long note may be cut by the dialog's width: the whole of it on hover
                self.history.setItem(i, col, item)
        self.history.resizeColumnsToContents()

    @asyncSlot()
    async def reveal(self) -> None:
        if not await self._ops.confirmed(self, self.tr("reveal the secret")):
            return
        call = self._ops.write(
            secrets.reveal, self._ops.shop.vault, self.key_id, actor=self._ops.shop.actor, reason="revealed on the desk"
        )
        secret = await self._ops.attempt(call, self.error.show_error)
        if secret is FAILED:
            return
        self.secret.setText(secret)
        self.copy_button.setEnabled(True)
        self.reveal_button.setEnabled(False)
        await self.load()
