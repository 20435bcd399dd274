"""The zh_CN catalogue loads and covers the UI."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from shopdesk.ui import labels
from shopdesk.ui.i18n import install_translators, resources_dir


def test_catalogue_has_no_unfinished_string():
    tree = ET.parse(resources_dir() / "translations" / "shopdesk_zh_CN.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished" or not "".join(m.find("translation").itertext())
    ]
    assert unfinished == []


def test_zh_cn_translates_labels_and_window(qapp, qtbot, ops, data_dir):
    from shopdesk.config import load_config
    from shopdesk.ui.main_window import MainWindow

    before = set(qapp.findChildren(QTranslator))
    default_locale = QLocale()
    install_translators(qapp, "zh_CN")
    try:
        assert labels.order_status("awaiting_stock") == "已付款，等待补货"
        window = MainWindow(ops, load_config(data_dir))
        qtbot.addWidget(window)
        assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
            "今天",
            "订单",
            "库存",
            "售后",
            "客户",
            "商品",
            "经营分析",
            "收款核对",
            "设置",
        ]
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            QCoreApplication.removeTranslator(translator)
            QLocale.setDefault(default_locale)
    assert labels.order_status("awaiting_stock") == "Paid, waiting for keys"
