"""Texts of the domain's registries (document kinds, template placeholders) in the
window's language.

The registries hold each text in English and French (``app.domain.kinds.Text``), so a
new kind or placeholder needs no entry in the Qt catalogue; the window's language is the
one ``ui.i18n.install_translators`` gave the core (``app.core_text``).
"""

from __future__ import annotations

from app.core_text import is_french
from app.domain.kinds import DocumentKind, Text, kind_spec


def pick_text(text: Text) -> str:
    return text.pick(is_french())


def kind_title(kind: DocumentKind | str) -> str:
    """The kind as a title ("Invoice", "Delivery note"): used alone, never inside a
    sentence, so that no article has to agree with it in French. An unknown code is shown
    as it is."""
    try:
        return pick_text(kind_spec(kind).title)
    except ValueError:
        return str(kind)
