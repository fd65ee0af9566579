"""The copy in the Sent folder (IMAP APPEND) against a real Dovecot and a real SMTP server.

A batch is sent by SMTP, then each message is filed in the Sent folder, byte for byte as
the SMTP server received it (Bcc removed), ``\\Seen``, dated when it was sent. An IMAP
server that is down or refuses the login never causes a second send: the copy waits and is
retried on its own. ``settings imap`` / ``imap-password`` as the command line sets them.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app import cli
from app.core_text import set_language
from app.db.archive import utcnow
from app.domain.kinds import DocumentKind, SmtpSecurity
from app.mail.imap_copy import (
    SentFolderNotFoundError,
    copy_wanted,
    imap_account_of,
    imap_password_key,
    open_imap,
    without_bcc,
)
from app.mail.transport import KEYRING_SERVICE
from app.services.batch import prepare_batch
from app.services.database import Database, open_database
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft, validate_document
from app.services.outbox import drain, list_outbox
from app.services.sent_copies import MAX_ATTEMPTS, copy_pending, retry_copies
from app.services.settings import get_company, update_company
from tests.conftest import MemoryKeyring
from tests.imap_server import ImapTestServer
from tests.integration.sending_helpers import clients, configure
from tests.smtp_server import SmtpTestServer


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(str(tmp_path / "facturier.db"), timeout=5)
    try:
        yield database
    finally:
        database.dispose()


def imap_on(
    db: Database,
    server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
    *,
    security: SmtpSecurity = SmtpSecurity.STARTTLS,
    password: str | None = None,
) -> None:
    port = server.starttls_port if security is SmtpSecurity.STARTTLS else server.ssl_port
    update_company(
        db,
        imap_host=server.host,
        imap_port=port,
        imap_security=security,
        imap_user=server.user,
        imap_copy=True,
    )
    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", password or server.password)


def quote(db: Database, client_id: int, amount: str = "100") -> int:
    """A validated quote (its PDF archived): sent like an invoice, with fewer rules."""
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.QUOTE,
            client_id,
            date(2026, 11, 2),
            (LineInput("Prestation", Decimal("1"), Decimal(amount), Decimal("20"), "u"),),
        ),
    )
    return validate_document(db, draft).id


def send_batch(db: Database, count: int) -> list[int]:
    business = clients(db)
    ids = [quote(db, business.accented, str(100 + n)) for n in range(count)]
    prepared = prepare_batch(db, ids)
    result = drain(db, ids=prepared.outbox_ids)
    assert len(result.sent) == count
    return prepared.outbox_ids


def test_without_bcc_removes_only_the_bcc_field() -> None:
    raw = (
        b"From: a@example.org\r\nBcc: secret@example.org,\r\n other@example.org\r\n"
        b"To: b@example.org\r\nSubject: Bcc: not a header\r\n\r\nBcc: stays in the body\r\n"
    )
    assert without_bcc(raw) == (
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Bcc: not a header\r\n"
        b"\r\nBcc: stays in the body\r\n"
    )


def test_a_batch_is_sent_then_filed_in_sent_byte_for_byte(
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(db, smtp_server, monkeypatch)
    imap_on(db, imap_server, monkeypatch)
    ids = send_batch(db, 2)
    assert [i.copy_state for i in list_outbox(db, include_sent=True, ids=ids)] == ["pending"] * 2

    result = copy_pending(db)

    assert result.done == ids and result.error is None and result.folder == "Sent"
    received = [m.data for m in smtp_server.wait_for_messages(2)]
    filed = imap_server.messages()
    # Exactly what was sent (filed in the outbox's order; over several connections the
    # server may have received them in another).
    assert sorted(raw for raw, _flags, _date in filed) == sorted(received)
    assert all(b"\\Seen" in flags for _raw, flags, _date in filed)
    items = list_outbox(db, include_sent=True, ids=ids)
    for item, (_raw, _flags, when) in zip(items, filed, strict=True):
        assert item.copy_state == "done" and item.sent_at is not None
        assert isinstance(when, datetime)
        assert when.astimezone(UTC).replace(tzinfo=None) == item.sent_at.replace(microsecond=0)
    assert copy_pending(db).tried == 0  # nothing left: no second copy
    assert len(imap_server.messages()) == 2


def test_sent_found_by_flag_by_name_and_as_configured(
    db: Database,
    imap_server: ImapTestServer,
    imap_server_unflagged: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imap_on(db, imap_server_unflagged, monkeypatch, security=SmtpSecurity.SSL)
    with open_imap(imap_account_of(get_company(db))) as session:
        assert session.sent_folder() == "Éléments envoyés"  # no flag: its usual name

    imap_on(db, imap_server, monkeypatch, security=SmtpSecurity.SSL)
    with imap_server.client() as client:
        client.create_folder("Sent Items")  # a usual name, but "Sent" has the flag
        client.create_folder("Factures envoyées")
    with open_imap(imap_account_of(get_company(db))) as session:
        assert session.sent_folder() == "Sent"
    update_company(db, imap_sent_folder="Factures envoyées")
    with open_imap(imap_account_of(get_company(db))) as session:
        assert session.sent_folder() == "Factures envoyées"
    update_company(db, imap_sent_folder="Nulle part")
    session = open_imap(imap_account_of(get_company(db)))
    with session, pytest.raises(SentFolderNotFoundError) as caught:
        session.sent_folder()
    assert caught.value.data["reason"] == "configured"


def test_imap_refused_or_down_never_resends_and_the_copy_is_retried_alone(
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(db, smtp_server, monkeypatch)
    imap_on(db, imap_server, monkeypatch, password="wrong password")
    [outbox_id] = send_batch(db, 1)

    # `outbox send` copies after its drain: the copy's failure leaves the exit status alone.
    set_language("fr")
    try:
        run_cli(db, monkeypatch, "outbox", "send")  # exit 0 checked
        listing = run_cli(db, monkeypatch, "outbox", "list", "--all")
    finally:
        set_language(None)
    assert (
        "copie dans Envoyés\u00a0: en attente (dernier essai\u00a0: le serveur IMAP refuse "
        "l’identifiant ou le mot de passe)"
    ) in listing
    [item] = list_outbox(db, include_sent=True, ids=[outbox_id])
    assert (item.state, item.copy_state, item.copy_error) == (
        "sent",
        "pending",
        "imap.auth/rejected",
    )
    assert copy_pending(db).tried == 0  # not due yet: the back-off

    # The server is down (nothing listens there): still one e-mail, the copy waits.
    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", imap_server.password)
    update_company(db, imap_port=closed_port())
    later = utcnow() + timedelta(hours=1)
    down = copy_pending(db, now=later)
    assert down.waiting == [outbox_id]
    [item] = list_outbox(db, include_sent=True, ids=[outbox_id])
    assert item.copy_error == "imap.unreachable/refused"

    # Back up: the copy alone is made, the e-mail is not sent again.
    update_company(db, imap_port=imap_server.starttls_port)
    done = copy_pending(db, now=later + timedelta(days=1))
    assert done.done == [outbox_id]
    assert len(imap_server.messages()) == 1
    assert len(smtp_server.messages) == 1


def test_a_copy_fails_for_good_after_its_attempts_then_the_user_retries_it(
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(db, smtp_server, monkeypatch)
    imap_on(db, imap_server, monkeypatch, password="wrong password")
    [outbox_id] = send_batch(db, 1)
    now = utcnow()
    for attempt in range(MAX_ATTEMPTS):
        copy_pending(db, now=now + timedelta(days=attempt))
    [item] = list_outbox(db, include_sent=True, ids=[outbox_id])
    assert item.copy_state == "failed"
    assert copy_pending(db, now=now + timedelta(days=30)).tried == 0

    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", imap_server.password)
    set_language("fr")
    try:
        out = run_cli(db, monkeypatch, "outbox", "list", "--all")
        assert "échec de la copie dans Envoyés\u00a0: le serveur IMAP refuse l’identifiant" in out
        out = run_cli(db, monkeypatch, "outbox", "resend", str(outbox_id))
        assert "copie dans Envoyés\u00a0: faite" in out
    finally:
        set_language(None)
    assert len(imap_server.messages()) == 1 and len(smtp_server.messages) == 1
    assert retry_copies(db, [outbox_id]) == []  # done: nothing to retry


def test_gmail_files_sent_mail_itself() -> None:
    from app.services.settings import Company

    company = Company(imap_host="imap.example.org", imap_copy=True, smtp_host="smtp.example.org")
    assert copy_wanted(company)
    assert not copy_wanted(
        Company(imap_host="imap.gmail.com", imap_copy=True, smtp_host="smtp.gmail.com")
    )
    assert not copy_wanted(
        Company(imap_host="imap.example.org", imap_copy=True, mail_preset="gmail")
    )
    assert not copy_wanted(Company(imap_host="imap.example.org", imap_copy=False))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the probe is


def run_cli(db: Database, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """``facturier --db … ARGS`` in this process; its standard output (exit 0 checked)."""
    out = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr("sys.stdout", out)
        status = cli.main(["--db", db_path(db), *args])
    assert status == 0, out.getvalue()
    return out.getvalue()


def db_path(db: Database) -> str:
    return str(db.url.database)


def exit_status(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as exit:  # argparse's usage errors
        return int(exit.code or 0)


def test_settings_imap_command(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    update_company(db, smtp_host="smtp.example.org", smtp_user="moi@example.org")
    url = db_path(db)
    status = cli.main(
        ["--db", url, "settings", "imap", "--host", "imap.example.org", "--port", "993",
         "--security", "ssl", "--sent-folder", "Éléments envoyés"]
    )  # fmt: skip
    assert status == 0
    company = get_company(db)
    assert (company.imap_host, company.imap_port, company.imap_security) == (
        "imap.example.org", 993, SmtpSecurity.SSL
    )  # fmt: skip
    assert company.imap_copy and company.imap_sent_folder == "Éléments envoyés"
    assert imap_account_of(company).user == "moi@example.org"  # the SMTP user by default

    monkeypatch.setattr("sys.stdin", io.StringIO("mot de passe IMAP\n"))
    assert cli.main(["--db", url, "settings", "imap-password"]) == 0
    key = imap_password_key("imap.example.org", 993, "moi@example.org")
    assert memory_keyring.passwords[(KEYRING_SERVICE, key)] == "mot de passe IMAP"

    assert cli.main(["--db", url, "settings", "imap", "--off"]) == 0
    assert not get_company(db).imap_copy
    capsys.readouterr()
    for bad in (
        ["--off", "--host", "imap.example.org"],
        ["--host", "imap.example.org"],  # no port nor security
        ["--host", "imap.example.org", "--port", "993", "--security", "none"],
        ["--host", "imap.example.org", "--port", "0", "--security", "ssl"],
        ["--host", "imap example.org", "--port", "993", "--security", "ssl"],
    ):
        assert exit_status("--db", url, "settings", "imap", *bad) == 2
        assert capsys.readouterr().err  # a clear message on standard error
    assert not get_company(db).imap_copy  # nothing changed by the bad ones
