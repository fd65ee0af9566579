"""The language of the core's sentences (command line, server replies explained).

The command line follows the locale's environment variables; the window sets the language
it shows (``set_language``), so that the core's sentences match its own. The sentences
themselves are in the core catalogue (app.i18n).
"""

from __future__ import annotations

import locale
import os

_forced: str | None = None


def set_language(language: str | None) -> None:
    """'fr' or 'en' from now on; None: follow the environment again."""
    global _forced
    _forced = language if language in ("fr", "en") else None


def is_french() -> bool:
    if _forced is not None:
        return _forced == "fr"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return value.lower().startswith("fr")
    code = locale.getlocale()[0] or ""
    return code.lower().startswith("fr")
