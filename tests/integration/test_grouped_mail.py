"""One e-mail per client: a client's documents go in one message, each keeps its history."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db.database import Database, open_database
from app.db.models import OutboxDocument, OutboxMessage, SendRecord
from app.domain.kinds import DocumentKind
from app.domain.outbox import OutboxState
from app.services.batch import Choices, SkipReason, plan_batch, prepare_again, prepare_batch
from app.services.documents import get_document
from app.services.outbox import drain, list_outbox, recover, resend
from app.services.reports import (
    EnvelopeState,
    ReportQuery,
    SentFilter,
    document_ids,
    fetch_rows,
)
from app.services.send_documents import send_documents
from tests.integration.sending_helpers import clients, configure, invoice, mail_client
from tests.smtp_server import SmtpTestServer


def history(db: Database, document_id: int) -> list[str]:
    with db.read() as session:
        rows = session.scalars(
            select(SendRecord).where(SendRecord.document_id == document_id).order_by(SendRecord.id)
        )
        return [r.result for r in rows]


def envelopes(db: Database, ids: list[int]) -> list[EnvelopeState]:
    rows = {row.id: row for row in fetch_rows(db, ids)}
    return [rows[i].envelope for i in ids]


def pdf_names(received: object) -> list[str]:
    message = received.message  # type: ignore[attr-defined]
    return [part.get_filename() for part in message.iter_attachments()]


@pytest.fixture
def batch(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    configure(db, smtp_server, monkeypatch)
    business = clients(db)
    other = mail_client(db, "Menuiserie Bois", "bois@menuiserie.example")
    first = [invoice(db, business.two_addresses, amount) for amount in ("100", "200", "300")]
    lone = invoice(db, other)
    # The batch's order: the other client's invoice between two of the first client's.
    return [first[0], lone, first[1], first[2]], first, lone


def test_a_clients_invoices_go_in_one_message_each_with_its_history(
    db: Database, smtp_server: SmtpTestServer, batch: tuple[list[int], list[int], int]
) -> None:
    ordered, first, lone = batch
    outcome = send_documents(
        db, ordered, choices=Choices(already_sent=False, paid=False, one_mail_per_client=True)
    )
    assert len(outcome.prepared.prepared) == 2
    assert outcome.drained is not None and len(outcome.drained.sent) == 2
    received = smtp_server.wait_for_messages(2)
    numbers = [get_document(db, d).number or "" for d in first]
    grouped = next(m for m in received if "eclair" in ",".join(m.rcpt_tos))
    assert pdf_names(grouped) == [f"{n}.pdf" for n in numbers]  # in the batch's order
    subject = str(grouped.message["Subject"])
    assert subject.startswith(f"Factures {', '.join(numbers)} – ")
    body = grouped.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Documents joints" in body and all(n in body for n in numbers)
    assert "720,00" in body  # the three totals incl. VAT: 120 + 240 + 360
    single = next(m for m in received if m is not grouped)
    assert pdf_names(single) == [f"{get_document(db, lone).number}.pdf"]
    for document_id in ordered:
        assert get_document(db, document_id).sent_at is not None
        assert history(db, document_id) == ["sent"]
    assert "compta@eclair.example" in get_document(db, first[2]).sent_to
    items = list_outbox(db, include_sent=True)
    assert [i.number for i in items if i.documents == tuple(first)] == [", ".join(numbers)]
    assert envelopes(db, ordered) == [EnvelopeState.SENT] * 4
    # Sent: nothing of them is waiting, and a new batch leaves them out as sent.
    again = prepare_batch(
        db, ordered, include_already_sent=False, include_paid=False, group_by_client=True
    )
    assert again.prepared == []
    assert {s.reason for s in again.skipped} == {SkipReason.ALREADY_SENT}


def test_a_waiting_group_holds_each_of_its_documents(
    db: Database, batch: tuple[list[int], list[int], int]
) -> None:
    ordered, first, _lone = batch
    prepared = prepare_batch(db, ordered, later=True, group_by_client=True)
    group = next(p for p in prepared.prepared if p.document_id == first[0])
    assert group.number.count(",") == 2
    with db.read() as session:
        linked = session.scalars(
            select(OutboxDocument.document_id)
            .where(OutboxDocument.outbox_id == group.outbox_id)
            .order_by(OutboxDocument.position)
        ).all()
    assert list(linked) == first
    plan = plan_batch(db, ordered)
    assert {i.document_id for i in plan.pending} == set(ordered)
    again = prepare_batch(db, [first[2]], group_by_client=True)
    assert [s.reason for s in again.skipped] == [SkipReason.ALREADY_PENDING]
    assert envelopes(db, first) == [EnvelopeState.HELD] * 3
    # Prepared again (addresses or template changed): still one message for the three.
    ((old, new),) = prepare_again(db, [group.outbox_id])
    assert old == group.outbox_id and new != old
    with db.read() as session:
        relinked = session.scalars(
            select(OutboxDocument.document_id)
            .where(OutboxDocument.outbox_id == new)
            .order_by(OutboxDocument.position)
        ).all()
    assert list(relinked) == first
    assert [i.number for i in list_outbox(db, ids=[new])] == [group.number]


def test_an_uncertain_group_goes_again_as_one_message(
    db: Database, smtp_server: SmtpTestServer, batch: tuple[list[int], list[int], int]
) -> None:
    _ordered, first, _lone = batch
    ids = prepare_batch(db, first, group_by_client=True).outbox_ids
    assert len(ids) == 1
    smtp_server.behavior.drop_after_dot = True
    assert drain(db).unknown == ids
    smtp_server.behavior.drop_after_dot = False
    smtp_server.wait_for_messages(1)
    assert envelopes(db, first) == [EnvelopeState.UNCERTAIN] * 3
    uncertain = document_ids(db, ReportQuery(DocumentKind.INVOICE, sent=SentFilter.UNCERTAIN))
    assert set(first) <= set(uncertain)
    for document_id in first:
        assert history(db, document_id) == ["unknown"]
        assert get_document(db, document_id).sent_at is None
    # Left out unless the user asks; asked, the very same message goes again, once.
    skipped = prepare_batch(db, first, group_by_client=True)
    assert {s.reason for s in skipped.skipped} == {SkipReason.UNCERTAIN}
    again = prepare_batch(db, first, include_problems=True, group_by_client=True)
    assert again.outbox_ids == ids
    assert drain(db, ids=ids).sent == ids
    one, two = smtp_server.wait_for_messages(2)
    assert one.message["Message-ID"] == two.message["Message-ID"]
    assert len(pdf_names(two)) == 3
    for document_id in first:
        assert history(db, document_id) == ["unknown", "sent"]
    assert envelopes(db, first) == [EnvelopeState.SENT] * 3


def test_a_group_whose_sender_died_is_uncertain_for_each_document(
    db: Database, smtp_server: SmtpTestServer, batch: tuple[list[int], list[int], int]
) -> None:
    _ordered, first, _lone = batch
    ids = prepare_batch(db, first, later=True, group_by_client=True).outbox_ids
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
    assert recover(db) == ids
    for document_id in first:
        assert history(db, document_id) == ["unknown"]
    assert envelopes(db, first) == [EnvelopeState.UNCERTAIN] * 3
    # The outbox's resend: the same message again, all three in it.
    assert resend(db, ids) == ids
    assert drain(db, ids=ids).sent == ids
    (received,) = smtp_server.wait_for_messages(1)
    assert len(pdf_names(received)) == 3
    for document_id in first:
        assert history(db, document_id) == ["unknown", "sent"]
        assert get_document(db, document_id).sent_at is not None
    assert [i.state for i in list_outbox(db, include_sent=True, ids=ids)] == [OutboxState.SENT]


def test_the_command_line_sends_one_mail_per_client(
    db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    business = clients(db)
    first = [invoice(db, business.two_addresses, amount) for amount in ("100", "200")]
    lone = invoice(db, business.accented)
    numbers = [get_document(db, d).number or "" for d in (*first, lone)]
    db.dispose()
    command = ["send", "--kind", "invoice", "--numbers", ",".join(numbers)]
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db_path), *command, "--one-mail-per-client"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"{numbers[0]}, {numbers[1]}\t")
    assert lines[-1].startswith("3 envoyé(s), 0 en attente")
    received = smtp_server.wait_for_messages(2)
    assert sorted(len(pdf_names(m)) for m in received) == [1, 2]
