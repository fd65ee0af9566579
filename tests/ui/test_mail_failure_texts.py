"""Typed SMTP failures (app.domain.mail_failure) and the settings' sentence for each one:
real servers, real errors, the sentence chosen by the failure, never by the error's text."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from app.domain.kinds import SmtpSecurity
from app.domain.mail_failure import MailFailure
from app.mail.errors import SmtpError
from app.mail.transport import SmtpAccount, open_connection
from tests.smtp_server import SmtpTestServer
from ui.dialogs.settings_texts import connection_failure_text, mail_test_error_text


def _failure(account: SmtpAccount, password: str | None) -> SmtpError:
    with pytest.raises(SmtpError) as info:
        open_connection(account, password)
    return info.value


def _account(server: SmtpTestServer, security: SmtpSecurity, user: str | None) -> SmtpAccount:
    return SmtpAccount(server.host, server.port, security, user, timeout=2)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts the connection and never says hello (a stalled server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        yield listener.getsockname()[1]


def test_a_refused_password_is_typed_and_told(qapp: object, smtp_server: SmtpTestServer) -> None:
    error = _failure(
        _account(smtp_server, SmtpSecurity.STARTTLS, smtp_server.user), "wrong password"
    )
    assert error.failure is MailFailure.REJECTED
    assert error.data["smtp_code"] == 535
    assert mail_test_error_text(error).startswith(
        "The mail server refuses the password (or the user name)."
    )


def test_starttls_not_offered_is_typed_and_told(
    qapp: object, smtp_plain_server: SmtpTestServer
) -> None:
    error = _failure(_account(smtp_plain_server, SmtpSecurity.STARTTLS, None), None)
    assert error.failure is MailFailure.STARTTLS_UNSUPPORTED
    assert error.host == smtp_plain_server.host and error.port == smtp_plain_server.port
    assert mail_test_error_text(error) == (
        f"The mail server {smtp_plain_server.host} does not offer STARTTLS on port "
        f"{smtp_plain_server.port}: choose SSL (port 465)."
    )


def test_a_silent_server_is_a_timeout(qapp: object, silent_port: int) -> None:
    stalled = SmtpAccount("127.0.0.1", silent_port, SmtpSecurity.STARTTLS, None, timeout=0.5)
    error = _failure(stalled, None)
    assert error.failure is MailFailure.TIMEOUT
    assert mail_test_error_text(error) == (
        f"The mail server 127.0.0.1 does not answer on port {silent_port}: check the port and "
        "the Internet connection."
    )


def test_a_closed_port_is_refused(qapp: object) -> None:
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = _failure(SmtpAccount("127.0.0.1", port, SmtpSecurity.STARTTLS, None, timeout=1), None)
    assert error.failure is MailFailure.REFUSED
    assert mail_test_error_text(error) == (
        f"The mail server 127.0.0.1 refuses connections on port {port}: check the port."
    )


def test_the_reason_is_still_its_old_token() -> None:
    """Stored or logged reasons ("timeout") keep meaning the same failure."""
    assert MailFailure.of({"reason": "timeout"}) is MailFailure.TIMEOUT
    assert MailFailure.of({"reason": "no such reason"}) is None
    assert MailFailure.of({}) is None
    assert f"smtp.tls/{MailFailure.CERTIFICATE}" == "smtp.tls/certificate"


@pytest.mark.parametrize(
    "failure",
    [
        MailFailure.REJECTED,
        MailFailure.AUTH_UNSUPPORTED,
        MailFailure.CERTIFICATE,
        MailFailure.STARTTLS_UNSUPPORTED,
        MailFailure.STARTTLS_REFUSED,
        MailFailure.HANDSHAKE,
        MailFailure.UNKNOWN_HOST,
        MailFailure.REFUSED,
        MailFailure.TIMEOUT,
    ],
)
def test_each_connection_failure_has_its_sentence(qapp: object, failure: MailFailure) -> None:
    text = connection_failure_text(failure, "smtp.example", "587")
    assert text and "{" not in text and "%" not in text


def test_a_hang_up_during_tls_means_the_security_does_not_match_the_port(qapp: object) -> None:
    during_tls = connection_failure_text(MailFailure.DISCONNECTED, "smtp.example", "465", True)
    assert during_tls is not None and "does not match the port" in during_tls
    assert connection_failure_text(MailFailure.DISCONNECTED, "smtp.example", "465") is None
