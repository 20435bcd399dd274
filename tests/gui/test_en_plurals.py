"""English plurals: the sources say "%n key(s)"; the English catalogue (numerus messages only) says "1 key"."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from shopdesk.ui.i18n import install_translators, resources_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from en_plurals import EN_PLURALS  # noqa: E402


def _numerus(name: str) -> list[ET.Element]:
    tree = ET.parse(resources_dir() / "translations" / name)
    return [m for m in tree.iter("message") if m.get("numerus") == "yes"]


def test_every_numerus_source_has_its_english_forms():
    zh_sources = {m.findtext("source") for m in _numerus("shopdesk_zh_CN.ts")}
    english = {m.findtext("source"): [f.text for f in m.iter("numerusform")] for m in _numerus("shopdesk_en.ts")}
    assert zh_sources and zh_sources <= set(english), sorted(zh_sources - set(english))
    assert {s for s in zh_sources if s not in EN_PLURALS} == set()
    for source, forms in english.items():
        assert forms == list(EN_PLURALS[source]), source
        assert all("(s)" not in f for f in forms), (source, forms)
    # the English catalogue holds the plural messages only: everything else reads as its source
    tree = ET.parse(resources_dir() / "translations" / "shopdesk_en.ts")
    assert all(m.get("numerus") == "yes" for m in tree.iter("message"))


def test_english_reads_one_key_and_two_keys(qapp):
    before = set(qapp.findChildren(QTranslator))
    default = QLocale()
    try:
        install_translators(qapp, "en")
        assert QCoreApplication.translate("InventoryPage", "%n key(s)", "", 1) == "1 key"
        assert QCoreApplication.translate("InventoryPage", "%n key(s)", "", 2) == "2 keys"
        assert QCoreApplication.translate("OrdersPage", "%n order(s)", "", 1) == "1 order"
        assert QCoreApplication.translate("AfterSalesPage", "%n case(s)", "", 0) == "0 cases"
        # a message that is not a plural stays the source
        assert QCoreApplication.translate("InventoryPage", "Import keys…") == "Import keys…"
    finally:
        for t in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(t)
        QLocale.setDefault(default)


def test_the_key_count_reads_in_english_plurals(qapp, qtbot, ops):
    """Through a real widget: the Inventory page's key count, as the page words it."""
    from PySide6.QtCore import QModelIndex

    from shopdesk.ui.pages.inventory import InventoryPage

    before = set(qapp.findChildren(QTranslator))
    default = QLocale()
    try:
        install_translators(qapp, "en")
        page = InventoryPage(ops)
        qtbot.addWidget(page)
        for rows, shown in ((1, "1 key"), (3, "3 keys")):
            page.keys_model.rowCount = lambda parent=QModelIndex(), n=rows: n  # noqa: B008 (the count alone)
            page._show_count()
            assert page.count_label.text() == shown
    finally:
        for t in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(t)
        QLocale.setDefault(default)
