"""SMTP PIPELINING (RFC 2920) in the transport, against the real test server: the commands
go in one write, the replies are classified one by one with the same outcomes as without."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.mail.transport import SendStatus, SmtpConnection, SmtpStage, open_connection
from tests.integration.test_transport import account, invoice
from tests.smtp_server import SmtpTestServer


def connect(server: SmtpTestServer, pipelining: bool = True) -> SmtpConnection:
    return open_connection(account(server, pipelining=pipelining), server.password)


@pytest.fixture
def server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    return smtp_server_factory(tls="starttls", pipelining=True)


@pytest.mark.parametrize(("offered", "wanted"), [(True, True), (True, False), (False, True)])
def test_commands_are_pipelined_only_when_offered_and_wanted(
    smtp_server_factory: Callable[..., SmtpTestServer], offered: bool, wanted: bool
) -> None:
    server = smtp_server_factory(tls="starttls", pipelining=offered)
    with connect(server, pipelining=wanted) as conn:
        assert conn.pipelines is (offered and wanted)
        outcomes = [conn.send(invoice(f"F2026-{n:04d}")) for n in (1, 2)]
    assert [o.status for o in outcomes] == [SendStatus.SENT] * 2
    assert server.handler.pipelined == (2 if offered and wanted else 0)
    assert len(server.messages) == 2


def test_a_refused_client_with_an_accepted_copy_delivers_nothing(server: SmtpTestServer) -> None:
    # The copy to self is accepted, so the server answers DATA with 354: the transport must
    # hang up before any content rather than deliver the copy alone.
    server.behavior.rcpt_replies = {"compta@client.fr": "550 5.1.1 No such user"}
    mail = invoice(to=["compta@client.fr"], cc=["contact@acme.fr"], bcc=[])
    with connect(server) as conn:
        outcome = conn.send(mail, required=["compta@client.fr"])
        assert conn.closed
    assert outcome.status is SendStatus.PERMANENT and outcome.stage is SmtpStage.RCPT
    assert outcome.code == 550 and outcome.connection_lost
    assert outcome.refused == {"compta@client.fr": (550, "5.1.1 No such user")}
    server.behavior.rcpt_replies = {}
    with connect(server) as conn:  # the next message goes normally on a new connection
        assert conn.send(mail, required=["compta@client.fr"]).status is SendStatus.SENT
    assert len(server.messages) == 1  # only that one: the first never arrived, not even a copy


def test_a_refused_mail_from_leaves_the_connection_in_step(server: SmtpTestServer) -> None:
    server.behavior.mail_reply = "451 4.3.2 Try again later"
    with connect(server) as conn:
        first = conn.send(invoice("F2026-0001"))
        server.behavior.mail_reply = None
        second = conn.send(invoice("F2026-0002"))  # the 503s to RCPT and DATA were read
        assert not conn.closed
    assert first.status is SendStatus.TEMPORARY and first.stage is SmtpStage.MAIL
    assert second.status is SendStatus.SENT
    assert server.handler.connections == 1 and len(server.messages) == 1


def test_a_refused_data_command_is_told_and_the_next_message_goes(server: SmtpTestServer) -> None:
    server.behavior.data_command_reply = "554 5.7.1 Message refused by policy"
    with connect(server) as conn:
        first = conn.send(invoice("F2026-0001", cc=[], bcc=[]))
        server.behavior.data_command_reply = None
        second = conn.send(invoice("F2026-0002", cc=[], bcc=[]))
    assert (first.status, first.stage, first.code) == (
        SendStatus.PERMANENT,
        SmtpStage.DATA,
        554,
    )
    assert second.status is SendStatus.SENT and len(server.messages) == 1


def test_every_recipient_refused_is_decided_at_rcpt(server: SmtpTestServer) -> None:
    server.behavior.rcpt_replies = {
        "compta@client.fr": "450 4.2.1 Mailbox busy",
        "direction@client.fr": "550 5.1.1 No such user",
    }
    with connect(server) as conn:
        outcome = conn.send(invoice(cc=[], bcc=[]))
        assert not conn.closed  # DATA was refused (503): RSET, the connection stays
        server.behavior.rcpt_replies = {}
        assert conn.send(invoice("F2026-0002", cc=[], bcc=[])).status is SendStatus.SENT
    assert outcome.status is SendStatus.TEMPORARY and outcome.stage is SmtpStage.RCPT
    assert set(outcome.refused) == {"compta@client.fr", "direction@client.fr"}


def test_a_drop_after_the_final_dot_is_still_unknown(server: SmtpTestServer) -> None:
    server.behavior.drop_after_dot = True
    with connect(server) as conn:
        outcome = conn.send(invoice())
    assert outcome.status is SendStatus.UNKNOWN and outcome.stage is SmtpStage.END_OF_DATA
    assert len(server.messages) == 1  # the server did get it: never resent on its own


def test_a_hang_up_at_rcpt_is_temporary_and_safe(server: SmtpTestServer) -> None:
    server.behavior.hang_up_at = "RCPT"
    with connect(server) as conn:
        outcome = conn.send(invoice())
    assert outcome.status is SendStatus.TEMPORARY and outcome.connection_lost
    assert outcome.stage in (SmtpStage.RCPT, SmtpStage.MAIL)
    assert server.messages == []
