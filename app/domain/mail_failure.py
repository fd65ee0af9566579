"""Why the mail account could not be used: the typed reason of an SMTP error.

``app.mail.transport`` raises ``SmtpError`` subclasses (``app.mail.errors``) whose
``failure`` is one of these, with the data to phrase it (``host``, ``port``, ``smtp_code``,
``smtp_reply``…). The window and the command line map each member to a sentence; nobody
matches the error's text. The values are the ``reason`` tokens the errors have always
carried (``error.data["reason"]``), so a stored or logged reason keeps its meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class MailFailure(StrEnum):
    # the secure connection
    CERTIFICATE = "certificate"  # the server's certificate is not trusted
    HANDSHAKE = "handshake"  # TLS failed (often: SSL chosen on a STARTTLS port)
    STARTTLS_UNSUPPORTED = "starttls_unsupported"  # the server does not offer STARTTLS
    STARTTLS_REFUSED = "starttls_refused"  # it offers it, then refuses it (454)
    DISCONNECTED = "disconnected"  # the server hung up during TLS (or the session)
    CAFILE = "cafile"  # FACTURIER_SMTP_CAFILE names an unusable file
    # the login
    REJECTED = "rejected"  # user name or password refused (535)
    AUTH_FAILED = "auth_failed"  # no suitable AUTH method, or an odd reply to AUTH
    AUTH_UNSUPPORTED = "auth_unsupported"  # the server offers no AUTH at all
    CREDENTIALS_NOT_ASCII = "credentials_not_ascii"  # smtplib sends ASCII credentials only
    OAUTH_UNSUPPORTED = "oauth_unsupported"  # no AUTH XOAUTH2
    OAUTH_REJECTED = "oauth_rejected"  # the OAuth2 token refused, even refreshed
    # reaching the server
    REFUSED_GREETING = "refused_greeting"  # the greeting was not 220
    UNKNOWN_HOST = "unknown_host"
    TIMEOUT = "timeout"
    REFUSED = "refused"  # connection refused on that port
    NETWORK = "network"  # any other network error
    # settings refused before connecting (SmtpInsecureError)
    LOGIN_OVER_PLAIN = "login_over_plain"
    PLAIN_TO_REMOTE = "plain_to_remote"
    # why no password was found (MissingPasswordError)
    SERVER_CHANGED = "server_changed"  # entered for another server: never given to this one
    UNBOUND = "unbound"  # stored by an older version, without its server
    KEYRING = "keyring"  # the system keyring is not available
    NOT_STORED = "not_stored"

    @classmethod
    def of(cls, data: Mapping[str, object]) -> MailFailure | None:
        """The failure an error's ``data`` names, or None (no reason, or another kind)."""
        reason = data.get("reason")
        try:
            return cls(str(reason)) if reason else None
        except ValueError:
            return None
