"""One list of template placeholders: what the renderer accepts is what Settings offers."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from app.domain.formatting import format_amount
from app.domain.template_placeholders import (
    DOCUMENT_PLACEHOLDERS,
    FIELD_OF,
    PLACEHOLDERS,
    TemplateValues,
    sample_values,
)
from app.domain.templates import render_template, validate_template

VALUES = TemplateValues("F-2026-0042", "ACME", Decimal("1234.5"), date(2026, 3, 1),
                        date(2026, 3, 31), "Atelier")  # fmt: skip


def test_each_placeholder_shows_a_value_of_the_document() -> None:
    fields = {f.name for f in dataclasses.fields(TemplateValues)}
    assert {p.field for p in PLACEHOLDERS} == fields  # every value has its placeholder
    assert [p.name for p in PLACEHOLDERS] == [
        "numero", "client", "montant", "date", "echeance", "societe",
        "jours_de_retard", "montant_du", "penalites", "liste_factures",
    ]  # fmt: skip
    # The documents' templates offer the first six; the reminders' all of them.
    assert [p.name for p in DOCUMENT_PLACEHOLDERS] == [p.name for p in PLACEHOLDERS][:6]
    for placeholder in PLACEHOLDERS:
        assert placeholder.description.en and placeholder.description.fr


def test_every_name_and_alias_renders_its_value() -> None:
    for name, field in FIELD_OF.items():
        validate_template("{" + name + "}", "")
        alone, _ = render_template("{" + name + "}", "", VALUES)
        canonical = next(p.name for p in PLACEHOLDERS if p.field == field)
        assert alone == render_template("{" + canonical + "}", "", VALUES)[0]
    subject, _ = render_template("{montant} {echeance} {numéro}", "", VALUES)
    assert subject == f"{format_amount(Decimal('1234.5'))} 31/03/2026 F-2026-0042"


def test_sample_values_in_both_languages() -> None:
    today = date(2026, 3, 1)
    english = sample_values("D-2026-0042", " ", 30, today, french=False)
    french = sample_values("D-2026-0042", "", 30, today, french=True)
    assert (english.company, french.company) == ("Your company", "Votre société")
    assert english.client == french.client == "Boulangerie Martin"
    assert english.due_date == date(2026, 3, 31)
    assert sample_values("D-1", "Atelier", 0, today, french=True).company == "Atelier"
