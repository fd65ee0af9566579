"""The SMTP transport against a real aiosmtpd server (tests/smtp_server.py), no mocks."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

import pytest

from app.domain.kinds import SmtpSecurity
from app.errors import HeaderInjectionError
from app.mail.errors import (
    MissingPasswordError,
    SmtpAuthError,
    SmtpInsecureError,
    SmtpTlsError,
    SmtpUnreachableError,
)
from app.mail.message import PreparedMail, build_message
from app.mail.transport import (
    CAFILE_ENV,
    PASSWORD_ENV,
    SendStatus,
    SmtpAccount,
    SmtpConnection,
    SmtpStage,
    account_key,
    check_account,
    get_password,
    is_local_host,
    open_connection,
)
from tests.conftest import MemoryKeyring
from tests.smtp_server import SmtpTestServer

PDF = b"%PDF-1.7\n" + os.urandom(4096) + b"\n%%EOF\n"
SENDER_NAME = "Société Générale d'Électricité « Ça marche »"


def account(server: SmtpTestServer, timeout: float = 2.0, **changes: object) -> SmtpAccount:
    security = {
        "starttls": SmtpSecurity.STARTTLS,
        "ssl": SmtpSecurity.SSL,
        None: SmtpSecurity.NONE,
    }[server.tls]
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": security,
        "user": server.user if server.auth else None,
        "timeout": timeout,
    }
    values.update(changes)
    return SmtpAccount(**values)  # type: ignore[arg-type]


def connect(server: SmtpTestServer, timeout: float = 2.0) -> SmtpConnection:
    return open_connection(account(server, timeout), server.password if server.auth else None)


def invoice(number: str = "F2026-0001", **overrides: object) -> PreparedMail:
    arguments: dict[str, object] = {
        "sender_name": SENDER_NAME,
        "sender_address": "contact@acme.fr",
        "to": ["compta@client.fr", "direction@client.fr"],
        "cc": ["contact@acme.fr"],
        "bcc": ["archives@acme.fr"],
        "subject": f"Facture {number} – ACME",
        "body": "Bonjour,\n\nVeuillez trouver ci-joint notre facture.\n.\nCordialement,\n",
        "pdf": PDF,
        "pdf_filename": f"{number}.pdf",
    }
    arguments.update(overrides)
    return build_message(**arguments)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- happy paths --------------------------------------------------------------------------


@pytest.mark.parametrize("server_fixture", ["smtp_server", "smtp_ssl_server"])
def test_send_and_parse_back(server_fixture: str, request: pytest.FixtureRequest) -> None:
    server: SmtpTestServer = request.getfixturevalue(server_fixture)
    mail = invoice()
    with connect(server) as conn:
        outcome = conn.send(mail)

    assert outcome.status is SendStatus.SENT
    assert (outcome.code, outcome.stage) == (250, SmtpStage.END_OF_DATA)
    assert "OK" in outcome.reply
    assert outcome.refused == {}
    (received,) = server.messages
    assert received.authenticated_as == server.user
    assert received.data == mail.raw  # sent byte for byte as prepared
    assert received.mail_from == "contact@acme.fr"
    assert received.rcpt_tos == [
        "compta@client.fr",
        "direction@client.fr",
        "contact@acme.fr",
        "archives@acme.fr",
    ]

    msg = received.message
    assert msg["From"].addresses[0].display_name == SENDER_NAME
    assert msg["From"].addresses[0].addr_spec == "contact@acme.fr"
    assert str(msg["Reply-To"]) == "contact@acme.fr"
    assert str(msg["To"]) == "compta@client.fr, direction@client.fr"
    assert str(msg["Cc"]) == "contact@acme.fr"
    assert "Bcc" not in msg and b"archives@acme.fr" not in received.data
    assert str(msg["Subject"]) == "Facture F2026-0001 – ACME"
    assert str(msg["Message-ID"]) == mail.message_id
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "F2026-0001.pdf"
    assert attachment.get_content() == PDF


def test_several_messages_on_one_connection(smtp_server: SmtpTestServer) -> None:
    mails = [invoice(f"F2026-{n:04d}") for n in range(1, 6)]
    with connect(smtp_server) as conn:
        outcomes = [conn.send(m) for m in mails]
        assert conn.messages_sent == 5
        assert conn.is_alive()
    assert [o.status for o in outcomes] == [SendStatus.SENT] * 5
    assert [r.data for r in smtp_server.messages] == [m.raw for m in mails]
    assert smtp_server.handler.connections == 1
    assert smtp_server.handler.logins == 1
    assert smtp_server.handler.pipelined == (5 if smtp_server.profile.pipelining else 0)


def test_smtputf8_address(smtp_server: SmtpTestServer) -> None:
    mail = invoice(to=["zoé@client.fr"], cc=[], bcc=[])
    assert mail.smtputf8
    with connect(smtp_server) as conn:
        assert conn.send(mail).status is SendStatus.SENT
    (received,) = smtp_server.messages
    assert "SMTPUTF8" in received.mail_options
    assert received.rcpt_tos == ["zoé@client.fr"]
    assert received.message["To"].addresses[0].username == "zoé"


def test_smtputf8_needed_but_not_offered(
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    server = smtp_server_factory(smtputf8=False)
    with connect(server) as conn:
        outcome = conn.send(invoice(to=["zoé@client.fr"]))
        assert outcome.status is SendStatus.PERMANENT
        assert outcome.code is None and "SMTPUTF8" in outcome.reply
        assert conn.send(invoice()).status is SendStatus.SENT  # connection still usable
    assert len(server.messages) == 1


def test_plain_smtp_to_localhost_without_login(smtp_plain_server: SmtpTestServer) -> None:
    with connect(smtp_plain_server) as conn:
        assert conn.send(invoice()).status is SendStatus.SENT
    assert len(smtp_plain_server.messages) == 1


# --- per-message outcomes -----------------------------------------------------------------


def test_451_after_data_is_temporary(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.data_replies = ["451 4.3.0 Mail server temporarily rejected message"]
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice())
        assert outcome.status is SendStatus.TEMPORARY
        assert (outcome.code, outcome.stage) == (451, SmtpStage.END_OF_DATA)
        assert "temporarily rejected" in outcome.reply
        assert not outcome.connection_lost and not outcome.safe_to_retry_now
        assert smtp_server.messages == []
        # The transaction was reset: the same connection sends the next one.
        assert conn.send(invoice()).status is SendStatus.SENT
    assert len(smtp_server.messages) == 1


def test_451_to_the_data_command_is_temporary(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.data_command_reply = "451 4.3.2 Please try again later"
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice())
    assert (outcome.status, outcome.code, outcome.stage) == (
        SendStatus.TEMPORARY,
        451,
        SmtpStage.DATA,
    )
    assert not outcome.throttled  # "try again later" is also greylisting: no global pause
    assert smtp_server.messages == []


def test_4xx_at_mail_from_on_a_fresh_connection(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.mail_reply = "450 4.2.1 Too many messages, slow down"
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice())
    assert (outcome.status, outcome.code, outcome.stage) == (
        SendStatus.TEMPORARY,
        450,
        SmtpStage.MAIL,
    )
    assert outcome.throttled and not outcome.safe_to_retry_now


def test_550_on_the_only_recipient_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.rcpt_replies = {"compta@client.fr": "550 5.1.1 No such user"}
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice(to=["compta@client.fr"], cc=[], bcc=[]))
        assert outcome.status is SendStatus.PERMANENT
        assert (outcome.code, outcome.stage) == (550, SmtpStage.RCPT)
        assert outcome.refused == {"compta@client.fr": (550, "5.1.1 No such user")}
        assert conn.send(invoice()).status is SendStatus.SENT
    assert len(smtp_server.messages) == 1


def test_550_on_one_of_two_recipients_is_sent_with_refusal(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.rcpt_replies = {"Direction@client.fr": "550 5.1.1 No such user"}
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice(cc=[], bcc=[]))
    assert outcome.status is SendStatus.SENT
    assert outcome.code == 250
    assert outcome.refused == {"direction@client.fr": (550, "5.1.1 No such user")}
    (received,) = smtp_server.messages
    assert received.rcpt_tos == ["compta@client.fr"]


def test_all_recipients_refused_with_a_4xx_is_temporary(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.rcpt_replies = {
        "compta@client.fr": "550 5.1.1 No such user",
        "direction@client.fr": "452 4.2.2 Mailbox full",
    }
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice(cc=[], bcc=[]))
    assert outcome.status is SendStatus.TEMPORARY
    assert set(outcome.refused) == {"compta@client.fr", "direction@client.fr"}


def test_552_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.data_reply = "552 5.3.4 Message size exceeds fixed limit"
    with connect(smtp_server) as conn:
        outcome = conn.send(invoice())
    assert (outcome.status, outcome.code, outcome.stage) == (
        SendStatus.PERMANENT,
        552,
        SmtpStage.END_OF_DATA,
    )
    assert "size" in outcome.reply
    assert smtp_server.messages == []


def test_size_announced_and_refused_before_data(
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    server = smtp_server_factory(data_size_limit=1000)
    with connect(server) as conn:
        outcome = conn.send(invoice())
    assert (outcome.status, outcome.code, outcome.stage) == (
        SendStatus.PERMANENT,
        552,
        SmtpStage.MAIL,
    )


def test_drop_after_the_final_dot_is_unknown(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.drop_after_dot = True
    conn = connect(smtp_server)
    outcome = conn.send(invoice())
    assert outcome.status is SendStatus.UNKNOWN
    assert outcome.stage is SmtpStage.END_OF_DATA and outcome.code is None
    assert outcome.connection_lost and not outcome.safe_to_retry_now
    assert conn.closed and not conn.is_alive()
    conn.close()
    conn.close()  # never raises, even twice
    assert len(smtp_server.messages) == 1  # the server has it: exactly one copy


@pytest.mark.parametrize(
    "command, stage",
    [("MAIL", SmtpStage.MAIL), ("RCPT", SmtpStage.RCPT), ("DATA", SmtpStage.DATA)],
)
def test_connection_lost_before_the_content_is_temporary(
    smtp_server: SmtpTestServer, command: str, stage: SmtpStage
) -> None:
    smtp_server.behavior.hang_up_at = command
    conn = connect(smtp_server)
    outcome = conn.send(invoice())
    conn.close()
    assert (outcome.status, outcome.stage, outcome.code) == (SendStatus.TEMPORARY, stage, None)
    assert outcome.connection_lost
    assert not outcome.safe_to_retry_now  # fresh connection: not an idle disconnect
    assert smtp_server.messages == []


def test_stall_past_the_timeout_is_unknown(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.stall_after_dot = 30.0
    conn = connect(smtp_server, timeout=1.0)
    outcome = conn.send(invoice())
    conn.close()
    assert outcome.status is SendStatus.UNKNOWN
    assert outcome.stage is SmtpStage.END_OF_DATA
    assert "timed out" in outcome.reply
    assert outcome.connection_lost
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("goodbye", [None, "421 4.4.2 smtp.facturier.test Idle timeout"])
def test_idle_disconnect_detected_then_reconnect(
    smtp_server: SmtpTestServer, goodbye: str | None
) -> None:
    smtp_server.behavior.idle_timeout = 0.5
    smtp_server.behavior.idle_close_reply = goodbye
    first, second = invoice("F1"), invoice("F2")
    conn = connect(smtp_server)
    assert conn.send(first).status is SendStatus.SENT
    smtp_server.wait_for(lambda: smtp_server.handler.idle_closes == 1)

    outcome = conn.send(second)
    assert outcome.status is SendStatus.TEMPORARY
    assert outcome.stage is SmtpStage.MAIL
    assert outcome.connection_lost and outcome.safe_to_retry_now
    assert not conn.is_alive()
    conn.close()

    smtp_server.behavior.idle_timeout = None
    with connect(smtp_server) as again:
        assert again.send(second).status is SendStatus.SENT
    assert [r.data for r in smtp_server.messages] == [first.raw, second.raw]


def test_421_too_many_is_throttling_not_an_idle_disconnect(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.idle_timeout = 0.5
    smtp_server.behavior.idle_close_reply = "421 4.7.0 Too many messages, slow down"
    with connect(smtp_server) as conn:
        assert conn.send(invoice("F1")).status is SendStatus.SENT
        smtp_server.wait_for(lambda: smtp_server.handler.idle_closes == 1)
        outcome = conn.send(invoice("F2"))
    assert (outcome.status, outcome.code) == (SendStatus.TEMPORARY, 421)
    assert outcome.connection_lost and outcome.throttled and not outcome.safe_to_retry_now


def test_server_closing_after_each_message(smtp_server: SmtpTestServer) -> None:
    smtp_server.behavior.close_after_message = True
    conn = connect(smtp_server)
    assert conn.send(invoice("F1")).status is SendStatus.SENT
    outcome = conn.send(invoice("F2"))
    assert outcome.status is SendStatus.TEMPORARY and outcome.safe_to_retry_now
    conn.close()
    assert len(smtp_server.messages) == 1


# --- connection-level errors --------------------------------------------------------------


def test_wrong_password(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(SmtpAuthError) as info:
        open_connection(account(smtp_server), "wrong password")
    assert info.value.code == "smtp.auth"
    assert info.value.data["smtp_code"] == 535
    assert "credentials invalid" in info.value.data["smtp_reply"]
    assert smtp_server.handler.failed_logins >= 1


def test_non_ascii_password_is_an_auth_error(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(SmtpAuthError) as info:
        open_connection(account(smtp_server), "mot-de-passe-été")
    assert info.value.data["reason"] == "credentials_not_ascii"


def test_login_refused_by_server(smtp_ssl_server: SmtpTestServer) -> None:
    smtp_ssl_server.behavior.reject_auth = True
    with pytest.raises(SmtpAuthError):
        connect(smtp_ssl_server)


def test_unreachable_port() -> None:
    lost = SmtpAccount("127.0.0.1", free_port(), SmtpSecurity.STARTTLS, "u", timeout=1)
    with pytest.raises(SmtpUnreachableError) as info:
        open_connection(lost, "secret")
    assert info.value.code == "smtp.unreachable"
    assert info.value.data["reason"] == "refused"
    assert info.value.data["port"] == lost.port


@pytest.mark.parametrize("server_fixture", ["smtp_server", "smtp_ssl_server"])
def test_untrusted_certificate_refused(
    server_fixture: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    server: SmtpTestServer = request.getfixturevalue(server_fixture)
    monkeypatch.delenv(CAFILE_ENV)  # the test CA is no longer trusted
    with pytest.raises(SmtpTlsError) as info:
        connect(server)
    assert info.value.data["reason"] == "certificate"
    assert server.handler.logins == 0 and server.messages == []


def test_starttls_not_offered(smtp_plain_server: SmtpTestServer) -> None:
    starttls = account(smtp_plain_server, security=SmtpSecurity.STARTTLS)
    with pytest.raises(SmtpTlsError) as info:
        open_connection(starttls, None)
    assert info.value.data["reason"] == "starttls_unsupported"


def test_ssl_against_a_starttls_port(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(SmtpTlsError):
        open_connection(account(smtp_server, security=SmtpSecurity.SSL), smtp_server.password)


def test_missing_cafile_is_a_tls_error(
    smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    monkeypatch.setenv(CAFILE_ENV, os.path.join(tmp_path, "missing.pem"))
    with pytest.raises(SmtpTlsError) as info:
        connect(smtp_server)
    assert info.value.data["reason"] == "cafile"


# --- plain SMTP rules ---------------------------------------------------------------------


def test_plain_smtp_to_a_remote_host_refused() -> None:
    remote = SmtpAccount("smtp.example.org", 25, SmtpSecurity.NONE)
    with pytest.raises(SmtpInsecureError) as info:
        open_connection(remote, None)
    assert info.value.data["reason"] == "plain_to_remote"
    check_account(SmtpAccount("smtp.example.org", 25, SmtpSecurity.NONE, insecure=True))


def test_plain_smtp_with_a_password_refused(smtp_plain_server: SmtpTestServer) -> None:
    plain = account(smtp_plain_server)
    with pytest.raises(SmtpInsecureError) as info:
        open_connection(plain, "secret")
    assert info.value.data["reason"] == "login_over_plain"
    with pytest.raises(SmtpInsecureError):
        open_connection(account(smtp_plain_server, user="bob", insecure=True), None)
    assert smtp_plain_server.handler.connections == 0  # refused before connecting


@pytest.mark.parametrize(
    "host, local",
    [("localhost", True), ("127.0.0.1", True), ("::1", True), ("[::1]", True),
     ("127.0.0.2", True), ("LOCALHOST", True), ("smtp.example.org", False),
     ("10.0.0.1", False)],
)  # fmt: skip
def test_is_local_host(host: str, local: bool) -> None:
    assert is_local_host(host) is local


# --- password lookup ----------------------------------------------------------------------


def test_password_from_environment_first(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    bob = SmtpAccount("smtp.example.org", 587, SmtpSecurity.STARTTLS, "bob")
    # Kept for this server and user only (issue 15): smtp://bob@smtp.example.org:587
    memory_keyring.set_password("facturier", account_key(bob), "from-keyring")
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert get_password(bob) == "from-env"
    monkeypatch.delenv(PASSWORD_ENV)
    assert get_password(bob) == "from-keyring"
    assert get_password(SmtpAccount("h", 587, SmtpSecurity.STARTTLS, None)) is None


def test_missing_password_never_prompts(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring, smtp_server: SmtpTestServer
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setattr("builtins.input", _no_prompt)
    monkeypatch.setattr("getpass.getpass", _no_prompt)
    with pytest.raises(MissingPasswordError) as info:
        get_password(account(smtp_server))
    assert info.value.code == "smtp.password_missing"
    with pytest.raises(MissingPasswordError):
        open_connection(account(smtp_server), None)


def test_password_from_keyring_logs_in(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring, smtp_server: SmtpTestServer
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    settings = account(smtp_server)
    memory_keyring.set_password("facturier", account_key(settings), smtp_server.password)
    with open_connection(settings, get_password(settings)) as conn:
        assert conn.is_alive()


def _no_prompt(*args: object, **kwargs: object) -> str:
    raise AssertionError("the transport must never prompt")


# --- header injection through the whole chain ---------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "Facture F1\r\nBcc: victim@example.org"},
        {"sender_name": "ACME\r\nBcc: victim@example.org"},
        {"sender_name": "ACME\nBcc: victim@example.org"},
    ],
)
def test_header_injection_never_reaches_the_server(
    smtp_server: SmtpTestServer, overrides: dict[str, str]
) -> None:
    with pytest.raises(HeaderInjectionError):
        invoice(**overrides)
    assert smtp_server.messages == []
