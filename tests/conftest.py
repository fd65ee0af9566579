"""Shared fixtures: real SQLite files (tests/db_fixtures.py) and a real SMTP server."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.backend
import pytest

from tests.imap_server import ImapTestServer, dovecot_binary
from tests.platform_server import PLATFORM_SECRET, PlatformTestServer
from tests.registered_kind import test_kind  # noqa: F401 (a fixture: a kind only tests know)
from tests.sending_profile import DEFAULT, PROFILES, SENDING_MODULES, SendingProfile
from tests.smtp_server import SmtpCertificates, SmtpTestServer

# Qt tests run without a display; tests never touch the user's real keyring or data.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FACTURIER_LANG", "en")
# Mail-settings discovery never looks up a real DNS server from the tests.
os.environ.setdefault("FACTURIER_OFFLINE", "1")

pytest_plugins = ["tests.db_fixtures"]

# aiosmtpd warns about its own deprecated attribute on every login: not ours to fix.
logging.getLogger("mail.log").setLevel(logging.ERROR)


# --- SMTP: a real aiosmtpd server on loopback (tests/smtp_server.py) ---------------------


@pytest.fixture(scope="session")
def smtp_certs(tmp_path_factory: pytest.TempPathFactory) -> SmtpCertificates:
    """A test CA and server certificate, made once per test session."""
    return SmtpCertificates.create(tmp_path_factory.mktemp("smtp-ca"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The sending test suite runs under every sending profile (tests/sending_profile.py)."""
    module = metafunc.module.__name__.rpartition(".")[2]
    if module in SENDING_MODULES and "smtp_server" in metafunc.fixturenames:
        metafunc.parametrize("sending_profile", list(PROFILES), indirect=True)


@pytest.fixture
def sending_profile(request: pytest.FixtureRequest) -> SendingProfile:
    """The profile of this test (the program's default outside the sending modules)."""
    return PROFILES[getattr(request, "param", DEFAULT.name)]


@pytest.fixture
def smtp_server_factory(
    smtp_certs: SmtpCertificates,
    monkeypatch: pytest.MonkeyPatch,
    sending_profile: SendingProfile,
) -> Iterator[Callable[..., SmtpTestServer]]:
    """Start servers with any options (see SmtpTestServer); all stopped at teardown.

    The test CA is trusted through FACTURIER_SMTP_CAFILE for the whole test. Each server
    carries the test's sending profile (``server.profile``), which offers PIPELINING or not
    and which ``sending_helpers.configure`` applies to the program's settings.
    """
    monkeypatch.setenv("FACTURIER_SMTP_CAFILE", str(smtp_certs.ca_path))
    servers: list[SmtpTestServer] = []

    def start(**options: Any) -> SmtpTestServer:
        options.setdefault("pipelining", sending_profile.pipelining)
        server = SmtpTestServer(smtp_certs.server_context(), **options)
        server.profile = sending_profile
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """STARTTLS + AUTH required (user/password: server.user, server.password)."""
    return smtp_server_factory(tls="starttls")


@pytest.fixture
def smtp_ssl_server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """Implicit TLS (SMTPS) + AUTH required."""
    return smtp_server_factory(tls="ssl")


@pytest.fixture
def smtp_plain_server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """Plain SMTP, no TLS and no AUTH (the localhost relay case)."""
    return smtp_server_factory(tls=None, auth=False)


# --- IMAP: a real Dovecot on loopback (tests/imap_server.py) ------------------------------


def _start_dovecot(certs: SmtpCertificates, **options: Any) -> Iterator[ImapTestServer]:
    if dovecot_binary() is None:
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd; .ci/run does)")
    # The SMTP tests' CA issues its certificate too: FACTURIER_SMTP_CAFILE trusts both.
    certificate = certs._ca.issue_cert("127.0.0.1", "localhost")
    server = ImapTestServer(certificate, certs.ca_path, **options).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _dovecot(smtp_certs: SmtpCertificates) -> Iterator[ImapTestServer]:
    yield from _start_dovecot(smtp_certs)


@pytest.fixture(scope="session")
def _dovecot_unflagged(smtp_certs: SmtpCertificates) -> Iterator[ImapTestServer]:
    yield from _start_dovecot(smtp_certs, sent_name="Éléments envoyés", sent_flag=False)


@pytest.fixture
def imap_server(
    _dovecot: ImapTestServer, smtp_certs: SmtpCertificates, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ImapTestServer]:
    """Dovecot (started once per session) with STARTTLS (``starttls_port``) and implicit
    TLS (``ssl_port``); user/password: server.user, server.password; "Sent" has the
    ``\\Sent`` flag. Its folders are emptied after each test."""
    monkeypatch.setenv("FACTURIER_SMTP_CAFILE", str(smtp_certs.ca_path))
    yield _dovecot
    _dovecot.clean()


@pytest.fixture
def imap_server_unflagged(
    _dovecot_unflagged: ImapTestServer,
    smtp_certs: SmtpCertificates,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[ImapTestServer]:
    """Like ``imap_server``, but the Sent folder is "Éléments envoyés", without the flag."""
    monkeypatch.setenv("FACTURIER_SMTP_CAFILE", str(smtp_certs.ca_path))
    yield _dovecot_unflagged
    _dovecot_unflagged.clean()


# --- E-invoicing platform: a real HTTPS server on loopback (tests/platform_server.py) --------


@pytest.fixture
def platform_server(
    smtp_certs: SmtpCertificates, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PlatformTestServer]:
    """An approved platform (AFNOR XP Z12-013 subset) over HTTPS with the session's test CA,
    trusted through FACTURIER_PLATFORM_CAFILE; FACTURIER_PLATFORM_SECRET holds its client
    secret (client id: tests.platform_server.PLATFORM_CLIENT_ID)."""
    monkeypatch.setenv("FACTURIER_PLATFORM_CAFILE", str(smtp_certs.ca_path))
    monkeypatch.setenv("FACTURIER_PLATFORM_SECRET", PLATFORM_SECRET)
    with PlatformTestServer(smtp_certs.server_context()) as server:
        yield server


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring, so tests never read or write the user's real one."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Replace the keyring backend for one test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# --- Postfix: a real submission server on loopback, relaying to a sink ----------------------
# (tests/postfix_server.py). Appended block: its imports are here, with the fixtures.

from tests.postfix_server import PostfixServer, postfix_unavailable  # noqa: E402


@pytest.fixture(scope="session")
def _postfix(smtp_certs: SmtpCertificates) -> Iterator[PostfixServer]:
    reason = postfix_unavailable()
    if reason is not None:
        # CI installs Postfix (.ci/run): there, a missing one is a failure, not a skip.
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"the Postfix tests must run in CI: {reason}")
        pytest.skip(reason)
    # The SMTP tests' CA issues its certificate too: FACTURIER_SMTP_CAFILE trusts both.
    with PostfixServer(smtp_certs._ca.issue_cert("127.0.0.1", "localhost")) as server:
        yield server


@pytest.fixture
def postfix_server(
    _postfix: PostfixServer, smtp_certs: SmtpCertificates, monkeypatch: pytest.MonkeyPatch
) -> PostfixServer:
    """Postfix (started once per session) as a submission server: STARTTLS + AUTH
    (server.user, server.password), PIPELINING; what it accepts is relayed to
    ``server.sink`` (an SmtpTestServer), emptied before each test."""
    monkeypatch.setenv("FACTURIER_SMTP_CAFILE", str(smtp_certs.ca_path))
    _postfix.clear()
    return _postfix
