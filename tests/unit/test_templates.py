"""E-mail templates: placeholders, validation, rendering, defaults."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.kinds import DocumentKind
from app.domain.templates import (
    DEFAULT_TEMPLATES,
    TemplateValues,
    placeholders,
    render_template,
    validate_template,
)
from app.errors import InvalidTemplateError

VALUES = TemplateValues(
    number="F2026-0042",
    client="Dupont & Fils",
    amount=Decimal("1234.5"),
    date=date(2026, 3, 1),
    due_date=date(2026, 3, 31),
    company="ACME SARL",
)
NNBSP, NBSP = "\u202f", "\u00a0"


def test_french_placeholders() -> None:
    subject, body = render_template(
        "Facture {numero} – {societe}",
        "{client} : {montant} le {date}, échéance {echeance}.",
        VALUES,
    )
    assert subject == "Facture F2026-0042 – ACME SARL"
    assert body == f"Dupont & Fils : 1{NNBSP}234,50{NBSP}€ le 01/03/2026, échéance 31/03/2026."


def test_english_and_accented_aliases() -> None:
    subject, body = render_template(
        "{number} {company} {société}",
        "{amount}|{due_date}|{numéro}|{échéance}|{client}|{date}",
        VALUES,
    )
    assert subject == "F2026-0042 ACME SARL ACME SARL"
    assert (
        body == f"1{NNBSP}234,50{NBSP}€|31/03/2026|F2026-0042|31/03/2026|Dupont & Fils|01/03/2026"
    )


def test_literal_braces() -> None:
    _, body = render_template("x", "{{numero}} = {numero} {{}}", VALUES)
    assert body == "{numero} = F2026-0042 {}"


def test_missing_due_date_renders_empty() -> None:
    values = TemplateValues("D1", "C", Decimal("0"), date(2026, 1, 2))
    _, body = render_template("x", "[{echeance}] {montant}", values)
    assert body == f"[] 0,00{NBSP}€"


def test_unknown_placeholders_listed() -> None:
    with pytest.raises(InvalidTemplateError) as info:
        validate_template("Facture {numero} {nom}", "{total} {nom} {client} {montant:>10}")
    assert info.value.code == "template.invalid"
    assert info.value.data["unknown"] == ["nom", "total", "montant:>10"]
    assert info.value.data["fields"] == ["subject", "body"]


@pytest.mark.parametrize("text", ["{client.__class__}", "{0}", "{}", "{montant!r}"])
def test_attribute_index_and_positional_fields_refused(text: str) -> None:
    with pytest.raises(InvalidTemplateError):
        validate_template("x", text)


@pytest.mark.parametrize("body", ["Montant {montant", "a } b", "{numero}}"])
def test_unbalanced_braces_refused(body: str) -> None:
    with pytest.raises(InvalidTemplateError) as info:
        validate_template("x", body)
    assert info.value.data["reason"] == "syntax"
    assert info.value.data["field"] == "body"


@pytest.mark.parametrize("subject", ["Facture\r\nBcc: x@y.fr", "Facture\n{numero}", "a\rb"])
def test_line_break_in_subject_refused(subject: str) -> None:
    with pytest.raises(InvalidTemplateError) as info:
        validate_template(subject, "body")
    assert info.value.data == {"field": "subject", "reason": "line_break"}


def test_render_refuses_invalid_template() -> None:
    with pytest.raises(InvalidTemplateError):
        render_template("{inconnu}", "", VALUES)


def test_placeholders_listing() -> None:
    assert placeholders("{numero} {{x}} {client} {numero}") == ["numero", "client", "numero"]


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_default_templates_valid_and_french(kind: DocumentKind) -> None:
    template = DEFAULT_TEMPLATES[kind]
    validate_template(template.subject, template.body)
    subject, body = render_template(template.subject, template.body, VALUES)
    assert "F2026-0042" in subject and "ACME SARL" in subject
    assert body.startswith("Bonjour,")
    assert "{" not in subject + body


def test_negative_amount_for_credit_note() -> None:
    values = TemplateValues("AV1", "C", Decimal("-1234.56"), date(2026, 1, 2))
    _, body = render_template("x", "{montant}", values)
    assert body == f"-1{NNBSP}234,56{NBSP}€"
