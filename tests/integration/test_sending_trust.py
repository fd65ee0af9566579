"""The sending engine tells the truth and sends nothing behind the user's back
(SQLite and PostgreSQL, against the real SMTP test server)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from app.cli_text import describe
from app.db.database import Database, open_database
from app.db.models import Contact, OutboxMessage, PdfArchive
from app.domain.kinds import ContactKind, CopyToSelf, DocumentKind
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import SkipReason, plan_batch, prepare_again, prepare_batch
from app.services.client_rules import ClientData, ContactData
from app.services.clients import get_client, save_client
from app.services.document_actions import mark_paid
from app.services.documents import ensure_archived_pdf, get_document, unsent_ids
from app.services.outbox import (
    DrainProgress,
    OutcomeNotRecordedError,
    drain,
    list_outbox,
    outbox_counts,
    release,
    states_of,
)
from app.services.settings import update_company
from tests.integration.sending_helpers import SENDER, clients, configure, invoice
from tests.smtp_server import SmtpTestServer

SOLO = "solo@menuiserie.example"


@pytest.fixture
def solo(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> int:
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)
    clients(db)
    return save_client(
        db,
        ClientData(
            name="Menuiserie Solo",
            contacts=(ContactData(ContactKind.EMAIL, SOLO, mail=True),),
        ),
    )


def state(db: Database, outbox_id: int) -> OutboxState:
    return states_of(db, [outbox_id])[outbox_id]


def test_client_refused_and_copy_accepted_is_failed_and_nothing_is_delivered(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    doc = invoice(db, solo)
    smtp_server.behavior.rcpt_replies = {SOLO: "550 5.1.1 User unknown"}
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    result = drain(db)
    assert result.failed == [outbox_id] and result.sent == []
    assert smtp_server.messages == []  # not even the copy to self
    assert get_document(db, doc).sent_at is None
    (item,) = list_outbox(db)
    assert [(r.address, r.code) for r in item.client_refusals] == [(SOLO, 550)]
    assert doc not in unsent_ids(db, DocumentKind.INVOICE)  # only an explicit resend
    skipped = prepare_batch(db, [doc]).skipped
    assert [s.reason for s in skipped] == [SkipReason.FAILED]


def test_one_client_address_refused_is_delivered_with_refusals(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    business_client = 1  # Boulangerie Éclair: compta@ and direction@
    doc = invoice(db, business_client)
    smtp_server.behavior.rcpt_replies = {"direction@eclair.example": "550 5.1.1 unknown"}
    (outbox_id,) = prepare_batch(db, [doc]).outbox_ids
    result = drain(db)
    assert result.sent == [outbox_id] and result.refusals == [outbox_id]
    assert get_document(db, doc).sent_to == "compta@eclair.example"  # who really got it
    (item,) = list_outbox(db, include_sent=True)
    assert [r.address for r in item.client_refusals] == ["direction@eclair.example"]
    accepted = [r.address for r in item.recipients if r.accepted]
    assert accepted == ["compta@eclair.example", SENDER]


def test_the_automatic_retry_never_takes_what_the_user_did_not_start(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    held = prepare_batch(db, [invoice(db, solo)], later=True).outbox_ids
    queued = prepare_batch(db, [invoice(db, solo)]).outbox_ids  # orphaned by a crash, say
    assert drain(db, automatic=True).total == 0
    assert smtp_server.messages == []
    assert [state(db, i) for i in held + queued] == [OutboxState.HELD, OutboxState.QUEUED]
    counts = outbox_counts(db)
    assert (counts.held, counts.moving) == (1, 1)


def test_a_temporary_failure_is_retried_automatically_unless_turned_off(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    (outbox_id,) = prepare_batch(db, [invoice(db, solo)]).outbox_ids
    smtp_server.behavior.data_replies = ["451 4.3.0 Try later"]
    assert drain(db, ids=[outbox_id]).retry == [outbox_id]
    assert outbox_counts(db).next_retry_at is not None
    with db.write() as session:  # make it due now
        session.get_one(OutboxMessage, outbox_id).next_attempt_at = datetime(2000, 1, 1)
    update_company(db, auto_retry=False)
    assert drain(db, automatic=True).total == 0
    update_company(db, auto_retry=True)
    assert drain(db, automatic=True).sent == [outbox_id]


def test_an_unreachable_server_leaves_the_batch_to_the_automatic_retry(
    db: Database,
    smtp_server: SmtpTestServer,
    smtp_server_factory: Callable[..., SmtpTestServer],
    solo: int,
) -> None:
    ids = prepare_batch(db, [invoice(db, solo), invoice(db, solo)]).outbox_ids
    smtp_server.stop()
    result = drain(db, ids=ids)
    assert result.deferred == ids and not result.settings_refused
    assert [state(db, i) for i in ids] == [OutboxState.RETRY_WAIT] * 2
    back = smtp_server_factory()
    update_company(db, smtp_port=back.port)
    assert sorted(drain(db, automatic=True).sent) == ids  # due at once


def test_stop_holds_the_rest_until_the_user_resumes(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    ids = prepare_batch(db, [invoice(db, solo) for _ in range(4)]).outbox_ids
    cancel = threading.Event()

    def stop_after_first(progress: DrainProgress) -> None:
        cancel.set()

    result = drain(db, ids=ids, progress=stop_after_first, cancel=cancel)
    # The other connections finish the message each was sending when Stop came.
    done = len(result.sent)
    assert result.cancelled and 1 <= done <= smtp_server.profile.connections
    assert sorted(result.sent) == ids[:done] and result.held == ids[done:]
    (item, *_rest) = list_outbox(db)
    assert item.hold_reason == HoldReason.STOPPED
    assert drain(db, automatic=True).total == 0  # never on its own
    assert release(db) == ids[done:]
    assert sorted(drain(db).sent) == ids[done:]
    assert len(smtp_server.wait_for_messages(4)) == 4


def test_the_refused_settings_hold_the_batch(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    ids = prepare_batch(db, [invoice(db, solo)]).outbox_ids
    smtp_server.behavior.reject_auth = True
    result = drain(db, ids=ids)
    assert result.settings_refused and result.held == ids
    (item,) = list_outbox(db)
    assert item.hold_reason == HoldReason.SETTINGS


def test_resending_an_uncertain_document_needs_the_explicit_choice_and_keeps_its_id(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    doc = invoice(db, solo)
    smtp_server.behavior.drop_after_dot = True
    (first,) = prepare_batch(db, [doc]).outbox_ids
    assert drain(db).unknown == [first]
    smtp_server.behavior.drop_after_dot = False
    plan = plan_batch(db, [doc])
    assert [i.problem for i in plan.problems] == [OutboxState.UNKNOWN]
    assert prepare_batch(db, [doc]).skipped[0].reason == SkipReason.UNCERTAIN
    again = prepare_batch(db, [doc], include_problems=True)
    assert again.outbox_ids == [first]  # the same message, the same Message-ID
    drain(db, ids=again.outbox_ids)
    copies = smtp_server.wait_for_messages(2)
    assert len({str(m.message["Message-ID"]) for m in copies}) == 1


def test_an_address_changed_while_waiting_is_not_sent_to_the_old_one(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    (first,) = prepare_batch(db, [invoice(db, solo)], later=True).outbox_ids
    client = get_client(db, solo)
    fixed = (ContactData(ContactKind.EMAIL, "atelier@menuiserie.example", mail=True),)
    save_client(db, replace(client, contacts=fixed))
    (item,) = list_outbox(db)
    assert item.address_changed
    result = drain(db)
    assert result.address_changed == [first] and smtp_server.messages == []
    assert list_outbox(db)[0].hold_reason == HoldReason.ADDRESS_CHANGED
    ((old, new),) = prepare_again(db, [first])
    assert old == first and state(db, new) == OutboxState.HELD
    assert not list_outbox(db)[0].address_changed
    assert drain(db).sent == [new]
    (message,) = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == ["atelier@menuiserie.example", SENDER]


def test_send_as_is_after_an_address_change(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    (first,) = prepare_batch(db, [invoice(db, solo)]).outbox_ids
    client = get_client(db, solo)
    more = (*client.contacts, ContactData(ContactKind.EMAIL, "b@menuiserie.example", mail=True))
    save_client(db, replace(client, contacts=more))
    assert drain(db, as_is=[first]).sent == [first]
    (message,) = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == [SOLO, SENDER]


def test_paid_invoices_are_planned_apart_and_never_asked_to_pay(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    paid, unpaid = invoice(db, solo), invoice(db, solo)
    mark_paid(db, paid, date(2026, 11, 20), "chèque")
    plan = plan_batch(db, [paid, unpaid])
    assert [i.document_id for i in plan.paid] == [paid]
    skipped = prepare_batch(db, [paid, unpaid], include_paid=False).skipped
    assert [(s.document_id, s.reason) for s in skipped] == [(paid, SkipReason.PAID)]
    drain(db)
    prepare_batch(db, [paid])
    drain(db)
    bodies = [
        m.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        for m in smtp_server.wait_for_messages(2)
    ]
    assert "à régler" in bodies[0]
    assert "régler" not in bodies[1] and "déjà réglée" in bodies[1]


def test_a_tampered_archived_pdf_is_reported_and_the_batch_goes_on(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    damaged, fine = invoice(db, solo), invoice(db, solo)
    ensure_archived_pdf(db, damaged)
    ensure_archived_pdf(db, fine)
    digest = get_document(db, damaged).pdf_sha256
    with db.write() as session:
        row = session.get_one(PdfArchive, digest)
        row.data = row.data.replace(b"%%EOF", b"%%EOF tampered")
    result = prepare_batch(db, [damaged, fine])
    assert [(s.document_id, s.reason) for s in result.skipped] == [
        (damaged, SkipReason.PDF_TAMPERED)
    ]
    assert len(result.prepared) == 1 and result.prepared[0].document_id == fine


def test_one_invalid_stored_address_leaves_out_only_its_document(
    db: Database, smtp_server: SmtpTestServer, solo: int
) -> None:
    broken = save_client(
        db,
        ClientData(
            name="Client Cassé",
            contacts=(ContactData(ContactKind.EMAIL, "ok@casse.example", mail=True),),
        ),
    )
    with db.write() as session:  # as an old version or another program may have stored it
        session.execute(
            update(Contact).where(Contact.client_id == broken).values(value="pas une adresse")
        )
    bad, good = invoice(db, broken), invoice(db, solo)
    result = prepare_batch(db, [bad, good])
    (skipped,) = result.skipped
    assert (skipped.document_id, skipped.reason) == (bad, SkipReason.INVALID_ADDRESS)
    assert skipped.detail == "pas une adresse" and skipped.client_name == "Client Cassé"
    assert [p.document_id for p in result.prepared] == [good]


def test_a_database_locked_after_the_server_took_the_message_is_told_as_such(
    tmp_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facturier.db"
    db = open_database(str(path), timeout=1)
    try:
        configure(db, smtp_server, monkeypatch)
        business = clients(db)
        (outbox_id,) = prepare_batch(db, [invoice(db, business.accented)]).outbox_ids
        blocker = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)

        def lock_the_database(_message: object) -> None:
            blocker.execute("BEGIN EXCLUSIVE")

        smtp_server.behavior.on_message = lock_the_database
        with pytest.raises(OutcomeNotRecordedError) as raised:
            drain(db)
        blocker.execute("ROLLBACK")
        blocker.close()
        assert raised.value.data["number"] == "F-2026-0001"
        assert len(smtp_server.messages) == 1
        assert state(db, outbox_id) == OutboxState.SENDING  # our claim, never resent
        text = describe(raised.value)
        assert "went out" in text or "est parti" in text
        assert "Nothing was changed" not in text and "Rien n'a été modifié" not in text
    finally:
        db.dispose()
