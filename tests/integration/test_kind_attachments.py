"""Files attached to every e-mail of a kind (the general terms of sale after each invoice),
against the real SMTP test server: stored, checked, sent after the document's PDF with
their own media types, listed in the preview, and a message too large is left out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.database import Database
from app.domain.kinds import DocumentKind
from app.mail.message import message_from_bytes
from app.services.attachments import (
    MAX_ATTACHMENT_BYTES,
    AttachmentError,
    add_attachment,
    list_attachments,
    remove_attachment,
)
from app.services.batch import SkipReason, prepare_batch, preview_message
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft, validate_document
from app.services.messages import describe
from app.services.outbox import drain
from tests.integration.sending_helpers import configure, invoice, mail_client
from tests.smtp_server import SmtpTestServer

CLIENT = "compta@eclair.example"
CGV = b"%PDF-1.4\n% conditions generales de vente\n%%EOF\n"


@pytest.fixture
def client_id(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> int:
    configure(db, smtp_server, monkeypatch)
    return mail_client(db, "Boulangerie Éclair", CLIENT)


def quote(db: Database, client_id: int) -> int:
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.QUOTE,
            client_id,
            date(2026, 11, 2),
            (LineInput("Prestation", Decimal("1"), Decimal("100"), Decimal("20"), "u"),),
        ),
    )
    return validate_document(db, draft).id


def attachments_of(raw: bytes) -> list[tuple[str, str, bytes]]:
    message = message_from_bytes(raw)
    return [
        (part.get_filename() or "", part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    ]


def test_an_invoice_carries_the_terms_of_sale_after_its_pdf(
    db: Database, smtp_server: SmtpTestServer, client_id: int, tmp_path: Path
) -> None:
    terms = tmp_path / "CGV 2026.pdf"
    terms.write_bytes(CGV)
    added = add_attachment(db, DocumentKind.INVOICE, terms)
    add_attachment(db, DocumentKind.INVOICE, b"Bank details\n", "RIB.txt")
    assert added.filename == "CGV 2026.pdf" and added.size == len(CGV)
    assert [a.filename for a in list_attachments(db, DocumentKind.INVOICE)] == [
        "CGV 2026.pdf",
        "RIB.txt",
    ]
    assert list_attachments(db, DocumentKind.QUOTE) == []

    doc = invoice(db, client_id)
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    files = attachments_of(received.data)
    assert [(name, kind) for name, kind, _data in files] == [
        (files[0][0], "application/pdf"),  # the invoice itself first
        ("CGV 2026.pdf", "application/pdf"),
        ("RIB.txt", "text/plain"),
    ]
    assert files[0][0].endswith(".pdf") and files[0][0] != "CGV 2026.pdf"
    assert files[1][2] == CGV


def test_quotes_have_their_own_files_and_the_preview_lists_them(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    add_attachment(db, DocumentKind.INVOICE, CGV, "CGV.pdf")
    brochure = b"PK\x03\x04 brochure"
    add_attachment(db, DocumentKind.QUOTE, brochure, "Brochure.zip")
    doc = quote(db, client_id)

    preview = preview_message(db, doc)
    assert preview.attachments == (("Brochure.zip", len(brochure)),)  # not the invoices' terms

    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    names = [(name, kind) for name, kind, _data in attachments_of(received.data)]
    assert names[1:] == [("Brochure.zip", "application/zip")]


def test_a_removed_file_no_longer_goes(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    added = add_attachment(db, DocumentKind.INVOICE, CGV, "CGV.pdf")
    remove_attachment(db, added.id)
    assert list_attachments(db, DocumentKind.INVOICE) == []
    assert preview_message(db, invoice(db, client_id)).attachments == ()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "vide.pdf", "empty"),
        (b"x", "../etc/passwd", "name"),
        (b"x", "dossier\\CGV.pdf", "name"),
        (b"x", "CGV\r\nBcc: x@y.example.pdf", "name"),
        (b"x", "", "name"),
        (b"x" * (MAX_ATTACHMENT_BYTES + 1), "gros.pdf", "too_large"),
    ],
)
def test_files_that_cannot_go_are_refused_with_a_reason(
    db: Database, data: bytes, name: str, reason: str
) -> None:
    with pytest.raises(AttachmentError) as caught:
        add_attachment(db, DocumentKind.INVOICE, data, name)
    assert caught.value.data["reason"] == reason
    assert describe(caught.value)  # a sentence, not the generic fallback
    assert "Error:" not in describe(caught.value)
    assert list_attachments(db, DocumentKind.INVOICE) == []


def test_a_missing_file_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(AttachmentError) as caught:
        add_attachment(db, DocumentKind.INVOICE, tmp_path / "absent.pdf")
    assert caught.value.data["reason"] == "unreadable"


def test_a_message_over_the_limit_is_left_out_at_preparation(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    # Two files under 10 MB each: together, base64 encoded, well over 20 MB.
    big = b"\x00" * (MAX_ATTACHMENT_BYTES - 1)
    add_attachment(db, DocumentKind.INVOICE, big, "plan-1.pdf")
    add_attachment(db, DocumentKind.INVOICE, big, "plan-2.pdf")
    small_quote = quote(db, client_id)  # quotes carry none: still sent
    doc = invoice(db, client_id)
    result = prepare_batch(db, [doc, small_quote])
    (skipped,) = result.skipped
    assert (skipped.document_id, skipped.reason) == (doc, SkipReason.TOO_LARGE)
    assert int(skipped.detail) > 20 * 1024 * 1024
    assert [item.document_id for item in result.prepared] == [small_quote]
    assert drain(db).sent == result.outbox_ids
    assert len(smtp_server.messages) == 1
