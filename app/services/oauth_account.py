"""Signing a mail account in with OAuth2 (Google, Microsoft), for the settings page: whether
this installation can sign in and the account is signed in, the sign-in in the browser
(long: the page runs it in the background) and the sign-out. The tokens themselves stay in
``app.mail.oauth`` and the system keyring.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.oauth_providers import SignInResult
from app.mail import oauth

__all__ = ["OAuthAccountState", "oauth_account_state", "sign_in", "sign_out"]


@dataclass(frozen=True)
class OAuthAccountState:
    configured: bool  # this installation has a client id for the provider
    signed_in: bool  # a refresh token is stored for the address


def oauth_account_state(provider: str, address: str) -> OAuthAccountState:
    """What the settings page shows; reads the configuration files and the keyring (slow:
    call it in the background)."""
    configured = oauth.oauth_config(provider) is not None
    return OAuthAccountState(configured, bool(address) and oauth.is_signed_in(provider, address))


def sign_in(
    provider: str,
    address: str,
    *,
    open_url: Callable[[str], object] | None = None,
    cancel: threading.Event | None = None,
) -> SignInResult:
    """Sign ``address`` in in the browser (``open_url``: default, the system's) and keep the
    refresh token; ``cancel`` ends the wait. Typed errors of ``app.mail.oauth_errors``."""
    return oauth.sign_in(provider, address, open_url=open_url, cancel=cancel)


def sign_out(provider: str, address: str) -> None:
    """Forget the address's tokens (keyring and memory)."""
    oauth.sign_out(provider, address)
