"""Drafts, validation, gap-free numbering and the immutable PDF archive."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.db.database import Database
from app.db.models import Document, PdfArchive
from app.domain.kinds import ContactKind, DocumentKind, DocumentStatus
from app.errors import NotFoundError, ReadOnlyDocumentError, ValidationError
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_data import LineInput
from app.services.documents import (
    MAX_LINES,
    DocumentInput,
    ensure_archived_pdf,
    find_document,
    get_document,
    save_draft,
    validate_document,
)
from app.services.settings import update_company

D = Decimal


def lines() -> tuple[LineInput, ...]:
    return (
        LineInput("Pose de carrelage", D("12.5"), D("48.90"), D("10"), "m²"),
        LineInput("Déplacement", D("1"), D("35"), D("20"), "forfait"),
        LineInput("Fournitures", D("3"), D("19.99"), D("20"), "u", D("10")),
    )


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(
        db,
        name="Atelier Dupont",
        siren="732829320",
        siret="73282932000074",
        vat_number="FR44732829320",
        city="Lyon",
    )
    return save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            city="Villeurbanne",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.fr", mail=True),),
        ),
    )


def draft(db: Database, client_id: int, kind: DocumentKind = DocumentKind.INVOICE) -> int:
    return save_draft(db, DocumentInput(kind, client_id, date(2026, 11, 20), lines()))


def test_a_draft_has_no_number_and_stored_totals(db: Database, client_id: int) -> None:
    doc = get_document(db, draft(db, client_id))
    assert doc.status == DocumentStatus.DRAFT and doc.number is None
    # 611.25 (10 %) + 35.00 + 53.97 (20 %) = 700.22 HT; VAT 61.13 + 17.79
    assert doc.total_excl == D("700.22")
    assert doc.total_vat == D("78.92")
    assert doc.total_incl == D("779.14")
    assert doc.due_date == date(2026, 12, 20)  # the company's 30 days by default


def test_validation_numbers_per_kind_and_year_without_gaps(db: Database, client_id: int) -> None:
    numbers = [validate_document(db, draft(db, client_id)).number for _ in range(3)]
    assert numbers == ["F-2026-0001", "F-2026-0002", "F-2026-0003"]
    assert validate_document(db, draft(db, client_id, DocumentKind.QUOTE)).number == ("D-2026-0001")
    next_year = save_draft(
        db, DocumentInput(DocumentKind.INVOICE, client_id, date(2027, 1, 2), lines())
    )
    assert validate_document(db, next_year).number == "F-2027-0001"


def test_a_failed_validation_leaves_no_gap(db: Database, client_id: int) -> None:
    empty = save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 5, 1), ()))
    with pytest.raises(ValidationError):
        validate_document(db, empty)
    assert validate_document(db, draft(db, client_id)).number == "F-2026-0001"


def test_validated_documents_are_read_only_and_their_pdf_never_changes(
    db: Database, client_id: int
) -> None:
    doc = validate_document(db, draft(db, client_id))
    assert doc.pdf_sha256 is not None
    pdf = ensure_archived_pdf(db, doc.id)
    text = "".join(page.extract_text() for page in PdfReader(_io(pdf)).pages)
    assert "F-2026-0001" in text and "Boulangerie Éclair" in text
    assert "779,14" in text
    with pytest.raises(ReadOnlyDocumentError):
        save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 1), ()), doc.id)
    with pytest.raises(ReadOnlyDocumentError):
        validate_document(db, doc.id)
    update_company(db, name="Nouveau Nom SARL")  # later settings changes
    assert ensure_archived_pdf(db, doc.id) == pdf
    with db.read() as session:
        assert session.scalar(select(PdfArchive.sha256)) == doc.pdf_sha256


def test_pdf_is_archived_lazily_for_documents_that_have_none(db: Database, client_id: int) -> None:
    doc = validate_document(db, draft(db, client_id))
    with db.write() as session:
        row = session.get(Document, doc.id)
        assert row is not None
        row.pdf_sha256 = None  # as demo data leaves it
    first = ensure_archived_pdf(db, doc.id)
    assert get_document(db, doc.id).pdf_sha256 is not None
    assert ensure_archived_pdf(db, doc.id) == first
    assert find_document(db, DocumentKind.INVOICE, "F-2026-0001").id == doc.id
    with pytest.raises(NotFoundError):
        find_document(db, DocumentKind.INVOICE, "F-2026-0099")


@pytest.mark.parametrize(
    "line",
    [
        LineInput("négatif", D("-1"), D("10"), D("20")),
        LineInput("zéro", D("0"), D("10"), D("20")),
        LineInput("absurde", D("1"), D("1e12"), D("20")),
        LineInput("remise", D("1"), D("10"), D("20"), "", D("150")),
        LineInput("taux", D("1"), D("10"), D("-5")),
        LineInput("nan", D("NaN"), D("10"), D("20")),
        LineInput("décimales", D("1.00001"), D("10"), D("20")),  # would be rounded silently
        LineInput("remise fine", D("1"), D("10"), D("20"), "", D("2.555")),
        LineInput("débordement", D("1000000"), D("1000000"), D("20")),  # 10^12 € a line
        LineInput("unité", D("1"), D("10"), D("20"), "u" * 21),
    ],
)
def test_absurd_lines_are_refused(db: Database, client_id: int, line: LineInput) -> None:
    with pytest.raises(ValidationError):
        save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 1), (line,)))


def test_trailing_zeros_are_not_extra_decimals_and_totals_stay_storable(
    db: Database, client_id: int
) -> None:
    fine = LineInput("Vernis", D("1.50000"), D("10.0000"), D("5.500"), "l", D("2.50"))
    assert save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 1), (fine,)))
    huge = LineInput("Chantier", D("1000"), D("999999.99"), D("20"))  # each line under the cap
    with pytest.raises(ValidationError) as caught:
        save_draft(
            db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 1), (huge,) * 101)
        )
    assert "total_limit" in caught.value.data


def test_too_many_lines_and_unknown_client_are_refused(db: Database, client_id: int) -> None:
    many = lines()[:1] * (MAX_LINES + 1)
    with pytest.raises(ValidationError) as caught:
        save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 1), many))
    assert caught.value.data["limit"] == MAX_LINES
    with pytest.raises(NotFoundError):
        save_draft(db, DocumentInput(DocumentKind.INVOICE, 999, date(2026, 1, 1), lines()))


def test_two_processes_validating_at_once_leave_no_gap_or_duplicate(
    db: Database, db_url: str, client_id: int
) -> None:
    ids = [draft(db, client_id) for _ in range(40)]
    script = textwrap.dedent(
        """
        import sys
        from app.db.database import open_database
        from app.services.documents import validate_document
        db = open_database(sys.argv[1], timeout=60)
        for document_id in map(int, sys.argv[2].split(",")):
            validate_document(db, document_id)
        db.dispose()
        """
    )
    halves = [ids[0::2], ids[1::2]]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, ",".join(map(str, half))],
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    with db.read() as session:
        sequences = sorted(
            session.scalars(select(Document.sequence).where(Document.kind == "invoice"))
        )
    assert sequences == list(range(1, 41))


def _io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)
