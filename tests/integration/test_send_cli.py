"""`facturier send` / `facturier outbox …` as processes: exit codes, crashes, concurrency."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import open_database
from app.db.models import OutboxMessage
from app.domain.kinds import DocumentKind
from app.domain.outbox import OutboxState
from app.services.documents import ensure_archived_pdf, unsent_ids
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, company_identity, configure, invoice
from tests.smtp_server import ReceivedMessage, SmtpTestServer

BATCH = 50


def facturier(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 validated invoices with archived PDFs, built once and copied by each test."""
    path = tmp_path_factory.mktemp("template") / "facturier.db"
    db = open_database(str(path))
    company_identity(db)
    business = clients(db)
    for index in range(BATCH):
        client = business.two_addresses if index % 2 else business.accented
        ensure_archived_pdf(db, invoice(db, client, str(100 + index)))
    invoice(db, business.no_address)
    db.dispose()
    return path


@pytest.fixture
def business_db(
    template_db: Path,
    tmp_path: Path,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Path]:
    path = tmp_path / "facturier.db"
    shutil.copy(template_db, path)
    db = open_database(str(path))
    configure(db, smtp_server, monkeypatch)
    db.dispose()
    yield path


def outbox_states(path: Path) -> dict[str, OutboxState]:
    db = open_database(str(path))
    try:
        with db.read() as session:
            rows = session.execute(select(OutboxMessage.message_id, OutboxMessage.state))
            return {message_id: OutboxState(state) for message_id, state in rows}
    finally:
        db.dispose()


def received_ids(messages: list[ReceivedMessage]) -> Counter[str]:
    return Counter(str(m.message["Message-ID"]) for m in messages)


def test_send_unsent_then_nothing_left(business_db: Path, smtp_server: SmtpTestServer) -> None:
    result = facturier(business_db, "send", "--kind", "invoice", "--unsent")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert sum("\tenvoyé\t" in line for line in lines) == BATCH
    assert "sans adresse" in result.stdout
    assert lines[-1].startswith(f"{BATCH} envoyé(s), 0 en attente, 0 en échec")
    assert len(smtp_server.wait_for_messages(BATCH)) == BATCH
    again = facturier(business_db, "send", "--kind", "invoice", "--unsent")
    assert again.returncode == 0
    assert len(smtp_server.messages) == BATCH


def test_server_down_leaves_messages_queued_exit_3_then_outbox_send_exit_0(
    business_db: Path,
    smtp_server: SmtpTestServer,
    smtp_server_factory: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp_server.stop()
    result = facturier(
        business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001,F-2026-0002"
    )
    assert result.returncode == 3
    assert "injoignable" in result.stderr and "Traceback" not in result.stderr
    assert set(outbox_states(business_db).values()) == {OutboxState.RETRY_WAIT}
    server = smtp_server_factory()  # type: ignore[operator]
    db = open_database(str(business_db))
    update_company(db, smtp_port=server.port)
    db.dispose()
    listed = facturier(business_db, "outbox", "list")
    assert listed.returncode == 0 and listed.stdout.count("\tretry_wait\t") == 2
    result = facturier(business_db, "outbox", "send")
    assert result.returncode == 0, result.stderr
    assert len(server.wait_for_messages(2)) == 2


def test_later_prepares_only_exit_3(business_db: Path, smtp_server: SmtpTestServer) -> None:
    result = facturier(
        business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0003", "--later"
    )
    assert result.returncode == 3
    assert smtp_server.messages == []
    assert list(outbox_states(business_db).values()) == [OutboxState.HELD]


def test_a_failure_gives_exit_4_and_resend_requeues(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.data_reply = "554 5.7.1 Rejected as spam"
    result = facturier(business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001")
    assert result.returncode == 4
    assert "554" in result.stdout
    listed = facturier(business_db, "outbox", "list").stdout.split("\t")
    assert listed[2] == "failed"
    smtp_server.behavior.data_reply = None
    assert facturier(business_db, "outbox", "resend", listed[0]).returncode == 0
    assert facturier(business_db, "outbox", "send").returncode == 0
    assert len(smtp_server.wait_for_messages(1)) == 1


def test_bad_input_exit_2_and_nothing_written(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    result = facturier(
        business_db, "send", "--kind", "invoice", "--numbers", "F-2026-0001,F-2099-0001"
    )
    assert result.returncode == 2
    assert "F-2099-0001" in result.stderr
    assert outbox_states(business_db) == {}
    assert facturier(business_db, "send", "--kind", "invoice").returncode == 2
    assert facturier(business_db, "outbox", "resend", "12345").returncode == 2


@pytest.mark.parametrize("kill_at", [1, 17, BATCH])
def test_a_killed_send_never_delivers_twice(
    business_db: Path, smtp_server: SmtpTestServer, kill_at: int
) -> None:
    process: list[subprocess.Popen[str]] = []

    def kill_now(message: ReceivedMessage) -> None:
        if len(smtp_server.handler.messages) == kill_at and process:
            os.kill(process[0].pid, signal.SIGKILL)  # the server has it; no reply was read

    smtp_server.behavior.on_message = kill_now
    process.append(
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.main",
                "--db",
                str(business_db),
                "send",
                "--kind",
                "invoice",
                "--unsent",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    process[0].communicate(timeout=300)
    assert process[0].returncode == -signal.SIGKILL
    smtp_server.behavior.on_message = None

    after = facturier(business_db, "outbox", "send")
    assert after.returncode == 4  # the one caught mid-send is reported as uncertain
    assert "incertain" in after.stdout

    states = outbox_states(business_db)
    assert len(states) == BATCH
    delivered = received_ids(smtp_server.messages)
    assert max(delivered.values()) == 1  # never twice
    unknown = {m for m, s in states.items() if s == OutboxState.UNKNOWN}
    # Each connection had at most one message in flight when the process died.
    assert 1 <= len(unknown) <= smtp_server.profile.connections
    assert all(delivered[m] == 1 for m, s in states.items() if s == OutboxState.SENT)
    assert set(states.values()) == {OutboxState.SENT, OutboxState.UNKNOWN}
    assert any(delivered[m] == 1 for m in unknown)  # the one caught after its dot arrived
    assert set(delivered) <= set(states)  # nothing but the batch, nothing lost


def test_two_processes_draining_one_outbox_send_each_message_once(
    business_db: Path, smtp_server: SmtpTestServer
) -> None:
    prepared = facturier(business_db, "send", "--kind", "invoice", "--unsent", "--later")
    assert prepared.returncode == 3
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "ui.main", "--db", str(business_db), "outbox", "send"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "fr_FR.UTF-8"},
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    delivered = received_ids(smtp_server.wait_for_messages(BATCH))
    assert len(delivered) == BATCH and max(delivered.values()) == 1
    assert set(outbox_states(business_db).values()) == {OutboxState.SENT}
    db = open_database(str(business_db))
    assert unsent_ids(db, DocumentKind.INVOICE) == unsent_ids(db, DocumentKind.INVOICE)[:1]
    db.dispose()
    # both really worked: each printed some of the documents
    assert all(out.count("\tenvoyé\t") > 0 for out, _ in outputs), outputs
