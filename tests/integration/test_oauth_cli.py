"""`facturier settings oauth` and sending with the stored token, as processes: the refresh
token goes through the real keyring API (a file backend, tests/file_keyring.py)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.database import Database, open_database
from app.domain.kinds import SmtpAuth
from app.domain.outbox import OutboxState
from app.mail.oauth import forget_access_tokens, token_key
from app.services.documents import get_document
from app.services.outbox import list_outbox
from app.services.settings import get_company, update_company
from tests.file_keyring import BACKEND, PATH_ENV, FileKeyring
from tests.integration.sending_helpers import clients, configure, invoice
from tests.oauth_server import ACCOUNT, OAuthTestServer, click_allow, point_at
from tests.smtp_server import SmtpTestServer

pytestmark = pytest.mark.slow  # a few program starts


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OAuthTestServer]:
    with OAuthTestServer() as server:
        point_at(server, monkeypatch, tmp_path)
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
        monkeypatch.setenv(PATH_ENV, str(tmp_path / "keyring.json"))
        monkeypatch.setenv("LANG", "fr_FR.UTF-8")
        monkeypatch.delenv("DISPLAY", raising=False)  # no browser: the URL is printed
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.delenv("FACTURIER_SMTP_PASSWORD", raising=False)
        yield server
    forget_access_tokens()


def facturier(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def sign_in_from_cli(db: Path) -> tuple[int, str]:
    """Run `settings oauth`, open the printed URL as the user's browser would."""
    command = ["settings", "oauth", "--provider", "google"]
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--db", str(db), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed = []
    for line in process.stdout:
        printed.append(line)
        if line.startswith("http://127.0.0.1:"):
            click_allow(line.strip())
            break
    out, err = process.communicate(timeout=60)
    return process.returncode, "".join(printed) + out + err


def business_db(path: Path, smtp: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> Database:
    db = open_database(str(path))
    configure(db, smtp, monkeypatch)
    monkeypatch.delenv("FACTURIER_SMTP_PASSWORD")
    update_company(db, sender_address=ACCOUNT, smtp_user="")
    return db


def test_cli_signs_in_then_sends_with_the_token_and_a_revoked_one_exits_5(
    env: OAuthTestServer,
    smtp_server: SmtpTestServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp_server.handler.bearer_user = env.bearer_user
    path = tmp_path / "facturier.db"
    db = business_db(path, smtp_server, monkeypatch)
    business = clients(db)
    first, second = (invoice(db, business.two_addresses, str(n)) for n in (100, 200))
    numbers = [str(get_document(db, d).number) for d in (first, second)]

    status, output = sign_in_from_cli(path)

    assert status == 0, output
    assert "Ouvrez cette adresse dans un navigateur" in output and "Connecté" in output
    assert FileKeyring().get_password("facturier", token_key("google", ACCOUNT))
    company = get_company(db)
    assert company.smtp_auth is SmtpAuth.OAUTH2 and company.oauth_provider == "google"
    assert company.smtp_user == ACCOUNT  # XOAUTH2 logs in as the mailbox signed in

    sent = facturier(path, "send", "--kind", "invoice", "--numbers", numbers[0])
    assert sent.returncode == 0, sent.stderr
    (message,) = smtp_server.wait_for_messages(1)
    assert message.authenticated_as == ACCOUNT

    env.revoke()
    held = facturier(path, "send", "--kind", "invoice", "--numbers", numbers[1])
    assert held.returncode == 5, held.stderr
    assert "Connexion Google expirée\u00a0: reconnectez-vous" in held.stderr
    assert "facturier settings oauth --provider google" in held.stderr
    assert len(smtp_server.messages) == 1
    assert [(i.number, i.state) for i in list_outbox(db)] == [(numbers[1], OutboxState.HELD)]
    db.dispose()


def test_cli_without_client_id_or_sender_says_what_is_missing(
    env: OAuthTestServer, tmp_path: Path
) -> None:
    path = tmp_path / "facturier.db"
    open_database(str(path)).dispose()
    no_sender = facturier(path, "settings", "oauth", "--provider", "google")
    assert no_sender.returncode == 2
    assert "facturier settings sender" in no_sender.stderr

    db = open_database(str(path))
    update_company(db, sender_address=ACCOUNT)
    db.dispose()
    unconfigured = facturier(path, "settings", "oauth", "--provider", "microsoft")
    assert unconfigured.returncode == 2
    assert "La connexion avec Microsoft n’est pas configurée" in unconfigured.stderr
    assert "FACTURIER_OAUTH_MICROSOFT_CLIENT_ID" in unconfigured.stderr
