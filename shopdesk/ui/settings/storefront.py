"""Settings → Storefront API: the port, the secret (hidden; Show and Copy are on the audit trail; Rotate asks
first) and the storefront's example request, signed by the shop's own signing code."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.storefront import example, intake
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.settings.fields import TextField
from shopdesk.ui.widgets.common import wrapped_label
from shopdesk.ui.widgets.prompts import ask


class StorefrontSection(QWidget):
    def __init__(self, ops: Ops, page, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops, self._page = ops, page
        self.port = TextField("api.port", self.tr("Port"), self, width=110)
        self.running = QLabel(objectName="apiRunning")
        port_note = wrapped_label(
            self.tr(
                "The storefront sends its requests to 127.0.0.1 on this port. A new port takes effect when the API "
                "server restarts: this window restarts its own when you save; a server started from the command "
                "line needs a restart by hand."
            ),
            objectName="hint",
        )
        form = QFormLayout()
        form.addRow(self.tr("Port"), page.cell(self.port))
        form.addRow("", self.running)
        form.addRow("", port_note)

        self.secret = QLineEdit(objectName="apiSecret")
        self.secret.setReadOnly(True)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("hidden"))
        self.secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.show_button = self._button(self.tr("Show"), "showSecret", self.toggle_secret)
        self.copy_button = self._button(self.tr("Copy"), "copySecret", self.copy_secret)
        self.rotate_button = self._button(self.tr("Rotate…"), "rotateSecret", self.rotate)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        for b in (self.show_button, self.copy_button, self.rotate_button):
            row.addWidget(b)
        secret_note = wrapped_label(
            self.tr(
                "The storefront signs every request with this secret. Showing or copying it is recorded in the "
                "audit trail. After a rotation the old secret stops working at once: give the new one to the "
                "storefront."
            ),
            objectName="hint",
        )
        secret_box = QGroupBox(self.tr("API secret"))
        inner = QVBoxLayout(secret_box)
        inner.addLayout(row)
        inner.addWidget(secret_note)

        self.example = QPlainTextEdit(objectName="exampleRequest")
        self.example.setReadOnly(True)
        self.example.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.example.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.example.setMinimumHeight(130)
        self.example_note = wrapped_label(objectName="hint")
        self.copy_example_button = self._button(self.tr("Copy the command"), "copyExample", self.copy_example)
        self.renew_button = self._button(self.tr("Sign it again"), "renewExample", self.renew)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_example_button)
        buttons.addWidget(self.renew_button)
        buttons.addStretch(1)
        example_box = QGroupBox(self.tr("Example request"))
        inner = QVBoxLayout(example_box)
        inner.addWidget(self.example_note)
        inner.addWidget(self.example, 1)
        inner.addLayout(buttons)
        self.owner_only = wrapped_label(
            self.tr("Only the owner sees the API secret and the example request."), objectName="hint"
        )
        self.secret_box, self.example_box = secret_box, example_box
        self.message = wrapped_label(objectName="apiMessage")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(secret_box)
        layout.addWidget(example_box, 1)
        layout.addWidget(self.owner_only)
        layout.addWidget(self.message)
        self.made: example.ExampleRequest | None = None

    def _button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text, objectName=name)
        b.clicked.connect(slot)
        return b

    # --- loading -------------------------------------------------------------------------------------------

    async def load(self, owner: bool) -> None:
        for w in (self.secret_box, self.example_box):
            w.setVisible(owner)
        self.owner_only.setVisible(not owner)
        port = self._page.running_port
        if port is None:
            self.running.setText(self.tr("This window's storefront API is off."))
        else:
            self.running.setText(
                self.tr("This window's storefront API listens on 127.0.0.1:%1.").replace("%1", str(port))
            )
        if owner and (self.made is None or self.made.url != self._url()):
            await self.renew()
        elif not owner:
            self.made = None
            self.example.clear()
            self.hide_secret()

    def _port(self) -> int:
        return self._page.running_port or self.port.spec.parse(self.port.loaded)

    def _url(self) -> str:
        return f"http://127.0.0.1:{self._port()}{example.PATH}"

    @asyncSlot()
    async def renew(self) -> None:
        """Sign the example afresh (it is valid for a few minutes, once)."""
        made = await self._ops.attempt(self._ops.write(example.shop_example, self._port()), self.message.setText)
        if made is FAILED:
            return
        self.made = made
        self.example.setPlainText(made.curl())
        if made.placeholder:
            what = self.tr(
                "The shop has no product on sale yet: write a product's SKU into the command before running it."
            )
        else:
            what = self.tr(
                "Run it in a terminal to try the connection: it creates an unpaid test order for one key of %1, "
                "which closes by itself after the unpaid-order timeout."
            ).replace("%1", made.sku)
        valid = self.tr("Signed just now with the shop's secret, it is accepted once, within %1 minutes.")
        gap = " " if what.endswith(".") else ""  # Chinese runs on after its full stop
        self.example_note.setText(what + gap + valid.replace("%1", str(made.valid_for_s // 60)))

    # --- the secret ----------------------------------------------------------------------------------------

    async def _reveal(self) -> str | None:
        secret = await self._ops.attempt(
            self._ops.write(intake.reveal_secret, actor=self._ops.shop.actor), self.message.setText
        )
        return None if secret is FAILED else secret

    @asyncSlot()
    async def toggle_secret(self) -> None:
        if self.secret.echoMode() == QLineEdit.EchoMode.Normal:
            self.hide_secret()
            return
        secret = await self._reveal()
        if secret is not None:
            self.secret.setText(secret)
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.show_button.setText(self.tr("Hide"))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Left on screen no longer than it is looked at: another tab or page hides the secret again."""
        self.hide_secret()
        super().hideEvent(event)

    def hide_secret(self) -> None:
        self.secret.clear()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_button.setText(self.tr("Show"))

    @asyncSlot()
    async def copy_secret(self) -> None:
        secret = await self._reveal()
        if secret is not None:
            QGuiApplication.clipboard().setText(secret)
            self.message.setText(self.tr("The secret is copied."))

    @asyncSlot()
    async def rotate(self) -> None:
        question = self.tr(
            "Make a new API secret? The old one stops working at once: the storefront's requests are refused "
            "until it signs with the new one."
        )
        if not await ask(self, self.tr("Rotate the API secret"), question):
            return
        if not await self._ops.confirmed(self, self.tr("Rotate the API secret")):
            return
        secret = await self._ops.attempt(
            self._ops.write(intake.rotate_secret, actor=self._ops.shop.actor), self.message.setText
        )
        if secret is FAILED:
            return
        if self.secret.echoMode() == QLineEdit.EchoMode.Normal:
            self.secret.setText(secret)
        self.message.setText(self.tr("A new secret is in force: give it to the storefront."))
        await self.renew()

    def copy_example(self) -> None:
        QGuiApplication.clipboard().setText(self.example.toPlainText())
        self.message.setText(self.tr("The command is copied."))
