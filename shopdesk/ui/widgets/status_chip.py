"""The order status drawn as a coloured chip (labels.chip_colours) inside a table cell, its icon (icons.py,
status_<code>) before the words in the chip's text colour."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from shopdesk.ui import icons, labels

PAD_X, PAD_Y = 8, 4
GAP = 4  # between the icon and the words


class StatusChipDelegate(QStyledItemDelegate):
    """Paints the cell's own background (selection, flash, alternate rows), then the chip on top.

    `role` carries the status code; the display text is the translated label."""

    def __init__(self, role: int, parent=None):
        super().__init__(parent)
        self._role = role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        code = index.data(self._role)
        if not code:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        bg, fg = labels.chip_colours("status", code)
        metrics = QFontMetrics(opt.font)
        glyph = icons.icon(f"status_{code}", fg)
        side = metrics.height() - 2 if not glyph.isNull() else 0
        extra = side + GAP if side else 0
        width = min(metrics.horizontalAdvance(text) + 2 * PAD_X + extra, opt.rect.width() - 4)
        height = min(metrics.height() + PAD_Y, opt.rect.height() - 4)
        chip = QRectF(opt.rect.x() + 4, opt.rect.center().y() - height / 2 + 0.5, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        words = QRectF(chip)
        if side:
            top = int(chip.center().y() - side / 2)
            glyph.paint(painter, int(chip.x() + PAD_X - 2), top, side, side)
            words.setLeft(chip.x() + extra)
        painter.setPen(fg)
        painter.setFont(opt.font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(words.width()) - 2 * PAD_X + 2)
        painter.drawText(words, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 2 * PAD_X + 8 + _icon_room(QFontMetrics(option.font)), hint.height())


def chip_width(metrics: QFontMetrics, codes) -> int:
    """A column wide enough for the longest status label in the language in use."""
    return max(metrics.horizontalAdvance(labels.order_status(c)) for c in codes) + 2 * PAD_X + 14 + _icon_room(metrics)


def _icon_room(metrics: QFontMetrics) -> int:
    return metrics.height() - 2 + GAP if icons.available() else 0
