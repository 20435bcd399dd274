"""The login dialog (at start, to unlock, to confirm a sensitive action) and the dialogs that edit users."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED, attempt
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label
from shopdesk.ui.widgets.form_dialog import FormDialog

ROLES = ("owner", "staff", "viewer")
Check = Callable[[str, str], Awaitable[object]]


def passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LoginDialog(QDialog):
    """A user name and a passphrase, checked by `check(name, passphrase)` (a coroutine that raises the service's
    refusal: shown inline, the dialog stays open). Modes: "login" (at start), "unlock" (the window is locked: it
    cannot be dismissed, but another user may log in) and "confirm" (before a sensitive action; Cancel allowed)."""

    def __init__(self, check: Check, mode: str, name: str = "", why: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._check = check
        self.mode = mode
        self.result_value = None
        self.setMinimumWidth(460)
        titles = {
            "login": self.tr("Log in to ShopDesk"),
            "unlock": self.tr("ShopDesk is locked"),
            "confirm": self.tr("Confirm it is you"),
        }
        self.setWindowTitle(titles[mode])
        intro = {
            "login": self.tr("This shop has staff accounts. Log in with your user name and passphrase."),
            "unlock": self.tr("The window was locked. Type your passphrase to go on, or switch user."),
            "confirm": self.tr("Type your passphrase again to %1.").replace("%1", why),
        }
        self.intro = wrapped_label(intro[mode], objectName="loginIntro")
        self.name = QLineEdit(name, objectName="loginName")
        self.name.setReadOnly(mode != "login")
        self.passphrase = passphrase_field("passphrase")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        ok_text = {"login": self.tr("Log in"), "unlock": self.tr("Unlock"), "confirm": self.tr("Confirm")}[mode]
        self.buttons = QDialogButtonBox(objectName="dialogButtons")
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("loginButton")
        self.ok_button.setDefault(True)
        self.switch_button = None
        if mode == "unlock":
            self.switch_button = QPushButton(self.tr("Switch user"), objectName="switchUser")
            self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ResetRole)
            self.switch_button.clicked.connect(self.switch_user)
        else:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.passphrase if name else self.name).setFocus()

    def switch_user(self) -> None:
        self.name.setReadOnly(False)
        self.name.clear()
        self.passphrase.clear()
        self.error.show_error("")
        self.name.setFocus()

    def reject(self) -> None:
        if self.mode != "unlock":  # a locked window stays locked until someone types their passphrase
            super().reject()

    @asyncSlot()
    async def submit(self) -> None:
        self.error.show_error("")
        self.ok_button.setEnabled(False)
        try:
            result = await attempt(self._check(self.name.text().strip(), self.passphrase.text()), self.error.show_error)
        finally:
            self.ok_button.setEnabled(True)
        if result is FAILED:
            self.adjustSize()  # room for the error line
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.result_value = result
        self.accept()


def fill_roles(combo: QComboBox, current: str | None = None) -> None:
    for role in ROLES:
        combo.addItem(labels.role(role), role)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))


class UserDialog(FormDialog):
    """Add a user (name, display name, role, passphrase twice), or create the shop's first owner (`first`)."""

    def __init__(self, ops: Ops, save: Callable[[dict], Awaitable[object]], *, first: bool = False, parent=None):
        super().__init__(ops, parent, width=440)
        self.setObjectName("createOwnerDialog" if first else "userDialog")
        self._save = save
        self.setWindowTitle(self.tr("Create the owner account") if first else self.tr("Add a user"))
        self.name = QLineEdit(objectName="userName")
        self.name.setPlaceholderText(self.tr("Letters, digits, . _ -"))
        self.display_name = QLineEdit(objectName="displayName")
        self.display_name.setPlaceholderText(self.tr("How the desk shows them, e.g. 小王"))
        self.role = QComboBox(objectName="role")
        fill_roles(self.role, "owner" if first else "staff")
        self.role.setEnabled(not first)
        self.passphrase = passphrase_field("passphrase")
        self.repeat = passphrase_field("repeat")
        if first:
            note = wrapped_label(
                self.tr(
                    "From now on everyone logs in. The owner may do everything and adds the staff; the key that "
                    "encrypts the card secrets is kept under each user's passphrase. Do not forget it."
                ),
                objectName="hint",
            )
            self.form.addRow(note)
        self.rows(
            (self.tr("User name"), self.name),
            (self.tr("Display name"), self.display_name),
            (self.tr("Role"), self.role),
            (self.tr("Passphrase"), self.passphrase),
            (self.tr("Passphrase again"), self.repeat),
        )

    async def submit(self):
        if self.passphrase.text() != self.repeat.text():
            self.error.show_error(self.tr("The two passphrases differ; type the same one twice."))
            return FAILED
        return await self._save(
            {
                "name": self.name.text().strip(),
                "display_name": self.display_name.text().strip(),
                "role": self.role.currentData(),
                "passphrase": self.passphrase.text(),
            }
        )


class PassphraseDialog(FormDialog):
    """A new passphrase for a user, twice."""

    def __init__(self, ops: Ops, name: str, save: Callable[[str], Awaitable[object]], parent=None):
        super().__init__(ops, parent, width=420)
        self.setObjectName("passphraseDialog")
        self._save = save
        self.setWindowTitle(self.tr("New passphrase for %1").replace("%1", name))
        self.passphrase = passphrase_field("passphrase")
        self.repeat = passphrase_field("repeat")
        self.rows((self.tr("New passphrase"), self.passphrase), (self.tr("Passphrase again"), self.repeat))

    async def submit(self):
        if self.passphrase.text() != self.repeat.text():
            self.error.show_error(self.tr("The two passphrases differ; type the same one twice."))
            return FAILED
        return await self._save(self.passphrase.text())


class RoleDialog(FormDialog):
    def __init__(self, ops: Ops, name: str, current: str, save: Callable[[str], Awaitable[object]], parent=None):
        super().__init__(ops, parent, width=360)
        self.setObjectName("roleDialog")
        self._save = save
        self.setWindowTitle(self.tr("Change the role of %1").replace("%1", name))
        self.role = QComboBox(objectName="role")
        fill_roles(self.role, current)
        self.rows((self.tr("Role"), self.role))

    async def submit(self):
        return await self._save(self.role.currentData())
