"""`facturier send` / `outbox …` tell the exact truth about each send (issue: trustworthy
sending), as processes against the real SMTP test server with faults injected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.db.database import open_database
from app.db.models import Document, PdfArchive
from app.domain.kinds import ContactKind, CopyToSelf
from app.domain.outbox import HoldReason, OutboxState
from app.services.client_rules import ClientData, ContactData
from app.services.clients import get_client, save_client
from app.services.document_actions import mark_paid
from app.services.documents import ensure_archived_pdf
from app.services.outbox import list_outbox
from tests.integration.sending_helpers import SENDER, clients, company_identity, configure, invoice
from tests.smtp_server import ReceivedMessage, SmtpTestServer

SOLO = "solo@menuiserie.example"
CONTROL = [chr(c) for c in range(32) if c not in (9, 10)] + ["\x7f", "\x9b"]


def facturier(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LANG": "fr_FR.UTF-8", **env},
    )


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """F-2026-0001 to a one-address client, F-2026-0002 to a two-address client,
    F-2026-0003 to the one-address client again, F-2026-0004 paid."""
    path = tmp_path_factory.mktemp("trust") / "facturier.db"
    db = open_database(str(path))
    company_identity(db)
    business = clients(db)
    solo = save_client(
        db,
        ClientData(
            name="Menuiserie Solo",
            contacts=(ContactData(ContactKind.EMAIL, SOLO, "Atelier", mail=True),),
        ),
    )
    for client in (solo, business.two_addresses, solo, business.two_addresses):
        ensure_archived_pdf(db, invoice(db, client))
    db.dispose()
    return path


@pytest.fixture
def business_db(
    template_db: Path, tmp_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    path = tmp_path / "facturier.db"
    shutil.copy(template_db, path)
    db = open_database(str(path))
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)
    db.dispose()
    yield path


def outbox(path: Path, include_sent: bool = True) -> list[object]:
    db = open_database(str(path))
    try:
        return list(list_outbox(db, include_sent=include_sent))
    finally:
        db.dispose()


def copies_of(number: str, server: SmtpTestServer) -> list[ReceivedMessage]:
    return [m for m in server.messages if number in str(m.message["Subject"])]


def line_of(output: str, number: str) -> str:
    found = [line for line in output.splitlines() if line.startswith(number + "\t")]
    assert len(found) == 1, output
    return found[0]


def test_a_refused_client_address_is_never_reported_sent(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.rcpt_replies = {SOLO: "550 5.1.1 <solo@menuiserie.example>: User unknown"}
    result = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001")
    assert result.returncode == 4, result.stdout + result.stderr
    line = line_of(result.stdout, "F-2026-0001")
    assert "\tenvoyé" not in line
    assert "\trefusé\t" in line
    assert f"adresse refusée\u00a0: {SOLO} (550 5.1.1 adresse inconnue)" in line
    assert result.stdout.splitlines()[-1].startswith("0 envoyé(s)")
    # The copy to self was not sent alone either: the server holds nothing.
    assert smtp_server.messages == []
    (item,) = outbox(business_db)
    assert item.state == OutboxState.FAILED  # type: ignore[attr-defined]
    listed = facturier(business_db, "outbox", "list").stdout
    assert "\tfailed\t" in listed and f"{SOLO} (550 5.1.1 adresse inconnue)" in listed
    # A refused document is not "unsent": the everyday command leaves it alone.
    again = facturier(business_db, "send", "--kind", "invoice", "--unsent")
    assert "F-2026-0001" not in again.stdout
    assert smtp_server.messages == [] or all(SOLO not in m.rcpt_tos for m in smtp_server.messages)


def test_one_of_two_client_addresses_refused_is_shown_with_its_reason(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.rcpt_replies = {"direction@eclair.example": "550 5.1.1 No such user"}
    result = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0002")
    assert result.returncode == 4, result.stdout + result.stderr
    line = line_of(result.stdout, "F-2026-0002")
    assert "\tenvoyé\tcompta@eclair.example\t" in line
    assert "adresse refusée\u00a0: direction@eclair.example (550 5.1.1 adresse inconnue)" in line
    (message,) = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == ["compta@eclair.example", SENDER]
    listed = facturier(business_db, "outbox", "list", "--all").stdout
    row = line_of("\n".join(r.split("\t", 1)[1] for r in listed.splitlines()), "F-2026-0002")
    assert "\tsent\t" in row and "direction@eclair.example (550 5.1.1" in row
    assert row.split("\t")[-1][:4].isdigit()  # the date it was sent
    assert facturier(business_db, "outbox", "list").stdout == ""  # nothing waits


def test_an_uncertain_message_is_never_sent_again_by_the_everyday_command(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.drop_after_dot = True
    first = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0003")
    assert first.returncode == 4
    assert "incertain" in line_of(first.stdout, "F-2026-0003")
    smtp_server.behavior.drop_after_dot = False
    assert len(smtp_server.wait_for_messages(1)) == 1
    unsent = facturier(business_db, "send", "--kind", "invoice", "--unsent")
    assert "F-2026-0003" not in unsent.stdout
    named = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0003")
    assert named.returncode == 4
    assert "outbox resend" in line_of(named.stdout, "F-2026-0003")
    assert len(copies_of("F-2026-0003", smtp_server)) == 1  # still exactly one copy
    assert facturier(business_db, "outbox", "send").returncode == 0  # nothing to do
    assert len(copies_of("F-2026-0003", smtp_server)) == 1
    # Only the explicit resend sends it again, with the same Message-ID.
    (item,) = [i for i in outbox(business_db) if i.number == "F-2026-0003"]  # type: ignore[attr-defined]
    assert facturier(business_db, "outbox", "resend", str(item.id)).returncode == 0  # type: ignore[attr-defined]
    assert facturier(business_db, "outbox", "send").returncode == 0
    smtp_server.wait_for(lambda: len(copies_of("F-2026-0003", smtp_server)) == 2)
    copies = copies_of("F-2026-0003", smtp_server)
    assert len({str(m.message["Message-ID"]) for m in copies}) == 1


def test_later_holds_until_outbox_send(business_db: Path, smtp_server: SmtpTestServer) -> None:
    result = facturier(
        business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001", "--later"
    )
    assert result.returncode == 3
    assert "en pause" in line_of(result.stdout, "F-2026-0001")
    held = facturier(business_db, "outbox", "list", "--state", "held").stdout
    assert held.count("\theld\t") == 1 and "préparé pour plus tard" in held
    assert facturier(business_db, "outbox", "list", "--state", "queued").stdout == ""
    assert smtp_server.messages == []
    sent = facturier(business_db, "outbox", "send")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert len(smtp_server.wait_for_messages(1)) == 1


def test_wrong_password_is_exit_5_in_plain_french_and_nothing_is_lost(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.reject_auth = True
    result = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001")
    assert result.returncode == 5, result.stdout + result.stderr
    assert "refuse l’identifiant ou le mot de passe" in result.stderr
    assert "()" not in result.stderr and "Traceback" not in result.stderr
    assert "corrigez les réglages" in result.stderr
    (item,) = outbox(business_db)
    assert item.state == OutboxState.HELD  # type: ignore[attr-defined]
    assert item.hold_reason == HoldReason.SETTINGS  # type: ignore[attr-defined]
    assert facturier(business_db, "outbox", "send").returncode == 5
    smtp_server.behavior.reject_auth = False
    assert facturier(business_db, "outbox", "send").returncode == 0
    assert len(smtp_server.wait_for_messages(1)) == 1


def test_server_text_is_never_printed_raw(business_db: Path, smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.data_reply = (
        '554 5.7.1 \x1b[31mREJECTED\x1b[0m <a href="http://evil.example">clic</a>\x07'
    )
    result = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001")
    assert result.returncode == 4
    listed = facturier(business_db, "outbox", "list")
    for output in (result.stdout, result.stderr, listed.stdout):
        assert not any(c in output for c in CONTROL), repr(output)
    assert "554 5.7.1 refusé par les règles du serveur" in result.stdout


def test_paid_invoices_are_left_out_of_unsent_and_never_asked_to_pay(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    db = open_database(str(business_db))
    mark_paid(db, 4, date(2026, 11, 20), "virement")
    db.dispose()
    result = facturier(business_db, "send", "--kind", "invoice", "--unsent")
    assert "déjà payée" in line_of(result.stdout, "F-2026-0004")
    assert "1 facture(s) payée(s) laissée(s) de côté" in result.stdout
    assert all("F-2026-0004" not in str(m.message["Subject"]) for m in smtp_server.messages)
    named = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0004")
    assert named.returncode == 0, named.stdout + named.stderr
    paid = [m for m in smtp_server.messages if "F-2026-0004" in str(m.message["Subject"])]
    assert len(paid) == 1
    body = paid[0].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "régler" not in body and "réglée" in body


def test_an_address_corrected_while_held_is_not_sent_to_the_old_one(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    assert (
        facturier(
            business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001", "--later"
        ).returncode
        == 3
    )
    db = open_database(str(business_db))
    solo = get_client(db, 4)
    fixed = (ContactData(ContactKind.EMAIL, "atelier@menuiserie.example", mail=True),)
    save_client(db, replace(solo, contacts=fixed))
    db.dispose()
    listed = facturier(business_db, "outbox", "list").stdout
    assert "adresse modifiée depuis la préparation" in listed
    result = facturier(business_db, "outbox", "send")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "adresse modifiée depuis la préparation" in line_of(result.stdout, "F-2026-0001")
    assert smtp_server.messages == []
    (item,) = outbox(business_db)
    prepared = facturier(business_db, "outbox", "reprepare", str(item.id))  # type: ignore[attr-defined]
    assert prepared.returncode == 0, prepared.stderr
    assert facturier(business_db, "outbox", "send").returncode == 0
    (message,) = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == ["atelier@menuiserie.example", SENDER]


def test_send_as_is_keeps_the_addresses_it_was_prepared_for(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001", "--later")
    db = open_database(str(business_db))
    solo = get_client(db, 4)
    extra = (*solo.contacts, ContactData(ContactKind.EMAIL, "second@menuiserie.example", mail=True))
    save_client(db, replace(solo, contacts=extra))
    db.dispose()
    (item,) = outbox(business_db)
    result = facturier(business_db, "outbox", "send", "--as-is", str(item.id))  # type: ignore[attr-defined]
    assert result.returncode == 0, result.stdout + result.stderr
    (message,) = smtp_server.wait_for_messages(1)
    assert message.rcpt_tos == [SOLO, SENDER]


def test_outbox_list_filters_and_bad_state_is_a_usage_error(business_db: Path) -> None:
    bad = facturier(business_db, "outbox", "list", "--state", "nope")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert facturier(business_db, "outbox", "list", "--all").stdout == ""


def test_a_tampered_pdf_is_named_and_the_rest_of_the_batch_goes_out(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    db = open_database(str(business_db))
    with db.write() as session:
        digest = session.get_one(Document, 1).pdf_sha256
        row = session.get_one(PdfArchive, digest)
        row.data = row.data + b"\n% changed by hand\n"
    db.dispose()
    result = facturier(
        business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001,F-2026-0002"
    )
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "le PDF archivé a été modifié" in line_of(result.stdout, "F-2026-0001")
    assert "\tenvoyé\t" in line_of(result.stdout, "F-2026-0002")
    assert len(smtp_server.wait_for_messages(1)) == 1
