"""Staff accounts on the desktop: the real login dialog, the lock, asking again, the Staff page."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from shiboken6 import isValid

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import keystore
from shopdesk.services.common.access import PERMISSIONS
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.staff import users
from shopdesk.ui.dialogs.key_detail import KeyDetailDialog
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.staff.dialogs import LoginDialog, UserDialog
from tests.gui.conftest import drain, run_until

PASS = {"boss": "owner-pass-1", "wang": "staff-pass-1", "li": "viewer-pass-1"}


@pytest.fixture
def staffed(data_dir):
    """A protected shop: an owner, a staff member and a viewer, and one product with a key."""
    app = ShopApp.open(load_config(data_dir))
    app.protect("boss", PASS["boss"], display_name="老板")
    with app.db.write() as s:
        users.add_user(s, app.wrapping_key, "wang", "staff", PASS["wang"], display_name="小王", actor="boss")
        users.add_user(s, app.wrapping_key, "li", "viewer", PASS["li"], display_name="小李", actor="boss")
        p = catalog.add_product(s, ProductInput(sku="QQB-10", name="Q币 10", price_fen=980, kind="secret"))
        inventory.add_keys(s, app.vault, p.id, [(None, "SECRET-AAAA-0001")], actor="boss")
    app.logout()
    app.close()
    return data_dir


@pytest.fixture
def opening(qtbot, loop, ops, staffed):
    """The window of the protected shop, its start waiting at the login dialog: (window, start task)."""
    win = MainWindow(ops, load_config(staffed))
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    win.show()
    task = asyncio.ensure_future(win.start(seed_demo=False, api_port=0))
    run_until(loop, lambda: win.gate.dialog is not None and win.gate.dialog.isVisible(), what="the login dialog")
    yield win, task
    win.close()
    drain(loop)


def type_login(qtbot, loop, dialog: LoginDialog, name: str | None, passphrase: str) -> None:
    """Type into the dialog's fields and click its button; wait until the check is done."""
    if name is not None and not dialog.name.isReadOnly():
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    run_until(
        loop,
        lambda: (
            not isValid(dialog)
            or not dialog.isVisible()
            or (dialog.passphrase.text() == "" and dialog.ok_button.isEnabled())
        ),
        what="the passphrase check",
    )


def logged_in(qtbot, loop, opening, name: str) -> MainWindow:
    win, task = opening
    type_login(qtbot, loop, win.gate.dialog, name, PASS[name])
    run_until(loop, task.done, what="the window to start")
    task.result()
    return win


def test_login_shows_a_wrong_passphrase_inline_then_opens_as_the_user(opening, qtbot, loop, ops, staffed):
    win, task = opening
    dialog = win.gate.dialog
    assert dialog.mode == "login" and not task.done()
    type_login(qtbot, loop, dialog, "wang", "not-the-passphrase")
    assert dialog.isVisible()
    assert "Wrong passphrase for wang" in dialog.error.text()
    type_login(qtbot, loop, dialog, "wang", PASS["wang"])
    run_until(loop, task.done, what="the window to start")
    assert win.state_label.text() == "Ready"
    assert win.user_label.text() == "小王 · Staff"
    assert not win.protect_button.isVisible()
    assert win.nav.count() == 9  # no Staff page for the staff role (Settings is there, read-only)
    assert (staffed / "last_user").read_text().strip() == "wang"


def test_the_last_user_name_is_remembered(qtbot, loop, ops, staffed):
    (staffed / "last_user").write_text("li\n")
    win = MainWindow(ops, load_config(staffed))
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    task = asyncio.ensure_future(win.start(seed_demo=False, api_port=0))
    run_until(loop, lambda: win.gate.dialog is not None and win.gate.dialog.isVisible(), what="the login dialog")
    assert win.gate.dialog.name.text() == "li"
    type_login(qtbot, loop, win.gate.dialog, None, PASS["li"])
    run_until(loop, task.done, what="the window to start")
    assert win.user_label.text() == "小李 · Viewer"


def test_five_wrong_passphrases_lock_the_user(opening, qtbot, loop, ops):
    win, _task = opening
    dialog = win.gate.dialog
    for _ in range(5):
        type_login(qtbot, loop, dialog, "wang", "wrong-wrong")
        assert "Wrong passphrase" in dialog.error.text()
    type_login(qtbot, loop, dialog, "wang", PASS["wang"])
    assert dialog.isVisible()
    assert "locked after five wrong passphrases" in dialog.error.text() and "min" in dialog.error.text()
    (wang,) = [u for u in loop.run_until_complete(ops.read(users.list_users)) if u.name == "wang"]
    assert wang.locked_until is not None


def test_a_viewer_is_refused_a_reveal_with_the_reason_shown(opening, qtbot, loop, ops):
    win = logged_in(qtbot, loop, opening, "li")
    keys = loop.run_until_complete(ops.read(lambda s: inventory.stock_summary(s)))
    assert keys  # the product with its key
    dialog = KeyDetailDialog(ops, 1, win)
    loop.run_until_complete(dialog.load())
    dialog.open()
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    run_until(loop, dialog.error.isVisible, what="the refusal")
    assert "may not do this" in dialog.error.text() and "keys.reveal" in dialog.error.text()
    assert "SECRET-AAAA-0001" not in dialog.secret.text()
    assert not dialog.copy_button.isEnabled()
    dialog.reject()


def test_the_passphrase_is_asked_again_after_five_minutes(opening, qtbot, loop, ops):
    win = logged_in(qtbot, loop, opening, "boss")
    dialog = KeyDetailDialog(ops, 1, win)
    loop.run_until_complete(dialog.load())
    dialog.open()
    win.gate.verified_at -= 301
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: win.gate.dialog is not None and win.gate.dialog.isVisible(), what="the re-ask")
    confirm = win.gate.dialog
    assert confirm.mode == "confirm" and confirm.name.text() == "boss" and confirm.name.isReadOnly()
    type_login(qtbot, loop, confirm, None, "wrong-wrong")
    assert "Wrong passphrase" in confirm.error.text()
    type_login(qtbot, loop, confirm, None, PASS["boss"])
    run_until(loop, lambda: dialog.secret.text() == "SECRET-AAAA-0001", what="the secret")
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)  # checked just now: no question
    drain(loop)
    assert win.gate.dialog is None
    dialog.reject()


def test_ctrl_l_locks_the_window_and_the_passphrase_unlocks_it(opening, qtbot, loop, ops):
    win = logged_in(qtbot, loop, opening, "wang")
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    if not win.gate.locked:  # offscreen, the window may not be active: the menu action is the same one
        win.lock_action.trigger()
    assert win.gate.locked and win.cover.currentWidget() is win.lock_cover
    assert not win.menuBar().isEnabled()
    dialog = win.gate.dialog
    assert dialog.mode == "unlock" and dialog.name.text() == "wang"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and win.gate.locked  # no way around the passphrase
    type_login(qtbot, loop, dialog, None, "wrong-wrong")
    assert win.gate.locked and "Wrong passphrase" in dialog.error.text()
    type_login(qtbot, loop, dialog, None, PASS["wang"])
    assert not win.gate.locked and win.cover.currentWidget() is not win.lock_cover
    assert ops.shop.identity.name == "wang"


def test_idle_locks_and_another_user_can_take_over(opening, qtbot, loop, ops):
    win = logged_in(qtbot, loop, opening, "wang")
    win.gate.last_input -= win.gate.idle_lock_s + 1
    win.gate.check_idle()
    assert win.gate.locked
    dialog = win.gate.dialog
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    type_login(qtbot, loop, dialog, "boss", PASS["boss"])
    assert not win.gate.locked
    run_until(loop, lambda: win.user_label.text() == "老板 · Owner", what="the new user in the status bar")
    run_until(loop, lambda: win.nav.count() == 10, what="the Staff page for the owner")


def test_the_staff_page_adds_a_user_and_changes_a_permission(opening, qtbot, loop, ops):
    win = logged_in(qtbot, loop, opening, "boss")
    assert win.nav.item(9).text() == "Team"
    win.nav.setCurrentRow(9)
    page = win.staff_page
    run_until(loop, lambda: page.table.rowCount() == 3, what="the users")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(UserDialog)
    qtbot.keyClicks(dialog.name, "zhao")
    dialog.display_name.insert("小赵")
    dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
    qtbot.keyClicks(dialog.passphrase, "zhao-pass-1")
    qtbot.keyClicks(dialog.repeat, "zhao-pass-2")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    run_until(loop, dialog.error.isVisible, what="the mismatch")
    assert "differ" in dialog.error.text()
    dialog.repeat.setText("zhao-pass-1")
    save.click()
    run_until(loop, lambda: not isValid(dialog) or not dialog.isVisible(), what="the dialog to close")
    added = {u.name: u for u in loop.run_until_complete(ops.read(users.list_users))}["zhao"]
    assert (added.role, added.display_name, added.active) == ("viewer", "小赵", True)
    run_until(loop, lambda: page.table.rowCount() == 4, what="the new user in the table")

    row, col = PERMISSIONS.index("keys.export"), 1  # staff
    item = page.grid.item(row, col)
    assert item.checkState() == Qt.CheckState.Unchecked or item.checkState() == Qt.CheckState.Checked
    was = item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked if was else Qt.CheckState.Checked)

    def staff_has_export() -> bool:
        rights = {r.role: r for r in loop.run_until_complete(ops.read(users.role_rights))}
        return "keys.export" in rights["staff"].permissions

    drain(loop)
    assert staff_has_export() is (not was)
    owner = page.grid.item(row, 0)
    assert owner.checkState() == Qt.CheckState.Checked and not owner.flags() & Qt.ItemFlag.ItemIsEnabled

    page.limit.setText("80.00")
    qtbot.mouseClick(page.limit_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: "saved" in page.message.text(), what="the limit saved")
    rights = {r.role: r for r in loop.run_until_complete(ops.read(users.role_rights))}
    assert rights["staff"].refund_limit_fen == 8000


def test_a_single_user_shop_is_protected_from_the_status_bar(window, qtbot, loop, ops, data_dir):
    assert window.protect_button.isVisible() and not window.lock_action.isEnabled()
    qtbot.mouseClick(window.protect_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: window.findChild(UserDialog) is not None, what="the create-owner dialog")
    dialog = window.findChild(UserDialog)
    assert dialog.objectName() == "createOwnerDialog" and dialog.role.currentData() == "owner"
    qtbot.keyClicks(dialog.name, "boss")
    qtbot.keyClicks(dialog.passphrase, PASS["boss"])
    qtbot.keyClicks(dialog.repeat, PASS["boss"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: window.gate.protected and window.user_label.text() == "boss · Owner", what="the owner")
    assert not window.protect_button.isVisible() and window.lock_action.isEnabled()
    run_until(loop, lambda: window.nav.count() == 10, what="the Staff page")
    assert [u.name for u in loop.run_until_complete(ops.read(users.list_users))] == ["boss"]
    assert not keystore.key_path(data_dir).exists()


def open_a_case(ops, actor: str) -> int:
    """An unpaid order of QQB-10 for a new customer, and a case opened on it by `actor` (no rule track)."""
    from shopdesk.services.desk import cases
    from shopdesk.services.money import customers
    from shopdesk.services.orders import selling

    with ops.shop.db.write() as s:
        customer = customers.add_customer(s, "张伟").id
        order = selling.create_order(s, customer, [("QQB-10", 1)], actor=actor)
        return cases.open_case(s, order.id, reason_code="changed_mind", actor=actor, run_rules=False).id


def test_the_queue_shows_the_assignee_by_display_name(opening, qtbot, loop, ops):
    from shopdesk.services.desk import cases

    win = logged_in(qtbot, loop, opening, "wang")
    case_id = open_a_case(ops, "wang")
    loop.run_until_complete(ops.write(cases.assign, case_id, "li", actor="wang"))
    loop.run_until_complete(win.aftersales_page.load())
    model = win.aftersales_page.model
    assignee = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Assignee"
    )
    assert model.index(model.row_of(case_id), assignee).data() == "小李"


def test_a_case_another_desktop_has_open_says_who(opening, qtbot, loop, ops):
    from shopdesk.services.staff import presence

    win = logged_in(qtbot, loop, opening, "wang")
    case_id = open_a_case(ops, "wang")
    loop.run_until_complete(
        ops.write(presence.beat, "desktop-of-li", "li", host="back-office", case_id=case_id, mode="editing")
    )
    page = win.aftersales_page
    win.nav.setCurrentRow([p for _t, p in win.pages].index(page))
    loop.run_until_complete(page.load())
    loop.run_until_complete(page.case_view.show_case(case_id))
    win.presence.refresh()
    run_until(loop, lambda: page.case_view.others.isVisible(), what="the other desktop to show")
    assert page.case_view.others.text() == "小李 is editing"
    assert win.presence.label.text() == "Desktops online: 2"
