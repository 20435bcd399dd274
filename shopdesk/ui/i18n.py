"""Loads the zh_CN (or other) catalogue by system locale; --lang overrides."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def resources_dir() -> Path:
    """shopdesk/resources inside the package: the source tree, an editable install or the wheel alike.

    The package is installed unzipped, so this is a real directory Qt can read from.
    """
    return Path(files("shopdesk") / "resources")


def install_translators(app: QCoreApplication, lang: str | None) -> QLocale:
    locale = QLocale(lang) if lang else QLocale.system()
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    catalogues = str(resources_dir() / "translations")
    english = locale.language() in (QLocale.Language.English, QLocale.Language.C)
    # English has a catalogue too, for its plural forms only ("%n key(s)" reads "1 key", "2 keys")
    if ours.load(locale, "shopdesk", "_", catalogues) or (english and ours.load("shopdesk_en", catalogues)):
        app.installTranslator(ours)
    qt = QTranslator(app)  # standard dialog buttons (OK / Cancel) in the same language
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    extra = QTranslator(app)  # Qt's strings its own catalogue lacks (the file dialog's mnemonic labels)
    if extra.load(locale, "qtbase_extra", "_", str(resources_dir() / "translations")):
        app.installTranslator(extra)
    return locale
