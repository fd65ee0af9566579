"""A kind of document that only the tests know: registering it must be enough for the
report, the editor, the PDF, the templates and the command line to accept it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain.kinds import (
    DocumentKind,
    EmailTemplate,
    Gender,
    KindSpec,
    SecondDate,
    Text,
    register_kind,
    unregister_kind,
)

TEST_SPEC = KindSpec(
    code="test_kind",
    prefix="T",
    title=Text("Test slip", "Bon d'essai"),
    plural=Text("Test slips", "Bons d'essai"),
    gender=Gender.MASCULINE,
    pdf_title="BON D'ESSAI",
    template=EmailTemplate(
        subject="Bon d'essai {numero} – {societe}",
        body="Bonjour,\n\nVoici le bon d'essai {numero} du {date} ({montant} TTC).\n\n{societe}\n",
    ),
    second_date=SecondDate.DELIVERY,
    conversions=("invoice",),
    signature="Essai reçu — date et signature du client",
)


@pytest.fixture
def test_kind() -> Iterator[DocumentKind]:
    kind = register_kind(TEST_SPEC)
    try:
        yield kind
    finally:
        unregister_kind(TEST_SPEC.code)
