"""Typed errors of the SMTP transport.

All of them concern the connection or the account, not one message: a drain that meets one
stops at once and leaves its messages queued. Their ``data`` carries ``host``, ``port`` and,
when the server answered, ``smtp_code`` (int) and ``smtp_reply`` (text); ``reason`` is a
``MailFailure`` (app.domain.mail_failure) that refines ``code`` (e.g. ``CERTIFICATE``,
``STARTTLS_UNSUPPORTED``): interfaces map it to a sentence, never the error's text.
"""

from __future__ import annotations

from app.domain.mail_failure import MailFailure
from app.errors import FacturierError


class SmtpError(FacturierError):
    """Base class: the connection cannot be opened or used; nothing was sent."""

    code = "smtp"

    @property
    def failure(self) -> MailFailure | None:
        return MailFailure.of(self.data)

    @property
    def host(self) -> str:
        return str(self.data.get("host", ""))

    @property
    def port(self) -> int | None:
        port = self.data.get("port")
        return int(port) if port not in (None, "") else None


class SmtpAuthError(SmtpError):
    """The server refused the login (535...) or offers no usable AUTH mechanism."""

    code = "smtp.auth"


class SmtpTlsError(SmtpError):
    """TLS could not be set up: certificate not trusted, STARTTLS missing, handshake failed."""

    code = "smtp.tls"


class SmtpUnreachableError(SmtpError):
    """Connection refused, unknown host, timeout, or the server hung up while greeting."""

    code = "smtp.unreachable"


class MissingPasswordError(SmtpError):
    """An SMTP user is set but no password was found (environment or keyring)."""

    code = "smtp.password_missing"


class SmtpInsecureError(SmtpError):
    """Plain SMTP to a non-local host without the explicit insecure choice, or with a login."""

    code = "smtp.insecure"
