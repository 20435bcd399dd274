"""Timeline notes and actors in words: coded notes per locale (with %n plurals), legacy free text as it is, who
acted by display name; Qt's own dialogs in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from shopdesk.services.common import notes
from shopdesk.ui import event_text
from shopdesk.ui.i18n import install_translators


@pytest.fixture
def zh(qapp):
    before = set(qapp.findChildren(QTranslator))
    default = QLocale()
    install_translators(qapp, "zh_CN")
    yield
    for t in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(t)
    QLocale.setDefault(default)


PAID = notes.coded("order.payment", method="wechat", trade_no="DEMO0001203788", amount="39.00")


def test_coded_notes_read_in_english_on_the_cli_and_in_the_desktop(qapp):
    assert notes.english(notes.coded("order.total", total="39.00")) == "total 39.00"
    assert notes.english(PAID) == "wechat DEMO0001203788 39.00"
    assert event_text.note(PAID) == "WeChat Pay · DEMO0001203788 · ¥39.00"
    assert event_text.note(notes.coded("order.keys", keys=1)) == "1 key(s) delivered"
    refund = notes.coded("order.case_refund", case=2, amount="98.60", to="wallet")
    assert event_text.note(refund) == "Case #2: refunded ¥98.60 to the customer's wallet"


def test_legacy_and_typed_notes_show_as_they_are(qapp):
    assert event_text.note("case 2: refunded 98.60 (wallet)") == "case 2: refunded 98.60 (wallet)"
    assert event_text.note("") == ""
    looks_coded = '{"code": "order.total", "total": "1"}'  # a person typed this
    assert notes.typed(looks_coded) != looks_coded
    assert event_text.note(notes.typed(looks_coded)) == looks_coded
    assert event_text.note(notes.coded("no.such.code", x=1)) == "x=1"  # an unknown code shows its arguments


def test_zh_cn_words_the_timeline(zh):
    assert event_text.note(notes.coded("order.total", total="39.00")) == "合计 ¥39.00"
    assert event_text.note(PAID) == "微信支付 · DEMO0001203788 · ¥39.00"
    assert event_text.note(notes.coded("order.keys", keys=3)) == "已发 3 张卡密"
    refund = notes.coded("order.case_refund", case=2, amount="98.60", to="wallet")
    assert event_text.note(refund) == "工单 #2：已退款 ¥98.60 到客户余额"
    assert event_text.note(notes.coded("key.recalled", case=2, policy="restock")) == "由工单 #2 收回：退回库存"


def test_actors_show_by_display_name_or_in_words(zh):
    names = {"boss": "", "wang": "小王", "li": "li"}  # users.actor_names: an owner without a display name is ""
    assert [event_text.actor(a, names) for a in ("boss", "wang", "li", "root")] == ["店主", "小王", "li", "店主"]
    assert [event_text.actor(a, names) for a in ("storefront", "rules", "system", "demo")] == [
        "店铺接口",
        "规则自动处理",
        "ShopDesk 自动处理",
        "演示",
    ]


def test_qt_standard_dialogs_speak_chinese(zh, qtbot):
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert {b.text().replace("&", "").split("(")[0] for b in box.buttons()} == {"确定", "取消"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert "取消" in {b.text().replace("&", "").split("(")[0] for b in buttons.buttons()}

    dialog = QFileDialog(None, "", "", "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.open()
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    dialog.reject()
    assert {"查找范围(&L)：", "文件类型(&T)："} <= texts, texts
