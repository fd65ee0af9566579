"""OAuth2 sign-in for Google and Microsoft mail accounts (SASL XOAUTH2), without Qt.

The standard flow for installed programs (RFC 8252): an authorization code with PKCE
(RFC 7636, S256), received on an ephemeral loopback listener ``http://127.0.0.1:<port>/``
while the user signs in in the system browser. The refresh token goes to the system keyring
under ``oauth://<provider>/<address>``; access tokens are kept in memory with their expiry
and refreshed silently (``access_token``).

Library: authlib's requests client (``authlib.integrations.requests_client.OAuth2Session``)
for both providers. It builds the authorization URL with the PKCE challenge, exchanges the
code and refreshes tokens against any RFC 6749/7636 endpoint, so the tests run the very
same code against a local authorization server (``FACTURIER_OAUTH_<PROVIDER>_AUTH_URL`` /
``_TOKEN_URL``). msal was not used: it insists on discovering a Microsoft authority
(instance discovery, OpenID metadata) and cannot talk to a plain local test server;
google-auth-oauthlib covers Google only and runs its own redirect listener.

The client ids come from the distributor, never from the shared database (see
``oauth_config`` and docs/MAIL_ACCOUNTS.md).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from app.domain.oauth_providers import (
    PROVIDERS,
    OAuthProvider,
    SignInResult,
    env_variable,
    provider_of,
)
from app.mail.oauth_errors import (
    OAuthNotConfiguredError,
    OAuthRevokedError,
    OAuthSignInError,
    OAuthUnreachableError,
)
from app.resources import config_path, resource_path

KEYRING_SERVICE = "facturier"
CONFIG_FILE = "oauth_clients.json"
SIGN_IN_TIMEOUT = 300.0  # seconds the user has to sign in in the browser
HTTP_TIMEOUT = 30.0  # seconds for one request to the token endpoint
MIN_VALIDITY = 300.0  # an access token with less life left than this is refreshed


@dataclass(frozen=True)
class OAuthClientConfig:
    """One provider's client registration, as the distributor configured it."""

    provider: OAuthProvider
    client_id: str
    client_secret: str | None  # Google's installed apps have one; it is not a secret
    auth_url: str
    token_url: str
    scopes: tuple[str, ...]
    auth_params: Mapping[str, str]
    source: str  # where the client id came from: a file path or a variable name


# --- configuration -------------------------------------------------------------------------


def config_files() -> list[Path]:
    """The configuration files looked at, first found first used (per provider):

    1. ``oauth_clients.json`` beside this workstation's settings (``app.resources.
       config_path``: the user configuration folder, or where ``FACTURIER_CONFIG`` points),
       for an administrator who registers their own clients;
    2. beside the program when it is installed (frozen), for a distributor who drops the
       file into the installation without rebuilding;
    3. ``resources/oauth_clients.json``, shipped with the installer (empty in the sources).
    """
    files = [config_path().parent / CONFIG_FILE]
    if getattr(sys, "frozen", False):
        files.append(Path(sys.executable).resolve().parent / CONFIG_FILE)
    files.append(resource_path(CONFIG_FILE))
    return files


def _file_entry(path: Path, provider: OAuthProvider) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or unreadable: the next file, or "not configured"
    entry = data.get(str(provider)) if isinstance(data, dict) else None
    if not isinstance(entry, dict) or not _text(entry.get("client_id")):
        return None
    return entry


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def oauth_config(provider: str) -> OAuthClientConfig | None:
    """The client registration for ``provider``, or None when no client id is configured
    (the first configuration file that names one, then the environment variables
    ``FACTURIER_OAUTH_<PROVIDER>_CLIENT_ID``, ``_CLIENT_SECRET``, ``_AUTH_URL``,
    ``_TOKEN_URL``, which override it field by field). Microsoft's ``tenant`` (file only)
    defaults to "common"."""
    which = provider_of(provider)
    info = PROVIDERS[which]
    entry: dict[str, Any] = {}
    source = ""
    for path in config_files():
        found = _file_entry(path, which)
        if found is not None:
            entry, source = found, str(path)
            break
    client_id = os.environ.get(env_variable(which, "client_id"), "").strip()
    if client_id:
        source = env_variable(which, "client_id")
    else:
        client_id = _text(entry.get("client_id"))
    if not client_id:
        return None
    secret = os.environ.get(env_variable(which, "client_secret"), "").strip()
    secret = secret or _text(entry.get("client_secret"))
    tenant = _text(entry.get("tenant")) or "common"
    auth_url = os.environ.get(env_variable(which, "auth_url"), "").strip()
    token_url = os.environ.get(env_variable(which, "token_url"), "").strip()
    return OAuthClientConfig(
        provider=which,
        client_id=client_id,
        client_secret=secret or None,
        auth_url=auth_url or _text(entry.get("auth_url")) or info.auth_url.format(tenant=tenant),
        token_url=(
            token_url or _text(entry.get("token_url")) or info.token_url.format(tenant=tenant)
        ),
        scopes=info.scopes,
        auth_params=info.auth_params,
        source=source,
    )


def require_config(provider: str) -> OAuthClientConfig:
    """``oauth_config`` or ``OAuthNotConfiguredError`` saying what is missing."""
    config = oauth_config(provider)
    if config is None:
        which = provider_of(provider)
        raise OAuthNotConfiguredError(
            f"no OAuth2 client id for {which}",
            **_about(which),
            variable=env_variable(which, "client_id"),
            files=", ".join(str(path) for path in config_files()),
        )
    return config


def _about(provider: OAuthProvider) -> dict[str, str]:
    return {"provider": str(provider), "provider_name": PROVIDERS[provider].name}


# --- the refresh token, in the keyring -------------------------------------------------------


def token_key(provider: str, address: str) -> str:
    """``oauth://google/prenom.nom@gmail.com``: one refresh token per provider and address."""
    return f"oauth://{provider_of(provider)}/{address.strip().lower()}"


def stored_refresh_token(provider: str, address: str) -> str | None:
    """The keyring's refresh token for this address, or None (none, or no keyring)."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    try:
        value = keyring.get_password(KEYRING_SERVICE, token_key(provider, address))
    except Exception:  # no backend, locked store: as if never signed in
        return None
    return str(value) if value else None


def is_signed_in(provider: str, address: str) -> bool:
    return bool(address.strip()) and stored_refresh_token(provider, address) is not None


def _store_refresh_token(provider: OAuthProvider, address: str, refresh_token: str) -> None:
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    key = token_key(provider, address)
    try:
        keyring.set_password(KEYRING_SERVICE, key, refresh_token)
        kept = keyring.get_password(KEYRING_SERVICE, key) == refresh_token
    except Exception as exc:  # no backend, locked store, D-Bus down...
        raise OAuthSignInError(
            f"{type(exc).__name__}: {exc}", reason="keyring", **_about(provider)
        ) from exc
    if not kept:  # keyring's null backend stores nothing
        raise OAuthSignInError(
            "the keyring did not keep the token", reason="keyring", **_about(provider)
        )


def sign_out(provider: str, address: str) -> None:
    """Forget this address's tokens (keyring and memory). The provider's own record of the
    consent stays: the user can remove it in their account's security page."""
    import keyring  # lazy: 0.03 s at every start, needed only for a password

    key = token_key(provider, address)
    with _cache_lock:
        _cache.pop(key, None)
    with contextlib.suppress(Exception):  # nothing stored, or no keyring: nothing to forget
        keyring.delete_password(KEYRING_SERVICE, key)


# --- access tokens, in memory ----------------------------------------------------------------


@dataclass(frozen=True)
class _Cached:
    token: str
    expires_at: float  # time.time()


_cache: dict[str, _Cached] = {}
_cache_lock = threading.Lock()
_refresh_lock = threading.Lock()  # one refresh at a time: a rotated token is not used twice


def _remember(provider: OAuthProvider, address: str, token: Mapping[str, Any]) -> float:
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise OAuthSignInError(
            "no access token in the answer",
            reason="token",
            error="no_access_token",
            **_about(provider),
        )
    try:
        lifetime = float(token.get("expires_in") or 3600)
    except (TypeError, ValueError):
        lifetime = 3600.0
    expires_at = time.time() + lifetime
    with _cache_lock:
        _cache[token_key(provider, address)] = _Cached(access, expires_at)
    return expires_at


def forget_access_tokens() -> None:
    """Drop every access token kept in memory (tests; a changed configuration)."""
    with _cache_lock:
        _cache.clear()


def access_token(
    provider: str,
    address: str,
    *,
    min_validity: float = MIN_VALIDITY,
    force_refresh: bool = False,
) -> str:
    """A bearer token for XOAUTH2, valid for at least ``min_validity`` seconds as far as we
    know: the one in memory, else a new one from the stored refresh token.
    ``force_refresh``: the server refused the one in memory (revoked or expired early).

    Raises ``OAuthRevokedError`` (sign in again: "not_signed_in" or "revoked"),
    ``OAuthNotConfiguredError``, ``OAuthUnreachableError`` or ``OAuthSignInError``.
    """
    which = provider_of(provider)
    key = token_key(which, address)
    with _refresh_lock:
        with _cache_lock:
            cached = _cache.get(key)
        if (
            cached is not None
            and not force_refresh
            and cached.expires_at - time.time() >= min_validity
        ):
            return cached.token
        config = require_config(which)
        refresh = stored_refresh_token(which, address)
        if refresh is None:
            raise OAuthRevokedError(
                "no refresh token stored",
                reason="not_signed_in",
                address=address,
                **_about(which),
            )
        session = _session(config)
        token = _call_token_endpoint(
            which,
            lambda: session.refresh_token(
                config.token_url, refresh_token=refresh, timeout=HTTP_TIMEOUT
            ),
            address=address,
        )
        rotated = token.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh:
            _store_refresh_token(which, address, rotated)  # Microsoft rotates them
        _remember(which, address, token)
        return str(token["access_token"])


def _session(config: OAuthClientConfig, redirect_uri: str | None = None) -> Any:
    # lazy: authlib and requests add 0.13 s of CPU to the window's start, which loads this
    # module (authlib 0.19 s alone); only a sign-in or a token refresh needs them
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(
        client_id=config.client_id,
        client_secret=config.client_secret,
        # Google's installed-app secret goes in the body, as its own libraries do; a
        # public client (Microsoft) sends only its id.
        token_endpoint_auth_method="client_secret_post" if config.client_secret else "none",
        scope=" ".join(config.scopes),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def _call_token_endpoint(
    provider: OAuthProvider, call: Callable[[], Any], *, address: str
) -> Mapping[str, Any]:
    """Run one token request; the library's and the network's failures as typed errors."""
    # lazy: as _session
    import requests
    from authlib.integrations.base_client.errors import OAuthError

    try:
        token = call()
    except OAuthError as exc:
        if exc.error == "invalid_grant":
            raise OAuthRevokedError(
                str(exc),
                reason="revoked",
                address=address,
                error=exc.error,
                description=exc.description or "",
                **_about(provider),
            ) from exc
        raise OAuthSignInError(
            str(exc),
            reason="token",
            error=exc.error or "",
            description=exc.description or "",
            **_about(provider),
        ) from exc
    except requests.HTTPError as exc:  # a 5xx or a gateway's page: the provider is down
        raise OAuthUnreachableError(str(exc), reason="http", **_about(provider)) from exc
    except requests.RequestException as exc:
        raise OAuthUnreachableError(
            f"{type(exc).__name__}: {exc}", reason="network", **_about(provider)
        ) from exc
    except ValueError as exc:  # an answer that is not a token
        raise OAuthSignInError(
            str(exc), reason="token", error="bad_answer", **_about(provider)
        ) from exc
    return dict(token)


# --- signing in ----------------------------------------------------------------------------


def open_in_browser(url: str) -> None:
    """The system browser; ``OAuthSignInError`` (reason "browser") when none opens."""
    if not webbrowser.open(url):
        raise OAuthSignInError("no browser could be opened", reason="browser", url=url)


def sign_in(
    provider: str,
    address: str,
    *,
    open_url: Callable[[str], object] | None = None,
    timeout: float = SIGN_IN_TIMEOUT,
    cancel: threading.Event | None = None,
) -> SignInResult:
    """Sign ``address`` in with ``provider`` in the browser and store the refresh token.

    ``open_url`` shows the authorization URL to the user (default: the system browser;
    the command line prints it too). Waits at most ``timeout`` seconds for the browser to
    come back to the loopback listener; ``cancel`` ends the wait early.
    """
    which = provider_of(provider)
    config = require_config(which)
    listener = _Loopback()
    try:
        session = _session(config, listener.redirect_uri)
        verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 asks for 43 to 128
        url, state = session.create_authorization_url(
            config.auth_url,
            code_verifier=verifier,
            login_hint=address,
            **dict(config.auth_params),
        )
        listener.expect(state)
        listener.start()
        (open_url or open_in_browser)(url)
        answer = listener.wait(timeout, cancel)
    finally:
        listener.close()
    if answer is None:
        reason = "cancelled" if cancel is not None and cancel.is_set() else "timeout"
        raise OAuthSignInError(f"sign-in {reason}", reason=reason, **_about(which))
    if "code" not in answer:
        error = answer.get("error", "")
        raise OAuthSignInError(
            f"sign-in refused: {error}",
            reason="denied",
            error=error,
            description=answer.get("error_description", ""),
            **_about(which),
        )
    token = _call_token_endpoint(
        which,
        lambda: session.fetch_token(
            config.token_url,
            grant_type="authorization_code",
            code=answer["code"],
            code_verifier=verifier,
            timeout=HTTP_TIMEOUT,
        ),
        address=address,
    )
    refresh = token.get("refresh_token")
    if not isinstance(refresh, str) or not refresh:
        raise OAuthSignInError("no refresh token", reason="no_refresh_token", **_about(which))
    _store_refresh_token(which, address, refresh)
    expires_at = _remember(which, address, token)
    granted = token.get("scope")
    scopes = tuple(granted.split()) if isinstance(granted, str) else config.scopes
    return SignInResult(which, address, expires_at, scopes)


_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Facturier</title></head>
<body style="font-family: sans-serif; margin: 3em auto; max-width: 36em">
<h1>{title_fr}</h1><p>{text_fr}</p>
<hr><h1 lang="en">{title_en}</h1><p lang="en">{text_en}</p>
</body></html>
"""

_PAGES = {
    "done": (
        "Connexion réussie",
        "Vous pouvez fermer cette page et revenir à Facturier.",
        "Signed in",
        "You can close this page and go back to Facturier.",
    ),
    "refused": (
        "Connexion refusée",
        "Facturier n'a pas reçu l'autorisation. Fermez cette page et réessayez depuis Facturier.",
        "Sign-in refused",
        "Facturier did not receive the permission. Close this page and try again from Facturier.",
    ),
    "stale": (
        "Lien périmé",
        "Cette page ne correspond pas à la connexion en cours. Relancez la connexion "
        "depuis Facturier.",
        "Outdated link",
        "This page does not belong to the sign-in in progress. Start the sign-in again "
        "from Facturier.",
    ),
}


def _page(which: str) -> bytes:
    title_fr, text_fr, title_en, text_en = (html.escape(t) for t in _PAGES[which])
    return _PAGE.format(
        title_fr=title_fr, text_fr=text_fr, title_en=title_en, text_en=text_en
    ).encode("utf-8")


class _Loopback:
    """The redirect listener of RFC 8252 §7.3: 127.0.0.1, a port the system picks, one
    answer expected. A request without the expected ``state`` (another page, a forged link)
    gets an error page and the wait goes on."""

    def __init__(self) -> None:
        self._state = ""
        self._answer: dict[str, str] | None = None
        self._arrived = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 10  # a browser's idle pre-connection must not hold a thread for long

            def do_GET(self) -> None:
                owner._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the URL holds the code: not for the console

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.1,), name="oauth-loopback", daemon=True
        )

    def expect(self, state: str) -> None:
        self._state = state

    def start(self) -> None:
        self._thread.start()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(request.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if parts.path != "/" or not ("code" in query or "error" in query):
            _reply(request, 404, b"")  # the browser's favicon and the like
            return
        if self._arrived.is_set() or not secrets.compare_digest(
            query.get("state", ""), self._state
        ):
            _reply(request, 400, _page("stale"))
            return
        self._answer = query
        self._arrived.set()
        _reply(request, 200, _page("done" if "code" in query else "refused"))

    def wait(self, timeout: float, cancel: threading.Event | None) -> dict[str, str] | None:
        deadline = time.monotonic() + timeout
        while not self._arrived.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or (cancel is not None and cancel.is_set()):
                return None
            self._arrived.wait(min(left, 0.1))
        return self._answer

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()


def _reply(request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    request.send_response(status)
    request.send_header("Content-Type", "text/html; charset=utf-8")
    request.send_header("Content-Length", str(len(body)))
    request.send_header("Cache-Control", "no-store")
    request.end_headers()
    request.wfile.write(body)
