"""Every icon of the window by a name of ours (`icon("orders")`), drawn by qtawesome (Material Design Icons 6).

One place maps our names to the library's, so the navigation, the actions and the chips speak one visual language.
If qtawesome cannot load (a missing font, an old wheel) every icon is an empty QIcon and the window still works.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import QAbstractButton, QWidget

log = logging.getLogger(__name__)

NAMES = {
    # navigation
    "today": "mdi6.view-dashboard-outline",
    "orders": "mdi6.receipt-text-outline",
    "inventory": "mdi6.key-chain-variant",
    "aftersales": "mdi6.face-agent",
    "customers": "mdi6.account-group-outline",
    "products": "mdi6.package-variant-closed",
    "analytics": "mdi6.chart-line",
    "team": "mdi6.account-tie",
    "payments": "mdi6.cash-check",
    # actions
    "bell": "mdi6.bell-outline",
    "bell_unread": "mdi6.bell-badge-outline",
    "export": "mdi6.export",
    "backup": "mdi6.database-export-outline",
    "quit": "mdi6.exit-to-app",
    "settings": "mdi6.cog-outline",
    "folder": "mdi6.folder-open-outline",
    "log": "mdi6.file-document-outline",
    "keyboard": "mdi6.keyboard-outline",
    "about": "mdi6.information-outline",
    "add": "mdi6.plus",
    "import": "mdi6.tray-arrow-down",
    "search": "mdi6.magnify",
    "lock": "mdi6.lock-outline",
    "protect": "mdi6.shield-lock-outline",
    "simulate": "mdi6.robot-outline",
    "refund": "mdi6.cash-refund",
    "send": "mdi6.send",
    "copy": "mdi6.content-copy",
    "reveal": "mdi6.eye-outline",
    "customer": "mdi6.account-outline",
    "case": "mdi6.face-agent",
    "sound": "mdi6.volume-high",
    "details": "mdi6.text-box-search-outline",
    "void": "mdi6.cancel",
    "undo": "mdi6.undo-variant",
    "take": "mdi6.hand-back-right-outline",
    "assign": "mdi6.account-arrow-right-outline",
    "pause": "mdi6.pause-circle-outline",
    "resume": "mdi6.play-circle-outline",
    "note": "mdi6.note-edit-outline",
    "edit": "mdi6.pencil-outline",
    "resolve": "mdi6.check-circle-outline",
    "close_case": "mdi6.archive-outline",
    "reopen": "mdi6.restore",
    "reorder": "mdi6.repeat",
    "ai": "mdi6.creation",
    "ai_unsure": "mdi6.head-question-outline",
    "ai_disagrees": "mdi6.alert-outline",
    # order statuses, on their chips (drawn in the chip's text colour)
    "status_pending_payment": "mdi6.cash-clock",
    "status_paid": "mdi6.cash-check",
    "status_awaiting_stock": "mdi6.timer-sand",
    "status_delivered": "mdi6.truck-check-outline",
    "status_completed": "mdi6.check-all",
    "status_closed": "mdi6.close-circle-outline",
    "status_cancelled": "mdi6.cancel",
    # notification kinds and chips
    "breach": "mdi6.alert-circle-outline",
    "paid": "mdi6.cash-check",
    "waiting": "mdi6.clock-alert-outline",
    "low_stock": "mdi6.package-variant-remove",
    "anomaly": "mdi6.chart-bell-curve",
    "info": "mdi6.information-outline",
    "clock_green": "mdi6.clock-outline",
    "clock_amber": "mdi6.clock-alert-outline",
    "clock_red": "mdi6.alert-circle-outline",
    "clock_paused": "mdi6.pause-circle-outline",
    "clock_done": "mdi6.check-circle-outline",
}

_qta = None
_failed = False
_held = False  # hold(): icons are empty until release(), so the window paints before the icon font loads
_cache: dict[tuple[str, str], QIcon] = {}
_colour = "#3d4654"  # the theme sets it (light or dark)


def set_colour(colour: str) -> None:
    """The icons' ink for the theme in use; icons made afterwards use it."""
    global _colour
    if colour != _colour:
        _colour = colour
        _cache.clear()


def hold() -> None:
    """Until release(), icon() answers an empty icon without loading the library (nothing is cached): the window
    shows at once and its owner puts the icons in (refresh) once it has painted."""
    global _held
    _held = True


def release() -> None:
    global _held
    _held = False


def held() -> bool:
    return _held


def available() -> bool:
    """Whether icons are drawn; while held, whether they will be (what the window lays out for), without loading."""
    if _held:
        return not _failed
    return _library() is not None


def _library():
    global _qta, _failed
    if _qta is None and not _failed:
        try:
            import qtawesome

            _qta = qtawesome
        except Exception:  # noqa: BLE001 - any failure to load the font means "no icons", never a crash
            log.warning("qtawesome did not load: the window shows no icons", exc_info=True)
            _failed = True
    return _qta


def icon(name: str, colour: str | QColor | None = None) -> QIcon:
    """Our icon `name` in the theme's ink (or `colour`); an empty QIcon for an unknown name or no library."""
    if _held:
        return QIcon()
    ink = colour.name() if isinstance(colour, QColor) else (colour or _colour)
    key = (name, ink)
    if key in _cache:
        return _cache[key]
    qta = _library()
    made = QIcon()
    if qta is not None and name in NAMES:
        try:
            made = qta.icon(NAMES[name], color=ink, color_active=ink, color_selected=ink)
        except Exception:  # noqa: BLE001
            log.warning("no icon %s", NAMES[name], exc_info=True)
            made = QIcon()
    _cache[key] = made
    return made


def decorate(button: QAbstractButton, name: str) -> QAbstractButton:
    """Give a button our icon `name` (one per button), kept in the theme's ink by refresh()."""
    button.setProperty("iconName", name)
    button.setIcon(icon(name))
    return button


def refresh(root: QWidget) -> None:
    """After a theme change: every decorated button and action (property iconName) under `root` in the new ink."""
    for widget in (*root.findChildren(QAbstractButton), *root.findChildren(QAction)):
        name = widget.property("iconName")
        if name:
            widget.setIcon(icon(name))
