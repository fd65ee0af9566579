"""Payment reminders end to end: `facturier remind` and the reminder services against the
real SMTP test server (STARTTLS + AUTH), on real SQLite files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db.database import Database, open_database
from app.db.models import Document, OutboxMessage, Reminder
from app.domain.kinds import ContactKind
from app.domain.outbox import OutboxState
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import mark_paid, set_disputed
from app.services.outbox import drain, list_outbox
from app.services.payments import add_payment
from app.services.reminders import overdue_invoices, plan_reminders, prepare_reminders
from tests.integration.sending_helpers import configure, mail_client, overdue_invoice
from tests.integration.test_send_cli import facturier
from tests.smtp_server import ReceivedMessage, SmtpTestServer

TODAY = date.today()


def number_of(db: Database, document_id: int) -> str:
    with db.read() as session:
        return session.get_one(Document, document_id).number or ""


@pytest.fixture
def path(tmp_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    file = tmp_path / "facturier.db"
    db = open_database(str(file))
    configure(db, smtp_server, monkeypatch)
    db.dispose()
    return file


@pytest.fixture
def db(path: Path) -> Database:
    database = open_database(str(path))
    yield database  # type: ignore[misc]
    database.dispose()


def attachments(message: EmailMessage) -> list[str]:
    return [part.get_filename() or "" for part in message.iter_attachments()]


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def test_three_overdue_invoices_of_a_client_go_in_one_email_with_the_statement(
    path: Path, db: Database, smtp_server: SmtpTestServer
) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    late = [
        overdue_invoice(db, martin, amount, days)
        for amount, days in (("100", 40), ("250", 20), ("80", 9))
    ]
    paid = overdue_invoice(db, martin, "300", 30)
    mark_paid(db, paid, TODAY)
    disputed = overdue_invoice(db, martin, "500", 30)
    set_disputed(db, disputed, True)
    not_due = overdue_invoice(db, martin, "60", -5)
    numbers = [number_of(db, i) for i in late]

    dry = facturier(path, "remind", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert ", ".join(numbers) in dry.stdout and "Relance amiable" in dry.stdout
    assert list_outbox(db, include_sent=True) == []  # a dry run writes nothing

    result = facturier(path, "remind")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "envoyé" in result.stdout and "Traceback" not in result.stderr
    received = smtp_server.wait_for_messages(1)
    assert len(received) == 1
    message = received[0].message
    assert received[0].rcpt_tos == ["compta@martin.example"]
    assert message["Subject"].startswith("Rappel")
    text = body(message)
    for number in numbers:
        assert number in text
    for other in (paid, disputed, not_due):
        assert number_of(db, other) not in text
    # 100 + 250 + 80 excl. VAT, 20 % VAT: 516,00 € left to pay
    assert "516,00" in text
    assert attachments(message) == ["releve-de-compte.pdf"]

    # The invoices' own envelope is untouched; each has its level-1 reminder recorded.
    with db.read() as session:
        assert all(session.get_one(Document, i).sent_at is None for i in late)
        levels = session.execute(select(Reminder.document_id, Reminder.level, Reminder.sent_at))
        assert {(d, lv) for d, lv, sent in levels if sent is not None} == {(i, 1) for i in late}

    again = facturier(path, "remind")
    assert again.returncode == 0, again.stderr
    assert len(smtp_server.messages) == 1  # level 2 is not due yet: nothing more


def test_an_invoice_paid_while_its_reminder_is_held_is_withdrawn_not_sent(
    path: Path, db: Database, smtp_server: SmtpTestServer
) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    first, second = overdue_invoice(db, martin, "100", 15), overdue_invoice(db, martin, "200", 10)
    held = facturier(path, "remind", "--later")
    assert held.returncode == 3, held.stdout + held.stderr
    [waiting] = list_outbox(db)
    assert waiting.state == OutboxState.HELD and waiting.reminder_level == 1

    mark_paid(db, first, TODAY)

    [withdrawn] = list_outbox(db)
    assert withdrawn.state == OutboxState.CANCELLED
    listed = facturier(path, "outbox", "list")
    assert "\tcancelled\t" in listed.stdout
    sent = facturier(path, "outbox", "send")
    assert sent.returncode == 0, sent.stderr
    assert smtp_server.messages == []  # the withdrawn reminder never leaves

    result = facturier(path, "remind")  # the unpaid one is reminded on its own
    assert result.returncode == 0, result.stdout + result.stderr
    [message] = smtp_server.wait_for_messages(1)
    text = body(message.message)
    assert number_of(db, second) in text and number_of(db, first) not in text


def test_a_partial_payment_lowers_what_the_reminder_asks(
    db: Database, smtp_server: SmtpTestServer
) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    doc = overdue_invoice(db, martin, "1000", 12)  # 1 200,00 € incl. VAT
    add_payment(db, doc, TODAY - timedelta(days=3), Decimal("450.00"), "virement")
    [overdue] = overdue_invoices(db)
    assert overdue.left == Decimal("750.00") and overdue.settled == Decimal("450.00")
    plan = plan_reminders(db)
    prepared = prepare_reminders(db, plan.groups)
    drain(db, ids=prepared.outbox_ids)
    [message] = smtp_server.wait_for_messages(1)
    assert "750,00" in body(message.message)
    add_payment(db, doc, TODAY, Decimal("750.00"))
    assert overdue_invoices(db) == []  # paid in full by its payments


def test_level_two_only_after_level_one_and_its_delay(
    db: Database, smtp_server: SmtpTestServer
) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    doc = overdue_invoice(db, martin, "100", 30)  # due 30 days ago: level 1 (D+7) is due
    [group] = plan_reminders(db).groups
    assert group.level.position == 1  # never straight to level 2, however late
    drain(db, ids=prepare_reminders(db, [group]).outbox_ids)
    assert len(smtp_server.wait_for_messages(1)) == 1
    # Level 1 went today (D+30): level 2 (D+21, 14 days after level 1's D+7) waits 14 days.
    [overdue] = overdue_invoices(db)
    assert overdue.level_reached == 1 and overdue.next_level is not None
    assert overdue.next_level.position == 2
    assert overdue.next_due_on == TODAY + timedelta(days=14)
    assert plan_reminders(db).groups == []
    assert plan_reminders(db, TODAY + timedelta(days=13)).groups == []
    [later] = plan_reminders(db, TODAY + timedelta(days=14)).groups
    assert later.level.position == 2
    # Had level 1 gone at D+7, level 2 would be due at D+21 (9 days ago).
    with db.write() as session:
        session.execute(
            update(Reminder)
            .where(Reminder.document_id == doc)
            .values(sent_at=TODAY - timedelta(days=23))
        )
    [now] = plan_reminders(db).groups
    assert now.level.position == 2
    assert overdue_invoices(db)[0].next_due_on == TODAY - timedelta(days=9)


def test_a_disputed_invoice_withdraws_its_waiting_reminder(db: Database) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    doc = overdue_invoice(db, martin, "100", 15)
    prepared = prepare_reminders(db, plan_reminders(db).groups, later=True)
    set_disputed(db, doc, True)
    [item] = list_outbox(db, ids=prepared.outbox_ids)
    assert item.state == OutboxState.CANCELLED
    assert overdue_invoices(db) == []
    set_disputed(db, doc, False)
    assert [i.document_id for i in overdue_invoices(db)] == [doc]  # due again


def test_a_client_without_address_is_reported(path: Path, db: Database) -> None:
    nobody = mail_client(db, "Garage Sans Mail", None)
    overdue_invoice(db, nobody, "100", 15)
    result = facturier(path, "remind")
    assert result.returncode == 0, result.stderr
    assert "Garage Sans Mail" in result.stdout and "sans adresse" in result.stdout


def test_a_killed_remind_never_reminds_twice(
    path: Path, db: Database, smtp_server: SmtpTestServer
) -> None:
    clients = [mail_client(db, f"Client {n}", f"client{n}@example.org") for n in range(8)]
    for client_id in clients:
        overdue_invoice(db, client_id, "100", 10)
        overdue_invoice(db, client_id, "50", 8)
    process: list[subprocess.Popen[str]] = []

    def kill_now(message: ReceivedMessage) -> None:
        if len(smtp_server.handler.messages) == 3 and process:
            os.kill(process[0].pid, signal.SIGKILL)  # the server has it; no reply was read

    smtp_server.behavior.on_message = kill_now
    process.append(
        subprocess.Popen(
            [sys.executable, "-m", "ui.main", "--db", str(path), "remind"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "fr_FR.UTF-8"},
        )
    )
    process[0].communicate(timeout=300)
    assert process[0].returncode == -signal.SIGKILL
    smtp_server.behavior.on_message = None

    again = facturier(path, "remind")
    assert again.returncode == 4, again.stdout + again.stderr  # the one caught mid-send
    assert "incertain" in again.stdout
    received = smtp_server.messages
    by_id = Counter(str(m.message["Message-ID"]) for m in received)
    assert max(by_id.values()) == 1  # no message twice
    per_client = Counter(tuple(m.rcpt_tos) for m in received)
    assert set(per_client.values()) == {1}
    with db.read() as session:
        states = Counter(session.scalars(select(OutboxMessage.state)))
    # Each connection had at most one reminder in flight when the process died; the one
    # caught after its final dot had arrived.
    assert set(states) == {"sent", "unknown"} and states["sent"] + states["unknown"] == len(clients)
    assert 1 <= states["unknown"] <= smtp_server.profile.connections
    assert len(per_client) >= states["sent"] + 1
    third = facturier(path, "remind")  # an uncertain reminder is never sent again on its own
    assert third.returncode == 0 and len(smtp_server.messages) == len(received)


def test_a_reminder_whose_client_changed_address_is_prepared_again(
    path: Path, db: Database, smtp_server: SmtpTestServer
) -> None:
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    overdue_invoice(db, martin, "100", 15)
    overdue_invoice(db, martin, "40", 12)
    assert facturier(path, "remind", "--later").returncode == 3
    [old] = list_outbox(db)
    save_client(
        db,
        ClientData(
            id=martin,
            name="Boulangerie Martin",
            contacts=(ContactData(ContactKind.EMAIL, "paiements@martin.example", mail=True),),
        ),
    )
    sent = facturier(path, "outbox", "send")
    assert sent.returncode == 4 and smtp_server.messages == []  # never to the old address
    again = facturier(path, "outbox", "reprepare", str(old.id))
    assert again.returncode == 0, again.stderr
    [new] = list_outbox(db)
    assert new.message_id != old.message_id and new.reminder_level == 1
    assert new.to == "paiements@martin.example"
    assert facturier(path, "outbox", "send").returncode == 0
    [message] = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == ["paiements@martin.example"]
    assert body(message.message).count("restant dû (") == 2  # both invoices, once each
