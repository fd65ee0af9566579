"""The sending engine against a real SMTP server (aiosmtpd, STARTTLS, AUTH)."""

from __future__ import annotations

import threading
import time
from email.utils import getaddresses

import pytest
from sqlalchemy import select, update

from app.db.database import Database
from app.db.models import Client, OutboxMessage, SendRecord
from app.domain.kinds import CopyToSelf, DocumentKind, SmtpSecurity
from app.domain.outbox import OutboxState
from app.domain.templates import EmailTemplate
from app.errors import InvalidTemplateError
from app.mail.errors import MissingPasswordError, SmtpAuthError, SmtpTlsError, SmtpUnreachableError
from app.services.batch import SenderMissingError, SkipReason, prepare_batch
from app.services.clients import ClientData, save_client
from app.services.documents import ensure_archived_pdf, get_document
from app.services.outbox import DrainProgress, drain, list_outbox, recover, resend, states_of
from app.services.settings import save_settings, update_company
from tests.integration.sending_helpers import SENDER, clients, configure, invoice
from tests.smtp_server import SmtpTestServer


def states(db: Database, ids: list[int]) -> list[OutboxState]:
    found = states_of(db, ids)
    return [found[i] for i in ids]


def history(db: Database, document_id: int) -> list[SendRecord]:
    with db.read() as session:
        return list(
            session.scalars(
                select(SendRecord)
                .where(SendRecord.document_id == document_id)
                .order_by(SendRecord.id)
            )
        )


@pytest.fixture
def setup(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    configure(db, smtp_server, monkeypatch)
    return clients(db)


def test_happy_batch_reaches_exactly_the_mail_ticked_addresses(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)
    business = clients(db)
    docs = [
        invoice(db, business.two_addresses),
        invoice(db, business.no_address),
        invoice(db, business.accented, "250.50"),
    ]
    prepared = prepare_batch(db, docs)
    assert [s.reason for s in prepared.skipped] == [SkipReason.NO_ADDRESS]
    assert prepared.skipped[0].client_name == "Garage Sans Mail"
    seen: list[DrainProgress] = []
    result = drain(db, progress=seen.append)
    assert result.stopped is None and len(result.sent) == 2
    assert [(p.done, p.total) for p in seen] == [(1, 2), (2, 2)]
    messages = smtp_server.wait_for_messages(2)
    assert len(messages) == 2

    # Over several connections they may arrive in either order.
    first, accented = sorted(messages, key=lambda m: "françoise@ébénisterie.example" in m.rcpt_tos)
    assert sorted(first.rcpt_tos) == sorted(
        ["compta@eclair.example", "direction@eclair.example", SENDER]
    )
    msg = first.message
    assert getaddresses([str(msg["From"])]) == [("Atelier Dupont & Fils – Société", SENDER)]
    assert str(msg["Reply-To"]) == SENDER
    assert getaddresses([str(msg["To"])]) == [
        ("", "compta@eclair.example"),
        ("", "direction@eclair.example"),
    ]
    assert msg["Bcc"] is None and b"Bcc" not in first.data  # Bcc only in the envelope
    assert msg["Cc"] is None
    number = get_document(db, docs[0]).number
    assert str(msg["Subject"]) == f"Facture {number} – Atelier Dupont & Fils – Société"
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == f"{number}.pdf"
    assert attachment.get_content() == ensure_archived_pdf(db, docs[0])
    assert "100,00" not in msg.get_body(("plain",)).get_content()  # 120,00 TTC
    assert "120,00" in msg.get_body(("plain",)).get_content()

    assert "françoise@ébénisterie.example" in accented.rcpt_tos
    assert "SMTPUTF8" in [o.upper() for o in accented.mail_options]
    assert getaddresses([str(accented.message["To"])]) == [("", "françoise@ébénisterie.example")]

    sent = get_document(db, docs[0])
    assert sent.sent_at is not None
    assert sent.sent_to == "compta@eclair.example, direction@eclair.example"
    record = history(db, docs[0])[-1]
    assert record.result == "sent" and record.message_id == str(msg["Message-ID"])
    assert record.bcc_addrs == SENDER and record.server_reply.startswith("250")
    assert str(msg["Message-ID"]).endswith("@atelier-dupont.fr>")
    assert get_document(db, docs[1]).sent_at is None


def test_copy_to_self_in_cc_is_a_visible_header(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.CC)
    business = clients(db)
    prepare_batch(db, [invoice(db, business.accented)])
    drain(db)
    (received,) = smtp_server.wait_for_messages(1)
    assert str(received.message["Cc"]) == SENDER
    assert SENDER in received.rcpt_tos


def test_over_implicit_tls(
    db: Database, smtp_ssl_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, smtp_ssl_server, monkeypatch, security=SmtpSecurity.SSL)
    business = clients(db)
    prepare_batch(db, [invoice(db, business.two_addresses)])
    assert len(drain(db).sent) == 1
    assert len(smtp_ssl_server.wait_for_messages(1)) == 1


def test_451_at_data_waits_and_is_retried(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    business = setup
    doc = invoice(db, business.two_addresses)  # type: ignore[attr-defined]
    ids = prepare_batch(db, [doc]).outbox_ids
    smtp_server.behavior.data_replies = ["451 4.3.0 Mailbox busy, try later"]
    result = drain(db)
    assert result.retry == ids and states(db, ids) == [OutboxState.RETRY_WAIT]
    assert history(db, doc)[-1].result == "retry"
    assert drain(db).total == 0  # not due yet: nothing resent early
    with db.write() as session:
        session.execute(update(OutboxMessage).values(next_attempt_at=None))
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state == "retry_wait")
            .values(next_attempt_at=OutboxMessage.created_at)
        )
    assert drain(db).sent == ids
    assert len(smtp_server.messages) == 1  # the 451 one was not stored


def test_550_on_the_only_recipient_fails(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    doc = invoice(db, setup.accented)  # type: ignore[attr-defined]
    ids = prepare_batch(db, [doc]).outbox_ids
    smtp_server.behavior.rcpt_replies = {"françoise@ébénisterie.example": "550 5.1.1 No such user"}
    result = drain(db)
    assert result.failed == ids and states(db, ids) == [OutboxState.FAILED]
    (item,) = list_outbox(db)
    assert "550" in item.last_error
    assert get_document(db, doc).sent_at is None
    assert smtp_server.messages == []


def test_550_on_one_of_two_recipients_is_sent_and_records_the_refusal(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    doc = invoice(db, setup.two_addresses)  # type: ignore[attr-defined]
    ids = prepare_batch(db, [doc]).outbox_ids
    smtp_server.behavior.rcpt_replies = {"direction@eclair.example": "550 5.1.1 Unknown"}
    assert drain(db).sent == ids
    (received,) = smtp_server.wait_for_messages(1)
    assert received.rcpt_tos == ["compta@eclair.example"]
    record = history(db, doc)[-1]
    assert record.result == "sent"
    assert "direction@eclair.example" in record.refused_addrs and "550" in record.refused_addrs


def test_552_is_permanent(db: Database, smtp_server: SmtpTestServer, setup: object) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    smtp_server.behavior.data_reply = "552 5.3.4 Message too big"
    assert drain(db).failed == ids


def test_wrong_password_stops_and_leaves_everything_queued(
    db: Database, smtp_server: SmtpTestServer, setup: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    monkeypatch.setenv("FACTURIER_SMTP_PASSWORD", "wrong")
    result = drain(db)
    assert isinstance(result.stopped, SmtpAuthError)
    assert states(db, ids) == [OutboxState.HELD]  # until the user resumes, settings fixed
    assert history(db, get_document(db, list_outbox(db)[0].document_id).id) == []


def test_no_password_anywhere_is_a_typed_error_never_a_prompt(
    db: Database,
    smtp_server: SmtpTestServer,
    setup: object,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    monkeypatch.delenv("FACTURIER_SMTP_PASSWORD")
    result = drain(db)
    assert isinstance(result.stopped, MissingPasswordError)
    assert states(db, ids) == [OutboxState.HELD]


def test_unreachable_server_leaves_messages_queued(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    smtp_server.stop()
    result = drain(db, timeout=2)
    assert isinstance(result.stopped, SmtpUnreachableError)
    # A batch the user started: retried on its own, due at once when the server answers.
    assert states(db, ids) == [OutboxState.RETRY_WAIT]


def test_untrusted_certificate_is_refused(
    db: Database, smtp_server: SmtpTestServer, setup: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    monkeypatch.delenv("FACTURIER_SMTP_CAFILE")
    result = drain(db)
    assert isinstance(result.stopped, SmtpTlsError)
    assert states(db, ids) == [OutboxState.HELD]
    assert smtp_server.messages == []


def test_drop_after_the_final_dot_is_unknown_and_never_resent_by_itself(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    doc = invoice(db, setup.two_addresses)  # type: ignore[attr-defined]
    ids = prepare_batch(db, [doc]).outbox_ids
    smtp_server.behavior.drop_after_dot = True
    assert drain(db).unknown == ids
    assert len(smtp_server.wait_for_messages(1)) == 1
    smtp_server.behavior.drop_after_dot = False
    assert drain(db).total == 0
    assert len(smtp_server.messages) == 1  # exactly one copy stored
    assert states(db, ids) == [OutboxState.UNKNOWN]
    assert get_document(db, doc).sent_at is None
    # The user's explicit resend goes out with the same Message-ID.
    resend(db, ids)
    assert drain(db).sent == ids
    first, second = smtp_server.wait_for_messages(2)
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert [r.result for r in history(db, doc)] == ["unknown", "sent"]


def test_a_server_stalling_past_the_timeout_is_unknown(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses)]).outbox_ids  # type: ignore[attr-defined]
    smtp_server.behavior.stall_after_dot = 5.0
    assert drain(db, timeout=1).unknown == ids


def test_idle_disconnect_between_messages_reconnects_without_duplicates(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    docs = [invoice(db, setup.two_addresses) for _ in range(4)]  # type: ignore[attr-defined]
    ids = prepare_batch(db, docs).outbox_ids
    smtp_server.behavior.close_after_message = True
    result = drain(db)
    assert sorted(result.sent) == ids  # in the order they were done, over each connection
    received = smtp_server.wait_for_messages(4)
    assert len({m.message["Message-ID"] for m in received}) == 4
    assert len(received) == 4
    assert smtp_server.handler.connections >= 4


def test_header_injection_through_a_client_name_is_impossible(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    from app.domain.kinds import ContactKind
    from app.services.clients import ContactData

    evil = save_client(
        db,
        ClientData(
            name="Evil",
            contacts=(ContactData(ContactKind.EMAIL, "client@evil.example", mail=True),),
        ),
    )
    # The client editor refuses line breaks; data from elsewhere (an old file) may not.
    with db.write() as session:
        session.execute(
            update(Client).where(Client.id == evil).values(name="Evil\r\nBcc: victim@evil.example")
        )
    prepare_batch(db, [invoice(db, evil)])
    drain(db)
    (received,) = smtp_server.wait_for_messages(1)
    assert received.rcpt_tos == ["client@evil.example"]
    assert received.message["Bcc"] is None
    assert "\n" not in str(received.message["Subject"])
    with pytest.raises(InvalidTemplateError):
        save_settings(
            db,
            {},
            {DocumentKind.INVOICE: EmailTemplate("Facture {numero}\r\nBcc: x@y.example", "")},
        )
    with pytest.raises(InvalidTemplateError):
        save_settings(db, {}, {DocumentKind.INVOICE: EmailTemplate("Facture {inconnu}", "")})


def test_drafts_and_unknown_senders_are_refused(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    from datetime import date
    from decimal import Decimal

    from app.services.document_data import LineInput
    from app.services.documents import DocumentInput, save_draft

    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            setup.two_addresses,
            date(2026, 1, 1),  # type: ignore[attr-defined]
            (LineInput("x", Decimal(1), Decimal(1), Decimal(20)),),
        ),
    )
    result = prepare_batch(db, [draft, 424242])
    assert [s.reason for s in result.skipped] == [SkipReason.DRAFT, SkipReason.NOT_FOUND]
    update_company(db, sender_address="")
    with pytest.raises(SenderMissingError):
        prepare_batch(db, [draft])


def test_a_document_already_waiting_is_not_queued_twice(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    doc = invoice(db, setup.two_addresses)  # type: ignore[attr-defined]
    assert len(prepare_batch(db, [doc]).prepared) == 1
    again = prepare_batch(db, [doc])
    assert again.prepared == [] and again.skipped[0].reason == SkipReason.ALREADY_PENDING


def test_cancel_stops_between_messages(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    ids = prepare_batch(db, [invoice(db, setup.two_addresses) for _ in range(5)]).outbox_ids  # type: ignore[attr-defined]
    cancel = threading.Event()
    result = drain(db, cancel=cancel, progress=lambda p: cancel.set() if p.done == 2 else None)
    # What the other connections were sending when Stop came is finished, nothing after.
    done = len(result.sent)
    assert result.cancelled and 2 <= done <= 1 + smtp_server.profile.connections
    assert sorted(result.sent) == ids[:done]
    assert states(db, ids) == [OutboxState.SENT] * done + [OutboxState.HELD] * (5 - done)


def test_pace_and_throttling_make_the_drain_wait(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    update_company(db, rate_per_minute=300)  # one message every 0.2 s
    ids = prepare_batch(db, [invoice(db, setup.two_addresses) for _ in range(3)]).outbox_ids  # type: ignore[attr-defined]
    smtp_server.behavior.data_replies = ["451 4.7.28 Too many messages, slow down"]
    start = time.monotonic()
    result = drain(db, throttle_pause=0.5)
    elapsed = time.monotonic() - start
    assert result.retry == ids[:1] and result.sent == ids[1:]
    assert elapsed >= 0.5 + 0.2  # the throttle pause, then the pace between the two sends


def test_a_sending_row_whose_sender_died_becomes_unknown(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    import socket

    ids = prepare_batch(db, [invoice(db, setup.two_addresses) for _ in range(2)]).outbox_ids  # type: ignore[attr-defined]
    from datetime import datetime, timedelta

    with db.write() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == ids[0])
            .values(
                state="sending",
                claimed_by=f"{socket.gethostname()}:999999:dead",
                claim_expires_at=datetime(2999, 1, 1),
            )
        )
        session.execute(  # another workstation's live claim: never touched
            update(OutboxMessage)
            .where(OutboxMessage.id == ids[1])
            .values(
                state="sending",
                claimed_by="other-host:1234:live",
                claim_expires_at=datetime.now() + timedelta(hours=1),
            )
        )
    assert recover(db) == [ids[0]]
    assert states(db, ids) == [OutboxState.UNKNOWN, OutboxState.SENDING]
    assert drain(db).total == 0
    assert smtp_server.messages == []


def test_plan_and_preview_write_nothing_to_the_outbox(
    db: Database, smtp_server: SmtpTestServer, setup: object
) -> None:
    from app.services.batch import plan_batch, preview_message

    business = setup
    docs = [
        invoice(db, business.two_addresses),  # type: ignore[attr-defined]
        invoice(db, business.no_address),  # type: ignore[attr-defined]
        invoice(db, business.accented),  # type: ignore[attr-defined]
    ]
    prepare_batch(db, [docs[2]])  # already waiting in the outbox
    plan = plan_batch(db, [*docs, 999])
    assert [i.document_id for i in plan.sendable] == [docs[0]]
    assert [i.client_name for i in plan.missing_address] == ["Garage Sans Mail"]
    assert [i.document_id for i in plan.pending] == [docs[2]]
    assert [s.reason for s in plan.not_sendable] == [SkipReason.NOT_FOUND]
    assert plan.sendable[0].recipients == ("compta@eclair.example", "direction@eclair.example")
    preview = preview_message(db, docs[0])
    number = get_document(db, docs[0]).number
    assert preview.subject.startswith(f"Facture {number}")
    assert "120,00" in preview.body and preview.attachment_name == f"{number}.pdf"
    assert preview.attachment_size == len(ensure_archived_pdf(db, docs[0]))
    assert len(list_outbox(db)) == 1  # only the one prepared on purpose
