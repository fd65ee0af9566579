"""The accountant's hidden copy and the client's Cc addresses, against the real SMTP test
server: the accountant gets every invoice and credit note in Bcc without ever counting as
delivery to the client, and the client's accounting address goes in Cc."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cli import main
from app.core_text import set_language
from app.db.database import Database
from app.db.models import OutboxMessage
from app.domain.kinds import ContactKind, CopyToSelf, DocumentKind
from app.domain.outbox import OutboxState, RecipientRole
from app.domain.recipients import SendAs
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, get_client, save_client
from app.services.document_actions import create_credit_note
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, get_document, save_draft, validate_document
from app.services.outbox import drain, list_outbox
from app.services.settings import update_company
from tests.integration.sending_helpers import SENDER, configure, invoice
from tests.smtp_server import SmtpTestServer


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    yield
    set_language(None)


BOSS = "patron@fromagerie.example"
BOOKS = "compta@fromagerie.example"
ACCOUNTANT = "cabinet@expert-comptable.example"


@pytest.fixture
def client_id(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> int:
    configure(db, smtp_server, monkeypatch)
    update_company(db, accountant_address=ACCOUNTANT)
    return save_client(
        db,
        ClientData(
            name="Fromagerie Comté",
            contacts=(
                ContactData(ContactKind.EMAIL, BOSS, mail=True),
                ContactData(ContactKind.EMAIL, BOOKS, "Comptabilité", mail=True, send_as=SendAs.CC),
            ),
        ),
    )


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


def stored_recipients(db: Database, outbox_id: int) -> list[dict[str, object]]:
    with db.read() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.id == outbox_id)).one()
        return list(json.loads(row.recipients))


def test_the_send_as_choice_is_saved_with_the_client(db: Database, client_id: int) -> None:
    contacts = get_client(db, client_id).contacts
    assert [(c.value, c.send_as) for c in contacts] == [(BOSS, SendAs.TO), (BOOKS, SendAs.CC)]


def test_an_invoice_goes_to_the_client_in_to_and_cc_and_to_the_accountant_unseen(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    doc = invoice(db, client_id)
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    assert drain(db).sent == [outbox_id]

    (received,) = smtp_server.messages
    assert received.rcpt_tos == [BOSS, BOOKS, ACCOUNTANT]
    headers = received.message
    assert str(headers["To"]) == BOSS
    assert str(headers["Cc"]) == BOOKS
    assert headers["Bcc"] is None
    assert ACCOUNTANT.encode() not in received.data  # nowhere in what the client receives

    # The outbox row: the accountant in its own role, never the client's.
    assert stored_recipients(db, outbox_id) == [
        {"address": BOSS, "role": "to", "client": True, "code": 250, "reply": "OK"},
        {"address": BOOKS, "role": "cc", "client": True, "code": 250, "reply": "OK"},
        {"address": ACCOUNTANT, "role": "accountant", "client": False, "code": 250, "reply": "OK"},
    ]
    (item,) = list_outbox(db, include_sent=True)
    assert item.client_addresses == [BOSS, BOOKS]
    assert get_document(db, doc).sent_to == f"{BOSS}, {BOOKS}"  # not the accountant


def test_a_refused_accountant_copy_leaves_the_invoice_delivered(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    smtp_server.behavior.rcpt_replies = {ACCOUNTANT: "550 5.1.1 User unknown"}
    doc = invoice(db, client_id)
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    result = drain(db)
    assert result.sent == [outbox_id] and result.refusals == []  # no client address refused
    (received,) = smtp_server.messages
    assert received.rcpt_tos == [BOSS, BOOKS]
    (item,) = list_outbox(db, include_sent=True)
    assert item.state == OutboxState.SENT and item.client_refusals == []
    (copy,) = [r for r in item.recipients if r.role == RecipientRole.ACCOUNTANT]
    assert (copy.address, copy.code, copy.client) == (ACCOUNTANT, 550, False)
    assert get_document(db, doc).sent_at is not None


def test_the_client_refusing_both_addresses_fails_although_the_accountant_accepted(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    refused = "550 5.1.1 User unknown"
    smtp_server.behavior.rcpt_replies = {BOSS: refused, BOOKS: refused}
    doc = invoice(db, client_id)
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    result = drain(db)
    assert result.failed == [outbox_id] and result.sent == []
    assert smtp_server.messages == []  # the accountant's copy never arrives alone
    (item,) = list_outbox(db)
    assert [r.address for r in item.client_refusals] == [BOSS, BOOKS]
    (copy,) = [r for r in item.recipients if r.role == RecipientRole.ACCOUNTANT]
    assert copy.accepted and not copy.client
    assert get_document(db, doc).sent_at is None


def test_a_quote_is_sent_without_the_accountant_copy(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    (outbox_id,) = prepare_batch(db, [quote(db, client_id)]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    assert received.rcpt_tos == [BOSS, BOOKS]
    roles = [r["role"] for r in stored_recipients(db, outbox_id)]
    assert roles == ["to", "cc"]


def test_a_credit_note_gets_the_accountant_copy_next_to_the_copy_to_self(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    update_company(db, copy_to_self=CopyToSelf.BCC)
    credit = validate_document(db, create_credit_note(db, invoice(db, client_id))).id
    (outbox_id,) = prepare_batch(db, [credit]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    assert received.rcpt_tos == [BOSS, BOOKS, SENDER, ACCOUNTANT]
    assert received.message["Bcc"] is None
    roles = [(r["address"], r["role"], r["client"]) for r in stored_recipients(db, outbox_id)]
    assert roles == [
        (BOSS, "to", True),
        (BOOKS, "cc", True),
        (SENDER, "bcc", False),
        (ACCOUNTANT, "accountant", False),
    ]


def test_only_cc_addresses_put_the_first_in_to(
    db: Database, smtp_server: SmtpTestServer, client_id: int
) -> None:
    data = get_client(db, client_id)
    contacts = tuple(
        ContactData(c.kind, c.value, c.label, c.mail, c.id, SendAs.CC) for c in data.contacts
    )
    save_client(db, ClientData(name=data.name, contacts=contacts, id=client_id))
    (outbox_id,) = prepare_batch(db, [invoice(db, client_id)]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    assert str(received.message["To"]) == BOSS
    assert str(received.message["Cc"]) == BOOKS


def test_no_accountant_no_copy(db: Database, smtp_server: SmtpTestServer, client_id: int) -> None:
    update_company(db, accountant_address="")
    (outbox_id,) = prepare_batch(db, [invoice(db, client_id)]).outbox_ids
    assert drain(db).sent == [outbox_id]
    (received,) = smtp_server.messages
    assert received.rcpt_tos == [BOSS, BOOKS]


def test_the_command_line_tells_the_accountant_copy_apart(
    db: Database,
    db_url: str,
    smtp_server: SmtpTestServer,
    client_id: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_language("en")
    smtp_server.behavior.rcpt_replies = {ACCOUNTANT: "550 5.1.1 User unknown"}
    number = get_document(db, invoice(db, client_id)).number
    assert main(["--db", db_url, "send", "--kind", "invoice", "--numbers", str(number)]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith(f"{number}\t")]
    fields = line.split("\t")
    assert fields[3] == f"{BOSS}, {BOOKS}"  # delivered to: the client's addresses only
    assert fields[4].startswith(f"accountant's copy refused: {ACCOUNTANT} (")

    smtp_server.behavior.rcpt_replies = {}
    number = get_document(db, invoice(db, client_id)).number
    assert main(["--db", db_url, "send", "--kind", "invoice", "--numbers", str(number)]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith(f"{number}\t")]
    assert line.split("\t")[3:5] == [f"{BOSS}, {BOOKS}", f"accountant's copy: {ACCOUNTANT}"]
