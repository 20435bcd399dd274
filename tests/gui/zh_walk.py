"""Walking the visible widgets of a window for words: the Latin-word walk in zh_CN and the clipped-text check.

`texts(root)` yields (where, text) for every visible text a user reads; `latin_words` finds the Latin words in
it; `allowed_words` collects, from the shop itself, the words a merchant typed (SKUs, product and customer names,
order, trade and card numbers ...) so those pass without a blanket exemption.
"""

from __future__ import annotations

import functools
import re
import zoneinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabBar,
    QWidget,
)
from sqlalchemy import select

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.+-]*")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
# Words that stay Latin in Chinese: the product's name, file formats and acronyms merchants use as they are.
ALWAYS = {"ShopDesk", "SKU", "CSV", "csv", "txt", "XLSX", "SQLite", "PostgreSQL", "SOP", "API", "QQ", "ID"}
ALWAYS |= {"GBK", "GB18030", "UTF-8", "UTF-16"}  # the encodings a key file may come in, by their names
MASKED = re.compile(r"•+\S*")  # a masked secret's visible tail is the merchant's secret
ORDER_NUMBER = re.compile(r"\bSD\d{14}\b")  # the shop's own order numbers (and the example of one)
CELLS_SHOWN = 30  # rows of a table read per view


def _visible(w: QWidget) -> bool:
    return w.isVisibleTo(w.window()) and w.window().isVisible()


def texts(root: QWidget):
    """(where, text) for each visible text under `root`: labels, buttons, group boxes, tabs, headers, cells, combos."""
    for w in [root, *root.findChildren(QWidget)]:
        if not _visible(w):
            continue
        where = f"{type(w).__name__}:{w.objectName() or '?'} in {type(w.window()).__name__}"
        if isinstance(w, QLabel):
            yield where, TAG.sub(" ", w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield where, w.tabText(i)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where, w.itemText(i)
        elif isinstance(w, QLineEdit):
            yield where, w.placeholderText()
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                yield where, w.item(i).text()
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield where + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(model.rowCount(), CELLS_SHOWN)):
                for c in range(model.columnCount()):
                    value = model.index(r, c).data()
                    if isinstance(value, str):
                        yield where + " cell", value


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin words in `text` that are not allowed. A merchant's value (allowed) is removed whole first."""
    for value in sorted(allowed, key=len, reverse=True):
        if value and value in text:
            text = text.replace(value, " ")
    text = ORDER_NUMBER.sub(" ", MASKED.sub(" ", text))
    words = [w.strip(".-+_") for w in LATIN.findall(text)]
    return [w for w in words if w not in ALWAYS and len(w) > 1 and w not in _zones()]


@functools.cache
def _zones() -> frozenset[str]:
    """IANA time-zone names (the shop's zone shows by its name, e.g. Asia/Shanghai) and their parts."""
    return frozenset(part for zone in zoneinfo.available_timezones() for part in (zone, *zone.split("/")))


def allowed_words(session) -> set[str]:
    """What the merchant (or the storefront, or the demo) typed, read from the shop."""
    from shopdesk.db.models import (
        CardKey,
        Customer,
        KeyBatch,
        Order,
        Payment,
        Product,
        StaffUser,
        UnmatchedPayment,
    )

    columns = [
        Product.sku,
        Product.name,
        Customer.name,
        Customer.contact,
        Order.number,
        Order.external_id,
        Payment.trade_no,
        UnmatchedPayment.trade_no,
        CardKey.card_no,
        StaffUser.name,
        StaffUser.display_name,
        KeyBatch.supplier,
        KeyBatch.note,
    ]
    found: set[str] = set()
    for column in columns:
        found |= {v for (v,) in session.execute(select(column).distinct()) if v}
    return found


def clipped(root: QWidget) -> list[str]:
    """Single-line labels, buttons, check boxes, tabs and header sections whose text does not fit."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not _visible(w) or w.width() <= 1:
            continue
        name = f"{type(w).__name__}:{w.objectName() or '?'}"
        fm = w.fontMetrics()
        if isinstance(w, QLabel) and not w.wordWrap() and w.textFormat() != Qt.TextFormat.RichText:
            text = w.text()
            if text and "<" not in text and "\n" not in text and w.pixmap().isNull():
                room = w.contentsRect().width() - 2 * w.margin() - w.indent() * (w.indent() > 0)
                if fm.horizontalAdvance(text) > room + 1:
                    out.append(f"{name} {text!r}")
        elif isinstance(w, (QPushButton, QCheckBox)) and w.text() and "\n" not in w.text():
            need = w.sizeHint().width()
            if w.width() + 1 < need and fm.horizontalAdvance(w.text().replace("&", "")) > w.width() - 12:
                out.append(f"{name} {w.text()!r}")
        elif isinstance(w, QTabBar) and w.elideMode() != Qt.TextElideMode.ElideNone:
            for i in range(w.count()):
                if w.tabRect(i).width() < w.tabSizeHint(i).width() - 1:
                    out.append(f"{name} tab {w.tabText(i)!r}")
        elif isinstance(w, QAbstractItemView) and w.model() is not None and hasattr(w, "horizontalHeader"):
            header = w.horizontalHeader()
            if not header.isVisible():
                continue
            for c in range(w.model().columnCount()):
                text = str(w.model().headerData(c, Qt.Orientation.Horizontal) or "")
                if header.isSectionHidden(c) or not text:
                    continue
                need = header.sectionSizeHint(c)  # what the header's own text needs, as Qt measures it
                if header.sectionSize(c) < need - 1:
                    out.append(f"{name} header {text!r} ({header.sectionSize(c)}px < {need}px)")
    return out
