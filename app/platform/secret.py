"""The platform's client secret, in the system keyring.

Kept under service "facturier-platform", user name ``URL|CLIENT_ID``: bound to the platform
it was entered for, so that whoever changes the URL in the shared database does not receive
this workstation's secret. ``FACTURIER_PLATFORM_SECRET`` overrides the keyring when set.
"""

from __future__ import annotations

import os

from app.platform.errors import PlatformKeyringError, PlatformSecretMissingError

KEYRING_SERVICE = "facturier-platform"
SECRET_ENV = "FACTURIER_PLATFORM_SECRET"


def secret_key(url: str, client_id: str) -> str:
    """``https://pa.example/api/v1|client-id``: the URL without surrounding blanks or a
    final slash, so that the same platform typed twice finds its secret."""
    return f"{url.strip().rstrip('/')}|{client_id.strip()}"


def store_platform_secret(url: str, client_id: str, secret: str) -> None:
    """Store the secret for this platform and client id only, and check it was kept.

    ``PlatformKeyringError`` (code "keyring.unavailable", reason "platform") when the
    keyring fails or keeps nothing (keyring's null backend)."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    key = secret_key(url, client_id)
    try:
        keyring.set_password(KEYRING_SERVICE, key, secret)
        kept = keyring.get_password(KEYRING_SERVICE, key) == secret
    except Exception as exc:  # no backend, locked store, D-Bus down...
        raise _keyring_error(f"{type(exc).__name__}: {exc}", url, client_id) from exc
    if not kept:
        raise _keyring_error("the keyring did not keep the secret", url, client_id)


def platform_secret(url: str, client_id: str) -> str | None:
    """``FACTURIER_PLATFORM_SECRET``, else the keyring's secret for this platform and client
    id, else None. ``PlatformKeyringError`` when the keyring itself fails."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    from_env = os.environ.get(SECRET_ENV)
    if from_env:
        return from_env
    try:
        stored = keyring.get_password(KEYRING_SERVICE, secret_key(url, client_id))
    except Exception as exc:  # no backend, locked store, D-Bus down...
        raise _keyring_error(f"{type(exc).__name__}: {exc}", url, client_id) from exc
    return str(stored) if stored else None


def require_platform_secret(url: str, client_id: str) -> str:
    """``platform_secret``, or ``PlatformSecretMissingError`` when none is stored."""
    secret = platform_secret(url, client_id)
    if not secret:
        raise PlatformSecretMissingError("no platform secret", url=url, client_id=client_id)
    return secret


def _keyring_error(detail: str, url: str, client_id: str) -> PlatformKeyringError:
    return PlatformKeyringError(detail, reason="platform", url=url, client_id=client_id)
