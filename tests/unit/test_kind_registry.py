"""The kind registry: a kind registered by a test alone (no other code change) is
accepted by the editor's services, the report, the PDF, the e-mail templates and the
command line. Runs on SQLite and PostgreSQL (the ``db`` fixture).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main as cli_main
from app.db.database import Database
from app.domain.kinds import (
    ContactKind,
    DocumentKind,
    DocumentStatus,
    KindSpec,
    Text,
    kind_codes,
    kind_spec,
    listed_kinds,
    register_kind,
    registered_kinds,
    report_kinds,
    unregister_kind,
)
from app.domain.numbering import format_number, parse_number
from app.domain.templates import DEFAULT_TEMPLATES
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import (
    allowed_conversions,
    convert_document,
    duplicate_document,
)
from app.services.document_data import LineInput
from app.services.documents import (
    DocumentInput,
    ensure_archived_pdf,
    find_document,
    get_document,
    save_draft,
    validate_document,
)
from app.services.outbox_queue import list_outbox
from app.services.reports import ReportQuery, document_ids, fetch_rows
from app.services.templates import get_template
from tests.integration.sending_helpers import configure
from tests.registered_kind import TEST_SPEC
from tests.smtp_server import SmtpTestServer

ISSUED = date(2026, 5, 4)


@pytest.fixture
def client_id(db: Database) -> int:
    return save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            city="Villeurbanne",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.example", mail=True),),
        ),
    )


def draft(db: Database, kind: DocumentKind, client_id: int) -> int:
    return save_draft(
        db,
        DocumentInput(
            kind,
            client_id,
            ISSUED,
            (LineInput("Essai sur site", Decimal("2"), Decimal("150.00"), Decimal("20"), "u"),),
            delivery_date=ISSUED + timedelta(days=3),
        ),
    )


# --- the registry itself ------------------------------------------------------------------


def test_a_registered_kind_is_a_document_kind_everywhere(test_kind: DocumentKind) -> None:
    assert DocumentKind("test_kind") is test_kind == "test_kind"
    assert test_kind in list(DocumentKind) and test_kind in registered_kinds()
    assert test_kind in report_kinds() and "test_kind" in kind_codes()
    assert listed_kinds(test_kind) == (test_kind,)
    assert format_number(test_kind, 2026, 7) == "T-2026-0007"
    assert parse_number("T-2026-0007") == (test_kind, 2026, 7)
    assert test_kind.prefix == "T" and test_kind.spec is TEST_SPEC


def test_an_unregistered_code_is_refused() -> None:
    with pytest.raises(ValueError):
        DocumentKind("test_kind")
    with pytest.raises(ValueError):
        kind_spec("test_kind")
    assert "test_kind" not in kind_codes()
    with pytest.raises(ValueError):  # the built-in kinds stay
        unregister_kind("invoice")


def test_codes_and_prefixes_are_unique(test_kind: DocumentKind) -> None:
    with pytest.raises(ValueError):
        register_kind(TEST_SPEC)
    with pytest.raises(ValueError):
        register_kind(KindSpec(**{**TEST_SPEC.__dict__, "code": "other_kind"}))


def test_built_in_kinds_keep_their_codes_and_french_agreement() -> None:
    assert [str(k) for k in DocumentKind] == [
        "invoice", "quote", "order", "delivery", "credit_note",
    ]  # fmt: skip
    assert [str(k) for k in report_kinds()] == ["invoice", "quote", "order", "delivery"]
    assert listed_kinds(DocumentKind.INVOICE) == (DocumentKind.INVOICE, DocumentKind.CREDIT_NOTE)
    assert [kind_spec(k).new_title.fr for k in DocumentKind] == [
        "Nouvelle facture", "Nouveau devis", "Nouvelle commande", "Nouveau bon de livraison",
        "Nouvel avoir",
    ]  # fmt: skip
    assert kind_spec("invoice").agree("validé", "validée") == "validée"
    assert kind_spec("quote").agree("validé", "validée") == "validé"
    assert TEST_SPEC.new_title == Text("New test slip", "Nouveau bon d'essai")


# --- editor, report, PDF, templates, command line ----------------------------------------


def test_the_editor_services_make_and_validate_one(
    db: Database, client_id: int, test_kind: DocumentKind
) -> None:
    document_id = draft(db, test_kind, client_id)
    assert get_document(db, document_id).kind is test_kind
    doc = validate_document(db, document_id)
    assert (doc.kind, doc.number, doc.status) == (
        test_kind, "T-2026-0001", DocumentStatus.VALIDATED,
    )  # fmt: skip
    assert doc.due_date is None and doc.delivery_date == ISSUED + timedelta(days=3)
    assert find_document(db, test_kind, "T-2026-0001").id == document_id
    assert allowed_conversions(test_kind) == (DocumentKind.INVOICE,)
    invoice = get_document(db, convert_document(db, document_id, DocumentKind.INVOICE))
    assert invoice.kind is DocumentKind.INVOICE and invoice.source_id == document_id
    copy = get_document(db, duplicate_document(db, document_id))
    assert copy.kind is test_kind and copy.number is None


def test_the_report_lists_it_alone(db: Database, client_id: int, test_kind: DocumentKind) -> None:
    own = validate_document(db, draft(db, test_kind, client_id)).id
    other = validate_document(db, draft(db, DocumentKind.QUOTE, client_id)).id
    ids = document_ids(db, ReportQuery(test_kind))
    assert ids == [own]
    (row,) = fetch_rows(db, ids)
    assert (row.kind, row.number, row.client_name) == (
        test_kind,
        "T-2026-0001",
        "Boulangerie Éclair",
    )
    assert other not in document_ids(db, ReportQuery(DocumentKind.INVOICE))
    assert own not in document_ids(db, ReportQuery(DocumentKind.QUOTE))


def test_the_pdf_carries_its_title(db: Database, client_id: int, test_kind: DocumentKind) -> None:
    document_id = validate_document(db, draft(db, test_kind, client_id)).id
    reader = PdfReader(io.BytesIO(ensure_archived_pdf(db, document_id)))
    text = reader.pages[0].extract_text()
    assert "BON D'ESSAI" in text and "N° T-2026-0001" in text
    assert "Essai reçu — date et signature du client" in text
    assert "Échéance" not in text  # not payable: no due date, no bank details
    assert reader.metadata is not None and reader.metadata.title == "Bon d'essai T-2026-0001"


def test_its_default_template_is_used(db: Database, test_kind: DocumentKind) -> None:
    assert get_template(db, test_kind) == TEST_SPEC.template == DEFAULT_TEMPLATES[test_kind]
    assert test_kind in dict(DEFAULT_TEMPLATES)


def test_the_command_line_accepts_it(
    db_url: str,
    db: Database,
    client_id: int,
    test_kind: DocumentKind,
    tmp_path: Path,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure(db, smtp_server, monkeypatch)
    document_id = validate_document(db, draft(db, test_kind, client_id)).id
    out = tmp_path / "essai.pdf"
    code = cli_main(["--db", db_url, "pdf", "--kind", "test_kind", "--number", "T-2026-0001",
                     "--out", str(out)])  # fmt: skip
    assert code == 0 and capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes() == ensure_archived_pdf(db, document_id)
    code = cli_main(["--db", db_url, "send", "--kind", "test_kind", "--numbers", "T-2026-0001",
                     "--later"])  # fmt: skip
    assert code == 3  # prepared, held for later
    (item,) = list_outbox(db)
    assert item.document_id == document_id
    # Its default template (the company's name is made one line for the subject).
    assert item.subject.startswith("Bon d'essai T-2026-0001 – Atelier Dupont")
    assert smtp_server.messages == []
