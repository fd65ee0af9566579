"""The core's gettext catalogue (app.i18n): complete, compiled, and used by the core."""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import i18n as core_i18n
from app.cli_text import copy_text, describe
from app.core_text import set_language
from app.ctc_text import problem_sentence
from app.domain.smtp_replies import explain
from app.errors import DatabaseLockedError, FacturierError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import i18n  # noqa: E402  (packaging/i18n.py)

_FIELD = re.compile(r"\{([^{}]*)\}")


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language(None)


def _placeholders(text: str) -> set[str]:
    return set(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def test_every_core_message_has_a_french_translation() -> None:
    used = {str(m.id) for m in i18n.core_template() if m.id}
    catalog = i18n.read_core()
    translated = {str(m.id): m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(used - set(translated))
    assert not missing, "run `python packaging/i18n.py core` and translate:\n" + "\n".join(missing)
    unused = sorted(str(m.id) for m in catalog if m.id and str(m.id) not in used)
    assert not unused, "messages no longer in app/ (run `python packaging/i18n.py core`)"


def test_french_keeps_the_placeholders_of_the_english() -> None:
    for message in i18n.read_core():
        if message.id and isinstance(message.string, str):
            assert _placeholders(message.string) == _placeholders(str(message.id)), message.id


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    with i18n.MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    messages = [m for m in i18n.read_core() if m.id and m.string]
    stale = []
    for message in messages:
        if isinstance(message.id, tuple):  # one form per count: 1, then 2 (French: 0 and 1)
            one, many = message.id[0], message.id[1]
            found = (compiled.ngettext(one, many, 1), compiled.ngettext(one, many, 2))
            if found != (message.string[0], message.string[-1]):
                stale.append(one)
        elif compiled.gettext(message.id) != message.string:
            stale.append(message.id)
    assert not stale, "facturier.mo is stale: run `python packaging/i18n.py core`"
    forms = sum(len(m.string) if isinstance(m.id, tuple) else 1 for m in messages)
    assert len(compiled._catalog) == forms + 1  # + the header


def test_the_core_speaks_french_from_the_catalogue(french: None) -> None:
    error = DatabaseLockedError("locked", path="/data/facturier.db")
    assert describe(error) == (
        "La base de données /data/facturier.db est utilisée par un autre programme et reste "
        "verrouillée. Fermez l’autre programme puis réessayez. Rien n’a été modifié."
    )
    assert explain("550 5.1.1 user unknown", french=True) == "550 5.1.1 adresse inconnue"
    assert problem_sentence("buyer_name", {}) == "Nom du client manquant."
    assert copy_text("failed", "imap.unreachable", 7) == (
        "échec de la copie dans Envoyés\u00a0: le serveur IMAP est injoignable\u202f; "
        "«\u202ffacturier outbox resend 7\u202f» la réessaie"
    )


def test_english_is_the_message_itself() -> None:
    set_language("en")
    try:
        assert core_i18n._("The file is empty.") == "The file is empty."
        assert describe(FacturierError("boom")) == "Error: boom"
    finally:
        set_language(None)


def test_the_language_follows_the_window(french: None) -> None:
    assert core_i18n._("The file is empty.") == "Le fichier est vide."
    set_language("en")
    assert core_i18n._("The file is empty.") == "The file is empty."
