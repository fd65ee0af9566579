"""Building a small business with documents to send, against a real SMTP test server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.db.database import Database
from app.domain.kinds import ContactKind, CopyToSelf, DocumentKind, SmtpSecurity
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft, validate_document
from app.services.settings import update_company
from tests.smtp_server import SmtpTestServer

SENDER = "contact@atelier-dupont.fr"
COMPANY = "Atelier Dupont & Fils – Société"


@dataclass
class Business:
    two_addresses: int  # client ids
    no_address: int
    accented: int


def configure(
    db: Database,
    server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    *,
    copy: CopyToSelf = CopyToSelf.NONE,
    security: SmtpSecurity = SmtpSecurity.STARTTLS,
) -> None:
    update_company(
        db,
        name=COMPANY,
        siren="732829320",
        city="Lyon",
        sender_name=COMPANY,
        sender_address=SENDER,
        copy_to_self=copy,
        smtp_host=server.host,
        smtp_port=server.port,
        smtp_security=security,
        smtp_user=server.user if server.auth else "",
        smtp_connections=server.profile.connections,
        smtp_pipelining=server.profile.pipelining,
    )
    if server.auth:
        monkeypatch.setenv("FACTURIER_SMTP_PASSWORD", server.password)


def company_identity(db: Database) -> None:
    """The name and SIREN every invoice must carry (EN 16931 BR-06, BR-CO-26)."""
    update_company(db, name=COMPANY, siren="732829320", city="Lyon")


def clients(db: Database) -> Business:
    company_identity(db)
    two = save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            contacts=(
                ContactData(ContactKind.EMAIL, "compta@eclair.example", "Compta", mail=True),
                ContactData(ContactKind.EMAIL, "patron@eclair.example", "Patron", mail=False),
                ContactData(ContactKind.PHONE, "04 65 71 00 01"),
                ContactData(ContactKind.EMAIL, "direction@eclair.example", mail=True),
                ContactData(ContactKind.EMAIL, "COMPTA@eclair.example", mail=True),
            ),
        ),
    )
    none = save_client(
        db,
        ClientData(
            name="Garage Sans Mail",
            contacts=(ContactData(ContactKind.EMAIL, "atelier@garage.example", mail=False),),
        ),
    )
    accented = save_client(
        db,
        ClientData(
            name="Françoise Lemaître",
            contacts=(ContactData(ContactKind.EMAIL, "françoise@ébénisterie.example", mail=True),),
        ),
    )
    return Business(two, none, accented)


def invoice(db: Database, client_id: int, amount: str = "100") -> int:
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            client_id,
            date(2026, 11, 2),
            (LineInput("Prestation", Decimal("1"), Decimal(amount), Decimal("20"), "u"),),
        ),
    )
    return validate_document(db, draft).id


def mail_client(db: Database, name: str, address: str | None) -> int:
    """A client with one e-mail address ticked Mail (none: no address at all)."""
    contacts = (ContactData(ContactKind.EMAIL, address, mail=True),) if address else ()
    return save_client(db, ClientData(name=name, contacts=contacts))


def overdue_invoice(db: Database, client_id: int, amount: str, days_overdue: int) -> int:
    """A validated invoice whose due date was ``days_overdue`` days ago (negative: not yet
    due), issued 30 days before its due date."""
    due = date.today() - timedelta(days=days_overdue)
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            client_id,
            due - timedelta(days=30),
            (LineInput("Prestation", Decimal("1"), Decimal(amount), Decimal("20"), "u"),),
            due_date=due,
        ),
    )
    return validate_document(db, draft).id
