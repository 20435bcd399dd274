"""Loads the zh_CN (or other) catalogue by system locale; --lang overrides."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def resources_dir() -> Path:
    """The repo's resources/ (development and editable installs) or the installed copy."""
    here = Path(__file__).resolve().parents[2] / "resources"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "shopdesk" / "resources"


def install_translators(app: QCoreApplication, lang: str | None) -> QLocale:
    locale = QLocale(lang) if lang else QLocale.system()
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    if ours.load(locale, "shopdesk", "_", str(resources_dir() / "translations")):
        app.installTranslator(ours)
    qt = QTranslator(app)  # standard dialog buttons (OK / Cancel) in the same language
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    return locale
