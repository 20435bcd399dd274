"""Staff and permissions (the owner's page): the users, and what the staff and viewer roles may do."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import chain
from shopdesk.services.common.access import PERMISSIONS
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.staff import users
from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED, attempt_now
from shopdesk.ui.ops import Ops
from shopdesk.ui.staff.dialogs import ROLES, PassphraseDialog, RoleDialog, UserDialog
from shopdesk.ui.widgets.common import LivePage, page_title, wrapped_label
from shopdesk.ui.widgets.prompts import ask

EDITABLE_ROLES = ("staff", "viewer")


class StaffPage(LivePage, QWidget):
    topics = ("user", "setting")
    protect_requested = Signal()  # single-user mode: the owner account is to be created

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.users: list = []
        self._filling = False
        self.title = page_title(self.tr("Staff and permissions"))

        single = QWidget()
        self.single_text = wrapped_label(
            self.tr(
                "This shop runs in single-user mode: whoever opens it may do everything. Create the owner "
                "account to give each person their own login and role."
            ),
            objectName="emptyState",
        )
        self.protect_button = QPushButton(self.tr("Create the owner account…"), objectName="createOwner")
        self.protect_button.clicked.connect(self.protect_requested)
        box = QVBoxLayout(single)
        box.addStretch(1)
        box.addWidget(self.single_text)
        box.addWidget(self.protect_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)

        managed = QWidget()
        self.table = QTableWidget(0, 6, objectName="usersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Display name"),
                self.tr("Role"),
                self.tr("Active"),
                self.tr("Last login"),
                self.tr("Locked until"),
            ]
        )
        self.add_button = self._button(self.tr("Add user…"), "addUser", self.add_user)
        self.role_button = self._button(self.tr("Change role…"), "changeRole", self.change_role)
        self.passphrase_button = self._button(self.tr("Reset passphrase…"), "resetPassphrase", self.reset_passphrase)
        self.disable_button = self._button(self.tr("Disable"), "disableUser", self.disable)
        bar = QHBoxLayout()
        for b in (self.add_button, self.role_button, self.passphrase_button, self.disable_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.message = wrapped_label(objectName="staffMessage")

        self.grid = QTableWidget(len(PERMISSIONS), len(ROLES), objectName="permissionGrid")
        self.grid.setHorizontalHeaderLabels([labels.role(r) for r in ROLES])
        self.grid.setVerticalHeaderLabels([labels.permission(p) for p in PERMISSIONS])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.itemChanged.connect(self.permission_toggled)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.limit = QLineEdit(objectName="refundLimit")
        self.limit.setPlaceholderText(self.tr("no limit"))
        self.limit.setMaximumWidth(120)
        self.limit_button = self._button(self.tr("Save limit"), "saveLimit", self.save_limit)
        limit_row = QHBoxLayout()
        limit_row.addWidget(QLabel(self.tr("Staff refund limit per case (yuan)")))
        limit_row.addWidget(self.limit)
        limit_row.addWidget(self.limit_button)
        limit_row.addStretch(1)

        self.trail = wrapped_label(objectName="trailHeads")
        self.trail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = self._button(self.tr("Verify the trail"), "verifyTrail", self.verify_trail)
        trail_row = QHBoxLayout()
        trail_row.addWidget(self.trail, 1)
        trail_row.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Users"), objectName="sectionTitle"))
        left.addLayout(bar)
        left.addWidget(self.table, 1)
        left.addWidget(QLabel(self.tr("Tamper-evident trail"), objectName="sectionTitle"))
        left.addLayout(trail_row)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("What each role may do"), objectName="sectionTitle"))
        right.addWidget(self.grid, 1)
        right.addLayout(limit_row)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        body = QVBoxLayout(managed)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.message)
        body.addLayout(columns, 1)

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        self._stack = QStackedLayout()
        outer.addLayout(self._stack, 1)  # in the page first: a layout of no widget shows its first as a window
        self._stack.addWidget(single)
        self._stack.addWidget(managed)
        self._single, self._managed = single, managed

    def _button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text, objectName=name)
        b.clicked.connect(slot)
        return b

    # --- loading ------------------------------------------------------------------------------------------

    async def load(self) -> None:
        shop = self._ops.shop
        if shop is None or shop.identity is None:
            self._stack.setCurrentWidget(self._single)
            return
        self._stack.setCurrentWidget(self._managed)
        self.users = await self._ops.read(users.list_users)
        self.fill_users()
        self.fill_grid(await self._ops.read(users.role_rights))
        self.show_heads(await self._ops.read(chain.heads))

    def show_heads(self, heads: dict) -> None:
        """The chain heads, to compare with a backup or another desktop: a trail cut short or rewritten shows here."""
        lines = []
        for name, title in (("audit", self.tr("Audit trail")), ("journal", self.tr("Journal"))):
            last_id, digest = heads.get(name, (0, ""))
            head = f"{digest[:16]}…" if digest else self.tr("not started")
            lines.append(
                self.tr("%1: sealed to row %2, head %3")
                .replace("%1", title)
                .replace("%2", str(last_id))
                .replace("%3", head)
            )
        self.trail.setText("\n".join(lines))

    @asyncSlot()
    async def verify_trail(self) -> None:
        """Recompute both chains, as `shopdesk audit verify` does, and say what came out."""
        verdicts = await self._ops.attempt(self._ops.read(chain.verify_all), self.message.setText)
        if verdicts is FAILED:
            return
        broken = next((v.broken for v in verdicts if v.broken is not None), None)
        checked = sum(v.checked for v in verdicts)
        if broken is None:
            self.message.setText(self.tr("The trail is intact: %1 rows checked.").replace("%1", str(checked)))
        else:
            self.message.setText(
                self.tr("The trail is broken at %1 row %2 (%3). Restore from a backup and find out who had the file.")
                .replace("%1", broken.table)
                .replace("%2", str(broken.id))
                .replace("%3", broken.problem)
            )

    def fill_users(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.users))
        for r, u in enumerate(self.users):
            values = [
                u.name,
                u.display_name,
                labels.role(u.role),
                self.tr("Yes") if u.active else self.tr("No"),
                f"{u.last_login_at.astimezone():%Y-%m-%d %H:%M}" if u.last_login_at else "—",
                f"{u.locked_until.astimezone():%H:%M}" if u.locked_until and u.active else "",
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not u.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if selected is not None and u.name == selected.name:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def fill_grid(self, rights: list) -> None:
        self._filling = True
        try:
            by_role = {r.role: r for r in rights}
            for c, role in enumerate(ROLES):
                granted = by_role[role].permissions if role in by_role else frozenset()
                for r, permission in enumerate(PERMISSIONS):
                    item = QTableWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, (role, permission))
                    flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                    if role not in EDITABLE_ROLES:
                        flags = Qt.ItemFlag.ItemIsUserCheckable  # the owner may do everything: shown, not editable
                        item.setToolTip(self.tr("The owner may do everything."))
                    item.setFlags(flags)
                    checked = role == "owner" or permission in granted
                    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                    self.grid.setItem(r, c, item)
            staff = by_role.get("staff")
            limit = staff.refund_limit_fen if staff else None
            self.limit.setText("" if limit is None else format_yuan(limit))
        finally:
            self._filling = False

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    # --- writing ------------------------------------------------------------------------------------------

    def _actor(self) -> str:
        return self._ops.shop.actor

    async def _write(self, fn, *args, **kwargs):
        self.message.setText("")
        return await self._ops.attempt(self._ops.write(fn, *args, **kwargs), self._show_problem)

    def _show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color: #a61b1b;")
        self.message.setText(text)

    def _show_done(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b6b3a;")
        self.message.setText(text)

    def permission_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling:  # read here, at once: the write below runs later
            return
        role, permission = item.data(Qt.ItemDataRole.UserRole)
        self.set_permission(role, permission, item.checkState() == Qt.CheckState.Checked)

    @asyncSlot()
    async def set_permission(self, role: str, permission: str, granted: bool) -> None:
        result = await self._write(users.set_permission, role, permission, granted, actor=self._actor())
        if result is FAILED:
            await self.load()

    @asyncSlot()
    async def save_limit(self) -> None:
        text = self.limit.text().strip()
        limit = None
        if text:
            field = self.tr("Refund limit")
            limit = attempt_now(lambda: parse_yuan(text, field=field, allow_zero=True), self._show_problem)
            if limit is FAILED:
                return
        if await self._write(users.set_refund_limit, "staff", limit, actor=self._actor()) is not FAILED:
            self._show_done(self.tr("The staff refund limit is saved."))

    def add_user(self) -> None:
        shop = self._ops.shop

        async def save(values: dict):
            return await self._ops.write(
                users.add_user,
                shop.wrapping_key,
                values["name"],
                values["role"],
                values["passphrase"],
                display_name=values["display_name"],
                actor=shop.actor,
            )

        self._open(UserDialog(self._ops, save, parent=self))

    def change_role(self) -> None:
        user = self.selected()
        if user is None or not user.active:
            return

        async def save(role: str):
            return await self._ops.write(users.set_role, user.name, role, actor=self._actor())

        self._open(RoleDialog(self._ops, user.shown, user.role, save, parent=self))

    def reset_passphrase(self) -> None:
        user = self.selected()
        if user is None or not user.active:
            return
        shop = self._ops.shop

        async def save(passphrase: str):
            return await self._ops.write(
                users.set_passphrase, shop.wrapping_key, user.name, passphrase, actor=shop.actor
            )

        self._open(PassphraseDialog(self._ops, user.shown, save, parent=self))

    @asyncSlot()
    async def disable(self) -> None:
        user = self.selected()
        if user is None or not user.active:
            return
        question = self.tr("Disable %1? They can no longer log in; their history stays.").replace("%1", user.shown)
        if not await ask(self, self.tr("Disable user"), question):
            return
        if await self._write(users.disable_user, user.name, actor=self._actor()) is not FAILED:
            await self.load()

    def _open(self, dialog) -> None:
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
