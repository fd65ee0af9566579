"""The core's message catalogue: gettext, English message ids, French in
``resources/locale/fr/LC_MESSAGES/facturier.po`` (compiled to ``facturier.mo`` beside it).

Every sentence the core shows a user (command line output, explanations of typed errors
and of server replies) is written in English in the code, wrapped in ``_()``, and
translated in that one catalogue; the window uses it too for the core's messages, and
keeps its widget texts in Qt Linguist. The language is ``app.core_text``'s: the command
line follows the locale's environment, the window sets its own (``set_language``).

``N_()`` marks a sentence kept in a table, to be translated where it is shown.
``python packaging/i18n.py core`` extracts the messages, updates the .po file and compiles
the .mo file; ``tests/unit/test_core_catalogue.py`` fails when the two disagree or when a
sentence has no French.
"""

from __future__ import annotations

import gettext
from functools import cache

from app.core_text import is_french
from app.resources import resource_path

DOMAIN = "facturier"


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` ('fr' or 'en'); English is the message ids themselves."""
    if language == "en":
        return gettext.NullTranslations()
    path = resource_path("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    with path.open("rb") as file:  # a missing catalogue is a broken installation: say so
        return gettext.GNUTranslations(file)


def current() -> gettext.NullTranslations:
    return translation("fr" if is_french() else "en")


def _(message: str) -> str:
    """``message`` in the core's language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it yet (tables)."""
    return message


def in_language(message: str, french: bool) -> str:
    """``message`` in French or English whatever the core's language (server replies)."""
    return translation("fr" if french else "en").gettext(message)
