"""A copy of each sent message in the user's own Sent folder, by IMAP APPEND.

The SMTP server delivers; it does not file anything in the sender's mailbox. So, after the
server accepted a message, its exact bytes (the Bcc header removed, should one be there)
are appended to the Sent folder of the user's IMAP account, flagged ``\\Seen``, with the
sending time as internal date. This is a step of its own: its failure never touches the
e-mail, which was delivered (``app/services/sent_copies.py`` retries it on its own).

The connection is always encrypted (implicit TLS or STARTTLS, certificate verified with
the same trust as SMTP: the system's plus ``FACTURIER_SMTP_CAFILE``). The login uses the
IMAP password stored for that server (keyring key ``imap://USER@HOST:PORT``), else the
SMTP password; with OAuth2 (``smtp_auth`` "oauth2"), SASL XOAUTH2 with the access token
of ``app.mail.oauth``. The Sent folder is the configured one, else the folder flagged
``\\Sent`` (RFC 6154), else the first of the usual names (``SENT_NAMES``).

Connection problems raise the typed errors below (codes ``imap.*``, ``reason`` refines).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import ssl
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.errors import FacturierError
from app.mail.errors import MissingPasswordError, SmtpError
from app.mail.oauth import access_token
from app.mail.presets import all_presets, preset_by_id
from app.mail.transport import (
    KEYRING_SERVICE,
    SmtpAccount,
    get_password,
    make_ssl_context,
    server_name,
)

if TYPE_CHECKING:
    from imapclient import IMAPClient

IMAP_PASSWORD_ENV = "FACTURIER_IMAP_PASSWORD"


class MailSettings(Protocol):
    """The mail settings read here: app.services.settings.Company has them (mail sits
    below the services, so it names what it reads instead of importing that class)."""

    @property
    def sender_address(self) -> str: ...
    @property
    def smtp_host(self) -> str: ...
    @property
    def smtp_port(self) -> int: ...
    @property
    def smtp_security(self) -> SmtpSecurity: ...
    @property
    def smtp_user(self) -> str: ...
    @property
    def smtp_auth(self) -> SmtpAuth: ...
    @property
    def oauth_provider(self) -> str: ...
    @property
    def mail_preset(self) -> str: ...
    @property
    def imap_host(self) -> str: ...
    @property
    def imap_port(self) -> int: ...
    @property
    def imap_security(self) -> SmtpSecurity: ...
    @property
    def imap_user(self) -> str: ...
    @property
    def imap_sent_folder(self) -> str: ...
    @property
    def imap_copy(self) -> bool: ...


# The usual names of the Sent folder when no folder carries the \Sent flag, by preference.
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Éléments envoyés",
    "Messages envoyés",
    "Envoyés",
    "INBOX.Sent",
    "INBOX/Sent",
    "[Gmail]/Sent Mail",
    "[Gmail]/Messages envoyés",
)
# Providers whose SMTP server files what it sends in the Sent folder itself: a copy by
# IMAP would make a second one.


# --- typed errors ---------------------------------------------------------------------


class ImapError(FacturierError):
    """The copy could not be made; ``data``: host, port, reason (a stable token)."""

    code = "imap"


class ImapAuthError(ImapError):
    """The server refused the login (reason "rejected"), or OAuth2 is not available
    ("oauth_unavailable")."""

    code = "imap.auth"


class ImapTlsError(ImapError):
    """TLS could not be set up (reason "certificate", "handshake", "starttls_unsupported",
    "plain": an unencrypted connection is never used)."""

    code = "imap.tls"


class ImapUnreachableError(ImapError):
    """Connection refused, unknown host, timeout, or the connection was lost (reason
    "refused", "unknown_host", "timeout", "disconnected", "network")."""

    code = "imap.unreachable"


class ImapPasswordMissingError(ImapError):
    """No password for the IMAP account (neither its own nor the SMTP one)."""

    code = "imap.password_missing"


class SentFolderNotFoundError(ImapError):
    """No Sent folder: the configured one does not exist (``data['folder']``, reason
    "configured"), or none is flagged \\Sent nor has a usual name (reason "none")."""

    code = "imap.no_sent_folder"


class ImapAppendRefusedError(ImapError):
    """The server refused to store the message (quota, size...): reason "refused"."""

    code = "imap.append_refused"


# --- the account ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    security: SmtpSecurity  # SSL or STARTTLS; never in clear
    user: str
    sent_folder: str = ""  # "": found by the \Sent flag, then by name
    timeout: float = 30.0
    oauth_provider: str = ""  # set: XOAUTH2 with that provider's access token
    oauth_address: str = ""  # whose token (the SMTP account's, as app.mail.oauth keys it)
    smtp: SmtpAccount | None = None  # whose password serves when IMAP has none of its own


def imap_account_of(company: MailSettings, timeout: float = 30.0) -> ImapAccount:
    """The IMAP account of the settings (its user defaults to the SMTP user)."""
    smtp = SmtpAccount(
        company.smtp_host.strip(),
        company.smtp_port,
        SmtpSecurity(company.smtp_security),
        company.smtp_user or None,
        timeout=timeout,
    )
    oauth = company.smtp_auth == SmtpAuth.OAUTH2
    return ImapAccount(
        host=company.imap_host.strip(),
        port=company.imap_port,
        security=SmtpSecurity(company.imap_security),
        user=(company.imap_user or company.smtp_user or company.sender_address).strip(),
        sent_folder=company.imap_sent_folder.strip(),
        timeout=timeout,
        oauth_provider=company.oauth_provider if oauth else "",
        oauth_address=(company.smtp_user or company.sender_address).strip(),
        smtp=smtp,
    )


def files_sent_itself(company: MailSettings) -> bool:
    """The provider files sent mail in the Sent folder itself (Gmail, Microsoft): no IMAP
    copy. The presets say which (``filedByServer``); an account typed by hand counts
    when its SMTP server is one of theirs."""
    preset = preset_by_id(company.mail_preset.strip())
    if preset is not None:
        return preset.files_sent_itself
    host = company.smtp_host.strip().lower().rstrip(".")
    return any(p.files_sent_itself and p.smtp.host.lower() == host for p in all_presets())


def copy_wanted(company: MailSettings) -> bool:
    """A copy of each sent message goes to the Sent folder: the option is on, an IMAP
    server is set, and the provider does not file sent mail itself. The one rule, read by
    the outbox when a message is sent."""
    return company.imap_copy and bool(company.imap_host.strip()) and not files_sent_itself(company)


# --- the password ---------------------------------------------------------------------


def imap_password_key(host: str, port: int, user: str) -> str:
    """``imap://USER@HOST:PORT``: where this account's own IMAP password is kept."""
    return f"imap://{urllib.parse.quote(user, safe='')}@{server_name(host, port)}"


def store_imap_password(account: ImapAccount, password: str) -> None:
    """Keep the IMAP password in the system keyring for this server and user only.
    Raises whatever the keyring raises; ``RuntimeError`` when it kept nothing."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    key = imap_password_key(account.host, account.port, account.user)
    keyring.set_password(KEYRING_SERVICE, key, password)
    if keyring.get_password(KEYRING_SERVICE, key) != password:
        raise RuntimeError("the keyring did not keep the password")


def imap_password(account: ImapAccount) -> str:
    """``FACTURIER_IMAP_PASSWORD``, else the keyring's IMAP password for this server and
    user, else the SMTP password (``get_password``). ``ImapPasswordMissingError``."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    from_env = os.environ.get(IMAP_PASSWORD_ENV)
    if from_env:
        return from_env
    with contextlib.suppress(Exception):  # no keyring: the SMTP password may still do
        key = imap_password_key(account.host, account.port, account.user)
        stored = keyring.get_password(KEYRING_SERVICE, key)
        if stored:
            return str(stored)
    if account.smtp is not None and account.smtp.user:
        try:
            smtp_password = get_password(account.smtp)
        except MissingPasswordError:
            smtp_password = None
        if smtp_password:
            return smtp_password
    raise ImapPasswordMissingError(
        "no IMAP password",
        user=account.user,
        host=account.host,
        port=account.port,
        reason="not_stored",
    )


def oauth_access_token(provider: str, address: str) -> str:
    """The OAuth2 access token for XOAUTH2 (``app.mail.oauth``, refreshed as needed);
    its problems (not signed in, revoked, unreachable) as ``ImapAuthError`` (reason
    "oauth_token", ``data['cause']``: the OAuth error's code)."""
    try:
        return access_token(provider, address)
    except FacturierError as exc:
        data = {k: v for k, v in exc.data.items() if k not in ("reason", "detail")}
        raise ImapAuthError(
            exc.detail, reason="oauth_token", provider=provider, cause=exc.code, **data
        ) from exc


# --- the message ----------------------------------------------------------------------

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_BCC_FIELD = re.compile(rb"(?im)^bcc[ \t]*:.*(?:\r?\n[ \t].*)*\r?\n")


def without_bcc(raw: bytes) -> bytes:
    """The message as filed: the Bcc header (and its folded lines) removed from the
    header section, every other byte as it was sent."""
    end = _HEADER_END.search(raw)
    split = end.end() if end is not None else len(raw)
    header, body = raw[:split], raw[split:]
    return _BCC_FIELD.sub(b"", header) + body


# --- the connection -------------------------------------------------------------------


def _error(exc: BaseException, stage: str, account: ImapAccount) -> ImapError:
    from imapclient import exceptions  # lazy: as open_imap

    data: dict[str, Any] = {"host": account.host, "port": account.port, "stage": stage}
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, ImapError):
        exc.data.update(data)
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ImapTlsError(detail, reason="certificate", **data)
    if isinstance(exc, ssl.SSLError):
        return ImapTlsError(detail, reason="handshake", **data)
    if isinstance(exc, SmtpError) and exc.code == "smtp.tls":  # the CA file itself
        return ImapTlsError(exc.detail, **{**exc.data, **data})
    if isinstance(exc, exceptions.LoginError):
        return ImapAuthError(detail, reason="rejected", **data)
    if isinstance(exc, exceptions.CapabilityError) and stage == "tls":
        return ImapTlsError(detail, reason="starttls_unsupported", **data)
    if isinstance(exc, socket.gaierror):
        return ImapUnreachableError(detail, reason="unknown_host", **data)
    if isinstance(exc, TimeoutError):
        return ImapUnreachableError(detail, reason="timeout", **data)
    if isinstance(exc, ConnectionRefusedError):
        return ImapUnreachableError(detail, reason="refused", **data)
    if isinstance(exc, exceptions.IMAPClientAbortError | EOFError | ConnectionError):
        return ImapUnreachableError(detail, reason="disconnected", **data)
    if isinstance(exc, exceptions.IMAPClientError):
        if stage == "auth":
            return ImapAuthError(detail, reason="rejected", **data)
        if stage == "tls":
            return ImapTlsError(detail, reason="starttls_refused", **data)
        if stage == "append":
            return ImapAppendRefusedError(detail, reason="refused", **data)
        return ImapUnreachableError(detail, reason="protocol", **data)
    if isinstance(exc, OSError):
        return ImapUnreachableError(detail, reason="network", **data)
    raise exc  # a programming error: let it surface as such


class ImapSession:
    """One logged-in IMAP connection; ``append`` files messages in the Sent folder."""

    def __init__(self, account: ImapAccount, client: IMAPClient) -> None:
        self.account = account
        self._client = client
        self._sent: str | None = None

    def __enter__(self) -> ImapSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._client.logout()
        with contextlib.suppress(Exception):
            self._client.shutdown()

    def sent_folder(self) -> str:
        """The configured folder, else the one flagged \\Sent, else the first usual name."""
        if self._sent is None:
            try:
                self._sent = self._find_sent()
            except ImapError:
                raise
            except Exception as exc:
                raise _error(exc, "list", self.account) from exc
        return self._sent

    def _find_sent(self) -> str:
        folders = self._client.list_folders()
        names = [str(name) for _flags, _sep, name in folders]
        wanted = self.account.sent_folder
        if wanted:
            if wanted in names:
                return wanted
            folded = {n.casefold(): n for n in names}
            if wanted.casefold() in folded:
                return folded[wanted.casefold()]
            raise SentFolderNotFoundError(
                "no such folder",
                folder=wanted,
                reason="configured",
                host=self.account.host,
                port=self.account.port,
            )
        for flags, _sep, name in folders:
            if b"\\Sent" in flags:
                return str(name)
        if self._client.has_capability("SPECIAL-USE"):
            flagged = self._special_use_list()
            if flagged:
                return flagged
        by_name = {n.casefold(): n for n in names}
        for candidate in SENT_NAMES:
            if candidate.casefold() in by_name:
                return by_name[candidate.casefold()]
        raise SentFolderNotFoundError(
            "no Sent folder", reason="none", host=self.account.host, port=self.account.port
        )

    def _special_use_list(self) -> str | None:
        """``LIST "" "*" RETURN (SPECIAL-USE)`` (RFC 6154), for servers that show the
        flags only when asked; imapclient has no call for it."""
        imap = self._client._imap
        try:
            typ, data = imap._simple_command("LIST", '""', '"*"', "RETURN", "(SPECIAL-USE)")
            typ, data = imap._untagged_response(typ, data, "LIST")
            folders = self._client._proc_folder_list(data)
        except Exception:  # an older server: the names will do
            return None
        return next((str(name) for flags, _sep, name in folders if b"\\Sent" in flags), None)

    def append(self, raw: bytes, sent_at: datetime) -> str:
        """File ``raw`` (Bcc removed, CRLF line ends) in the Sent folder, ``\\Seen``, with
        ``sent_at`` (naive UTC, as the outbox stores it) as internal date; the folder."""
        folder = self.sent_folder()
        when = sent_at if sent_at.tzinfo is not None else sent_at.replace(tzinfo=UTC)
        message = re.sub(rb"\r?\n", b"\r\n", without_bcc(raw))
        try:
            self._client.append(folder, message, flags=(b"\\Seen",), msg_time=when)
        except Exception as exc:
            raise _error(exc, "append", self.account) from exc
        return folder

    def contains(self, message_id: str, folder: str | None = None) -> bool:
        """Whether ``folder`` (default: the Sent folder) holds a message with this
        Message-ID (the settings' test)."""
        try:
            self._client.select_folder(folder or self.sent_folder(), readonly=True)
            found = self._client.search(["HEADER", "Message-ID", message_id])
            self._client.unselect_folder()
        except ImapError:
            raise
        except Exception as exc:
            raise _error(exc, "search", self.account) from exc
        return bool(found)


def open_imap(account: ImapAccount, secret: str | None = None) -> ImapSession:
    """Connect (implicit TLS or STARTTLS, certificate verified) and log in: with
    ``secret`` when given, else ``imap_password`` or, for OAuth2, the access token.
    Raises the ``ImapError`` subclasses; never prompts."""
    # lazy: imapclient adds 16 ms of CPU to the window's start, which loads this module
    # (43 ms alone); only a copy to the Sent folder needs it
    from imapclient import IMAPClient

    if not account.host:
        raise ImapUnreachableError("no IMAP server", reason="not_configured", host="", port=0)
    if account.security not in (SmtpSecurity.SSL, SmtpSecurity.STARTTLS):
        raise ImapTlsError("IMAP in clear", reason="plain", host=account.host, port=account.port)
    stage = "connect"
    client: IMAPClient | None = None
    try:
        context = make_ssl_context()
        implicit = account.security is SmtpSecurity.SSL
        client = IMAPClient(
            account.host,
            port=account.port,
            ssl=implicit,
            ssl_context=context if implicit else None,
            timeout=account.timeout,
        )
        if not implicit:
            stage = "tls"
            client.starttls(context)
        stage = "auth"
        if account.oauth_provider:
            address = account.oauth_address or account.user
            token = secret or oauth_access_token(account.oauth_provider, address)
            client.oauth2_login(account.user, token)
        else:
            client.login(account.user, secret or imap_password(account))
    except Exception as exc:
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()
        if isinstance(exc, ImapError):
            exc.data.setdefault("stage", stage)
            raise
        raise _error(exc, stage, account) from exc
    return ImapSession(account, client)
