"""One light theme and a dark one that follows the system (Qt 6.5+ QStyleHints.colorScheme).

The colours are named in ui/colours.toml ([theme_light], [theme_dark]); the palette carries them to every standard
widget and one style sheet gives the window its face: a light navigation with icons, white cards on a grey ground,
clear headings. `Theme.apply()` runs again when the system switches between light and dark.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from shopdesk.ui import icons

QSS = """
QMainWindow, QDialog {{ background: {window}; }}
QStackedWidget#pages > QWidget {{ background: {window}; }}
QListWidget#nav {{ outline: 0; background: {nav}; color: {nav_text}; border: none;
  border-right: 1px solid {border}; font-size: 14px; padding: 10px 8px; }}
QListWidget#nav::item {{ padding: 9px 10px; border-radius: 6px; margin: 1px 0; }}
QListWidget#nav::item:hover {{ background: {nav_hover}; }}
QListWidget#nav::item:selected {{ background: {nav_selected}; color: {text}; font-weight: 600;
  border: 1px solid {border}; }}
QTableView {{ background: {card}; alternate-background-color: {alt}; border: 1px solid {border};
  border-radius: 6px; gridline-color: {border}; selection-background-color: {accent};
  selection-color: {accent_text}; }}
QHeaderView::section {{ background: {header}; color: {muted}; border: none; border-bottom: 1px solid {border};
  border-right: 1px solid {border}; padding: 5px 6px; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {border}; border-radius: 6px; background: {card}; top: -1px; }}
QTabBar::tab {{ padding: 6px 14px; color: {muted}; border: none; border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {text}; border-bottom: 2px solid {accent}; font-weight: 600; }}
QPushButton {{ background: {card}; color: {text}; border: 1px solid {border}; border-radius: 6px;
  padding: 5px 12px; }}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:checked {{ background: {accent}; color: {accent_text}; border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; }}
QPushButton:default {{ background: {accent}; color: {accent_text}; border-color: {accent}; }}
QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox, QPlainTextEdit, QTextEdit {{ background: {card};
  color: {text}; border: 1px solid {border}; border-radius: 5px; padding: 4px 6px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border-color: {accent}; }}
QTextBrowser {{ background: {card}; border: 1px solid {border}; border-radius: 6px; padding: 6px; }}
QSplitter::handle {{ background: {window}; }}
QStatusBar {{ background: {nav}; color: {muted}; border-top: 1px solid {border}; }}
QMenuBar {{ background: {window}; color: {text}; }}
QMenuBar::item:selected {{ background: {nav_hover}; }}
QMenu {{ background: {card}; color: {text}; border: 1px solid {border}; padding: 4px; }}
QMenu::item {{ padding: 5px 24px 5px 10px; border-radius: 4px; }}
QMenu::item:selected {{ background: {accent}; color: {accent_text}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: 4px 6px; }}
QToolTip {{ background: {card}; color: {text}; border: 1px solid {border}; padding: 4px; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; padding: 2px 0 6px 0; color: {text}; }}
QLabel#errorLabel {{ color: {error}; }}
QLabel#emptyState {{ color: {muted}; font-size: 14px; qproperty-alignment: AlignCenter; }}
QLabel#sectionTitle {{ font-weight: 600; font-size: 14px; padding-top: 8px; color: {text}; }}
QLabel#sectionHeader {{ font-weight: 600; font-size: 13px; color: {muted}; padding: 10px 0 4px 0;
  border-bottom: 1px solid {border}; }}
QLabel#sectionNote {{ color: {muted}; }}
QLabel#lockCover {{ color: {nav_text}; background: {nav}; font-size: 18px; qproperty-alignment: AlignCenter; }}
QPushButton#protectShop {{ border: none; color: {accent}; padding: 0 6px; background: transparent; }}
QToolButton#bell {{ border: none; padding: 0 6px; background: transparent; color: {text}; }}
QToolButton#bell:hover {{ background: {nav_hover}; border-radius: 4px; }}
QLabel#bellBadge {{ background: #e5484d; color: white; border-radius: 8px; padding: 0 5px; font-size: 11px;
  font-weight: 600; }}
QFrame#bellPopup {{ background: {card}; border: 1px solid {border}; border-radius: 8px; }}
QListWidget#bellList {{ border: none; background: {card}; color: {text}; }}
QListWidget#bellList::item {{ padding: 6px 4px; border-bottom: 1px solid {border}; }}
QListWidget#bellList::item:hover {{ background: {alt}; }}
QFrame#tile {{ background: {card}; border: 1px solid {border}; border-radius: 8px; }}
QFrame#tile:hover {{ border-color: {accent}; }}
"""


@functools.cache
def _all_colours() -> dict:
    text = resources.files("shopdesk.ui").joinpath("colours.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def colours(name: str) -> dict[str, str]:
    return dict(_all_colours()[f"theme_{name}"])


def system_scheme() -> str:
    """'dark' when the system asks for dark, else 'light' (also when it does not say)."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def style_sheet(name: str) -> str:
    return QSS.format(**colours(name))


def palette(name: str) -> QPalette:
    c = {k: QColor(v) for k, v in colours(name).items()}
    pal = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, c["window"]),
        (role.WindowText, c["text"]),
        (role.Base, c["card"]),
        (role.AlternateBase, c["alt"]),
        (role.Text, c["text"]),
        (role.Button, c["card"]),
        (role.ButtonText, c["text"]),
        (role.ToolTipBase, c["card"]),
        (role.ToolTipText, c["text"]),
        (role.Highlight, c["accent"]),
        (role.HighlightedText, c["accent_text"]),
        (role.PlaceholderText, c["muted"]),
        (role.Link, c["accent"]),
        (role.Mid, c["border"]),
    ):
        pal.setColor(r, colour)
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, c["muted"])
    return pal


class Theme(QObject):
    """Applies the theme to a window (its style sheet) and the application (its palette), and follows the system."""

    changed = Signal(str)  # "light" or "dark": icons drawn before are drawn again

    def __init__(self, window: QWidget, parent: QObject | None = None):
        super().__init__(parent or window)
        self.window = window
        self.name = ""
        self.forced: str | None = None  # a test (or a future setting) may pin one theme
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: self.apply())

    def apply(self, name: str | None = None) -> str:
        if name is not None:
            self.forced = name
        chosen = self.forced or system_scheme()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette(chosen))
        self.window.setStyleSheet(style_sheet(chosen))
        icons.set_colour(colours(chosen)["icon"])
        if chosen != self.name:
            self.name = chosen
            self.changed.emit(chosen)
        return chosen


def section_header(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading inside a detail pane: small, bold, muted, with a rule under it (room above, not a wall)."""
    label = QLabel(text, parent)
    label.setObjectName("sectionHeader")
    return label
