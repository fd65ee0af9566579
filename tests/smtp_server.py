"""A real SMTP server for the tests: aiosmtpd on a free loopback port.

STARTTLS (or implicit TLS) with a certificate from a test CA, AUTH PLAIN/LOGIN with one
fixed account, every received message stored, and a ``Behavior`` that tests change to make
the server misbehave: 4xx/5xx at MAIL, RCPT (per address) or DATA, a dropped connection
right after the final dot, a stall before the reply to DATA, idle or per-message
disconnects, a refused login, a delay before every reply (benchmarks).

Not a test module: import it (``from tests.smtp_server import SmtpTestServer``) from
fixtures, tests or benchmark scripts. Waiting is done on conditions, never fixed sleeps.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, AnyStr

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from app.mail.message import message_from_bytes
from tests.sending_profile import DEFAULT

SMTP_USER = "facturier-test"
SMTP_PASSWORD = "correct horse battery staple"
SERVER_NAME = "smtp.facturier.test"


@dataclass(frozen=True)
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes  # exactly as received, dot-unstuffed
    mail_options: list[str]
    authenticated_as: str | None

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data)


@dataclass
class Behavior:
    """How the server answers; change the fields in a test, before or between sends."""

    mail_reply: str | None = None  # e.g. "451 4.3.2 Try later": refuse every MAIL FROM
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address (any case) -> reply
    data_command_reply: str | None = None  # answer DATA with this instead of 354
    data_replies: list[str] = field(default_factory=list)  # after the dot, one per message
    data_reply: str | None = None  # after the dot, once data_replies is used up
    hang_up_at: str | None = None  # "MAIL", "RCPT" or "DATA": hang up on that command
    drop_after_dot: bool = False  # store the message, then hang up without a reply
    stall_after_dot: float = 0.0  # store the message, then wait this long before 250
    close_after_message: bool = False  # reply 250, then hang up
    idle_timeout: float | None = None  # hang up after this many idle seconds (new conns)
    idle_close_reply: str | None = None  # e.g. "421 4.4.2 Idle timeout" before hanging up
    reject_auth: bool = False  # 535 even for the right password
    reply_delay: float = 0.0  # seconds before every reply (benchmarks)
    max_connections: int = 0  # more at once get "421 Too many connections" (0: no limit)
    on_message: Callable[[ReceivedMessage], None] | None = None  # called in server thread


class RecordingHandler:
    """aiosmtpd handler: applies ``behavior`` and records what happens, thread-safely."""

    def __init__(self, user: str, password: str) -> None:
        self.behavior = Behavior()
        self._user = user.encode()
        self._password = password.encode()
        self._cond = threading.Condition()
        self.messages: list[ReceivedMessage] = []
        self.connections = 0
        self.disconnects = 0
        self.idle_closes = 0
        self.logins = 0
        self.turned_away = 0  # connections refused by ``max_connections``
        self.pipelined = 0  # transactions whose RCPTs came in the same write as MAIL
        self.failed_logins = 0
        # XOAUTH2 (offered only when set): the account a bearer token is valid for, or None
        # (tests.oauth_server.OAuthTestServer.bearer_user).
        self.bearer_user: Callable[[str], str | None] | None = None
        self.pipelining = True  # offer PIPELINING (RFC 2920) in the EHLO reply

    # --- counters -----------------------------------------------------------------------

    def bump(self, counter: str) -> None:
        with self._cond:
            setattr(self, counter, getattr(self, counter) + 1)
            self._cond.notify_all()

    def _store(self, session: Session, envelope: Envelope) -> ReceivedMessage:
        auth = session.auth_data  # what the authenticator accepted (login_data is deprecated)
        login = auth.login if isinstance(auth, LoginPassword) else None
        received = ReceivedMessage(
            mail_from=str(envelope.mail_from),
            rcpt_tos=list(envelope.rcpt_tos),
            data=bytes(envelope.original_content or b""),
            mail_options=list(envelope.mail_options),
            authenticated_as=login.decode() if isinstance(login, bytes) else None,
        )
        with self._cond:
            self.messages.append(received)
            self._cond.notify_all()
        if self.behavior.on_message is not None:
            self.behavior.on_message(received)
        return received

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(predicate, timeout):
                raise TimeoutError("SMTP test server: condition not met in time")

    # --- aiosmtpd hooks -----------------------------------------------------------------

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        # aiosmtpd reads commands from a buffered stream, so pipelined ones are answered in
        # order; it just does not say so in EHLO (real servers do: Postfix, Gmail...).
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        # The client pipelined when its RCPT commands were already here with the MAIL.
        if b"RCPT" in bytes(getattr(server._reader, "_buffer", b"")).upper():
            self.bump("pipelined")
        if self.behavior.hang_up_at == "MAIL":
            await _hang_up(server)
        if self.behavior.mail_reply:
            return self.behavior.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if self.behavior.hang_up_at == "RCPT":
            await _hang_up(server)
        reply = {k.casefold(): v for k, v in self.behavior.rcpt_replies.items()}.get(
            address.casefold()
        )
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        behavior = self.behavior
        if behavior.drop_after_dot:
            self._store(session, envelope)
            await _hang_up(server)
        if behavior.data_replies:
            reply = behavior.data_replies.pop(0)
        else:
            reply = behavior.data_reply or "250 2.0.0 OK queued"
        if not reply.startswith("2"):
            return reply  # refused: the server does not keep it
        self._store(session, envelope)
        if behavior.stall_after_dot:
            await asyncio.sleep(behavior.stall_after_dot)  # stop() cancels it
        if behavior.close_after_message:
            await server.push(reply)
            await _hang_up(server)
        return reply

    def authenticate(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        auth_data: Any,
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self._user
            and auth_data.password == self._password
            and not self.behavior.reject_auth
        )
        self.bump("logins" if ok else "failed_logins")
        if ok:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """SASL XOAUTH2 as Google runs it: a refused token gets a 334 JSON challenge, the
        client answers with an empty line, then 535."""
        if len(args) > 1:
            response: bytes | object = base64.b64decode(args[1], validate=False)
        else:
            response = await server.challenge_auth("")
        if not isinstance(response, bytes):
            return AuthResult(success=False, handled=True)  # aborted: already answered
        fields = dict(part.split("=", 1) for part in response.decode().split("\x01") if "=" in part)
        user, bearer = fields.get("user", ""), fields.get("auth", "")
        token = bearer[len("Bearer ") :] if bearer.startswith("Bearer ") else ""
        check = self.bearer_user
        ok = check is not None and bool(token) and check(token) == user
        self.bump("logins" if ok else "failed_logins")
        if ok:
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        error = {"status": "401", "schemes": "Bearer", "scope": "https://mail.google.com/"}
        await server.challenge_auth(json.dumps(error))
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted"
        )


async def _hang_up(server: SMTP) -> None:
    """Close the connection without a reply; this coroutine is then cancelled."""
    assert server.transport is not None
    server.transport.close()
    await asyncio.Event().wait()  # connection_lost() cancels the session task


class _TestSMTP(SMTP):
    """aiosmtpd's SMTP with the extra misbehaviours and connection tracking."""

    def __init__(self, owner: SmtpTestServer, **kwargs: Any) -> None:
        super().__init__(owner.handler, **kwargs)
        self._owner = owner
        if owner.implicit_tls:
            # The whole connection is TLS, but aiosmtpd only counts STARTTLS as such and
            # would refuse AUTH; implicit TLS satisfies "auth only over TLS" just as well.
            self._auth_require_tls = False

    @property
    def _behavior(self) -> Behavior:
        return self._owner.handler.behavior

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        upgrading = self.transport is not None  # STARTTLS calls this a second time
        limit = self._behavior.max_connections
        if not upgrading and limit and len(self._owner.live) >= limit:
            self._owner.handler.bump("turned_away")
            assert isinstance(transport, asyncio.WriteTransport)
            transport.write(b"421 4.7.0 Too many connections, try later\r\n")
            transport.close()
            self._turned_away = True
            return
        super().connection_made(transport)
        if not upgrading:
            self._owner.live.add(self)
            self._owner.handler.bump("connections")

    def connection_lost(self, error: Exception | None) -> None:
        if getattr(self, "_turned_away", False):
            return  # never a session: nothing of aiosmtpd's to end
        self._owner.live.discard(self)
        super().connection_lost(error)
        self._owner.handler.bump("disconnects")

    async def push(self, status: AnyStr) -> None:
        if self._behavior.reply_delay:
            await asyncio.sleep(self._behavior.reply_delay)
        await super().push(status)

    async def smtp_DATA(self, arg: str) -> None:
        if self._behavior.hang_up_at == "DATA":
            await _hang_up(self)
        reply = self._behavior.data_command_reply
        if reply and self.envelope is not None and self.envelope.rcpt_tos:
            await self.push(reply)
            return
        await super().smtp_DATA(arg)

    def _timeout_cb(self) -> None:
        self._owner.handler.bump("idle_closes")
        reply = self._behavior.idle_close_reply
        if reply and self.transport is not None:
            self._writer.write(reply.encode() + b"\r\n")
        super()._timeout_cb()  # type: ignore[no-untyped-call]


class _Controller(Controller):
    def __init__(self, owner: SmtpTestServer, **kwargs: Any) -> None:
        super().__init__(owner.handler, hostname="127.0.0.1", port=0, **kwargs)
        self._owner = owner

    def factory(self) -> SMTP:
        owner = self._owner
        return _TestSMTP(
            owner,
            hostname=SERVER_NAME,
            tls_context=owner.starttls_context,
            require_starttls=owner.starttls_context is not None,
            auth_required=owner.auth,
            auth_require_tls=True,
            authenticator=owner.handler.authenticate,
            auth_exclude_mechanism=[] if owner.handler.bearer_user else ["XOAUTH2"],
            timeout=owner.handler.behavior.idle_timeout or 300,
            enable_SMTPUTF8=owner.smtputf8,
            data_size_limit=owner.data_size_limit,
        )

    def _trigger_server(self) -> None:
        # Bound to port 0: learn the port the system picked before the first connection.
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


class SmtpTestServer:
    """One server. ``tls``: "starttls", "ssl" (implicit) or None (plain)."""

    def __init__(
        self,
        server_context: ssl.SSLContext | None,
        *,
        tls: str | None = "starttls",
        auth: bool = True,
        smtputf8: bool = True,
        data_size_limit: int | None = 32 * 1024 * 1024,
        user: str = SMTP_USER,
        password: str = SMTP_PASSWORD,
        pipelining: bool = True,
    ) -> None:
        if tls is not None and server_context is None:
            raise ValueError("TLS needs a server context")
        self.handler = RecordingHandler(user, password)
        self.handler.pipelining = pipelining
        self.profile = DEFAULT  # how the program under test is set to talk to it
        self.user = user
        self.password = password
        self.tls = tls
        self.implicit_tls = tls == "ssl"
        self.starttls_context = server_context if tls == "starttls" else None
        self.auth = auth
        self.smtputf8 = smtputf8
        self.data_size_limit = data_size_limit
        self.live: set[_TestSMTP] = set()
        self._controller = _Controller(
            self, ssl_context=server_context if self.implicit_tls else None
        )
        self.host = "127.0.0.1"
        self.port = 0

    def start(self) -> SmtpTestServer:
        self._controller.start()
        self.port = self._controller.port
        # The controller's own start-up probe is a connection too: wait for it to end,
        # then forget it, so that tests count only their own connections.
        handler = self.handler
        handler.wait_for(lambda: 1 <= handler.connections <= handler.disconnects)
        with handler._cond:
            handler.connections = handler.disconnects = 0
        return self

    def stop(self) -> None:
        """Quick and unconditional: open sessions are cut, stalled replies abandoned."""
        loop = self._controller.loop
        if self._controller._thread is None:
            return

        def cut_all() -> None:
            for session in list(self.live):
                if isinstance(session.transport, asyncio.Transport):
                    session.transport.abort()

        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(cut_all)
        self._controller.stop()

    def __enter__(self) -> SmtpTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- conveniences -------------------------------------------------------------------

    @property
    def behavior(self) -> Behavior:
        return self.handler.behavior

    @behavior.setter
    def behavior(self, value: Behavior) -> None:
        self.handler.behavior = value

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self.handler._cond:
            return list(self.handler.messages)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        self.handler.wait_for(predicate, timeout)

    def wait_for_messages(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:
        self.wait_for(lambda: len(self.handler.messages) >= count, timeout)
        return self.messages


@dataclass(frozen=True)
class SmtpCertificates:
    """A test CA and a server certificate for 127.0.0.1, localhost and ::1."""

    ca_path: Path  # PEM of the CA: what FACTURIER_SMTP_CAFILE points to
    _ca: trustme.CA
    _cert: trustme.LeafCert

    @classmethod
    def create(cls, directory: Path) -> SmtpCertificates:
        ca = trustme.CA(organization_name="Facturier test CA")
        cert = ca.issue_cert("127.0.0.1", "localhost", "::1", SERVER_NAME)
        ca_path = directory / "facturier-test-ca.pem"
        ca.cert_pem.write_to_path(str(ca_path))
        return cls(ca_path, ca, cert)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._cert.configure_cert(context)
        return context
