"""The settings' "Tester" as a real sending: each step reported, against a real SMTP server
(aiosmtpd) and a real IMAP server (Dovecot)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.kinds import SmtpSecurity
from app.services.database import Database, open_database
from app.services.mail_test import StepResult, TestStep, run_mail_test
from app.services.settings import get_company, update_company
from tests.imap_server import ImapTestServer
from tests.integration.sending_helpers import SENDER, configure
from tests.smtp_server import SmtpTestServer


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(str(tmp_path / "facturier.db"), timeout=5)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def account(
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Database:
    configure(db, smtp_server, monkeypatch)
    update_company(
        db,
        imap_host=imap_server.host,
        imap_port=imap_server.starttls_port,
        imap_security=SmtpSecurity.STARTTLS,
        imap_user=imap_server.user,
        imap_copy=True,
    )
    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", imap_server.password)
    return db


def test_every_step_succeeds_and_the_message_is_in_sent(
    account: Database, smtp_server: SmtpTestServer, imap_server: ImapTestServer
) -> None:
    seen: list[StepResult] = []
    report = run_mail_test(account, timeout=10, progress=seen.append)

    assert report.ok and report.failed is None
    assert [s.step for s in report.steps] == list(TestStep)
    assert list(report.steps) == seen  # told as they happen
    assert report.steps[-1].detail == "Sent"
    [received] = smtp_server.wait_for_messages(1)
    assert received.rcpt_tos == [SENDER]
    [(raw, flags, _date)] = imap_server.messages()
    assert raw == received.data and b"\\Seen" in flags


def test_an_imap_failure_is_its_own_step_after_one_sent_message(
    account: Database, smtp_server: SmtpTestServer, imap_server: ImapTestServer
) -> None:
    report = run_mail_test(account, timeout=10, imap_password="not the password")

    assert not report.ok
    assert [(s.step, s.ok) for s in report.steps] == [
        (TestStep.CONNECT, True),
        (TestStep.LOGIN, True),
        (TestStep.SEND, True),
        (TestStep.IMAP_LOGIN, False),
    ]
    assert report.steps[-1].code == "imap.auth/rejected"
    assert len(smtp_server.wait_for_messages(1)) == 1
    assert imap_server.messages() == []


def test_a_refused_smtp_login_stops_at_its_step_and_no_imap_step_without_a_copy(
    account: Database, smtp_server: SmtpTestServer
) -> None:
    smtp_server.behavior.reject_auth = True
    report = run_mail_test(account, timeout=10)
    assert [(s.step, s.ok) for s in report.steps] == [
        (TestStep.CONNECT, True),
        (TestStep.LOGIN, False),
    ]
    assert report.steps[-1].code.startswith("smtp.auth")

    smtp_server.behavior.reject_auth = False
    company = get_company(account)
    off = run_mail_test(account, timeout=10, company=replace(company, imap_copy=False))
    assert off.ok and [s.step for s in off.steps][-1] == TestStep.SEND
