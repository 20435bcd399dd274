"""The Settings page: values saved and read back, a bad value refused beside its field with nothing written, the
API secret rotated, the example request accepted by the running server, a staff member's save refused, another
desktop's change shown, and a new product's low-stock default."""

from __future__ import annotations

import gc
import socket

import aiohttp
import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit, settings
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.storefront import intake, signing
from shopdesk.ui.dialogs.product import ProductDialog
from tests.gui.conftest import drain, run_until
from tests.gui.test_staff import logged_in, opening, staffed  # noqa: F401 - the fixtures


@pytest.fixture(autouse=True)
def _collect_closed_loop():
    yield
    gc.collect()  # aiohttp's keep-alive callbacks: collected on the GUI thread (see test_orders_board)


def settings_page(window, loop):
    window.menus.settings_action.trigger()
    assert window.stack.currentWidget() is window.settings_page
    drain(loop)
    return window.settings_page


def type_into(qtbot, field, text: str) -> None:
    editor = field.editor.lineEdit() if hasattr(field.editor, "lineEdit") else field.editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def save(loop, page) -> None:
    page.save_button.click()
    run_until(loop, lambda: page.message.text() != "", what="the save to answer")
    drain(loop)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_timeout_and_the_port_are_saved_read_back_and_the_api_moves(window, loop, qtbot, ops):
    page = settings_page(window, loop)
    assert not page.save_button.isEnabled()  # nothing edited yet
    page.tabs.setCurrentWidget(page.orders_tab)
    type_into(qtbot, page.fields["orders.pay_timeout_minutes"], "30")
    port = free_port()
    page.tabs.setCurrentWidget(page.storefront)
    type_into(qtbot, page.fields["api.port"], str(port))
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    save(loop, page)
    assert page.message.text() == "Saved."
    assert loop.run_until_complete(ops.read(settings.value, "orders.pay_timeout_minutes")) == 30
    assert loop.run_until_complete(ops.read(settings.value, "api.port")) == port
    run_until(loop, lambda: window.api_port == port or "busy" in window.api_label.text(), what="the API to restart")
    assert window.api_port == port, window.api_label.text()  # "busy": another program took the free port meanwhile
    assert str(port) in window.api_label.text() and str(port) in page.storefront.running.text()
    assert f"127.0.0.1:{port}/v1/orders" in page.storefront.example.toPlainText()
    assert not page.save_button.isEnabled()
    changes = loop.run_until_complete(ops.read(audit.recent, action="setting.change"))
    assert {c.subject for c in changes} == {"setting:orders.pay_timeout_minutes", "setting:api.port"}
    loop.run_until_complete(page.load())  # read again from the shop: what was saved shows
    assert page.fields["orders.pay_timeout_minutes"].editor.text() == "30"


POPUPS = ("This plugin does not support raise", "This plugin does not support grabbing the keyboard")  # offscreen


@pytest.mark.qt_log_ignore(*POPUPS)  # the time zone's search list opens as one types
def test_a_bad_value_is_told_beside_its_field_and_nothing_is_written(window, loop, qtbot, ops):
    page = settings_page(window, loop)
    before = loop.run_until_complete(ops.read(settings.values))
    type_into(qtbot, page.fields["orders.pay_timeout_minutes"], "45")  # a good edit along with the bad one
    port = page.fields["api.port"]
    type_into(qtbot, port, "80")
    save(loop, page)
    assert port.error.isVisibleTo(page) and port.error.text() == "Port must be from 1024 to 65535; 80 is outside."
    assert page.tabs.currentWidget() is page.storefront  # the tab of the field to correct
    assert "nothing was saved" in page.message.text()
    assert loop.run_until_complete(ops.read(settings.values)) == before
    assert loop.run_until_complete(ops.read(audit.recent, action="setting.change")) == []
    type_into(qtbot, page.fields["shop.timezone"], "Mars/Olympus")
    save(loop, page)
    assert "Mars/Olympus" in page.fields["shop.timezone"].error.text()
    page.revert_button.click()
    assert port.editor.text() == "8765" and not port.error.isVisibleTo(page)
    assert page.fields["shop.timezone"].raw() == "" and not page.save_button.isEnabled()


def test_the_secret_is_hidden_shown_on_the_record_and_rotated_after_a_question(window, loop, ops):
    page = settings_page(window, loop)
    section = page.storefront
    page.tabs.setCurrentWidget(section)
    assert section.secret.echoMode() == QLineEdit.EchoMode.Password and section.secret.text() == ""
    before = loop.run_until_complete(ops.write(intake.api_secret))
    section.show_button.click()
    run_until(loop, lambda: section.secret.text() == before, what="the secret shown")
    assert section.secret.echoMode() == QLineEdit.EchoMode.Normal
    assert len(loop.run_until_complete(ops.read(audit.recent, action="api.secret_shown"))) == 1

    section.rotate_button.click()
    run_until(loop, lambda: section.findChild(QMessageBox, "confirmBox") is not None, what="the question")
    section.findChild(QMessageBox, "confirmBox").button(QMessageBox.StandardButton.Yes).click()
    run_until(loop, lambda: section.secret.text() != before, what="the new secret")
    after = loop.run_until_complete(ops.write(intake.api_secret))
    assert section.secret.text() == after != before
    assert "new secret" in section.message.text()
    assert len(loop.run_until_complete(ops.read(audit.recent, action="api.secret_rotated"))) == 1
    # the example is signed with the new secret
    signing.verify(after, section.made.as_request())
    with pytest.raises(signing.ApiError):
        signing.verify(before, section.made.as_request())


def test_the_example_request_is_accepted_by_the_running_server(window, loop, ops):
    view = loop.run_until_complete(
        ops.write(catalog.add_product, ProductInput(sku="QQB-10", name="Q币 10", price_fen=980, kind="secret"))
    )
    loop.run_until_complete(ops.write(inventory.add_keys, ops.shop.vault, view.id, [(None, "S-0001")], actor="t"))
    page = settings_page(window, loop)
    section = page.storefront
    section.renew_button.click()
    run_until(loop, lambda: section.made is not None and section.made.sku == "QQB-10", what="the example")
    made = section.made
    text = section.example.toPlainText()
    assert text.startswith(f"curl -sS -X POST http://127.0.0.1:{window.api_port}/v1/orders")
    assert f"X-ShopDesk-Signature: {made.headers['X-ShopDesk-Signature']}" in text
    assert "QQB-10" in section.example_note.text()

    async def send():
        async with aiohttp.ClientSession() as client:
            headers = {"Content-Type": "application/json", **made.headers}
            async with client.post(made.url, data=made.body, headers=headers) as response:
                return response.status, await response.json()

    status, body = loop.run_until_complete(send())
    assert status == 201, body
    assert body["external_id"] == f"EXAMPLE-{made.stamp}" and body["status"] == "pending_payment"
    status, body = loop.run_until_complete(send())  # the same signature again: once only
    assert status == 401 and body["code"] == "replayed"


def test_another_desktops_change_shows_and_an_edit_in_progress_stays(window, loop, qtbot, ops, data_dir):
    page = settings_page(window, loop)
    type_into(qtbot, page.fields["stock.expiring_days"], "9")
    other = ShopApp.open(load_config(data_dir))
    try:
        with other.db.write() as s:
            settings.change(s, "shop.name", "小王的卡铺")
            settings.change(s, "stock.expiring_days", "12")
    finally:
        other.close()
    run_until(loop, lambda: page.fields["shop.name"].editor.text() == "小王的卡铺", what="the other desktop's name")
    assert page.fields["stock.expiring_days"].editor.text() == "9"  # the edit not saved yet is kept
    assert page.fields["stock.expiring_days"].loaded == 12
    page.revert_button.click()
    assert page.fields["stock.expiring_days"].editor.text() == "12"


def test_a_new_products_low_stock_line_comes_from_the_setting(window, loop, qtbot):
    page = settings_page(window, loop)
    type_into(qtbot, page.fields["stock.low_threshold"], "5")
    save(loop, page)
    assert page.message.text() == "Saved."
    products = window.products_page
    window.nav.setCurrentRow(window.stack.indexOf(products))
    run_until(loop, lambda: products.low_default == 5, what="the products page to read the setting")
    products.create()
    dialog = products.findChild(ProductDialog)
    assert dialog.threshold.value() == 5
    dialog.reject()


def test_the_language_setting_is_what_the_next_start_uses(window, loop, qtbot, ops):
    from shopdesk.ui.main import start_language

    page = settings_page(window, loop)
    language = page.fields["shop.language"]
    language.editor.setCurrentIndex(language.editor.findData("zh_CN"))
    language.editor.activated.emit(language.editor.currentIndex())
    save(loop, page)
    assert page.message.text() == "Saved."
    config = window.config
    assert start_language(config) == "zh_CN"
    assert start_language(load_config(config.data_dir, lang="en")) == "en"  # --lang wins


def test_a_staff_member_sees_the_settings_read_only_and_a_save_is_refused(opening, qtbot, loop, ops):  # noqa: F811
    win = logged_in(qtbot, loop, opening, "wang")
    page = settings_page(win, loop)
    port = page.fields["api.port"]
    assert page.read_only.isVisibleTo(page) and port.editor.isReadOnly() and not page.save_button.isEnabled()
    assert not page.storefront.secret_box.isVisibleTo(page) and page.storefront.made is None
    before = loop.run_until_complete(ops.read(settings.values))
    port.editor.setText("9100")  # as if the field had been left open when the role changed
    page.save()
    run_until(loop, lambda: page.message.text() != "", what="the refusal")
    drain(loop)
    assert "only an owner can" in page.message.text() and "Nothing was saved." in page.message.text()
    assert "(Staff)" in page.message.text()  # the role in words
    assert loop.run_until_complete(ops.read(settings.values)) == before
    assert len(loop.run_until_complete(ops.read(audit.recent, action="denied"))) >= 1


def test_the_owner_turns_unattended_delivery_on_and_off_for_this_desktop(opening, qtbot, loop, ops):  # noqa: F811
    win = logged_in(qtbot, loop, opening, "boss")
    page = settings_page(win, loop)
    section = page.desktop
    page.tabs.setCurrentWidget(section)
    assert section.state.text().startswith("Off") and section.toggle_button.text() == "Turn on"
    section.toggle_button.click()
    run_until(loop, lambda: section.findChild(QMessageBox, "confirmBox") is not None, what="the question")
    section.findChild(QMessageBox, "confirmBox").button(QMessageBox.StandardButton.Yes).click()
    run_until(loop, lambda: section.state.text().startswith("On"), what="unattended delivery on")
    assert section.message.text() == "This desktop now delivers unattended."
    assert [e.action for e in loop.run_until_complete(ops.read(audit.recent, action="device.unattended"))] == [
        "device.unattended"
    ]
    section.toggle_button.click()
    run_until(loop, lambda: section.state.text().startswith("Off"), what="unattended delivery off")
    section.team_button.click()
    assert win.stack.currentWidget() is win.staff_page  # Users: the Team page itself, not a copy of it


AI_KEYS = ("ai.threshold", "ai.retrain_every")


def test_the_ai_tracks_settings_show_in_a_tab_of_their_own_and_an_edit_is_saved(window, loop, qtbot, ops):
    from shopdesk.services.desk import suggestions

    page = settings_page(window, loop)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles.index("AI track") == page.tabs.indexOf(page.ai_tab)
    page.tabs.setCurrentWidget(page.ai_tab)
    assert page.save_bar.isVisibleTo(page)
    threshold, every = (page.fields[k] for k in AI_KEYS)
    assert (threshold.editor.text(), every.editor.text()) == ("0.8", "20")
    assert all(page.ai_tab.isAncestorOf(f.editor) for f in (threshold, every))
    hints = [label.text() for label in page.ai_tab.findChildren(QLabel, "hint")]
    assert "0.5 to 1.0, default 0.8" in hints and "1 to 10000, default 20" in hints
    assert any("becomes the case's reason" in h for h in hints) and any("people confirmed" in h for h in hints)
    type_into(qtbot, threshold, "0.9")
    type_into(qtbot, every, "50")
    save(loop, page)
    assert page.message.text() == "Saved."
    status = loop.run_until_complete(ops.read(suggestions.status))  # what the AI track itself reads
    assert (status.threshold, status.retrain_every) == (0.9, 50)
    assert loop.run_until_complete(ops.read(suggestions.threshold)) == 0.9
    changes = loop.run_until_complete(ops.read(audit.recent, action="setting.change"))
    assert {c.subject for c in changes} == {f"setting:{k}" for k in AI_KEYS}
    loop.run_until_complete(page.load())
    assert (threshold.editor.text(), every.editor.text()) == ("0.9", "50") and not page.save_button.isEnabled()


@pytest.mark.parametrize(
    ("key", "typed", "told"),
    [
        ("ai.threshold", "0.3", "Confidence to take a suggestion must be from 0.5 to 1.0; 0.3 is outside."),
        ("ai.threshold", "abc", "Confidence to take a suggestion "),
        (
            "ai.retrain_every",
            "0",
            "Confirmed cases before the model learns again must be from 1 to 10000; 0 is outside.",
        ),
    ],
)
def test_an_ai_setting_out_of_range_is_refused_beside_its_field_and_nothing_is_written(
    window, loop, qtbot, ops, key, typed, told
):
    page = settings_page(window, loop)
    before = loop.run_until_complete(ops.read(settings.values))
    page.tabs.setCurrentWidget(page.shop_tab)
    field = page.fields[key]
    type_into(qtbot, field, typed)
    save(loop, page)
    assert field.error.isVisibleTo(page) and field.error.text().startswith(told)
    assert typed in field.error.text()
    assert page.tabs.currentWidget() is page.ai_tab  # the tab of the field to correct
    assert "nothing was saved" in page.message.text()
    assert loop.run_until_complete(ops.read(settings.values)) == before
    assert loop.run_until_complete(ops.read(audit.recent, action="setting.change")) == []


@pytest.mark.parametrize("name", ["wang", "li"])  # staff, viewer
def test_staff_and_viewers_see_the_ai_settings_read_only(opening, qtbot, loop, ops, name):  # noqa: F811
    win = logged_in(qtbot, loop, opening, name)
    page = settings_page(win, loop)
    page.tabs.setCurrentWidget(page.ai_tab)
    assert page.read_only.isVisibleTo(page) and not page.save_button.isEnabled()
    for key, shown in zip(AI_KEYS, ("0.8", "20"), strict=True):
        assert page.fields[key].editor.isReadOnly() and page.fields[key].editor.text() == shown
