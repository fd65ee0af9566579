"""Typed errors of OAuth2 sign-in (``app.mail.oauth``).

They derive from ``SmtpError`` because they stop a drain exactly like a refused login:
nothing is sent, and the outbox holds the batch for the user (reason SETTINGS), except
``OAuthUnreachableError``, which is a network problem like an unreachable server (the
automatic retry takes the batch again later). ``data`` always carries ``provider`` ("google"
or "microsoft") and ``provider_name`` ("Google", "Microsoft"); ``reason`` refines the code.
"""

from __future__ import annotations

from app.mail.errors import SmtpError, SmtpUnreachableError


class OAuthError(SmtpError):
    code = "oauth"


class OAuthNotConfiguredError(OAuthError):
    """No client id for this provider: the distributor's configuration is missing.

    ``data['variable']``: the environment variable that would set it; ``data['files']``:
    the configuration files looked at, in order (``app.mail.oauth.config_files``)."""

    code = "oauth.not_configured"


class OAuthRevokedError(OAuthError):
    """The user must sign in again: ``reason`` "revoked" (the provider answered
    ``invalid_grant``: refresh token revoked, expired or the password changed) or
    "not_signed_in" (no refresh token is stored for this address)."""

    code = "oauth.revoked"


class OAuthSignInError(OAuthError):
    """The sign-in did not complete. ``reason``: "denied" (the user refused, or the
    provider did: ``data['error']``), "timeout", "cancelled", "browser" (no browser could be
    opened), "token" (the token endpoint refused the code or the refresh:
    ``data['error']``), "no_refresh_token", "keyring" (the refresh token could not be
    stored: the error's ``detail`` says why)."""

    code = "oauth.sign_in"


class OAuthUnreachableError(OAuthError, SmtpUnreachableError):
    """The provider's token endpoint cannot be reached (network, DNS, timeout)."""

    code = "oauth.unreachable"
