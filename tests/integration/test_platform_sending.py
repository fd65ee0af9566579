"""One outbox, two channels: invoices to French businesses found in the directory are
deposited on the platform, the others e-mailed, each exactly once, against the real SMTP and
platform test servers; drops, expired tokens, rejections and statuses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import Database, open_database
from app.db.models import Client, Document, OutboxMessage, PlatformEvent
from app.domain.outbox import OutboxState
from app.domain.platform import Channel, ChannelForce, Lifecycle
from app.services.batch import Choices, plan_batch
from app.services.documents import get_document
from app.services.outbox import drain
from app.services.payments import add_payment
from app.services.platform_outbox import waiting_statuses
from app.services.platform_sync import sync_statuses
from app.services.send_documents import send_documents
from tests.integration.platform_helpers import MixedClients, mixed_invoices, platform_business
from tests.platform_server import PlatformTestServer
from tests.smtp_server import SmtpTestServer

ALL = Choices(already_sent=True, problems=False, paid=True)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    yield database
    database.dispose()


@pytest.fixture
def people(
    db: Database,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> MixedClients:
    return platform_business(db, smtp_server, platform_server, monkeypatch)


def channels(db: Database) -> Counter[str]:
    with db.read() as session:
        return Counter(session.scalars(select(OutboxMessage.channel)))


def deposited_numbers(server: PlatformTestServer) -> Counter[str]:
    return Counter(d.invoice_number for d in server.deposits)


def test_a_mixed_batch_deposits_and_mails_each_invoice_once(
    db: Database,
    people: MixedClients,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
) -> None:
    ids = mixed_invoices(db, people, 10)
    plan = plan_batch(db, ids)
    assert plan.channel_counts(ALL) == {"email": 4, "platform": 6}
    with db.read() as session:  # the directory's answers are kept with their date
        found = {c.name: c.in_directory for c in session.scalars(select(Client))}
    assert found["Registered0"] is True and found["Unregistered"] is False

    outcome = send_documents(db, ids, choices=ALL)

    assert outcome.drained is not None and outcome.drained.stopped is None
    assert len(outcome.drained.sent) == 10
    assert channels(db) == {"platform": 6, "email": 4}
    assert len(smtp_server.messages) == 4
    numbers = deposited_numbers(platform_server)
    assert len(numbers) == 6 and max(numbers.values()) == 1
    for document_id in ids:
        doc = get_document(db, document_id)
        assert doc.sent_at is not None
    with db.read() as session:
        statuses = Counter(session.scalars(select(Document.platform_status)))
    assert statuses[str(Lifecycle.DEPOSITED)] == 6


def test_quotes_and_forced_email_never_go_to_the_platform(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    ids = mixed_invoices(db, people, 5)
    outcome = send_documents(db, ids, choices=ALL, channel=ChannelForce.EMAIL)
    assert outcome.drained is not None and len(outcome.drained.sent) == 5
    assert channels(db) == {"email": 5}
    assert platform_server.deposits == []


def test_a_drop_after_the_upload_is_found_by_its_tracking_id_never_deposited_twice(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    ids = mixed_invoices(db, people, 3)  # all three for the platform
    # The first deposit is taken but its answer lost; the search right after too.
    platform_server.drop_after_request("/flows", count=2, method="POST")

    outcome = send_documents(db, ids, choices=ALL)

    assert outcome.drained is not None
    assert len(outcome.drained.sent) == 2 and len(outcome.drained.retry) == 1
    assert len(platform_server.deposits) == 3  # the platform has it: we do not know yet
    again = drain(db, ids=outcome.drained.retry)  # the user's "send now"
    assert again.sent == outcome.drained.retry
    numbers = deposited_numbers(platform_server)
    assert len(numbers) == 3 and max(numbers.values()) == 1, numbers
    with db.read() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "platform"))
        assert all(r.flow_id and r.state == OutboxState.SENT for r in rows)


def test_an_expired_token_mid_batch_is_renewed(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    ids = mixed_invoices(db, people, 6)
    progressed: list[int] = []

    def expire_after_first(progress: object) -> None:
        progressed.append(1)
        if len(progressed) == 1:
            platform_server.expire_tokens()

    outcome = send_documents(db, ids, choices=ALL, progress=expire_after_first)

    assert outcome.drained is not None and len(outcome.drained.sent) == 6
    assert platform_server.tokens_issued >= 2
    assert max(deposited_numbers(platform_server).values()) == 1


def test_a_server_error_is_retried_later_and_a_refusal_fails_with_the_platform_reason(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    ids = mixed_invoices(db, people, 2)  # both for the platform
    platform_server.fail_next("/flows", 503, count=1, retry_after=120, method="POST")

    outcome = send_documents(db, ids, choices=ALL)

    assert outcome.drained is not None
    assert len(outcome.drained.retry) == 1 and len(outcome.drained.sent) == 1
    with db.read() as session:
        waiting = session.scalars(
            select(OutboxMessage).where(OutboxMessage.state == str(OutboxState.RETRY_WAIT))
        ).one()
        assert waiting.next_attempt_at is not None
        assert (waiting.next_attempt_at - waiting.updated_at).total_seconds() >= 120
        assert waiting.last_error.startswith("503")


def test_a_rejection_at_reception_is_shown_with_its_reason(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    [document_id] = mixed_invoices(db, people, 1)
    platform_server.reject_next_deposit("Le SIRET du destinataire est inconnu")

    send_documents(db, [document_id], choices=ALL)
    result = sync_statuses(db)  # the platform's checks come after the deposit

    assert [code for _, code in result.statuses] == ["213"]
    doc = get_document(db, document_id)
    with db.read() as session:
        status = session.scalar(select(Document.platform_status).where(Document.id == doc.id))
        events = session.scalars(
            select(PlatformEvent).where(PlatformEvent.document_id == document_id)
        ).all()
    assert status == Lifecycle.REJECTED
    assert any("SIRET du destinataire" in e.reason for e in events)
    assert doc.sent_at is None  # the client never got it: "unsent" lists it again
    with db.read() as session:
        deposit = session.scalars(select(OutboxMessage)).one()
        assert deposit.state == OutboxState.FAILED
        assert "SIRET du destinataire" in deposit.last_error


def test_statuses_are_fetched_once_and_paid_sends_cashed(
    db: Database, people: MixedClients, platform_server: PlatformTestServer
) -> None:
    [document_id] = mixed_invoices(db, people, 1)
    send_documents(db, [document_id], choices=ALL)
    number = get_document(db, document_id).number or ""
    platform_server.script_to_paid(number)

    first = sync_statuses(db)
    again = sync_statuses(db)  # nothing new: nothing recorded twice

    assert [code for _, code in first.statuses] == ["202", "203", "204", "205", "211"]
    assert again.statuses == []
    with db.read() as session:
        doc = session.get_one(Document, document_id)
        assert doc.platform_status == Lifecycle.PAYMENT_SENT

    total = get_document(db, document_id).total_incl
    add_payment(db, document_id, doc.issue_date, total)  # services: "Encaissée" is due
    waiting = waiting_statuses(db)
    assert len(waiting) == 1
    result = drain(db, ids=waiting)
    assert len(result.sent) == 1
    [status] = platform_server.seller_statuses
    assert (status.invoice_number, status.status_code) == (number, "212")
    with db.read() as session:
        assert session.get_one(Document, document_id).platform_status == Lifecycle.CASHED


def test_the_platform_down_leaves_deposits_waiting_and_email_goes(
    db: Database,
    people: MixedClients,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
) -> None:
    ids = mixed_invoices(db, people, 5)
    plan_batch(db, ids)  # the directory answers while the platform is up
    platform_server.stop()

    outcome = send_documents(db, ids, choices=ALL)

    assert outcome.drained is not None and outcome.drained.server_unreachable
    assert len(smtp_server.messages) == 2
    with db.read() as session:
        states = Counter((r.channel, r.state) for r in session.scalars(select(OutboxMessage)))
    assert states[(str(Channel.PLATFORM), str(OutboxState.RETRY_WAIT))] == 3
