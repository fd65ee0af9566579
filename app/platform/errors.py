"""Typed errors of the e-invoicing platform client (``app.platform``).

``data`` carries what is known: ``url`` (the request's), ``http_status`` (int) and
``platform_message`` (the AFNORError ``message``, then its ``details``) when the platform
answered, ``retry_after`` (seconds) when it asked to wait. Interfaces phrase the ``code``;
the error's text is for logs only.
"""

from __future__ import annotations

from app.errors import FacturierError


class PlatformError(FacturierError):
    """Base class: the platform could not do what was asked."""

    code = "platform"

    @property
    def url(self) -> str:
        return str(self.data.get("url", ""))

    @property
    def http_status(self) -> int | None:
        status = self.data.get("http_status")
        return int(status) if status not in (None, "") else None

    @property
    def message(self) -> str:
        """What the platform said (AFNORError ``message`` and ``details``), or ""."""
        return str(self.data.get("platform_message", "") or "")


class PlatformNotConfiguredError(PlatformError):
    """No platform URL or client id is set."""

    code = "platform.not_configured"


class PlatformSecretMissingError(PlatformError):
    """No client secret is stored for this URL and client id (nor in the environment)."""

    code = "platform.secret_missing"


class PlatformKeyringError(PlatformError):
    """The system keyring failed (no backend, locked store...): the same code as the SMTP
    password's, ``reason`` "platform"; its ``detail`` says what the keyring raised."""

    code = "keyring.unavailable"


class PlatformUnreachableError(PlatformError):
    """Nothing reached the server: unknown host, connection refused or timed out."""

    code = "platform.unreachable"


class PlatformTlsError(PlatformError):
    """The secure connection failed: certificate not trusted, handshake refused, or the
    extra CA file (``data['cafile']``) cannot be read."""

    code = "platform.tls"


class PlatformAuthError(PlatformError):
    """The token endpoint refused the client (``data['error']``, e.g. "invalid_client"), or
    the platform refused a fresh token (401/403)."""

    code = "platform.auth"


class PlatformConnectionLostError(PlatformError):
    """The request was sent but no answer came (read timeout, connection reset or closed):
    the platform MAY have processed it; look before sending again."""

    code = "platform.connection_lost"


class PlatformTemporaryError(PlatformError):
    """The platform is busy or failing (408, 425, 429, 500, 502, 503, 504): try later,
    after ``retry_after`` seconds when it said so."""

    code = "platform.temporary"

    @property
    def retry_after(self) -> float | None:
        value = self.data.get("retry_after")
        return float(value) if value is not None else None


class PlatformRejectedError(PlatformError):
    """The platform refused the request for good (400, 404, 413, 415, 422...): sending the
    same again will fail again; ``message`` says why."""

    code = "platform.rejected"


class PlatformBadAnswerError(PlatformError):
    """The platform answered 2xx with something that is not what the API promises."""

    code = "platform.bad_answer"


class BadLifecycleError(PlatformError):
    """A lifecycle message (CDAR) that cannot be read: not XML, or a required element is
    missing or malformed (``data['field']``)."""

    code = "platform.bad_lifecycle"
