"""The OAuth2 sign-in providers (Google, Microsoft): who they are and where they sign in.

Plain data, shared by the sign-in itself (``app.mail.oauth``), the command line and the
settings page, which only needs a provider's name and the variable that configures it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

ENV_PREFIX = "FACTURIER_OAUTH_"


class OAuthProvider(StrEnum):
    GOOGLE = "google"
    MICROSOFT = "microsoft"


@dataclass(frozen=True)
class ProviderInfo:
    name: str  # as the user knows it
    auth_url: str
    token_url: str
    scopes: tuple[str, ...]
    # Extra authorization parameters: Google gives a refresh token only with offline
    # access, and a new one on each sign-in only with prompt=consent.
    auth_params: Mapping[str, str] = field(default_factory=dict)
    smtp_host: str = ""  # the provider's submission server (STARTTLS, 587)


_MS_BASE = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0"

PROVIDERS: dict[OAuthProvider, ProviderInfo] = {
    OAuthProvider.GOOGLE: ProviderInfo(
        name="Google",
        auth_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=("https://mail.google.com/",),
        auth_params={"access_type": "offline", "prompt": "consent"},
        smtp_host="smtp.gmail.com",
    ),
    OAuthProvider.MICROSOFT: ProviderInfo(
        name="Microsoft",
        auth_url=_MS_BASE + "/authorize",
        token_url=_MS_BASE + "/token",
        scopes=(
            "https://outlook.office.com/SMTP.Send",
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "offline_access",
        ),
        smtp_host="smtp.office365.com",
    ),
}


@dataclass(frozen=True)
class SignInResult:
    provider: OAuthProvider
    address: str
    expires_at: float  # time.time() when the first access token expires
    scopes: tuple[str, ...]


def provider_of(value: str) -> OAuthProvider:
    """``OAuthProvider`` from its name; ``ValueError`` for anything else."""
    return OAuthProvider(value.strip().lower())


def provider_name(provider: str) -> str:
    try:
        return PROVIDERS[provider_of(provider)].name
    except ValueError:
        return provider


def env_variable(provider: str, what: str) -> str:
    """``FACTURIER_OAUTH_GOOGLE_CLIENT_ID`` and the like."""
    return f"{ENV_PREFIX}{provider.upper()}_{what.upper()}"
