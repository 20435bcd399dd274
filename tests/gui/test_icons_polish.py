"""Icons where the eye is: one per main page button (Orders, Inventory, After-sales and the case view's main
actions), the order actions' tool buttons with their words beside the icon, the status chips with their status's
icon in the chip's own text colour; a theme change re-inks them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView, QToolButton

from shopdesk.ui import icons, labels
from shopdesk.ui.widgets.status_chip import GAP, PAD_X, StatusChipDelegate

pytestmark = pytest.mark.skipif(not icons.available(), reason="qtawesome is a dependency; without it no icons")

ROLE = Qt.ItemDataRole.UserRole + 1


def test_the_main_buttons_each_carry_one_icon_and_a_theme_change_reinks_them(window):
    orders, inventory, desk = window.orders_page, window.inventory_page, window.aftersales_page
    buttons = {
        orders.new_button: "add",
        orders.refund_wallet_button: "refund",
        orders.refund_external_button: "refund",
        inventory.import_button: "import",
        inventory.export_button: "export",
        inventory.void_button: "void",
        inventory.recover_button: "undo",
        inventory.details_button: "details",
        desk.new_button: "case",
        desk.settings_button: "settings",
        desk.case_view.take_button: "take",
        desk.case_view.resolve_button: "resolve",
        desk.case_view.note_button: "note",
    }
    for button, name in buttons.items():
        assert button.property("iconName") == name and not button.icon().isNull(), button.objectName()
        assert button.text()  # the words stay: an icon beside them, never instead of them
    actions = orders.actions
    for act in actions.all:
        assert not act.icon().isNull(), act.objectName()
    for tool in actions.findChildren(QToolButton):
        assert tool.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    # the theme's ink changes: the buttons are drawn again in it
    before = orders.new_button.icon().cacheKey()
    icons.set_colour("#fafafa")
    try:
        window.refresh_icons()
        assert orders.new_button.icon().cacheKey() != before
        assert actions.refund.icon().cacheKey() == icons.icon("refund").cacheKey()
    finally:
        icons.set_colour("#3d4654")
        window.refresh_icons()


def _paint_chip(code: str) -> QImage:
    model = QStandardItemModel(1, 1)
    item = QStandardItem(labels.order_status(code))
    item.setData(code, ROLE)
    model.setItem(0, 0, item)
    view = QTableView()
    view.setModel(model)
    delegate = StatusChipDelegate(ROLE, view)
    image = QImage(220, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 220, 30)
    option.font = view.font()
    option.widget = view
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0, QModelIndex()))
    painter.end()
    return image


def _right_edge(image: QImage) -> int:
    """The chip's last column (the chip is the only non-white thing painted)."""
    return max(x for x in range(image.width()) for y in range(image.height()) if QColor(image.pixel(x, y)) != "white")


def _inked(image: QImage, fg: QColor, xs: range) -> int:
    """Pixels near the chip's text colour in the columns xs."""
    return sum(
        1
        for x in xs
        for y in range(image.height())
        if max(abs(QColor(image.pixel(x, y)).getRgb()[i] - fg.getRgb()[i]) for i in range(3)) < 90
    )


@pytest.mark.parametrize("code", ["pending_payment", "paid", "awaiting_stock", "delivered", "completed", "cancelled"])
def test_a_status_chip_starts_with_its_icon_in_the_chips_text_colour(qapp, code, monkeypatch):
    _bg, fg = labels.chip_colours("status", code)
    with_icon = _paint_chip(code)
    side = QFontMetrics(QTableView().font()).height() - 2
    with monkeypatch.context() as m:
        m.setattr(icons, "icon", lambda *_a, **_k: QIcon())
        without = _paint_chip(code)
    # the icon takes its room at the start of the chip, before the words, and is drawn in the chip's ink
    assert _right_edge(with_icon) - _right_edge(without) == side + GAP
    icon_columns = range(4 + PAD_X - 2, 4 + PAD_X - 2 + side)
    assert _inked(with_icon, fg, icon_columns) >= 6, f"no icon at the start of the {code} chip"
    assert icons.NAMES[f"status_{code}"].startswith("mdi6.")
