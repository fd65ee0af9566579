"""The settings dialog's services against a real aiosmtpd server and real databases.

The test message (app/services/mail_test.py), the session-only password of
app/mail/transport.py, and what the dialog's Save relies on in app/services/settings.py
(checks, logo, one transaction).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PIL import Image

from app.cli_text import describe
from app.core_text import set_language
from app.domain.kinds import DocumentKind, SmtpSecurity
from app.domain.templates import DEFAULT_TEMPLATES, EmailTemplate
from app.errors import InvalidTemplateError, ValidationError
from app.mail import transport
from app.mail.errors import (
    MissingPasswordError,
    SmtpAuthError,
    SmtpInsecureError,
    SmtpTlsError,
    SmtpUnreachableError,
)
from app.mail.transport import (
    PASSWORD_ENV,
    SmtpAccount,
    get_password,
    session_password,
    set_session_password,
)
from app.services.database import Database
from app.services.documents import get_document
from app.services.mail_test import (
    PasswordSource,
    TestMessageRefusedError,
    keep_smtp_password,
    password_state,
    send_test_message,
    smtp_problem,
)
from app.services.settings import (
    Company,
    InvalidLogoError,
    company_problems,
    get_company,
    prepare_logo,
    save_settings,
    update_company,
)
from app.services.templates import get_template
from tests.conftest import MemoryKeyring
from tests.integration.sending_helpers import clients, invoice
from tests.integration.sending_helpers import configure as send_configure
from tests.smtp_server import SmtpTestServer

SENDER = "contact@acme.fr"


@pytest.fixture(autouse=True)
def no_session_passwords() -> Iterator[None]:
    """The session store is process-wide: every test starts and ends with it empty."""
    transport._session_passwords.clear()
    yield
    transport._session_passwords.clear()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """keyring's own "no backend" keyring: every call raises, as on a bare Linux box."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def configure(db: Database, server: SmtpTestServer, **changes: object) -> Company:
    values: dict[str, object] = {
        "name": "ACME SARL",
        "sender_name": "ACME SARL",
        "sender_address": SENDER,
        "smtp_host": server.host,
        "smtp_port": server.port,
        "smtp_security": SmtpSecurity.STARTTLS,
        "smtp_user": server.user,
    }
    values.update(changes)
    return update_company(db, **values)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the session-only password (app/mail/transport.py) -------------------------------------


def test_session_password_comes_after_the_environment_and_before_the_keyring(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    bob = SmtpAccount("smtp.example.org", 587, SmtpSecurity.STARTTLS, "bob")
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    memory_keyring.set_password("facturier", transport.account_key(bob), "from-keyring")
    set_session_password(bob, "from-session")
    assert get_password(bob) == "from-session"
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert get_password(bob) == "from-env"
    monkeypatch.delenv(PASSWORD_ENV)
    set_session_password(bob, None)  # forgotten: the keyring again
    assert session_password(bob) is None
    assert get_password(bob) == "from-keyring"


def test_session_password_is_per_user_and_server(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    alice = SmtpAccount("h", 587, SmtpSecurity.STARTTLS, "alice")
    set_session_password(alice, "secret-a")
    with pytest.raises(MissingPasswordError):
        get_password(SmtpAccount("h", 587, SmtpSecurity.STARTTLS, "bob"))
    assert get_password(alice) == "secret-a"
    with pytest.raises(MissingPasswordError) as info:  # same user, another server
        get_password(replace(alice, host="evil.example"))
    assert info.value.data["reason"] == "server_changed"
    assert info.value.data["previous"] == "h:587"
    assert session_password("alice") == "secret-a"  # older callers: any server
    set_session_password("alice", "not kept")  # a bare user name names no server
    assert get_password(alice) == "secret-a"
    set_session_password("alice", None)  # ...but forgets them all
    assert session_password(alice) is None


def test_session_password_without_any_keyring(
    monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    bob = SmtpAccount("smtp.example.org", 587, SmtpSecurity.STARTTLS, "bob")
    with pytest.raises(MissingPasswordError) as info:
        get_password(bob)
    assert info.value.data["keyring_error"]  # the keyring's own failure is kept
    assert info.value.data["reason"] == "keyring"
    set_session_password(bob, "typed-in")
    assert get_password(bob) == "typed-in"


# --- the test message ----------------------------------------------------------------------


def test_test_message_reaches_the_server_from_and_to_the_sender(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    configure(db, smtp_server)
    reply = send_test_message(db, timeout=5)
    assert reply.startswith("250")
    (received,) = smtp_server.wait_for_messages(1)
    assert received.mail_from == SENDER
    assert received.rcpt_tos == [SENDER]
    assert received.authenticated_as == smtp_server.user
    message = received.message
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["From"].addresses[0].display_name == "ACME SARL"
    assert [a.addr_spec for a in message["To"].addresses] == [SENDER]
    assert "Facturier" in str(message["Subject"])


def test_wrong_password_is_an_auth_error(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    configure(db, smtp_server)
    with pytest.raises(SmtpAuthError):
        send_test_message(db, timeout=5)
    assert smtp_server.messages == []


def test_no_password_anywhere(
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    configure(db, smtp_server)
    with pytest.raises(MissingPasswordError):
        send_test_message(db, timeout=5)


def test_values_being_edited_are_tried_without_being_saved(
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    saved = update_company(db, name="ACME SARL", smtp_host="smtp.elsewhere.example")
    edited = replace(
        saved,
        sender_address="autre@acme.fr",
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_user=smtp_server.user,
    )
    reply = send_test_message(db, timeout=5, company=edited, password=smtp_server.password)
    assert reply.startswith("250")
    assert smtp_server.wait_for_messages(1)[0].rcpt_tos == ["autre@acme.fr"]
    assert get_company(db) == saved
    assert memory_keyring.passwords == {}


def test_a_refused_message_is_a_typed_error_with_the_reply(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    configure(db, smtp_server)
    smtp_server.behavior.rcpt_replies[SENDER] = "550 5.1.1 Mailbox unavailable"
    with pytest.raises(TestMessageRefusedError) as info:
        send_test_message(db, timeout=5)
    assert info.value.data["smtp_code"] == 550
    assert "Mailbox unavailable" in info.value.data["smtp_reply"]


def test_unreachable_server(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "whatever")
    update_company(
        db, sender_address=SENDER, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_user="u"
    )
    with pytest.raises(SmtpUnreachableError):
        send_test_message(db, timeout=2)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"sender_address": ""}, "sender_address"), ({"smtp_host": ""}, "smtp_host")],
)
def test_incomplete_settings_are_refused_before_connecting(
    db: Database, changes: dict[str, str], field: str
) -> None:
    company = replace(Company(sender_address=SENDER, smtp_host="smtp.example.org"), **changes)
    with pytest.raises(ValidationError) as info:
        send_test_message(db, company=company)
    assert info.value.data["field"] == field


def test_plain_smtp_to_a_remote_host_is_refused(db: Database) -> None:
    company = Company(
        sender_address=SENDER, smtp_host="smtp.example.org", smtp_security=SmtpSecurity.NONE
    )
    problem = smtp_problem(company)
    assert problem is not None and problem.data["reason"] == "plain_to_remote"
    with pytest.raises(SmtpInsecureError):
        send_test_message(db, company=company)
    assert smtp_problem(replace(company, smtp_insecure=True)) is None
    login = replace(company, smtp_host="localhost", smtp_user="bob")
    problem = smtp_problem(login)
    assert problem is not None and problem.data["reason"] == "login_over_plain"


# --- where the password is kept ------------------------------------------------------------


def test_password_kept_in_the_keyring(
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    company = configure(db, smtp_server)
    assert password_state(company).source is PasswordSource.MISSING
    account = SmtpAccount(
        smtp_server.host, smtp_server.port, SmtpSecurity.STARTTLS, company.smtp_user
    )
    set_session_password(account, "an old one")
    assert keep_smtp_password(db, smtp_server.password) is True
    server = f"{smtp_server.host}:{smtp_server.port}"
    assert memory_keyring.passwords == {
        ("facturier", transport.account_key(account)): smtp_server.password,
        ("facturier-smtp-server", smtp_server.user): server,  # not secret: explains
    }
    assert session_password(account) is None  # would hide the keyring's
    assert password_state(company).source is PasswordSource.KEYRING
    assert send_test_message(db, timeout=5).startswith("250")


def test_no_keyring_keeps_the_password_for_the_session(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    company = configure(db, smtp_server)
    state = password_state(company)
    assert state.source is PasswordSource.MISSING and state.keyring_error
    assert keep_smtp_password(db, smtp_server.password) is False
    assert password_state(company).source is PasswordSource.SESSION
    assert send_test_message(db, timeout=5).startswith("250")
    assert smtp_server.wait_for_messages(1)[0].authenticated_as == smtp_server.user


def test_password_state_without_login_or_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "x")
    assert password_state(Company(smtp_user="bob")).source is PasswordSource.ENVIRONMENT
    assert password_state(Company(smtp_user="")).source is PasswordSource.NOT_NEEDED


# --- what the settings dialog's Save relies on (app/services/settings.py) -----------------


def _fields(company: Company) -> dict[str, str]:
    return {str(p.data["field"]): p.code for p in company_problems(company)}


def test_company_problems_name_each_bad_field() -> None:
    assert _fields(Company(name="ACME")) == {}
    bad = Company(
        name="",
        siren="123456789",
        siret="1234",
        vat_number="FR00732829320",
        email="contact@",
        sender_address="not an address",
        iban="FR76 3000 4008 2500 0123 4567 800",
        bic="BNP",
        city="Lyon\nBis",
        smtp_port=0,
    )
    assert _fields(bad) == {
        "name": "client.required",
        "siren": "client.siren",
        "siret": "client.siret",
        "vat_number": "client.vat_number",
        "email": "address.invalid",
        "sender_address": "address.invalid",
        "iban": "settings.iban",
        "bic": "settings.bic",
        "city": "client.control_character",
        "smtp_port": "invalid",
    }


def test_siret_must_start_with_the_siren() -> None:
    company = Company(name="ACME", siren="732829320", siret="40483304800022")
    assert _fields(company) == {"siret": "client.siret_siren"}


def test_save_settings_is_one_transaction(db: Database) -> None:
    update_company(db, name="ACME SARL")
    custom = EmailTemplate("Facture {numero}", "Bonjour {client}")
    with pytest.raises(ValidationError):  # a bad SIREN: neither the name nor the template
        save_settings(db, {"name": "Nouveau nom", "siren": "123"}, {DocumentKind.INVOICE: custom})
    assert get_company(db).name == "ACME SARL"
    assert get_template(db, DocumentKind.INVOICE) == DEFAULT_TEMPLATES[DocumentKind.INVOICE]
    with pytest.raises(InvalidTemplateError):  # a bad template: not the name either
        save_settings(
            db, {"name": "Nouveau nom"}, {DocumentKind.QUOTE: EmailTemplate("{prix}", "")}
        )
    assert get_company(db).name == "ACME SARL"


def test_save_settings_normalizes_and_stores_templates(db: Database) -> None:
    save_settings(
        db, {"name": "ACME"}, {DocumentKind.QUOTE: EmailTemplate("Devis {numero}", "Corps")}
    )
    custom = EmailTemplate("Facture {numero}", "Bonjour {client}")
    company = save_settings(
        db,
        {
            "name": "  ACME SARL ",
            "siren": "732 829 320",
            "siret": "732 829 320 00074",
            "vat_number": "fr 44 732829320",
            "iban": "fr7630004008250001234567886",
            "bic": "bnpafrpp xxx",
        },
        {
            DocumentKind.INVOICE: custom,
            DocumentKind.QUOTE: DEFAULT_TEMPLATES[DocumentKind.QUOTE],  # back to the default
        },
    )
    assert company == get_company(db)
    assert (company.name, company.siren, company.siret) == (
        "ACME SARL",
        "732829320",
        "73282932000074",
    )
    assert company.vat_number == "FR44732829320"
    assert company.iban == "FR76 3000 4008 2500 0123 4567 886"
    assert company.bic == "BNPAFRPPXXX"
    assert get_template(db, DocumentKind.INVOICE) == custom
    assert get_template(db, DocumentKind.QUOTE) == DEFAULT_TEMPLATES[DocumentKind.QUOTE]


def _image(fmt: str, mode: str = "RGB", size: tuple[int, int] = (120, 60)) -> bytes:
    out = BytesIO()
    Image.new(mode, size, (200, 30, 40) if mode == "RGB" else 128).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_logo_becomes_png(fmt: str) -> None:
    png = prepare_logo(_image(fmt))
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (120, 60)


def test_large_logo_is_scaled_down_and_cmyk_converted() -> None:
    png = prepare_logo(_image("JPEG", "CMYK", (4000, 1000)))
    with Image.open(BytesIO(png)) as image:
        assert image.size == (1200, 300)
        assert image.mode == "RGB"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not an image at all", "unreadable"),
        (_image("PNG")[:60], "unreadable"),  # truncated
        (_image("GIF", "L"), "format"),
        (b"\x89PNG" + b"\0" * 11_000_000, "too_large"),
    ],
)
def test_bad_logo_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InvalidLogoError) as info:
        prepare_logo(data)
    assert info.value.data["reason"] == reason


# --- a bad FACTURIER_SMTP_CAFILE is told in full (issue 15, point 13) ----------------------


def test_a_bad_cafile_is_named_not_an_empty_host(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Before: "La connexion sécurisée au serveur de messagerie  a échoué", no host."""
    configure(db, smtp_server)
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    cafile = tmp_path / "missing-ca.pem"
    monkeypatch.setenv("FACTURIER_SMTP_CAFILE", str(cafile))
    with pytest.raises(SmtpTlsError) as caught:
        send_test_message(db, timeout=5)
    set_language("fr")
    try:
        sentence = describe(caught.value)
    finally:
        set_language(None)
    assert sentence.startswith(
        f"Le fichier de certificats indiqué par FACTURIER_SMTP_CAFILE ({cafile}) est "
        "inutilisable\u00a0: "
    )
    assert sentence.endswith("Corrigez cette variable ou supprimez-la\u202f; rien n’a été envoyé.")
    assert "  " not in sentence and "()" not in sentence and "«\u202f»" not in sentence
    assert smtp_server.messages == []


def test_a_bad_cafile_on_the_command_line(
    db: Database,
    db_url: str,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("FACTURIER_SMTP_PASSWORD", raising=False)
    send_configure(db, smtp_server, monkeypatch)
    number = get_document(db, invoice(db, clients(db).two_addresses)).number
    cafile = tmp_path / "missing-ca.pem"
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "FACTURIER_SMTP_CAFILE": str(cafile)}
    env.pop("LC_ALL", None)
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", db_url, "send", "--kind", "invoice",
         "--numbers", str(number)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )  # fmt: skip
    assert result.returncode == 5, result.stdout + result.stderr
    assert f"FACTURIER_SMTP_CAFILE ({cafile}) est inutilisable" in result.stderr
    assert "messagerie  " not in result.stderr and "Traceback" not in result.stderr
    assert smtp_server.messages == []
