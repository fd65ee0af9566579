"""A real OAuth2 authorization server for the tests, on a free loopback port.

Authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636), refresh tokens (§6), as
Google and Microsoft run it for installed programs: ``GET /authorize`` stands for the
provider's sign-in page where the user (``account``) clicks "Allow" (it redirects at once to
the ``redirect_uri`` with a code, or with ``error=access_denied`` when ``deny`` is set);
``POST /token`` checks the client, the code's single use and lifetime, the redirect URI and
the PKCE verifier (S256 only) before issuing tokens. Access tokens live
``access_lifetime`` seconds; ``expire_access_tokens()`` makes the issued ones invalid early
(the provider's side of "token expired"), ``revoke()`` revokes the refresh tokens (the user
removed the consent or changed their password). ``bearer_user(token)`` is what the SMTP test
server asks to accept an XOAUTH2 login.

Not a test module: import it (``from tests.oauth_server import OAuthTestServer``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

CLIENT_ID = "facturier-test-client.apps.example"
CLIENT_SECRET = "not-so-secret"  # like Google's installed-app secrets
ACCOUNT = "prenom.nom@gmail.com"


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    expires_at: float


@dataclass
class _Access:
    account: str
    expires_at: float


class OAuthTestServer:
    def __init__(
        self,
        *,
        client_id: str = CLIENT_ID,
        client_secret: str | None = CLIENT_SECRET,
        account: str = ACCOUNT,
        access_lifetime: int = 3600,
        rotate_refresh_tokens: bool = False,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.account = account
        self.access_lifetime = access_lifetime
        self.rotate_refresh_tokens = rotate_refresh_tokens  # Microsoft does
        self.deny = False  # the user clicks "Cancel" instead of "Allow"
        self.authorize_requests: list[dict[str, str]] = []
        self.grants: Counter[str] = Counter()  # grant_type -> tokens issued
        self.refused: list[str] = []  # error codes answered by /token
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, _Access] = {}
        self._refresh: dict[str, str] = {}  # refresh token -> account
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner._authorize(self)

            def do_POST(self) -> None:
                owner._token(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def start(self) -> OAuthTestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> OAuthTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def auth_url(self) -> str:
        return f"{self.url}/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    # --- what tests change or ask -----------------------------------------------------------

    def environment(self, provider: str = "google") -> dict[str, str]:
        """The variables that point ``app.mail.oauth`` at this server."""
        prefix = f"FACTURIER_OAUTH_{provider.upper()}_"
        values = {
            prefix + "CLIENT_ID": self.client_id,
            prefix + "AUTH_URL": self.auth_url,
            prefix + "TOKEN_URL": self.token_url,
        }
        if self.client_secret:
            values[prefix + "CLIENT_SECRET"] = self.client_secret
        return values

    def expire_access_tokens(self) -> None:
        with self._lock:
            for access in self._access.values():
                access.expires_at = 0.0

    def revoke(self) -> None:
        """Every refresh token (and access token) stops working."""
        with self._lock:
            self._refresh.clear()
            self._access.clear()

    def bearer_user(self, token: str) -> str | None:
        """The account a valid, unexpired access token was issued for; else None."""
        with self._lock:
            access = self._access.get(token)
            if access is None or access.expires_at <= time.time():
                return None
            return access.account

    # --- the endpoints ----------------------------------------------------------------------

    def _authorize(self, request: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(request.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        with self._lock:
            self.authorize_requests.append(query)
        redirect = query.get("redirect_uri", "")
        if (
            parts.path != "/authorize"
            or query.get("client_id") != self.client_id
            or not _loopback(redirect)
        ):
            # Never redirect to an unchecked URI (RFC 6749 §4.1.2.1): an error page.
            _send(request, 400, {"error": "invalid_request"})
            return
        answer: dict[str, str] = {"state": query.get("state", "")}
        if self.deny:
            answer["error"] = "access_denied"
        elif query.get("response_type") != "code":
            answer["error"] = "unsupported_response_type"
        elif query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            answer.update(error="invalid_request", error_description="PKCE S256 required")
        else:
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._codes[code] = _Code(
                    self.client_id,
                    redirect,
                    query["code_challenge"],
                    query.get("scope", ""),
                    time.time() + 60,
                )
            answer["code"] = code
        request.send_response(302)
        request.send_header("Location", redirect + "?" + urllib.parse.urlencode(answer))
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _token(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(request.rfile.read(length).decode()))
        if not self._client_ok(request, form):
            self._refuse(request, 401, "invalid_client")
            return
        grant = form.get("grant_type", "")
        if grant == "authorization_code":
            with self._lock:
                code = self._codes.pop(form.get("code", ""), None)  # single use
            verifier = form.get("code_verifier", "")
            if (
                code is None
                or code.expires_at < time.time()
                or code.redirect_uri != form.get("redirect_uri")
                or not 43 <= len(verifier) <= 128
                or _s256(verifier) != code.challenge
            ):
                self._refuse(request, 400, "invalid_grant")
                return
            self._issue(request, grant, self.account, code.scope, refresh=None)
        elif grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            with self._lock:
                account = self._refresh.get(refresh)
            if account is None:
                self._refuse(request, 400, "invalid_grant")
                return
            self._issue(request, grant, account, form.get("scope", ""), refresh=refresh)
        else:
            self._refuse(request, 400, "unsupported_grant_type")

    def _client_ok(self, request: BaseHTTPRequestHandler, form: dict[str, str]) -> bool:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = request.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            decoded = base64.b64decode(basic[6:]).decode()
            client_id, _, secret = (urllib.parse.unquote(p) for p in decoded.partition(":"))
        if client_id != self.client_id:
            return False
        return self.client_secret is None or secret == self.client_secret

    def _issue(
        self,
        request: BaseHTTPRequestHandler,
        grant: str,
        account: str,
        scope: str,
        *,
        refresh: str | None,
    ) -> None:
        access = secrets.token_urlsafe(32)
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.access_lifetime,
            "scope": scope,
        }
        with self._lock:
            self._access[access] = _Access(account, time.time() + self.access_lifetime)
            if refresh is None or self.rotate_refresh_tokens:
                if refresh is not None:
                    del self._refresh[refresh]
                fresh = secrets.token_urlsafe(32)
                self._refresh[fresh] = account
                answer["refresh_token"] = fresh
            self.grants[grant] += 1
        _send(request, 200, answer)

    def _refuse(self, request: BaseHTTPRequestHandler, status: int, error: str) -> None:
        with self._lock:
            self.refused.append(error)
        _send(request, status, {"error": error})


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _loopback(uri: str) -> bool:
    parts = urllib.parse.urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")


def _send(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(data)))
    request.send_header("Cache-Control", "no-store")
    request.end_headers()
    request.wfile.write(data)


def click_allow(url: str) -> None:
    """The user's browser: open the sign-in page, click "Allow", land on the program's
    loopback page (which must say the sign-in worked)."""
    page = requests.get(url, timeout=10)
    page.raise_for_status()


def point_at(
    server: OAuthTestServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    provider: str = "google",
) -> None:
    """Configure ``app.mail.oauth`` for ``server`` only: its variables, no other
    FACTURIER_OAUTH_* variable, no administrator's file (``FACTURIER_CONFIG`` in tmp_path),
    no access token in memory."""
    from app.mail.oauth import forget_access_tokens

    for name in [n for n in os.environ if n.startswith("FACTURIER_OAUTH_")]:
        monkeypatch.delenv(name)
    for name, value in server.environment(provider).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    forget_access_tokens()
