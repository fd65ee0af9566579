"""`facturier settings platform`, `platform test|sync`, and `send` over both channels, as
processes against the real SMTP and platform test servers: the lines, the exit statuses,
and a send killed mid-batch (SQLite and PostgreSQL) that never deposits twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import open_database
from app.db.models import OutboxMessage
from app.domain.outbox import OutboxState
from tests.integration.platform_helpers import mixed_invoices, platform_business
from tests.platform_server import PLATFORM_CLIENT_ID, PlatformTestServer
from tests.smtp_server import SmtpTestServer

BATCH = 20


def facturier(
    db: str, *args: str, stdin: str | None = None, lang: str = "fr_FR.UTF-8"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={**os.environ, "LANG": lang},
    )


@pytest.fixture
def business(
    db_url: str,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    db = open_database(db_url)
    try:
        mixed_invoices(db, platform_business(db, smtp_server, platform_server, monkeypatch), BATCH)
    finally:
        db.dispose()
    return db_url


def states(db_url: str) -> Counter[tuple[str, str]]:
    db = open_database(db_url)
    try:
        with db.read() as session:
            return Counter(
                (row.channel, row.state) for row in session.scalars(select(OutboxMessage))
            )
    finally:
        db.dispose()


def test_settings_platform_then_test_and_show(
    db_path: Path, platform_server: PlatformTestServer
) -> None:
    db = str(db_path)
    assert (
        facturier(
            db, "settings", "platform", "--url", "http://pa.example", "--client-id", "x"
        ).returncode
        == 2
    )
    done = facturier(
        db, "settings", "platform", "--url", platform_server.url, "--client-id", PLATFORM_CLIENT_ID
    )
    assert done.returncode == 0, done.stderr
    shown = facturier(db, "settings", "show").stdout
    assert f"platform.url: {platform_server.url}" in shown
    assert f"platform.client_id: {PLATFORM_CLIENT_ID}" in shown
    test = facturier(db, "platform", "test")
    assert test.returncode == 0, test.stderr
    assert "accepte l’identifiant client" in test.stdout


def test_platform_test_with_a_wrong_secret_exits_5(
    db_path: Path, platform_server: PlatformTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(db_path)
    facturier(
        db, "settings", "platform", "--url", platform_server.url, "--client-id", PLATFORM_CLIENT_ID
    )
    monkeypatch.setenv("FACTURIER_PLATFORM_SECRET", "wrong")
    test = facturier(db, "platform", "test")
    assert test.returncode == 5
    assert "refuse l’identifiant client ou le secret" in test.stderr


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_send_prints_each_document_with_its_channel_then_sync_reads_statuses(
    business: str, smtp_server: SmtpTestServer, platform_server: PlatformTestServer
) -> None:
    sent = facturier(business, "send", "--kind", "invoice", "--unsent")

    assert sent.returncode == 0, sent.stdout + sent.stderr
    lines = [line.split("\t") for line in sent.stdout.splitlines() if "\t" in line]
    by_channel = Counter(parts[1] for parts in lines)
    assert by_channel == {"plateforme": 12, "e-mail": 8}, sent.stdout
    assert all(parts[2] == "envoyé" for parts in lines)
    assert len(smtp_server.messages) == 8
    assert len({d.invoice_number for d in platform_server.deposits}) == 12
    assert len(platform_server.deposits) == 12

    listing = facturier(business, "outbox", "list", "--all").stdout.splitlines()
    recipients = Counter(
        line.split("\t")[3].startswith("plateforme\u00a0: SIREN ") for line in listing
    )
    assert recipients == {True: 12, False: 8}

    number = platform_server.deposits[0].invoice_number
    platform_server.advance(number, "202", "203")
    synced = facturier(business, "platform", "sync")
    assert synced.returncode == 0, synced.stderr
    assert f"{number}\t203\tMise à disposition" in synced.stdout
    assert (
        facturier(business, "platform", "sync").stdout.strip().endswith("0 nouveau(x) statut(s).")
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_forcing_email_and_the_platform_down_exit_3(
    business: str, smtp_server: SmtpTestServer, platform_server: PlatformTestServer
) -> None:
    facturier(
        business, "send", "--kind", "invoice", "--numbers", "F-2026-0001", "--channel", "email"
    )
    assert len(smtp_server.messages) == 1 and platform_server.deposits == []
    platform_server.stop()
    down = facturier(business, "send", "--kind", "invoice", "--unsent")
    assert down.returncode == 3, down.stdout + down.stderr
    assert "injoignable" in down.stderr


def test_a_send_killed_mid_batch_never_deposits_twice(
    business: str, smtp_server: SmtpTestServer, platform_server: PlatformTestServer
) -> None:
    # Each call waits a little before the platform handles it: the kill lands while a
    # deposit is on its way, which the platform then takes with nobody left to hear.
    platform_server.slow(0.3, "/flows")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.main",
            "--db",
            business,
            "send",
            "--kind",
            "invoice",
            "--unsent",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def kill_at_the_fifth_deposit() -> None:
        platform_server.wait_for_deposits(5, timeout=120)
        os.kill(process.pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_at_the_fifth_deposit, daemon=True)
    killer.start()
    process.communicate(timeout=300)
    killer.join(timeout=10)
    assert process.returncode == -signal.SIGKILL
    platform_server.slow(0)

    after = facturier(business, "outbox", "send")

    assert after.returncode == 0, after.stdout + after.stderr
    numbers = Counter(d.invoice_number for d in platform_server.deposits)
    assert len(numbers) == 12 and max(numbers.values()) == 1, numbers
    sent = str(OutboxState.SENT)
    assert states(business) == {("platform", sent): 12, ("email", sent): 8}
    assert len(smtp_server.messages) == 8
