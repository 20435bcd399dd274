"""Rules in words: the rules editor and the case view show the rules a new shop starts with by translated names,
a rule's conditions as words (客户信用：高风险) and reasons by their names, never the raw codes; a rule name the
merchant typed shows as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTranslator
from sqlalchemy import update

from shopdesk.db.models import Customer
from shopdesk.services.desk import cases, rules
from shopdesk.ui.i18n import install_translators
from tests.gui.conftest import run_until
from tests.gui.test_desk import LEFT, delivered_order, desk_page, open_settings, read, wait_for_case

CODES = ("customer_risk", "order_status", "payment_status", "resp_class", "reason_code", "stock_available", "risky")


@pytest.fixture
def zh(qapp):
    before = set(qapp.findChildren(QTranslator))
    default = QLocale()
    install_translators(qapp, "zh_CN")
    yield
    for t in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(t)
    QLocale.setDefault(default)


def _rules_tab(window, loop, qtbot):
    dialog = open_settings(loop, qtbot, desk_page(window))
    dialog.tabs.setCurrentWidget(dialog.rules)
    tab = dialog.rules
    run_until(loop, lambda: tab.table.rowCount() >= 4, what="the rules")
    return dialog, tab


def _rows(tab) -> list[list[str]]:
    return [[tab.table.item(r, c).text() for c in range(tab.table.columnCount())] for r in range(tab.table.rowCount())]


def test_the_rules_editor_words_names_and_conditions_in_chinese(zh, window, loop, qtbot, ops):
    loop.run_until_complete(
        ops.write(
            rules.save_rule,
            name="Bob's own rule",
            conditions={"reason_code": ["key_invalid"], "delivered": True},
            action="to_person",
            position=9,
            active=True,
            actor=ops.shop.actor,
        )
    )
    dialog, tab = _rules_tab(window, loop, qtbot)
    rows = _rows(tab)
    names = [r[1] for r in rows]
    assert names[:4] == [
        "高风险客户：一律转人工",
        "未付款订单：直接关闭",
        "已付款未发货、客户原因：取消并退款",
        "卡密无效且有库存：更换卡密",
    ]
    assert names[4] == "Bob's own rule"  # typed by the merchant: as typed
    conditions = [r[2] for r in rows]
    assert conditions[0] == "客户信用：高风险"
    assert "订单状态：待付款" in conditions[1] and "；" in conditions[1]
    assert "原因：卡密无效" in conditions[3] and "有库存可换卡密：是" in conditions[3]
    assert conditions[4] == "已发货：是；原因：卡密无效"  # stored with sorted keys
    for text in conditions:
        assert not any(code in text for code in CODES), text
    # editing: the conditions typed as JSON are read back in words underneath
    tab.table.selectRow(0)
    tab.conditions.setPlainText('{"order_status": ["delivered", "completed"], "customer_risk": ["watch"]}')
    assert tab.in_words.text() == "订单状态：已发货、已完成；客户信用：" + tab.in_words.text().split("客户信用：")[1]
    assert not any(code in tab.in_words.text() for code in CODES)
    tab.conditions.setPlainText("{")
    assert tab.in_words.text() == ""
    dialog.reject()


def test_rule_names_and_corrected_reasons_in_the_case_timeline_are_words(window, loop, qtbot, ops):
    order = delivered_order(loop, ops)
    # a risky customer: the first rule hands the case to a person, and the timeline names the rule
    loop.run_until_complete(
        ops.write(
            lambda s: s.execute(update(Customer).where(Customer.id == order["customer_id"]).values(risk_level="risky"))
        )
    )
    opened = loop.run_until_complete(
        ops.write(cases.open_case, order["order_id"], reason_code="changed_mind", actor="storefront")
    )
    loop.run_until_complete(ops.write(cases.correct_reason, opened.id, "key_invalid", actor=ops.shop.actor))
    page = desk_page(window)
    loop.run_until_complete(page.load())
    run_until(loop, lambda: page.model.row_of(opened.id) >= 0, what="the case in the queue")
    page.table.selectRow(page.model.row_of(opened.id))
    wait_for_case(loop, page, opened.id, check=lambda b: any(e.kind == "reason_corrected" for e in b.case.events))
    timeline = page.case_view.timeline
    details = [timeline.item(r, 3).text() for r in range(timeline.rowCount())]
    assert any(d.startswith("[Risky customer: always to a person]") for d in details), details
    corrected = next(d for d in details if "→" in d)
    assert corrected.startswith("Customer · Changed mind → Merchant · Key invalid"), corrected
    assert not any("changed_mind" in d or "key_invalid" in d for d in details)
    assert read(loop, ops, rules.list_rules)[0].name == "Risky customer: always to a person"  # stored as a code


def _stored(ops) -> list:
    with ops.shop.db.read() as session:
        return rules.list_rules(session)


def test_a_starting_rule_edited_in_chinese_keeps_its_stored_name(zh, window, loop, qtbot, ops):
    dialog, tab = _rules_tab(window, loop, qtbot)
    tab.table.selectRow(0)
    assert tab.name.text() == "高风险客户：一律转人工"
    tab.position.setValue(7)
    qtbot.mouseClick(tab.save_button, LEFT)
    run_until(loop, lambda: _stored(ops)[-1].position == 7, what="the saved rule")
    names = [r.name for r in _stored(ops)]
    assert "Risky customer: always to a person" in names and "高风险客户：一律转人工" not in names
    # renamed by the merchant: saved as typed
    row = [r.name for r in tab._rules].index("Risky customer: always to a person")
    tab.table.selectRow(row)
    tab.name.setText("风险客户转人工")
    qtbot.mouseClick(tab.save_button, LEFT)
    run_until(loop, lambda: "风险客户转人工" in [r.name for r in _stored(ops)], what="the renamed rule")
    dialog.reject()
