"""Preview and export: which bytes a document's PDF is, and its pages as images."""

from __future__ import annotations

import hashlib
import io
import math
import threading
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from app.db.database import Database
from app.db.models import Document, PdfArchive
from app.domain.kinds import DocumentKind
from app.errors import NotFoundError, ValidationError
from app.services.clients import ClientData, save_client
from app.services.document_data import LineInput
from app.services.documents import (
    DocumentInput,
    ensure_archived_pdf,
    get_document,
    save_draft,
    validate_document,
)
from app.services.pdf_preview import (
    ArchivedPdfError,
    CorruptPdfError,
    PageImage,
    document_pdf,
    iter_pages,
    page_sizes,
    pdf_file_name,
    render_pages,
)
from app.services.settings import update_company

D = Decimal
A4_PT = (595.28, 841.89)
A4_MM = (210, 297)


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(db, name="Atelier Dupont", siren="732829320", city="Lyon")
    return save_client(db, ClientData(name="Boulangerie Éclair", city="Villeurbanne"))


def draft(db: Database, client_id: int, lines: int = 2) -> int:
    items = tuple(
        LineInput(f"Prestation n° {n}\nsur deux lignes", D("2"), D("48.90"), D("20"), "h")
        for n in range(1, lines + 1)
    )
    return save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 3, 2), items))


def archive_rows(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(PdfArchive)) or 0)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# --- document_pdf -----------------------------------------------------------------------


def test_a_draft_is_rendered_with_its_watermark_and_never_archived(
    db: Database, client_id: int
) -> None:
    document_id = draft(db, client_id)
    pdf = document_pdf(db, document_id)
    assert pdf.is_draft and not pdf.archived and pdf.number is None
    assert pdf.file_name == f"draft-{document_id}.pdf"
    assert pdf.data.startswith(b"%PDF-")
    text = pdf_text(pdf.data)
    assert "BROUILLON" in text and "Brouillon" in text
    assert archive_rows(db) == 0
    assert get_document(db, document_id).pdf_sha256 is None


def test_a_draft_shows_its_latest_edit(db: Database, client_id: int) -> None:
    document_id = draft(db, client_id)
    edited = DocumentInput(
        DocumentKind.INVOICE,
        client_id,
        date(2026, 3, 2),
        (LineInput("Ravalement de façade", D("1"), D("1500"), D("10")),),
    )
    save_draft(db, edited, document_id)
    assert "Ravalement de façade" in pdf_text(document_pdf(db, document_id).data)


def test_a_validated_document_gives_its_archived_bytes(db: Database, client_id: int) -> None:
    validated = validate_document(db, draft(db, client_id))
    pdf = document_pdf(db, validated.id)
    assert pdf.archived and not pdf.is_draft
    assert pdf.number == validated.number == "F-2026-0001"
    assert pdf.file_name == "F-2026-0001.pdf"
    assert pdf.data == ensure_archived_pdf(db, validated.id)
    assert pdf.sha256 == hashlib.sha256(pdf.data).hexdigest() == validated.pdf_sha256
    with db.read() as session:
        stored = session.get(PdfArchive, validated.pdf_sha256)
        assert stored is not None and stored.data == pdf.data
    assert "BROUILLON" not in pdf_text(pdf.data)
    assert document_pdf(db, validated.id).data == pdf.data  # the archive, never re-rendered
    assert archive_rows(db) == 1


def test_a_validated_document_without_archive_is_archived_once(
    db: Database, client_id: int
) -> None:
    validated = validate_document(db, draft(db, client_id))
    with db.write() as session:  # as documents imported from an older version
        session.execute(update(Document).values(pdf_sha256=None))
    pdf = document_pdf(db, validated.id)
    assert pdf.archived and pdf.sha256 == get_document(db, validated.id).pdf_sha256


def test_a_damaged_archive_is_a_typed_error(db: Database, client_id: int) -> None:
    validated = validate_document(db, draft(db, client_id))
    with db.write() as session:
        session.execute(update(PdfArchive).values(data=b"%PDF-1.4 tampered"))
    with pytest.raises(ArchivedPdfError) as caught:
        document_pdf(db, validated.id)
    assert caught.value.code == "pdf.archive_damaged"
    assert caught.value.data["reason"] == "checksum"
    assert caught.value.data["number"] == "F-2026-0001"


def test_a_missing_document_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        document_pdf(db, 4242)


@pytest.mark.parametrize(
    ("number", "name"),
    [("F-2026-0001", "F-2026-0001.pdf"), ("AV 2026/7", "AV-2026-7.pdf"), ("../", "document-9.pdf")],
)
def test_file_names_are_safe(number: str, name: str) -> None:
    assert pdf_file_name(number, 9) == name


# --- render_pages -----------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [72.0, 96.0, 150.0])
def test_pages_are_a4_at_the_given_resolution(db: Database, client_id: int, dpi: float) -> None:
    pdf = document_pdf(db, draft(db, client_id)).data
    pages = render_pages(pdf, dpi)
    assert len(pages) == 1
    page = pages[0]
    assert (page.width_pt, page.height_pt) == pytest.approx(A4_PT, abs=0.01)
    assert (page.width, page.height) == (
        math.ceil(page.width_pt * dpi / 72),
        math.ceil(page.height_pt * dpi / 72),
    )
    assert page.width == pytest.approx(A4_MM[0] / 25.4 * dpi, abs=1)
    assert page.height == pytest.approx(A4_MM[1] / 25.4 * dpi, abs=1)
    assert page.format == "RGBA" and page.stride >= page.width * 4
    assert len(page.data) == page.stride * page.height
    assert page.data[:4] == b"\xff\xff\xff\xff"  # the top-left margin: opaque white
    assert any(byte < 128 for byte in page.data)  # and there is ink somewhere


def test_every_page_of_a_long_document_is_rendered_in_order(db: Database, client_id: int) -> None:
    pdf = document_pdf(db, validate_document(db, draft(db, client_id, lines=80)).id).data
    expected = len(PdfReader(io.BytesIO(pdf)).pages)
    assert expected > 2
    assert len(page_sizes(pdf)) == expected
    pages = render_pages(pdf, 36)
    assert [p.index for p in pages] == list(range(expected))
    assert all((p.width, p.height) == (pages[0].width, pages[0].height) for p in pages)


def test_rendering_can_be_cancelled(db: Database, client_id: int) -> None:
    pdf = document_pdf(db, draft(db, client_id, lines=80)).data
    assert render_pages(pdf, 36, cancelled=lambda: True) == []


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf at all", b"%PDF-1.7\n%%EOF", b"\x00" * 4096], ids=repr
)
def test_a_corrupt_pdf_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(CorruptPdfError) as caught:
        render_pages(data, 96)
    assert caught.value.code == "pdf.corrupt" and caught.value.data["reason"]
    with pytest.raises(CorruptPdfError):
        page_sizes(data)


@pytest.mark.parametrize("dpi", [0.0, -72.0, float("nan"), float("inf"), 5000.0])
def test_an_absurd_resolution_is_refused(dpi: float) -> None:
    with pytest.raises(ValidationError) as caught:
        render_pages(b"%PDF-", dpi)
    assert caught.value.data["field"] == "dpi"


def test_threads_rendering_at_once_take_turns(db: Database, client_id: int) -> None:
    """PDFium is not thread-safe: concurrent renders (a zoom during a print) must not crash."""
    pdf = document_pdf(db, draft(db, client_id, lines=40)).data
    expected = render_pages(pdf, 40)
    results: list[list[PageImage]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append([page for page in iter_pages(pdf, 40)])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert results == [expected] * 4
