"""Secrets stay bound to their server (issue 15, points 6, 7 and 8).

The SMTP password is kept under (host, port, user): whoever changes the server's name in
the shared database gets no password from this workstation. The PostgreSQL password is
kept under the whole address without it. Neither is ever printed, and one typed on a
terminal is not echoed.
"""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from sqlalchemy.engine import make_url

from app.cli import main
from app.cli_text import describe
from app.core_text import set_language
from app.db.database import Database
from app.db.location import (
    KEYRING_SERVICE as DATABASE_SERVICE,
)
from app.db.location import (
    PasswordPlace,
    configured_database,
    remember_database,
    set_configured_database,
)
from app.domain.kinds import SmtpSecurity
from app.mail import transport
from app.mail.errors import MissingPasswordError
from app.mail.transport import PASSWORD_ENV, SmtpAccount, get_password, password_key
from app.services.settings import (
    KeyringUnavailableError,
    PasswordInputError,
    get_company,
    store_smtp_password,
    update_company,
)
from tests.conftest import MemoryKeyring

PASSWORD = "s3cr3t-Pa55"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No environment password, no session password, this test's own settings file."""
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    transport._session_passwords.clear()
    yield
    transport._session_passwords.clear()
    set_language(None)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def account(db: Database) -> SmtpAccount:
    company = get_company(db)
    return SmtpAccount(
        company.smtp_host, company.smtp_port, company.smtp_security, company.smtp_user
    )


def mail_account(db: Database, host: str = "smtp.atelier.example", port: int = 587) -> None:
    update_company(
        db,
        smtp_host=host,
        smtp_port=port,
        smtp_security=SmtpSecurity.STARTTLS,
        smtp_user="compta@atelier.example",
    )


# --- point 6: the SMTP password is bound to (host, port, user) ----------------------------


def test_the_password_is_stored_for_the_server_and_user(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    mail_account(db)
    store_smtp_password(db, PASSWORD)
    key = "smtp://compta%40atelier.example@smtp.atelier.example:587"
    assert password_key("SMTP.Atelier.example.", 587, "compta@atelier.example") == key
    assert memory_keyring.passwords[("facturier", key)] == PASSWORD
    assert ("facturier", "compta@atelier.example") not in memory_keyring.passwords
    assert get_password(account(db)) == PASSWORD


@pytest.mark.parametrize(
    "change", [{"smtp_host": "smtp.evil.example"}, {"smtp_port": 2525}], ids=["host", "port"]
)
def test_a_changed_server_in_the_shared_database_gets_no_password(
    db: Database, memory_keyring: MemoryKeyring, change: dict[str, object]
) -> None:
    """Before: any workstation handed its password to whatever host the database named."""
    mail_account(db)
    store_smtp_password(db, PASSWORD)
    update_company(db, **change)  # another workstation, or someone with database access
    with pytest.raises(MissingPasswordError) as caught:
        get_password(account(db))
    data = caught.value.data
    assert data["reason"] == "server_changed"
    assert data["previous"] == "smtp.atelier.example:587"
    assert data["server"] == transport.server_name(get_company(db).smtp_host, account(db).port)
    set_language("fr")
    sentence = describe(caught.value)
    assert sentence.startswith(f"Le serveur de messagerie est maintenant {data['server']}")
    assert "au lieu de smtp.atelier.example:587" in sentence
    assert "«\u202ffacturier settings password\u202f»" in sentence
    update_company(db, smtp_host="smtp.atelier.example", smtp_port=587)  # back: it is there
    assert get_password(account(db)) == PASSWORD


def test_a_password_of_an_older_version_is_never_handed_out(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    """An entry keyed by the user alone does not say which server it was entered for."""
    mail_account(db)
    memory_keyring.set_password("facturier", "compta@atelier.example", "old-password")
    with pytest.raises(MissingPasswordError) as caught:
        get_password(account(db))
    assert caught.value.data["reason"] == "unbound"
    set_language("en")
    assert "stored by an earlier version of Facturier" in describe(caught.value)
    store_smtp_password(db, PASSWORD)  # entered again: bound, and the old entry is gone
    assert ("facturier", "compta@atelier.example") not in memory_keyring.passwords
    assert get_password(account(db)) == PASSWORD


def test_never_stored_and_no_keyring_are_told_apart(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    mail_account(db)
    with pytest.raises(MissingPasswordError) as caught:
        get_password(account(db))
    assert caught.value.data["reason"] == "not_stored"
    set_language("en")
    assert describe(caught.value) == (
        "No password is stored for the mail account compta@atelier.example on "
        "smtp.atelier.example:587: run 'facturier settings password' or set "
        "FACTURIER_SMTP_PASSWORD."
    )


def test_without_a_keyring_the_password_is_kept_for_this_server_only(
    db: Database, no_keyring: None
) -> None:
    mail_account(db)
    with pytest.raises(KeyringUnavailableError):
        store_smtp_password(db, PASSWORD)
    assert get_password(account(db)) == PASSWORD  # this session, this server
    update_company(db, smtp_host="smtp.evil.example")
    with pytest.raises(MissingPasswordError) as caught:
        get_password(account(db))
    assert caught.value.data["reason"] == "server_changed"


@pytest.mark.parametrize(("password", "reason"), [("", "empty"), ("a\nb", "line_break")])
def test_an_unusable_password_is_refused(
    db: Database, memory_keyring: MemoryKeyring, password: str, reason: str
) -> None:
    mail_account(db)
    with pytest.raises(PasswordInputError) as caught:
        store_smtp_password(db, password)
    assert caught.value.data["reason"] == reason
    assert memory_keyring.passwords == {}


def test_settings_smtp_says_at_once_that_a_new_server_needs_the_password(
    db: Database,
    db_url: str,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mail_account(db)
    store_smtp_password(db, PASSWORD)
    set_language("en")
    args = ["--host", "smtp.new.example", "--port", "465", "--security", "ssl"]
    code = main(["--db", db_url, "settings", "smtp", *args, "--user", "compta@atelier.example"])
    assert code == 0
    err = capsys.readouterr().err
    assert err.startswith(
        "The mail server is now smtp.new.example:465 instead of smtp.atelier.example:587"
    )
    assert PASSWORD not in err


# --- point 8: `facturier settings password` -----------------------------------------------


def test_settings_password_reads_one_line_from_a_pipe(
    db: Database,
    db_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mail_account(db)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\nnext line\n"))
    monkeypatch.setattr("getpass.getpass", _no_prompt)
    set_language("fr")
    assert main(["--db", db_url, "settings", "password"]) == 0
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err
    assert "pour compta@atelier.example sur smtp.atelier.example:587" in out
    assert get_password(account(db)) == PASSWORD


def test_settings_password_needs_a_server_and_user_before_anything_is_typed(
    db: Database,
    db_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    update_company(db, smtp_host="smtp.atelier.example")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    set_language("fr")
    assert main(["--db", db_url, "settings", "password"]) == 2
    assert "L’identifiant (--user)\u00a0: Cette valeur est obligatoire." in capsys.readouterr().err
    assert sys.stdin.read() == PASSWORD + "\n"  # not read
    assert memory_keyring.passwords == {}


def test_settings_password_on_a_terminal_is_not_echoed(db: Database, db_url: str) -> None:
    """Before: read with readline, so the terminal showed the password as it was typed."""
    mail_account(db)
    db.dispose()
    env = {
        **os.environ,
        "LANG": "fr_FR.UTF-8",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # nothing stored
    }
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--db", db_url, "settings", "password"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        start_new_session=True,  # the pty becomes its controlling terminal (getpass)
    )
    os.close(secondary)
    try:
        # Typed once the prompt shows (getpass has turned the echo off by then); a program
        # that shows no prompt gets it after a while all the same.
        shown = _read_until(primary, b"sur smtp.atelier.example:587\xc2\xa0: ", required=False)
        os.write(primary, PASSWORD.encode() + b"\n")
        shown += _read_until(primary, None)
        assert process.wait(timeout=60) == 2  # no keyring here: told, and nothing stored
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
    text = shown.decode("utf-8", errors="replace")
    assert PASSWORD not in text  # before: echoed as it was typed
    assert "Mot de passe de messagerie de compta@atelier.example" in text
    assert "le mot de passe n’a pas été enregistré" in text
    assert "Traceback" not in text


def _read_until(fd: int, end: bytes | None, timeout: float = 60, required: bool = True) -> bytes:
    """What the terminal shows, until ``end`` (None: until the program closes it)."""
    found = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the other side is closed
            return found
        if not chunk:
            return found
        found += chunk
        if end is not None and end in found:
            return found
    if not required:
        return found
    raise AssertionError(f"the terminal showed only {found!r}")


def _no_prompt(*args: object, **kwargs: object) -> str:
    raise AssertionError("standard input is not a terminal: no prompt")


# --- point 7: `facturier db use` and the PostgreSQL password ------------------------------


def test_db_use_without_a_keyring_says_the_password_is_written_in_clear(
    pg_url: str,
    no_keyring: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    password = make_url(pg_url).password
    assert password
    set_language("fr")
    assert main(["db", "use", pg_url]) == 0
    out, err = capsys.readouterr()
    settings = tmp_path / "config" / "settings.json"
    assert f"Enregistré dans {settings}." in out
    assert "EN CLAIR" in err and str(settings) in err and "~/.pgpass" in err
    assert password not in out + err  # never printed
    assert json.loads(settings.read_text(encoding="utf-8"))["database"] == pg_url


def test_db_use_with_a_keyring_keeps_the_password_out_of_the_file(
    pg_url: str,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    password = str(make_url(pg_url).password)
    set_language("en")
    assert main(["db", "use", pg_url]) == 0
    out, err = capsys.readouterr()
    assert "kept in the system keyring, for this server only" in out
    assert remember_database(pg_url).password is PasswordPlace.KEYRING
    assert password not in out + err
    stored = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert password not in stored["database"]
    assert configured_database() == pg_url


def test_db_use_of_an_unreachable_server_never_prints_its_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"postgresql+psycopg://bob:{PASSWORD}@127.0.0.1:1/facturier?connect_timeout=3"
    assert main(["db", "use", url]) == 2
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err and "Traceback" not in err
    assert not (tmp_path / "config" / "settings.json").exists()  # nothing remembered


@pytest.mark.parametrize(
    "elsewhere",
    [
        "postgresql+psycopg://compta@evil.example:5432/facturier",
        "postgresql+psycopg://compta@db.local:6543/facturier",
        "postgresql+psycopg://compta@db.local/facturier",
        "postgresql+psycopg://compta@db.local:5432/facturier?host=evil.example",
    ],
    ids=["host", "port", "default-port", "host-option"],
)
def test_the_database_password_is_bound_to_host_and_port(
    memory_keyring: MemoryKeyring, tmp_path: Path, elsewhere: str
) -> None:
    """Already so before issue 15 (the key is the whole address without the password):
    kept as a guard."""
    set_configured_database("postgresql+psycopg://compta:pw@db.local:5432/facturier")
    bare = "postgresql+psycopg://compta@db.local:5432/facturier"
    assert memory_keyring.passwords == {(DATABASE_SERVICE, bare): "pw"}
    settings = tmp_path / "config" / "settings.json"
    settings.write_text(json.dumps({"database": elsewhere}), encoding="utf-8")  # edited
    assert configured_database() == elsewhere  # no password for another server
