"""The Settings page's webhooks: where alerts go off the desktop (a signed JSON POST, a 企业微信 group robot, a
Telegram bot), each hook's last delivery, and what the outbox still holds. Dialogs open with open(), never exec()."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common.webhooks import EVENTS
from shopdesk.services.maintenance import webhook_sender, webhooks
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.rows import Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, wrapped_label
from shopdesk.ui.widgets.prompts import ask, run_dialog

KINDS = ("generic", "wecom", "telegram")
PLACEHOLDERS = {
    "generic": "https://example.com/hooks/shopdesk",
    "wecom": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    "telegram": "https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat>",
}


def event_label(event: str) -> str:
    return {
        "breach": lambda: QCoreApplication.translate("WebhookSettings", "SOP breached"),
        "paid_order": lambda: QCoreApplication.translate("WebhookSettings", "Paid order delivered"),
        "awaiting_stock": lambda: QCoreApplication.translate("WebhookSettings", "Order waiting for keys"),
        "low_stock": lambda: QCoreApplication.translate("WebhookSettings", "Low stock"),
        "anomaly": lambda: QCoreApplication.translate("WebhookSettings", "Out of the ordinary"),
        "backup_failed": lambda: QCoreApplication.translate("WebhookSettings", "Backup failed"),
    }.get(event, lambda: event)()


def kind_label(kind: str) -> str:
    return {
        "generic": lambda: QCoreApplication.translate("WebhookSettings", "JSON (signed)"),
        "wecom": lambda: QCoreApplication.translate("WebhookSettings", "WeCom group robot"),
        "telegram": lambda: QCoreApplication.translate("WebhookSettings", "Telegram bot"),
    }.get(kind, lambda: kind)()


def last_delivery(hook: webhooks.HookView) -> str:
    if hook.last_state is None:
        return QCoreApplication.translate("WebhookSettings", "Nothing sent yet")
    when = hook.last_at.astimezone().strftime("%m-%d %H:%M") if hook.last_at else ""
    state = {
        "sent": lambda: QCoreApplication.translate("WebhookSettings", "Sent %1"),
        "pending": lambda: QCoreApplication.translate("WebhookSettings", "Waiting since %1"),
        "failed": lambda: QCoreApplication.translate("WebhookSettings", "Gave up %1"),
    }[hook.last_state]()
    return state.replace("%1", when)


class AddWebhookDialog(QDialog):
    """URL, format and the events to send; the caller adds the hook when it is accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("addWebhook")
        self.setWindowTitle(self.tr("Add a webhook"))
        self.url = QLineEdit(objectName="webhookUrl")
        self.url.setMinimumWidth(420)
        self.kind = QComboBox(objectName="webhookKind")
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(self._hint)
        self.hint = wrapped_label(objectName="webhookHint")
        self.checks: dict[str, QCheckBox] = {}
        events = QVBoxLayout()
        for event in EVENTS:
            box = QCheckBox(event_label(event), objectName=f"event_{event}")
            box.setChecked(event in ("breach", "paid_order", "backup_failed"))
            self.checks[event] = box
            events.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("Format"), self.kind)
        form.addRow("", self.hint)
        form.addRow(self.tr("Send"), events)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._hint()

    def _hint(self) -> None:
        kind = self.kind.currentData()
        self.url.setPlaceholderText(PLACEHOLDERS[kind])
        self.hint.setText(
            {
                "generic": self.tr(
                    "A JSON POST signed with a secret (header X-ShopDesk-Signature); the secret is shown once."
                ),
                "wecom": self.tr("The robot's webhook address from the WeCom group's settings (群机器人)."),
                "telegram": self.tr("https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat> of your bot."),
            }[kind]
        )

    def chosen_events(self) -> list[str]:
        return [e for e, box in self.checks.items() if box.isChecked()]


class SecretDialog(QDialog):
    """A generic hook's signing secret, shown this once, with Copy."""

    def __init__(self, secret: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("webhookSecret")
        self.setWindowTitle(self.tr("Signing secret"))
        self.secret = QLineEdit(secret, objectName="webhookSecretText", readOnly=True)
        self.secret.setMinimumWidth(480)
        copy = QPushButton(self.tr("Copy"), objectName="copyWebhookSecret")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.secret.text()))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Keep this secret where the receiving server can check signatures: it is shown only now. "
                    "Each POST carries X-ShopDesk-Signature, the hex HMAC-SHA256 of the body under it."
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(close)


class WebhookSettings(QWidget):
    """List, add, test and remove webhooks; the outbox's waiting and given-up counts."""

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.model = RowsModel(
            [
                Column(lambda: self.tr("Address"), lambda h: h.url, elide=True),
                Column(lambda: self.tr("Format"), lambda h: kind_label(h.kind)),
                Column(lambda: self.tr("Events"), lambda h: self.tr(", ").join(event_label(e) for e in h.events)),
                Column(lambda: self.tr("Last delivery"), last_delivery),
            ],
            self,
        )
        self.table = make_table(self)
        self.table.setObjectName("webhooks")
        self.table.setModel(self.model)
        for column, width in enumerate((300, 130, 240)):
            self.table.setColumnWidth(column, width)
        self.counts = QLabel(objectName="webhookCounts")
        self.message = wrapped_label(objectName="webhookMessage")
        self.add_button = QPushButton(self.tr("Add…"), objectName="addWebhookButton")
        self.test_button = QPushButton(self.tr("Send a test"), objectName="testWebhook")
        self.remove_button = QPushButton(self.tr("Remove"), objectName="removeWebhook")
        self.add_button.clicked.connect(self.add)
        self.test_button.clicked.connect(self.test)
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 9)  # as the other tabs of the Settings page
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Alerts off the desktop: ShopDesk posts the events you choose to a WeCom group robot, a Telegram "
                    "bot or your own server. Messages wait in a queue and are retried until they get through."
                )
            )
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.counts)
        row.addWidget(self.message, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.test_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.dialog: AddWebhookDialog | None = None
        self.secret_dialog: SecretDialog | None = None

    async def load(self) -> None:
        hooks = await self._ops.read(webhooks.list_hooks)
        counts = await self._ops.read(webhooks.queue_counts)
        self.model.set_rows(hooks)
        self.counts.setText(
            self.tr("%1 waiting to be sent, %2 given up")
            .replace("%1", str(counts.pending))
            .replace("%2", str(counts.failed))
        )
        self.test_button.setEnabled(bool(hooks))
        self.remove_button.setEnabled(bool(hooks))

    def _current(self) -> webhooks.HookView | None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText(self.tr("Pick a webhook first."))
            return None
        return self.model.row_at(index.row())

    @asyncSlot()
    async def add(self) -> None:
        self.dialog = AddWebhookDialog(self)
        try:
            while await run_dialog(self.dialog) == QDialog.DialogCode.Accepted:
                call = self._ops.write(
                    webhooks.add_hook,
                    self.dialog.url.text(),
                    kind=self.dialog.kind.currentData(),
                    events=self.dialog.chosen_events(),
                    actor=self._ops.shop.actor,
                )
                added = await self._ops.attempt(call, self.message.setText)
                if added is FAILED:
                    continue  # the dialog opens again with what was typed; the message says what to fix
                self.message.setText(self.tr("Webhook added."))
                await self.load()
                if added.secret:
                    self.secret_dialog = SecretDialog(added.secret, self)
                    self.secret_dialog.finished.connect(self.secret_dialog.deleteLater)
                    self.secret_dialog.open()
                break
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    @asyncSlot()
    async def test(self) -> None:
        hook = self._current()
        if hook is None:
            return
        self.message.setText(self.tr("Sending a test…"))
        outcome = await self._ops.attempt(webhook_sender.send_test(self._ops.read, hook.id), self.message.setText)
        if outcome is FAILED:
            return
        if outcome.ok:
            self.message.setText(self.tr("Test sent: the server answered %1.").replace("%1", str(outcome.status)))
        else:
            self.message.setText(self.tr("The test did not get through: %1").replace("%1", outcome.error))

    @asyncSlot()
    async def remove(self) -> None:
        hook = self._current()
        if hook is None:
            return
        question = self.tr("Remove the webhook to %1? Messages it has not sent yet are dropped.")
        if not await ask(self, self.tr("Remove webhook"), question.replace("%1", hook.url)):
            return
        call = self._ops.write(webhooks.remove_hook, hook.id, actor=self._ops.shop.actor)
        if await self._ops.attempt(call, self.message.setText) is FAILED:
            return
        self.message.setText(self.tr("Webhook removed."))
        await self.load()
