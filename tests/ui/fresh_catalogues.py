"""Catalogues built from the current sources, for GUI tests of strings not merged yet.

Engineers leave new French translations in ``resources/translations/pending/*.json``; the
shipped ``.qm`` files only have them once the lead merges. A test that reads the window's
words (English plural forms included) installs, on top of the shipped catalogue, one made
now from the sources and the pending translations: the same words as after the merge.
Not a test module; nothing is written under ``resources/``.
"""

from __future__ import annotations

import functools
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.i18n import install_translators

ROOT = Path(__file__).resolve().parents[2]
PENDING = ROOT / "resources" / "translations" / "pending"
sys.path.insert(0, str(ROOT / "packaging"))

import i18n  # noqa: E402

_FOLDER = tempfile.TemporaryDirectory(prefix="facturier-catalogues-")
_extra: list[QTranslator] = []


def _pending() -> dict[str, str | list[str]]:
    try:
        return i18n.pending_translations(PENDING)  # as the merge takes them
    except (OSError, ValueError):
        return {}  # another engineer may be writing one right now


@functools.cache
def catalogue(language: str) -> Path:
    """The .qm of ``language`` ("fr" or "en") made from today's sources."""
    folder = Path(_FOLDER.name)
    if language == "fr":
        ts = folder / "facturier_fr.ts"
        shutil.copy(i18n.TS, ts)
        i18n.update(ts)
        i18n.translate(_pending(), ts)
    else:
        ts = folder / "facturier_en.ts"
        shutil.copy(i18n.EN_TS, ts)
        i18n.update_english(ts)
    qm = ts.with_suffix(".qm")
    i18n.release(ts, qm)
    return qm


def use_language(app: QCoreApplication, language: str) -> None:
    """Like ``install_translators``, with the not-yet-merged strings too."""
    for translator in _extra:
        app.removeTranslator(translator)
    _extra.clear()
    install_translators(app, language)
    translator = QTranslator(app)
    if translator.load(str(catalogue(language))):
        app.installTranslator(translator)
        _extra.append(translator)
