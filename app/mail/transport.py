"""The SMTP transport: one verified, logged-in connection that sends prepared messages once.

yagmail opens and logs in the connection (SSL or STARTTLS, with our verifying SSL context);
each message is then sent by hand, MAIL / RCPT / DATA, so that the outcome can be told
apart precisely. What matters most is *where* a failure happens:

- before the final dot of DATA has been handed to the network, the server cannot hold a
  complete message: the failure is TEMPORARY (or PERMANENT on a 5xx) and a retry is safe;
- after the final dot, while waiting for the server's reply, a disconnect or a timeout
  leaves the outcome UNKNOWN: the server may have accepted the message, so it must never
  be resent automatically.

Connection-level problems (login, TLS, network) raise the typed errors of
``app.mail.errors``; per-message results come back as a ``SendOutcome``.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import os
import re
import smtplib
import socket
import ssl
import threading
import urllib.parse
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import TracebackType
from typing import Any

import yagmail

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.domain.mail_failure import MailFailure
from app.domain.oauth_providers import provider_name
from app.mail.errors import (
    MissingPasswordError,
    SmtpAuthError,
    SmtpError,
    SmtpInsecureError,
    SmtpTlsError,
    SmtpUnreachableError,
)
from app.mail.message import PreparedMail
from app.mail.oauth import access_token

PASSWORD_ENV = "FACTURIER_SMTP_PASSWORD"
CAFILE_ENV = "FACTURIER_SMTP_CAFILE"
KEYRING_SERVICE = "facturier"

DEFAULT_PORTS = {SmtpSecurity.SSL: 465, SmtpSecurity.STARTTLS: 587, SmtpSecurity.NONE: 25}
_LOCAL_HOSTS = {"localhost", "localhost.", "ip6-localhost"}
_QUIT_TIMEOUT = 5.0
_MIN_UPLOAD_RATE = 20_000  # bytes per second
# Heuristic for "slow down" replies; providers word them differently.
_THROTTLING = re.compile(
    # Not "try again later": greylisting and busy mailboxes say that too.
    r"rate|too many|throttl|limit|slow down|4\.7\.28",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SmtpAccount:
    host: str
    port: int
    security: SmtpSecurity
    user: str | None = None
    insecure: bool = False  # allows plain SMTP to a non-local host (never a login)
    timeout: float = 30.0  # seconds, for connecting and for every reply
    # OAUTH2: SASL XOAUTH2 as ``user`` with an access token of ``oauth_provider``
    # ("google", "microsoft"; app.mail.oauth) instead of a password.
    auth: SmtpAuth = SmtpAuth.PASSWORD
    oauth_provider: str = ""
    # Send MAIL, every RCPT and DATA in one write when the server offers PIPELINING
    # (RFC 2920): two round trips per message instead of three plus one per recipient.
    pipelining: bool = True

    @property
    def uses_oauth(self) -> bool:
        return self.auth is SmtpAuth.OAUTH2 and bool(self.user)


class SendStatus(StrEnum):
    SENT = "sent"  # accepted (maybe with some recipients refused: see ``refused``)
    TEMPORARY = "temporary"  # 4xx, or lost before the end of DATA: retry later
    PERMANENT = "permanent"  # 5xx, or every recipient refused: do not retry
    UNKNOWN = "unknown"  # lost after the final dot: the server may have it


class SmtpStage(StrEnum):
    """The step at which the outcome was decided."""

    MAIL = "mail"
    RCPT = "rcpt"
    DATA = "data"  # the DATA command itself, before 354
    BODY = "body"  # sending the content, before the final dot is out
    END_OF_DATA = "end_of_data"  # the reply to the final dot


@dataclass(frozen=True)
class SendOutcome:
    status: SendStatus
    stage: SmtpStage
    # The decisive reply: code (None when no reply came) and its text. When no reply came,
    # ``reply`` describes what happened instead (e.g. "Connection unexpectedly closed").
    code: int | None
    reply: str
    # Recipients refused at RCPT: address -> (code, text). Set also when status is SENT.
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    # Recipients accepted at RCPT: address -> (code, text).
    accepted: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    # The connection is closed now; reconnect before sending anything else.
    connection_lost: bool = False
    # Nothing of this message reached the server and an already used connection was
    # found closed at MAIL FROM (idle disconnect): reconnect and send it again at once.
    # Never set on a fresh connection, so a reconnect-and-retry loop cannot spin.
    safe_to_retry_now: bool = False

    @property
    def throttled(self) -> bool:
        """A 4xx that reads like "too many messages, slow down" (heuristic)."""
        return (
            self.status is SendStatus.TEMPORARY
            and self.code is not None
            and not self.safe_to_retry_now
            and (self.code == 421 or bool(_THROTTLING.search(self.reply)))
        )


def is_local_host(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name in _LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_account(account: SmtpAccount) -> None:
    """Refuse settings that would send in clear: ``SmtpInsecureError`` (reason given)."""
    if account.security is not SmtpSecurity.NONE:
        return
    if account.user:
        raise SmtpInsecureError(
            "no login over plain SMTP", reason=MailFailure.LOGIN_OVER_PLAIN, host=account.host
        )
    if not account.insecure and not is_local_host(account.host):
        raise SmtpInsecureError(
            "plain SMTP to a remote host", reason=MailFailure.PLAIN_TO_REMOTE, host=account.host
        )


def make_ssl_context() -> ssl.SSLContext:
    """The system's trust store plus ``FACTURIER_SMTP_CAFILE``; verification always on."""
    context = ssl.create_default_context()
    cafile = os.environ.get(CAFILE_ENV)
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise SmtpTlsError(str(exc), reason=MailFailure.CAFILE, cafile=cafile) from exc
    return context


# --- the password: bound to the server it was entered for ----------------------------------
#
# A password is stored (keyring) and kept (session) under ``password_key(host, port, user)``,
# never under the user name alone: the server's name lives in the shared database, and
# whoever changes it there must not receive this workstation's password. A changed server
# therefore has no password until the user enters it again (``MissingPasswordError`` with
# ``MailFailure.SERVER_CHANGED``). Entries of versions that keyed by user only are not used:
# nothing tells which server they were entered for (``MailFailure.UNBOUND``).

# Not secret: which server each user's password was last stored for, so that a changed
# server can be told apart from a password never entered.
SERVER_NOTE_SERVICE = "facturier-smtp-server"

_session_passwords: dict[str, str] = {}  # password_key -> password
_session_lock = threading.Lock()


def server_name(host: str, port: int) -> str:
    """``smtp.example.org:587``: the host as the connection uses it, lower case, without a
    final dot, an IPv6 address in brackets."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if ":" in name:
        name = f"[{name}]"
    return f"{name}:{port}"


def password_key(host: str, port: int, user: str) -> str:
    """Where the password of ``user`` on that server is kept: ``smtp://USER@HOST:PORT``, the
    user percent-encoded (it is often an address)."""
    return f"smtp://{urllib.parse.quote(user, safe='')}@{server_name(host, port)}"


def account_key(account: SmtpAccount) -> str:
    return password_key(account.host, account.port, account.user or "")


def _user_of(key: str) -> str:
    return urllib.parse.unquote(key[len("smtp://") :].rpartition("@")[0])


def _server_of(key: str) -> str:
    return key.rpartition("@")[2]


def set_session_password(account: SmtpAccount | str, password: str | None) -> None:
    """Keep ``password`` for this account's server and user in memory until the program
    ends (None forgets it): the fallback when no keyring can store it. It is never written
    anywhere, and never given to another server.

    A bare user name (older callers) names no server: it can only forget (every server's
    password of that user); a password given with it is not kept.
    """
    with _session_lock:
        if isinstance(account, SmtpAccount):
            if not account.user:
                return
            if password:
                _session_passwords[account_key(account)] = password
            else:
                _session_passwords.pop(account_key(account), None)
        elif not password:
            for key in [k for k in _session_passwords if _user_of(k) == account]:
                del _session_passwords[key]


def session_password(account: SmtpAccount | str) -> str | None:
    """This session's password for the account (its server and user). With a bare user
    name (older callers): whether this session keeps one for that user on any server."""
    with _session_lock:
        if isinstance(account, SmtpAccount):
            return _session_passwords.get(account_key(account)) if account.user else None
        return next((v for k, v in _session_passwords.items() if _user_of(k) == account), None)


def store_password(account: SmtpAccount, password: str) -> None:
    """Store the password in the system keyring for this server and user only, note which
    server it is for, and drop an entry of an older version keyed by the user name alone.

    Raises whatever the keyring raises (no backend, locked store...); a keyring that stores
    nothing (keyring's null backend) raises ``RuntimeError``.
    """
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    user = account.user or ""
    key = account_key(account)
    keyring.set_password(KEYRING_SERVICE, key, password)
    if keyring.get_password(KEYRING_SERVICE, key) != password:
        raise RuntimeError("the keyring did not keep the password")
    with contextlib.suppress(Exception):  # only explains a missing password later
        keyring.set_password(SERVER_NOTE_SERVICE, user, server_name(account.host, account.port))
    with contextlib.suppress(Exception):  # nothing stored under the bare user name
        if keyring.get_password(KEYRING_SERVICE, user) is not None:
            keyring.delete_password(KEYRING_SERVICE, user)


def get_password(account: SmtpAccount) -> str | None:
    """``FACTURIER_SMTP_PASSWORD``, else this session's password for this server and user
    (``set_session_password``), else the keyring's (service "facturier", user name
    ``password_key(host, port, user)``).

    None when the account has no user (no login) or signs in with OAuth2 (the token is
    obtained by ``open_connection``). Never prompts: a missing password is
    ``MissingPasswordError``, whose ``reason`` says why: "server_changed" (a password is
    kept for this user on another server, ``data['previous']``), "unbound" (only an entry
    of an older version, which does not say its server), "keyring" (the keyring itself
    failed, ``data['keyring_error']``) or "not_stored".
    """
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    if not account.user or account.uses_oauth:
        return None
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    from_session = session_password(account)
    if from_session:
        return from_session
    key = account_key(account)
    keyring_error = ""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, key)
    except Exception as exc:  # no backend, locked store, D-Bus down...
        stored, keyring_error = None, f"{type(exc).__name__}: {exc}"
    if stored:
        return str(stored)
    raise MissingPasswordError(
        "no SMTP password",
        user=account.user,
        host=account.host,
        port=account.port,
        server=server_name(account.host, account.port),
        keyring_error=keyring_error,
        **_why_missing(account, keyring_error),
    )


def _why_missing(account: SmtpAccount, keyring_error: str) -> dict[str, str | MailFailure]:
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    user, here = account.user or "", server_name(account.host, account.port)
    with _session_lock:
        kept = [_server_of(k) for k in _session_passwords if _user_of(k) == user]
    previous = next((s for s in kept if s != here), "")
    legacy = False
    if not keyring_error:
        try:
            previous = previous or str(keyring.get_password(SERVER_NOTE_SERVICE, user) or "")
            legacy = keyring.get_password(KEYRING_SERVICE, user) is not None
        except Exception:  # only the explanation is lost
            pass
    if previous and previous != here:
        return {"reason": MailFailure.SERVER_CHANGED, "previous": previous}
    if legacy:
        return {"reason": MailFailure.UNBOUND}
    return {"reason": MailFailure.KEYRING if keyring_error else MailFailure.NOT_STORED}


def open_connection(account: SmtpAccount, password: str | None) -> SmtpConnection:
    """Connect, secure and log in. Raises ``SmtpError`` subclasses; never prompts.

    An OAuth2 account ignores ``password``: its access token is refreshed first when it
    has less than five minutes left (``app.mail.oauth.access_token``), so that no session
    waits on the token endpoint, and once more if the server refuses it.
    """
    check_account(account)
    if account.security is SmtpSecurity.NONE and password:
        raise SmtpInsecureError(
            "no password over plain SMTP", reason=MailFailure.LOGIN_OVER_PLAIN, host=account.host
        )
    token: str | None = None
    if account.uses_oauth:
        token = access_token(account.oauth_provider, account.user or "")
        password = None
    elif account.user and not password:
        raise MissingPasswordError("no SMTP password", user=account.user, host=account.host)

    context = make_ssl_context() if account.security is not SmtpSecurity.NONE else None
    smtp_kwargs: dict[str, Any] = {
        "timeout": account.timeout,
        "local_hostname": _local_hostname(),
    }
    if account.security is SmtpSecurity.SSL:
        smtp_kwargs["context"] = context  # handed to smtplib.SMTP_SSL by yagmail
    client = _YagmailClient(
        # A one-entry dict keeps the login as typed (a bare "bob" would become
        # "bob@gmail.com" in yagmail).
        user={account.user: account.user} if account.user else None,
        password=password,
        host=account.host,
        port=account.port,
        smtp_ssl=account.security is SmtpSecurity.SSL,
        smtp_starttls=(
            {"context": context} if account.security is SmtpSecurity.STARTTLS else False
        ),
        smtp_skip_login=not account.user or token is not None,
        soft_email_validation=False,
        **smtp_kwargs,
    )
    try:
        client.login()
        smtp = client.smtp
        smtp.ehlo_or_helo_if_needed()  # no login: yagmail did not greet on SSL/plain
        if token is not None:
            client.xoauth2_login(account, token)
    except Exception as exc:
        client.abandon()
        raise _connection_error(exc, client.stage, account) from exc
    return SmtpConnection(account, client)


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response, before base64 (Google's and Microsoft's format)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


class SmtpConnection:
    """One open, logged-in SMTP session. Not thread-safe: one drain uses it at a time."""

    def __init__(self, account: SmtpAccount, client: _YagmailClient) -> None:
        self.account = account
        self._client = client
        self._smtp: smtplib.SMTP = client.smtp
        self._transactions = 0  # MAIL FROM commands sent on this connection
        self.messages_sent = 0
        self.pipelines = account.pipelining and self.supports("pipelining")

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._smtp.sock is None

    def supports(self, extension: str) -> bool:
        return bool(self._smtp.has_extn(extension))

    def is_alive(self) -> bool:
        """NOOP round trip; False (and closed) when the server has gone."""
        if self.closed:
            return False
        try:
            code, _ = self._smtp.noop()
        except (smtplib.SMTPException, OSError):
            self._smtp.close()
            return False
        if code != 250:
            self._smtp.close()
            return False
        return True

    def close(self) -> None:
        """QUIT politely if possible; never raises."""
        self._client.is_closed = True  # yagmail's __del__ must not QUIT again
        smtp = self._smtp
        try:
            if smtp.sock is not None:
                smtp.sock.settimeout(min(self.account.timeout, _QUIT_TIMEOUT))
                smtp.quit()
        except Exception:  # the connection is being dropped anyway
            pass
        finally:
            with contextlib.suppress(Exception):
                smtp.close()

    def send(self, mail: PreparedMail, required: Collection[str] = ()) -> SendOutcome:
        """Send one prepared message once; the outcome tells what the server did.

        ``required``: when the server refuses every one of these addresses (the client's),
        the message is not sent at all, so that a copy to self never arrives alone.
        """
        if not mail.envelope_to:
            raise ValueError("a prepared message always has at least one recipient")
        smtp = self._smtp
        options: list[str] = []
        if self.supports("size"):
            options.append(f"SIZE={len(mail.raw)}")
        if mail.smtputf8:
            if not self.supports("smtputf8"):
                return SendOutcome(
                    SendStatus.PERMANENT,
                    SmtpStage.MAIL,
                    None,
                    "SMTPUTF8 not supported by server",
                    connection_lost=self.closed,
                )
            options.append("SMTPUTF8")
            if self.supports("8bitmime"):
                options.append("BODY=8BITMIME")
        fresh = self._transactions == 0
        self._transactions += 1
        wanted = {a.lower() for a in required}
        try:
            if self.pipelines:
                return self._pipelined(mail, options, fresh, wanted)
            return self._transaction(mail, options, fresh, wanted)
        finally:
            smtp.command_encoding = "ascii"  # smtplib leaves it at utf-8 after SMTPUTF8

    # --- the steps of one transaction ---------------------------------------------------

    def _transaction(
        self, mail: PreparedMail, options: list[str], fresh: bool, required: set[str]
    ) -> SendOutcome:
        smtp = self._smtp

        # MAIL FROM. A connection found closed here has received nothing of this message.
        try:
            code, text = smtp.mail(mail.envelope_from, options)
        except smtplib.SMTPException as exc:  # disconnect, timeout, unreadable reply
            idle_drop = isinstance(exc, smtplib.SMTPServerDisconnected) and not fresh
            return self._lost(SmtpStage.MAIL, str(exc), safe_to_retry_now=idle_drop)
        if code != 250:
            if code == 421:  # the server is closing the connection
                smtp.close()
            return self._refused(SmtpStage.MAIL, code, text, safe_to_retry_now=not fresh)

        # RCPT TO, one per recipient.
        answers = self._recipients(mail, smtp.rcpt)
        if isinstance(answers, SendOutcome):
            return answers
        refused, accepted = answers
        refusal = self._refusal(mail, required, refused, accepted)
        if refusal is not None:
            self._reset()
            return refusal

        # DATA command.
        try:
            smtp.putcmd("data")
            code, text = smtp.getreply()
        except smtplib.SMTPException as exc:
            return self._lost(SmtpStage.DATA, str(exc), refused=refused)
        if code != 354:
            if code == 421:
                smtp.close()
            return self._refused(SmtpStage.DATA, code, text, refused=refused)
        return self._content(mail, refused, accepted)

    def _pipelined(
        self, mail: PreparedMail, options: list[str], fresh: bool, required: set[str]
    ) -> SendOutcome:
        """MAIL, every RCPT and DATA in one write, then their replies read one by one
        (RFC 2920), each classified as in ``_transaction``. Nothing of the content has left
        before the reply to DATA has been read, so every failure up to there is safe."""
        smtp = self._smtp
        if any(option.upper() == "SMTPUTF8" for option in options):
            smtp.command_encoding = "utf-8"
        tail = " " + " ".join(options) if options else ""
        commands = [f"mail FROM:{smtplib.quoteaddr(mail.envelope_from)}{tail}"]
        commands += [f"rcpt TO:{smtplib.quoteaddr(a)}" for a in mail.envelope_to]
        commands.append("data")
        try:
            smtp.send("".join(f"{command}\r\n" for command in commands))
            code, text = smtp.getreply()
        except smtplib.SMTPException as exc:
            idle_drop = isinstance(exc, smtplib.SMTPServerDisconnected) and not fresh
            return self._lost(SmtpStage.MAIL, str(exc), safe_to_retry_now=idle_drop)
        if code != 250:
            # The RCPTs and DATA that followed are answered too (503): read them so that
            # the next transaction's replies are its own.
            self._drain_replies(len(mail.envelope_to) + 1, closing=code == 421)
            return self._refused(SmtpStage.MAIL, code, text, safe_to_retry_now=not fresh)

        answers = self._recipients(mail, lambda _address: smtp.getreply())
        if isinstance(answers, SendOutcome):
            return answers
        refused, accepted = answers
        try:
            code, text = smtp.getreply()
        except smtplib.SMTPException as exc:
            return self._lost(SmtpStage.DATA, str(exc), refused=refused)
        refusal = self._refusal(mail, required, refused, accepted)
        if refusal is not None:
            if code in (354, 421):
                # 354: the server would take the content for the recipients left (the copy
                # to self): hang up before any of it, so that nothing is delivered at all.
                smtp.close()
            else:
                self._reset()
            return replace(refusal, connection_lost=self.closed)
        if code != 354:
            if code == 421:
                smtp.close()
            return self._refused(SmtpStage.DATA, code, text, refused=refused)
        return self._content(mail, refused, accepted)

    def _recipients(
        self, mail: PreparedMail, reply_to: Callable[[str], tuple[int, bytes]]
    ) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]] | SendOutcome:
        """Each envelope recipient's reply to its RCPT (``reply_to`` sends it, or reads the
        reply of one already sent): (refused, accepted), or the outcome when the
        connection broke or the server is closing it."""
        refused: dict[str, tuple[int, str]] = {}
        accepted: dict[str, tuple[int, str]] = {}
        for address in mail.envelope_to:
            try:
                code, text = reply_to(address)
            except smtplib.SMTPException as exc:
                return self._lost(SmtpStage.RCPT, str(exc), refused=refused)
            if code == 421:
                self._smtp.close()
                return self._refused(SmtpStage.RCPT, code, text, refused=refused)
            if code in (250, 251):
                accepted[address] = (code, _text(text))
            else:
                refused[address] = (code, _text(text))
        return refused, accepted

    def _refusal(
        self,
        mail: PreparedMail,
        required: set[str],
        refused: dict[str, tuple[int, str]],
        accepted: dict[str, tuple[int, str]],
    ) -> SendOutcome | None:
        """The outcome when no address, or none of the client's, was accepted: the
        message must not go (the copy to self never arrives alone); else None."""
        needed = [a for a in mail.envelope_to if a.lower() in required]
        if accepted and not (needed and all(a in refused for a in needed)):
            return None
        decisive = {a: refused[a] for a in needed} if needed else refused
        first_code, first_text = next(iter(decisive.values()))
        any_temporary = any(400 <= c < 500 for c, _ in decisive.values())
        status = SendStatus.TEMPORARY if any_temporary else SendStatus.PERMANENT
        return self._outcome(status, SmtpStage.RCPT, first_code, first_text, refused, accepted)

    def _drain_replies(self, count: int, *, closing: bool) -> None:
        """Read ``count`` replies of commands already sent; drop the connection when the
        server is closing it or they do not come."""
        if not closing:
            try:
                for _ in range(count):
                    self._smtp.getreply()
                return
            except smtplib.SMTPException:
                pass
        self._smtp.close()

    def _content(
        self,
        mail: PreparedMail,
        refused: dict[str, tuple[int, str]],
        accepted: dict[str, tuple[int, str]],
    ) -> SendOutcome:
        """After 354: the content, the final dot and the reply that decides."""
        smtp = self._smtp

        # Content, then the final dot. Until sendall() returns, the terminating dot has
        # not left us entirely, so the server cannot hold a complete message.
        payload = _dot_stuffed(mail.raw)
        sock = smtp.sock
        if sock is not None:
            # sendall()'s timeout bounds the whole transfer: leave a big PDF on a slow
            # uplink the time it needs (at least 20 kB/s).
            sock.settimeout(max(self.account.timeout, len(payload) / _MIN_UPLOAD_RATE))
        try:
            smtp.send(payload)
        except smtplib.SMTPException as exc:
            return self._lost(SmtpStage.BODY, str(exc), refused=refused)
        if smtp.sock is not None:
            smtp.sock.settimeout(self.account.timeout)

        # The reply to the final dot: from here on, silence means "maybe delivered".
        try:
            code, text = smtp.getreply()
        except smtplib.SMTPException as exc:
            smtp.close()
            return self._outcome(SendStatus.UNKNOWN, SmtpStage.END_OF_DATA, None, str(exc), refused)
        if 200 <= code < 300:
            self.messages_sent += 1
            return self._outcome(
                SendStatus.SENT, SmtpStage.END_OF_DATA, code, text, refused, accepted
            )
        if 400 <= code < 600:
            if code == 421:
                smtp.close()
            else:
                self._reset()
            status = SendStatus.TEMPORARY if code < 500 else SendStatus.PERMANENT
            return self._outcome(status, SmtpStage.END_OF_DATA, code, text, refused)
        # Garbage (code -1) or a nonsense code after the dot: nobody knows.
        smtp.close()
        return self._outcome(SendStatus.UNKNOWN, SmtpStage.END_OF_DATA, code, text, refused)

    def _lost(
        self,
        stage: SmtpStage,
        detail: str,
        *,
        refused: Mapping[str, tuple[int, str]] | None = None,
        safe_to_retry_now: bool = False,
    ) -> SendOutcome:
        self._smtp.close()
        return SendOutcome(
            SendStatus.TEMPORARY,
            stage,
            None,
            detail,
            dict(refused or {}),
            connection_lost=True,
            safe_to_retry_now=safe_to_retry_now,
        )

    def _refused(
        self,
        stage: SmtpStage,
        code: int,
        text: bytes | str,
        *,
        refused: Mapping[str, tuple[int, str]] | None = None,
        safe_to_retry_now: bool = False,
    ) -> SendOutcome:
        """A 4xx/5xx (or unexpected) reply before the content was sent."""
        if not self.closed:
            self._reset()
        status = SendStatus.PERMANENT if 500 <= code < 600 else SendStatus.TEMPORARY
        # Only a connection that the server is closing (421 idle timeout, not "too many")
        # qualifies for an immediate retry.
        reply = _text(text)
        safe = safe_to_retry_now and self.closed and not _THROTTLING.search(reply)
        return SendOutcome(
            status,
            stage,
            code,
            reply,
            dict(refused or {}),
            connection_lost=self.closed,
            safe_to_retry_now=safe,
        )

    def _outcome(
        self,
        status: SendStatus,
        stage: SmtpStage,
        code: int | None,
        text: bytes | str,
        refused: Mapping[str, tuple[int, str]],
        accepted: Mapping[str, tuple[int, str]] | None = None,
    ) -> SendOutcome:
        return SendOutcome(
            status,
            stage,
            code,
            _text(text),
            dict(refused),
            dict(accepted or {}),
            connection_lost=self.closed,
        )

    def _reset(self) -> None:
        """RSET after a failed transaction; a server that does not answer is dropped."""
        try:
            code, _ = self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._smtp.close()
            return
        if code != 250:
            self._smtp.close()


class _YagmailClient(yagmail.Client):  # type: ignore[misc]  # yagmail ships no type hints
    """yagmail's client with its password prompt removed and the login step recorded.

    yagmail 0.16 falls back to its own keyring entry and then to ``getpass``/``input`` when
    it is given no password: a GUI or a service would hang on it. The password is always
    passed in (``get_password``); this override makes a prompt impossible. ``stage`` only
    serves to tell "TLS failed" from "login failed" in the typed errors.
    """

    _password_asked = False

    @property
    def stage(self) -> str:
        if getattr(self, "smtp", None) is None:
            return "connect"  # TCP, implicit TLS handshake, greeting
        if self._password_asked:
            return "auth"
        return "tls" if self.starttls else "session"

    def xoauth2_login(self, account: SmtpAccount, token: str) -> None:
        """AUTH XOAUTH2; when the server refuses the token (535/454, or Google's 334 JSON
        challenge, which gets an empty answer), refresh it once and try again on the same
        session. Nothing has been sent yet, so nothing can be sent twice."""
        self._password_asked = True
        smtp: smtplib.SMTP = self.smtp
        user = account.user or ""
        if not smtp.has_extn("auth") or "XOAUTH2" not in smtp.esmtp_features["auth"].upper():
            raise SmtpAuthError(
                "the server does not offer AUTH XOAUTH2",
                reason=MailFailure.OAUTH_UNSUPPORTED,
                provider_name=provider_name(account.oauth_provider),
            )
        try:
            smtp.auth("XOAUTH2", _Xoauth2(user, token), initial_response_ok=True)
            return
        except smtplib.SMTPAuthenticationError:
            pass  # expired or revoked early: a fresh token, then the server's final word
        fresh = access_token(account.oauth_provider, user, force_refresh=True)
        try:
            smtp.auth("XOAUTH2", _Xoauth2(user, fresh), initial_response_ok=True)
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpAuthError(
                f"{type(exc).__name__}: {exc}",
                reason=MailFailure.OAUTH_REJECTED,
                provider=account.oauth_provider,
                provider_name=provider_name(account.oauth_provider),
                smtp_code=exc.smtp_code,
                smtp_reply=_text(exc.smtp_error),
            ) from exc

    def handle_password(self, user: str, password: str | None) -> str:
        self._password_asked = True
        if password is None:
            raise MissingPasswordError("no SMTP password", user=user)
        return password

    def abandon(self) -> None:
        """Drop a half-open connection without a word to the server."""
        self.is_closed = True
        smtp = getattr(self, "smtp", None)
        if smtp is not None:
            with contextlib.suppress(Exception):
                smtp.close()


class _Xoauth2:
    """smtplib's AUTH callback: the initial response, then an empty answer to an error
    challenge (Google sends its reasons as a 334 JSON challenge and waits for one)."""

    def __init__(self, user: str, token: str) -> None:
        self._response = xoauth2_string(user, token)

    def __call__(self, challenge: bytes | None = None) -> str:
        return self._response if challenge is None else ""


def _connection_error(exc: Exception, stage: str, account: SmtpAccount) -> SmtpError:
    data: dict[str, Any] = {"host": account.host, "port": account.port, "stage": stage}
    if isinstance(exc, SmtpError):
        exc.data.update(data)
        return exc
    if isinstance(exc, smtplib.SMTPResponseException):
        data.update(smtp_code=exc.smtp_code, smtp_reply=_text(exc.smtp_error))
    detail = f"{type(exc).__name__}: {exc}"

    if isinstance(exc, ssl.SSLCertVerificationError):
        return SmtpTlsError(detail, reason=MailFailure.CERTIFICATE, **data)
    if isinstance(exc, ssl.SSLError):
        return SmtpTlsError(detail, reason=MailFailure.HANDSHAKE, **data)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SmtpAuthError(detail, reason=MailFailure.REJECTED, **data)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if stage == "tls":
            return SmtpTlsError(detail, reason=MailFailure.STARTTLS_UNSUPPORTED, **data)
        return SmtpAuthError(detail, reason=MailFailure.AUTH_UNSUPPORTED, **data)
    if isinstance(exc, smtplib.SMTPConnectError):  # the greeting was not 220
        return SmtpUnreachableError(detail, reason=MailFailure.REFUSED_GREETING, **data)
    if isinstance(exc, socket.gaierror):
        return SmtpUnreachableError(detail, reason=MailFailure.UNKNOWN_HOST, **data)
    if isinstance(exc, TimeoutError):
        return SmtpUnreachableError(detail, reason=MailFailure.TIMEOUT, **data)
    if isinstance(exc, ConnectionRefusedError):
        return SmtpUnreachableError(detail, reason=MailFailure.REFUSED, **data)
    if stage == "tls":
        if isinstance(exc, smtplib.SMTPResponseException):  # e.g. 454 TLS not available
            return SmtpTlsError(detail, reason=MailFailure.STARTTLS_REFUSED, **data)
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return SmtpTlsError(detail, reason=MailFailure.DISCONNECTED, **data)
    if stage == "auth" and isinstance(exc, UnicodeEncodeError):
        # smtplib encodes AUTH PLAIN/LOGIN credentials as ASCII only.
        return SmtpAuthError(detail, reason=MailFailure.CREDENTIALS_NOT_ASCII, **data)
    if stage == "auth" and isinstance(exc, smtplib.SMTPException):
        # "No suitable authentication method found", or an odd reply to AUTH.
        return SmtpAuthError(detail, reason=MailFailure.AUTH_FAILED, **data)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        reason = MailFailure.TIMEOUT if "timed out" in str(exc) else MailFailure.DISCONNECTED
        return SmtpUnreachableError(detail, reason=reason, **data)
    if isinstance(exc, OSError | smtplib.SMTPException):
        return SmtpUnreachableError(detail, reason=MailFailure.NETWORK, **data)
    raise exc  # a programming error: let it surface as such


def _dot_stuffed(raw: bytes) -> bytes:
    """The DATA payload: leading dots doubled, CRLF at the end, then the final dot."""
    payload = re.sub(rb"(?m)^\.", b"..", raw)
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return payload + b".\r\n"


def _text(reply: bytes | str) -> str:
    if isinstance(reply, bytes):
        return reply.decode("utf-8", errors="replace")
    return reply


@functools.cache
def _local_hostname() -> str:
    # smtplib would call getfqdn() for every connection; it can be slow on a bad resolver.
    return socket.getfqdn() or "localhost"
