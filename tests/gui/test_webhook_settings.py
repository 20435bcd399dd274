"""The Settings page's webhooks widget on a real shop: add a hook through its dialog (the secret shown once, with
Copy), a refused URL says why and keeps the dialog, test and remove; and the window's own sender posts the outbox
to a real server on loopback without blocking the loop."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from shopdesk.services.common import webhooks as enqueue_api
from shopdesk.services.maintenance import webhooks
from shopdesk.ui.settings.webhooks import AddWebhookDialog, SecretDialog, WebhookSettings
from tests.gui.conftest import drain, run_until
from tests.helpers.webhook_receiver import Receiver


def make(qtbot, loop, window) -> WebhookSettings:
    widget = WebhookSettings(window.ops)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    loop.run_until_complete(widget.load())
    return widget


def test_add_test_and_remove_a_webhook(qtbot, loop, window):
    receiver = Receiver().start()
    try:
        widget = make(qtbot, loop, window)
        assert widget.model.rowCount() == 0 and widget.counts.text() == "0 waiting to be sent, 0 given up"

        widget.add_button.click()
        run_until(loop, lambda: widget.dialog is not None and widget.dialog.isVisible(), what="the add dialog")
        dialog = widget.dialog
        assert isinstance(dialog, AddWebhookDialog)
        dialog.url.setText("ftp://example.com/hook")
        dialog.accept()
        run_until(loop, lambda: "http:// or https://" in widget.message.text(), what="the refusal")
        run_until(loop, lambda: widget.dialog is not None and widget.dialog.isVisible(), what="the dialog again")
        assert widget.dialog.url.text() == "ftp://example.com/hook"  # what was typed is kept to fix
        widget.dialog.url.setText(receiver.url + "/hook")
        widget.dialog.checks["low_stock"].setChecked(True)
        widget.dialog.accept()
        run_until(loop, lambda: widget.model.rowCount() == 1, what="the new hook in the list")
        secret_box = widget.findChild(SecretDialog)
        assert secret_box is not None and len(secret_box.secret.text()) == 64
        secret_box.findChild(type(widget.add_button), "copyWebhookSecret").click()
        assert QGuiApplication.clipboard().text() == secret_box.secret.text()
        secret_box.accept()
        assert [widget.model.index(0, c).data() for c in range(4)] == [
            receiver.url + "/hook",
            "JSON (signed)",
            "SOP breached, Paid order delivered, Low stock, Backup failed",
            "Nothing sent yet",
        ]

        widget.table.selectRow(0)
        widget.test_button.click()
        run_until(loop, lambda: widget.message.text() == "Test sent: the server answered 200.", what="the test")
        assert receiver.bodies()[0]["event"] == "test"

        widget.remove_button.click()
        run_until(loop, lambda: widget.findChild(QMessageBox, "confirmBox") is not None, what="the question")
        box = widget.findChild(QMessageBox, "confirmBox")
        box.button(QMessageBox.StandardButton.Yes).click()
        run_until(loop, lambda: widget.model.rowCount() == 0, what="the hook to go")
        assert widget.message.text() == "Webhook removed."
    finally:
        receiver.stop()


def test_the_window_sends_the_outbox_and_the_widget_counts_it(qtbot, loop, window):
    receiver = Receiver().start()
    try:
        ops = window.ops
        added = loop.run_until_complete(
            ops.write(webhooks.add_hook, receiver.url, kind="wecom", events=["backup_failed"], actor="owner")
        )
        loop.run_until_complete(ops.write(enqueue_api.enqueue, "backup_failed", reason="disk full"))
        widget = make(qtbot, loop, window)
        assert widget.counts.text() == "1 waiting to be sent, 0 given up"
        assert widget.model.index(0, 3).data().startswith("Waiting since ")
        window.webhooks.pump()  # what its timer does every 15 s
        run_until(loop, lambda: len(receiver.received) == 1, what="the robot's message")
        assert receiver.bodies()[0]["text"]["content"] == "[ShopDesk] 备份失败：disk full"
        drain(loop)
        loop.run_until_complete(widget.load())
        assert widget.counts.text() == "0 waiting to be sent, 0 given up"
        assert widget.model.index(0, 3).data().startswith("Sent ")
        assert added.secret is None
    finally:
        receiver.stop()
