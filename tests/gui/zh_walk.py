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
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QTableView,
    QWidget,
)
from sqlalchemy import select

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.+-]*")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
# Words that stay Latin in Chinese: the product's name, file formats and acronyms merchants use as they are.
ALWAYS = {"ShopDesk", "SKU", "CSV", "csv", "txt", "XLSX", "SQLite", "PostgreSQL", "SOP", "API", "QQ", "ID", "AI"}
ALWAYS |= {"English"}  # a language is offered by its own name (Settings → Language)
ALWAYS |= {"GBK", "GB18030", "UTF-8", "UTF-16"}  # the encodings a key file may come in, by their names
MASKED = re.compile(r"•+\S*")  # a masked secret's visible tail is the merchant's secret
ORDER_NUMBER = re.compile(r"\bSD\d{14}\b")  # the shop's own order numbers (and the example of one)
KEYS = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+|\bF\d{1,2}\b")  # keyboard keys are named as printed on them
CELLS_SHOWN = 30  # rows of a table read per view
WORD = "\x00"  # an allowed entry that is one word (a customer's), matched as a word, never replaced inside others


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
        elif isinstance(w, (QMenu, QMenuBar)):
            yield from _menu_texts(where, w)
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


def _menu_texts(where: str, menu: QWidget):
    """A menu bar's or menu's actions, and those of their submenus (closed menus are read too: a user opens them)."""
    for action in menu.actions():
        if action.isVisible() and not action.isSeparator():
            yield where + " action", action.text().replace("&", "")
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                yield where + " tooltip", action.toolTip()
            if action.menu() is not None:
                yield from _menu_texts(where, action.menu())


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin words in `text` that are not allowed. A merchant's value (allowed) is removed whole first."""
    for value in sorted(allowed, key=len, reverse=True):
        if value and value in text:
            text = text.replace(value, " ")
    text = KEYS.sub(" ", ORDER_NUMBER.sub(" ", MASKED.sub(" ", text)))
    words = [w.strip(".-+_") for w in LATIN.findall(text)]
    return [
        w for w in words if w not in ALWAYS and len(w) > 1 and w not in _zones() and WORD + w.lower() not in allowed
    ]


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
        Reason,
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
        Reason.code,  # the reason taxonomy the merchant edits: its codes and both its labels (Desk settings → Reasons)
        Reason.label_en,
        Reason.label_zh,
    ]
    found: set[str] = set()
    for column in columns:
        found |= {v for (v,) in session.execute(select(column).distinct()) if v}
    # the rule editor's JSON: the condition keys and values the merchant types (each shown beside its words)
    from shopdesk.services.desk import rules

    found |= {*rules.LIST_KEYS, *rules.BOOL_KEYS, "true", "false"}
    # what the customers wrote (the AI track shows it, and the words of it that weighed most) is theirs, as typed
    from shopdesk.db.models import CaseSuggestion

    said = {v for (v,) in session.execute(select(CaseSuggestion.text).distinct()) if v}
    found |= said | {WORD + w.lower() for text in said for w in LATIN.findall(text)}
    return found


def _elided_with_tooltip(w: QWidget, text: str) -> bool:
    """Our code elided the text on purpose and the tooltip carries it whole."""
    return text.endswith("…") and bool(w.toolTip()) and text.rstrip("…") in TAG.sub("", w.toolTip())


def _button_need(w: QAbstractButton) -> int:
    """What a push button's text (and icon) needs, as the style measures it, without Qt's 80px minimum."""
    style, fm = w.style(), w.fontMetrics()
    need = fm.horizontalAdvance(w.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
    if not w.icon().isNull():
        need += w.iconSize().width() + 4
    if isinstance(w, QPushButton) and w.menu() is not None:
        need += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, w)
    return (
        need
        + style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, w)
        + 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, w)
    )


def _header_cut(name: str, view: QAbstractItemView, header: QHeaderView) -> list[str]:
    """Header sections narrower than their text needs (Qt's sectionSizeFromContents: text, sort indicator, margins),
    unless the section stretches or follows its contents; and sections the viewport cuts."""
    out = []
    model, room = view.model(), header.viewport().width()
    last = header.logicalIndex(header.count() - 1 - sum(header.isSectionHidden(i) for i in range(header.count())))
    for c in range(model.columnCount()):
        text = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        if header.isSectionHidden(c) or not text:
            continue
        need, size, pos = (
            header.sectionSizeFromContents(c).width(),
            header.sectionSize(c),
            header.sectionViewportPosition(c),
        )
        shown = min(pos + size, room) - max(pos, 0)
        fits_itself = (
            header.sectionResizeMode(c) in (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)
            or (header.stretchLastSection() and c == last)
            or size >= need
        )
        if not fits_itself:
            out.append(f"{name} header {text!r} ({size}px < {need}px)")
        elif 0 < shown < min(size, need):
            out.append(f"{name} header {text!r} cut by the view ({shown}px shown of {need}px)")
        if shown <= 0:
            continue
        for r in _rows_shown(view):
            index = model.index(r, c)
            value = index.data()
            if not isinstance(value, str) or not value or "\n" in value:
                continue
            if view.sizeHintForIndex(index).width() > min(size, shown) + 1:
                tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
                if value not in tip:
                    out.append(f"{name} cell {value!r} in column {text!r} ({min(size, shown)}px)")
    return out


def _rows_shown(view: QAbstractItemView) -> range:
    if not hasattr(view, "rowAt"):
        return range(0)
    first = view.rowAt(0)
    if first < 0:
        return range(0)
    last = view.rowAt(view.viewport().height() - 1)
    last = view.model().rowCount() - 1 if last < 0 else last
    return range(first, min(last, first + CELLS_SHOWN) + 1)


def clipped(root: QWidget) -> list[str]:
    """Single-line labels, buttons, check and radio boxes, tabs, header sections and table cells whose text does not
    fit, unless our code elided it on purpose and the tooltip carries it whole."""
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
                if fm.horizontalAdvance(text) > room and not _elided_with_tooltip(w, text):
                    out.append(f"{name} {text!r} ({room}px < {fm.horizontalAdvance(text)}px)")
        elif isinstance(w, QPushButton) and w.text() and "\n" not in w.text():
            if w.width() < _button_need(w) and not _elided_with_tooltip(w, w.text()):
                out.append(f"{name} {w.text()!r} ({w.width()}px < {_button_need(w)}px)")
        elif isinstance(w, (QCheckBox, QRadioButton)) and w.text() and "\n" not in w.text():
            if w.width() < w.sizeHint().width():
                out.append(f"{name} {w.text()!r} ({w.width()}px < {w.sizeHint().width()}px)")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                rect = w.tabRect(i)
                if w.isTabVisible(i) and rect.intersects(w.rect()) and rect.width() < w.tabSizeHint(i).width() - 1:
                    out.append(f"{name} tab {w.tabText(i)!r} ({rect.width()}px < {w.tabSizeHint(i).width()}px)")
        elif isinstance(w, QTableView) and w.model() is not None and w.horizontalHeader().isVisible():
            out += _header_cut(name, w, w.horizontalHeader())
    return out
