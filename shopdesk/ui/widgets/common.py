"""Small widgets shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common.errors import ServerUnreachable


def stretch_column(view: QTableView, column: int) -> None:
    """Give the spare width to one column (usually the name) instead of the last one."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class _ColumnFit(QObject):
    """Keeps a view's columns no narrower than their headers and known words need, as the style and font in use
    measure them (the theme is applied after the pages are built): checked again on show and on style changes."""

    EVENTS = (QEvent.Type.Show, QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish)

    def __init__(self, view: QTableView, words: Callable[[], dict[int, list[str]]]):
        super().__init__(view)
        self._view, self._words = view, words
        view.horizontalHeader().installEventFilter(self)

    def need(self, column: int) -> int:
        header, metrics = self._view.horizontalHeader(), self._view.fontMetrics()
        need = header.sectionSizeFromContents(column).width()
        for word in self._words().get(column, ()):
            need = max(need, metrics.horizontalAdvance(word) + 14)  # the item's margins and focus frame
        return need

    def apply(self) -> None:
        header = self._view.horizontalHeader()
        for column in range(header.count()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                need = self.need(column)
                if header.sectionSize(column) < need:
                    self._view.setColumnWidth(column, need)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in self.EVENTS:
            self.apply()
        return False


def fit_columns(view: QTableView, widths, words: Callable[[], dict[int, list[str]]] | None = None) -> None:
    """Fixed column widths (sizing to contents would read every row), each never narrower than its header's text
    needs (as Qt measures it, with the sort indicator) nor than the longest of the words the column can show
    (`words()`: codes worded in the language in use, e.g. the sources or the statuses)."""
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    _ColumnFit(view, words or dict).apply()


def make_table(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


def date_range_edits(first: QDate, last: QDate, changed, names: tuple[str, str]) -> tuple[QDateEdit, QDateEdit]:
    """A from and a to date box (calendar popup, yyyy-MM-dd); `changed()` is called when either moves."""
    edits = []
    for day, name in zip((first, last), names, strict=True):
        edit = QDateEdit(day, objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: changed())
        edits.append(edit)
    return edits[0], edits[1]


def wrapped_label(text: str = "", parent: QWidget | None = None, **properties) -> QLabel:
    """A label whose text wraps to the width it is given (notes, hints, messages)."""
    label = QLabel(text, parent, **properties)
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line that never breaks a word: too long for its width, it ends in "…" and the whole text is in the
    tooltip (a header: "#12 · 202611300001 · Customer with a long name"). full_text() is what was set."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **properties):
        super().__init__("", parent, **properties)
        self._full = ""
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # a style sheet or font change: measure again
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 0))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class ElidedButton(QPushButton):
    """A push button whose text gives way in a narrow row: it ends in "…" (the whole text, or `tip`, in the tooltip)
    instead of widening the panel it sits in. `full_text()` is what was set. `setText(text, kept=...)` keeps an
    ending (a figure such as " · 40%") whole and cuts the text before it."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **properties):
        super().__init__("", parent, **properties)
        self._full = ""
        self._kept = ""  # the ending that is never cut
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str, kept: str = "") -> None:  # noqa: N802 (Qt override)
        self._full, self._kept = text + kept, kept
        self.updateGeometry()
        self._elide()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 (Qt override): shown, with the whole text when it is cut
        self._tip = tip
        self._elide()

    def _whole(self) -> QSize:
        """The style's own size for the whole text in the font in use now (a style sheet may change it), measured as
        QPushButton measures itself, without touching the text shown."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self._full
        metrics = self.fontMetrics()
        text = metrics.size(Qt.TextFlag.TextShowMnemonic, self._full)
        text.setHeight(max(text.height(), metrics.height()))
        if not option.icon.isNull():
            text += QSize(option.iconSize.width() + 4, 0)
            text.setHeight(max(text.height(), option.iconSize.height()))
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text, self)

    def minimumSizeHint(self) -> QSize:
        pad = self._whole().width() - self.fontMetrics().horizontalAdvance(self._full)
        least = self.fontMetrics().horizontalAdvance("…") * 4 + self.fontMetrics().horizontalAdvance(self._kept)
        return QSize(pad + least, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return self._whole()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override): a style sheet or font change: measure again
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.updateGeometry()
            self._elide()

    def _elide(self) -> None:
        whole = self._whole().width()
        if self.width() >= whole:
            shown = self._full
        else:
            pad = whole - self.fontMetrics().horizontalAdvance(self._full)
            room = max(self.width() - pad - self.fontMetrics().horizontalAdvance(self._kept), 0)
            head = self._full[: len(self._full) - len(self._kept)]
            shown = self.fontMetrics().elidedText(head, Qt.TextElideMode.ElideRight, room) + self._kept
        if shown != super().text():
            super().setText(shown)
        cut = shown != self._full
        super().setToolTip("\n".join(t for t in (self._full if cut else "", self._tip) if t))


def page_title(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    return label


class ErrorLabel(QLabel):
    """Inline error text in a dialog: what is wrong and how to fix it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class LivePage:
    """Mixed into a page with an async `load()`: it loads again when the change feed names one of its `topics`."""

    topics: tuple[str, ...] = ()  # change-feed topics that mean the page's rows moved

    def on_changes(self, changes: dict) -> None:
        if any(topic in changes for topic in self.topics):
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        try:
            await self.load()
        except ServerUnreachable:
            pass  # the window says it is reconnecting (Ops saw it) and loads every page again once it is back


class DatabaseLabel(ElidedLabel):
    """The status bar's database: whole when there is room, a long path ends in "…" (whole in the tooltip) when the
    status bar is full."""

    def __init__(self, **properties):
        super().__init__(**properties)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Whole at first; the layout's next resize decides whether it must give way."""
        self._full = text
        QLabel.setText(self, text)
        self.setToolTip("")
        self.updateGeometry()
