"""Loads the French translation on a French system (or when asked to)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core_text import set_language
from app.resources import resource_path

_installed: list[QTranslator] = []


def ui_language() -> str:
    """'fr' or 'en': FACTURIER_LANG, then LC_ALL / LC_MESSAGES / LANG, then the system."""
    forced = os.environ.get("FACTURIER_LANG", "").strip().lower()
    if forced[:2] in ("fr", "en"):
        return forced[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "fr" if value.lower().startswith("fr") else "en"
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install (or remove) the translators; returns the language in force."""
    language = language or ui_language()
    set_language(language)  # the core's sentences (server replies, errors) follow the window
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "fr":
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        ours = QTranslator(app)
        if ours.load(str(resource_path("translations", "facturier_fr.qm"))):
            _installed.append(ours)
        # Qt's own strings (standard buttons: Yes/No/Cancel).
        qt = QTranslator(app)
        if qt.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        plurals = QTranslator(app)  # "1 document", "2 documents"
        if plurals.load(str(resource_path("translations", "facturier_en.qm"))):
            _installed.append(plurals)
    for translator in _installed:
        app.installTranslator(translator)
    return language
