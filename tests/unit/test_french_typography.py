"""One French typography for every French text: the rule itself, both catalogues, the
French literals of the core, and what the program generates (e-mails, command line, PDFs)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from app.domain.french_typography import NBSP, NNBSP, problems, typeset
from app.domain.kinds import registered_kinds
from app.domain.reminders import DEFAULT_LEVELS
from app.domain.template_placeholders import sample_values
from app.domain.templates import default_template, paid_template, render_template
from app.pdf.formal_notice import render_formal_notice
from app.pdf.render import render_document
from app.pdf.statement import render_statement
from tests.unit.test_pdf_render import CREATED, make_document, make_line, pages_text
from tests.unit.test_reminder_pdfs import make_notice, make_statement

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import i18n  # noqa: E402  (packaging/i18n.py)


def assert_typeset(texts: Iterable[tuple[str, str]]) -> None:
    """Every (where, text) follows the rule; the failure lists every text that does not."""
    wrong = [f"{where}: {problem}" for where, text in texts if (problem := problems(text))]
    assert not wrong, f"{len(wrong)} French texts break the typography:\n" + "\n".join(wrong)


# --- the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Statut : Envoyé", f"Statut{NBSP}: Envoyé"),
        ("EURL: en attente", f"EURL{NBSP}: en attente"),
        (f"Objet{NNBSP}:", f"Objet{NBSP}:"),
        ("Envoyer ?", f"Envoyer{NNBSP}?"),
        (f"Attention{NBSP}!", f"Attention{NNBSP}!"),
        ("un e-mail ; un autre", f"un e-mail{NNBSP}; un autre"),
        ("Voulez-vous ?!", f"Voulez-vous{NNBSP}?!"),
        ("« Bon pour accord »", f"«{NNBSP}Bon pour accord{NNBSP}»"),
        ("«Mail»", f"«{NNBSP}Mail{NNBSP}»"),
        (f"«{NBSP}Mail{NBSP}»", f"«{NNBSP}Mail{NNBSP}»"),
        ("l'envoi d'aujourd'hui", "l’envoi d’aujourd’hui"),
        ("d'{count} documents", "d’{count} documents"),
        ("{address}: {reason}", f"{{address}}{NBSP}: {{reason}}"),
        ("%1 : %2", f"%1{NBSP}: %2"),
        (f"{NBSP}; nouvel essai à {{time}}.", f"{NNBSP}; nouvel essai à {{time}}."),
        ("<b>Nom :</b> {name}", f"<b>Nom{NBSP}:</b> {{name}}"),
    ],
)
def test_typeset_applies_the_rule(text: str, expected: str) -> None:
    assert typeset(text) == expected
    assert typeset(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "le 25/11/2026 à 17:24",  # a time
        "un rapport de 1:2",  # a ratio
        "{host}:{port}",
        "{amount:.2f} et {when!r}",
        "https://exemple.fr/page?x=1;y=2#a",
        "mailto:compta@exemple.fr",
        "écrivez à compta@exemple.fr",
        '<a href="https://exemple.fr">lien</a>',
        "&nbsp;&#xa0;&amp;",
        "N°:",
        "a;b et x?y",
        "(?)",
        "%n document(s)",
        "l’envoi",
    ],
)
def test_typeset_leaves_code_alone(text: str) -> None:
    assert typeset(text) == text


def test_problems_shows_where_and_what() -> None:
    assert problems(f"Statut{NBSP}: Payée") is None
    found = problems("Statut : Payée")
    assert found is not None and "Statut" in found and repr(NBSP)[1:-1] in found


# --- the catalogues ---------------------------------------------------------------------


def window_translations() -> list[tuple[str, str]]:
    """Every live French translation of the window's catalogue (vanished ones left out)."""
    texts = []
    for message in ET.parse(i18n.TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete"):
            continue
        source = message.findtext("source") or ""
        forms = translation.findall("numerusform")
        for text in [f.text or "" for f in forms] if forms else [translation.text or ""]:
            texts.append((f"ts {source!r}", text))
    return texts


def core_translations() -> list[tuple[str, str]]:
    texts = []
    for message in i18n.read_core():
        if not message.id or not message.string:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        texts += [(f"po {message.id!r}", form) for form in forms]
    return texts


def test_every_window_translation_follows_the_rule() -> None:
    texts = window_translations()
    assert len(texts) > 1000
    assert_typeset(texts)


def test_every_core_translation_follows_the_rule() -> None:
    texts = core_translations()
    assert len(texts) > 300
    assert_typeset(texts)


def test_the_compiled_window_catalogue_is_newer_than_its_source() -> None:
    assert i18n.QM.stat().st_mtime >= i18n.TS.stat().st_mtime


# --- French literals of the core ----------------------------------------------------------

# Modules whose string literals are French texts the user reads (e-mails, PDFs, demo data).
FRENCH_MODULES = (
    "app/domain/kinds.py",
    "app/domain/reminders.py",
    "app/domain/legal_mentions.py",
    "app/domain/template_placeholders.py",
    "app/pdf/render.py",
    "app/pdf/formal_notice.py",
    "app/pdf/statement.py",
    "app/pdf/reminder_layout.py",
    "app/services/demo_data.py",
    "app/services/mail_test.py",
)
_FRENCH = re.compile(r"[éèàçêùôîœ«»]|\b(?:le|la|les|des|du|une|vous|nous|est|pas|pour|avec)\b")
_ENGLISH = re.compile(r"\b(?:the|and|is|of|to|with|for|this|your|not|are)\b")


def french_literals(path: Path) -> list[tuple[str, str]]:
    """The module's string literals that read as French (docstrings left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (f"{path.relative_to(ROOT)}:{node.lineno}", node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _FRENCH.search(node.value)
        and not _ENGLISH.search(node.value)
    ]


def test_french_literals_of_the_core_follow_the_rule() -> None:
    texts = [text for name in FRENCH_MODULES for text in french_literals(ROOT / name)]
    assert len(texts) > 50
    assert_typeset(texts)


# --- generated texts ----------------------------------------------------------------------

TODAY = date(2026, 11, 25)


def test_default_e_mails_of_every_kind_and_reminder_level() -> None:
    texts = []
    for kind in registered_kinds():
        values = sample_values(f"{kind.spec.prefix}-2026-0042", "", 30, TODAY, french=True)
        templates = [default_template(kind)]
        if kind.spec.paid_template is not None:
            templates.append(paid_template(kind))
        for template in templates:
            subject, body = render_template(template.subject, template.body, values)
            texts += [(f"{kind} subject", subject), (f"{kind} body", body)]
    values = sample_values("F-2026-0042", "Atelier Dupont", 30, TODAY, french=True)
    for level in DEFAULT_LEVELS:
        subject, body = render_template(level.subject, level.body, values)
        texts += [(f"reminder {level.position}", level.name)]
        texts += [(f"reminder {level.position} subject", subject)]
        texts += [(f"reminder {level.position} body", body)]
    assert len(texts) >= 3 * len(DEFAULT_LEVELS) + 2 * len(registered_kinds())
    assert_typeset(texts)


def pdf_texts(name: str, pdf: bytes) -> list[tuple[str, str]]:
    """The PDF's lines. A no-break space shares the space's glyph in the font, so it comes
    back from the PDF as a plain space: a space before ":" cannot be told apart there (the
    literals test above checks those); everything else can."""
    lines = "\n".join(pages_text(pdf)).splitlines()
    return [(f"{name} PDF", re.sub(r"(?<=\S) :(?=\s|$)", f"{NBSP}:", line)) for line in lines]


def test_invoice_and_reminder_pdfs() -> None:
    lines = (
        make_line("Dépose de l’existant", "1", "350", "20"),
        make_line("Pose", "2", "80", "10"),
    )
    texts = pdf_texts("invoice", render_document(make_document(lines), creation_date=CREATED))
    texts += pdf_texts("statement", render_statement(make_statement(), creation_date=CREATED))
    texts += pdf_texts("notice", render_formal_notice(make_notice(), creation_date=CREATED))
    assert any("FACTURE" in text for _, text in texts)
    assert_typeset(texts)


@pytest.mark.slow
def test_command_line_outputs_in_french(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr"}
    env.pop("LC_MESSAGES", None)
    database = tmp_path / "demo.db"
    texts: list[tuple[str, str]] = []
    for command in (
        ["demo", "--clients", "6", "--documents", "24"],
        ["settings", "show"],
        ["outbox", "list"],
        ["send", "--kind", "invoice", "--unsent", "--later"],
        ["outbox", "list"],
        ["remind", "--dry-run"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ui.main", "--db", str(database), *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode in (0, 3), (command, done.stderr)
        for line in (done.stdout + done.stderr).splitlines():
            if command[:2] == ["settings", "show"]:
                line = line.partition(": ")[2]  # "key: value" is for scripts
            texts.append((" ".join(command), line))
    assert any("relance" in text.lower() for _, text in texts)
    assert_typeset(texts)
