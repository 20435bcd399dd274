"""Settings → This desktop: unattended delivery (this desktop keeps its own copy of the shop's key, so its
storefront server delivers while nobody is logged in; services/staff/devices.py) and the way to the Team page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.staff import devices, wraps
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import wrapped_label
from shopdesk.ui.widgets.prompts import ask


class DesktopSection(QWidget):
    team_requested = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.unattended = False
        self.state = wrapped_label(objectName="unattendedState")
        self.toggle_button = QPushButton(objectName="unattendedButton")
        self.toggle_button.clicked.connect(self.toggle)
        self.message = wrapped_label(objectName="desktopMessage")
        box = QGroupBox(self.tr("Unattended delivery"))
        inner = QVBoxLayout(box)
        inner.addWidget(
            wrapped_label(
                self.tr(
                    "With unattended delivery on, this desktop's storefront server delivers paid orders while "
                    "nobody is logged in (at night, say): it keeps its own copy of the shop's key, in the system "
                    "keyring or a file only your account can read. Turn it off on a desktop others can reach."
                ),
                objectName="hint",
            )
        )
        inner.addWidget(self.state)
        row = QHBoxLayout()
        row.addWidget(self.toggle_button)
        row.addStretch(1)
        inner.addLayout(row)
        inner.addWidget(self.message)

        team = QGroupBox(self.tr("Users"))
        self.team_text = wrapped_label(
            self.tr("Who may log in, their roles and what each role may do are on the Team page."), objectName="hint"
        )
        self.team_button = QPushButton(self.tr("Open the Team page"), objectName="openTeam")
        self.team_button.clicked.connect(self.team_requested)
        inner_team = QVBoxLayout(team)
        inner_team.addWidget(self.team_text)
        row = QHBoxLayout()
        row.addWidget(self.team_button)
        row.addStretch(1)
        inner_team.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(team)
        layout.addStretch(1)

    async def load(self, owner: bool) -> None:
        shop = self._ops.shop
        if shop is None:
            return
        protected = shop.protected
        if not protected:
            self.unattended = False
            self.state.setText(
                self.tr(
                    "This shop has no accounts yet: every desktop opens it without a login, so there is nothing "
                    "to turn on. Once the owner account exists, this desktop can be allowed here."
                )
            )
            self.toggle_button.hide()
            self.team_text.setText(self.tr("Create the owner account to give each person their own login and role."))
            self.team_button.setText(self.tr("Create the owner account…"))
        else:
            self.unattended = await self._ops.read(wraps.unattended_here, shop.config.data_dir)
            self.state.setText(
                self.tr("On: this desktop delivers while nobody is logged in.")
                if self.unattended
                else self.tr("Off: this desktop delivers only while someone is logged in.")
            )
            self.toggle_button.setText(self.tr("Turn off") if self.unattended else self.tr("Turn on"))
            self.toggle_button.setVisible(True)
            self.toggle_button.setEnabled(owner)
            self.team_text.setText(
                self.tr("Who may log in, their roles and what each role may do are on the Team page.")
            )
            self.team_button.setText(self.tr("Open the Team page"))
        self.team_button.setVisible(owner)

    @asyncSlot()
    async def toggle(self) -> None:
        shop = self._ops.shop
        data_dir = shop.config.data_dir
        if self.unattended:
            result = await self._ops.attempt(
                self._ops.write(devices.revoke_unattended, data_dir, actor=shop.actor), self.message.setText
            )
            done = self.tr("This desktop no longer delivers unattended.")
        else:
            question = self.tr(
                "Let this desktop deliver while nobody is logged in? It keeps a copy of the shop's key that "
                "opens without a passphrase."
            )
            if not await ask(self, self.tr("Unattended delivery"), question):
                return
            result = await self._ops.attempt(
                self._ops.write(devices.allow_unattended, shop.wrapping_key, data_dir, actor=shop.actor),
                self.message.setText,
            )
            done = self.tr("This desktop now delivers unattended.")
        if result is not FAILED:
            self.message.setText(done)
            await self.load(True)
