"""OAuth2 sign-in and XOAUTH2 sending against a real local authorization server
(tests/oauth_server.py: PKCE S256, redirect URI, refresh, revocation) and the aiosmtpd test
server accepting only its valid, unexpired bearer tokens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.cli_text import describe
from app.core_text import set_language
from app.db.database import Database
from app.domain.kinds import SmtpAuth
from app.domain.outbox import OutboxState
from app.mail import oauth
from app.mail.oauth_errors import OAuthNotConfiguredError, OAuthRevokedError, OAuthSignInError
from app.services.batch import prepare_batch
from app.services.outbox import drain, states_of
from app.services.settings import update_company
from tests.conftest import MemoryKeyring
from tests.integration.sending_helpers import clients, configure, invoice
from tests.oauth_server import ACCOUNT, OAuthTestServer, click_allow, point_at
from tests.smtp_server import ReceivedMessage, SmtpTestServer


@pytest.fixture
def db_url(db_path: Path) -> str:
    return str(db_path)  # SQLite only: the outbox itself is tested on both backends


@pytest.fixture
def oauth_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[OAuthTestServer]:
    with OAuthTestServer() as server:
        point_at(server, monkeypatch, tmp_path)
        yield server
    oauth.forget_access_tokens()


@pytest.fixture
def xoauth2_smtp(
    db: Database,
    smtp_server: SmtpTestServer,
    oauth_server: OAuthTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> SmtpTestServer:
    """The SMTP server takes the auth server's tokens; the settings sign in with OAuth2."""
    smtp_server.handler.bearer_user = oauth_server.bearer_user
    configure(db, smtp_server, monkeypatch)
    monkeypatch.delenv("FACTURIER_SMTP_PASSWORD")  # no password anywhere: tokens only
    update_company(
        db,
        sender_address=ACCOUNT,
        smtp_user=ACCOUNT,
        smtp_auth=SmtpAuth.OAUTH2,
        oauth_provider="google",
    )
    return smtp_server


def received_once(messages: list[ReceivedMessage]) -> bool:
    counts = Counter(str(m.message["Message-ID"]) for m in messages)
    return all(n == 1 for n in counts.values())


def test_sign_in_checks_state_and_pkce_then_sends_with_xoauth2(
    db: Database, oauth_server: OAuthTestServer, xoauth2_smtp: SmtpTestServer
) -> None:
    stale: list[int] = []

    def user_browser(url: str) -> None:
        # A forged redirect (wrong state) is turned away and the wait goes on.
        redirect = requests.utils.unquote(url.split("redirect_uri=")[1].split("&")[0])
        stale.append(requests.get(redirect + "?code=forged&state=wrong", timeout=5).status_code)
        click_allow(url)

    result = oauth.sign_in("google", ACCOUNT, open_url=user_browser, timeout=10)

    assert stale == [400]
    asked = oauth_server.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    assert asked["access_type"] == "offline" and asked["prompt"] == "consent"
    assert asked["scope"] == "https://mail.google.com/"
    assert asked["login_hint"] == ACCOUNT
    assert asked["redirect_uri"].startswith("http://127.0.0.1:")
    assert oauth_server.grants == {"authorization_code": 1}
    assert result.address == ACCOUNT
    assert oauth.stored_refresh_token("google", ACCOUNT)  # in the (test) keyring
    assert oauth.is_signed_in("google", ACCOUNT.upper())  # one entry per address

    business = clients(db)
    prepare_batch(db, [invoice(db, business.two_addresses)])
    sent = drain(db)
    assert sent.stopped is None and len(sent.sent) == 1
    (message,) = xoauth2_smtp.wait_for_messages(1)
    assert message.authenticated_as == ACCOUNT
    assert oauth_server.grants == {"authorization_code": 1}  # the sign-in's token served


def test_the_test_server_really_checks_pkce_and_the_redirect_uri(
    oauth_server: OAuthTestServer,
) -> None:
    codes: list[str] = []

    def capture(url: str) -> None:
        page = requests.get(url, allow_redirects=False, timeout=5)
        codes.append(page.headers["Location"])
        raise OAuthSignInError("stop here", reason="cancelled")

    with pytest.raises(OAuthSignInError):
        oauth.sign_in("google", ACCOUNT, open_url=capture, timeout=5)
    location = codes[0]
    code = location.split("code=")[1].split("&")[0]
    redirect = location.split("?")[0]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": oauth_server.client_id,
        "client_secret": oauth_server.client_secret,
        "redirect_uri": redirect,
        "code_verifier": "x" * 64,  # not the verifier of this code's challenge
    }
    answer = requests.post(oauth_server.token_url, data=form, timeout=5)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    assert oauth_server.grants == {}


def test_a_token_expiring_mid_batch_is_refreshed_and_nothing_is_resent(
    db: Database, oauth_server: OAuthTestServer, xoauth2_smtp: SmtpTestServer
) -> None:
    oauth.sign_in("google", ACCOUNT, open_url=click_allow, timeout=10)
    business = clients(db)
    docs = [invoice(db, business.two_addresses, str(100 + i)) for i in range(5)]
    prepared = prepare_batch(db, docs)

    def expire_after_second(message: ReceivedMessage) -> None:
        # The provider ends the token's life and the server drops the session: the
        # reconnection finds the token in memory refused (334 JSON challenge, then 535).
        count = len(xoauth2_smtp.handler.messages)
        if count == 2:
            oauth_server.expire_access_tokens()
        xoauth2_smtp.behavior.close_after_message = count == 2

    xoauth2_smtp.behavior.on_message = expire_after_second
    result = drain(db)

    assert result.stopped is None and len(result.sent) == len(docs)
    messages = xoauth2_smtp.wait_for_messages(len(docs))
    assert len(messages) == len(docs) and received_once(messages)
    assert oauth_server.grants["refresh_token"] == 1  # refreshed once, silently
    assert xoauth2_smtp.handler.failed_logins == 1
    assert set(states_of(db, prepared.outbox_ids).values()) == {OutboxState.SENT}


def test_a_revoked_sign_in_holds_the_batch_with_a_clear_message(
    db: Database, oauth_server: OAuthTestServer, xoauth2_smtp: SmtpTestServer
) -> None:
    oauth.sign_in("google", ACCOUNT, open_url=click_allow, timeout=10)
    oauth_server.revoke()  # the user removed the consent at Google
    oauth.forget_access_tokens()  # as in a new session: the refresh token must serve
    business = clients(db)
    prepared = prepare_batch(db, [invoice(db, business.two_addresses) for _ in range(2)])

    result = drain(db)

    assert isinstance(result.stopped, OAuthRevokedError) and result.settings_refused
    assert sorted(result.held) == sorted(prepared.outbox_ids)
    assert set(states_of(db, prepared.outbox_ids).values()) == {OutboxState.HELD}
    assert xoauth2_smtp.messages == [] and xoauth2_smtp.handler.connections == 0
    set_language("fr")
    try:
        text = describe(result.stopped)
    finally:
        set_language(None)
    assert text.startswith("Connexion Google expirée\u00a0: reconnectez-vous")
    assert "Paramètres › Serveur d’envoi" in text


def test_not_configured_says_what_is_missing(oauth_server: OAuthTestServer, tmp_path: Path) -> None:
    assert oauth.oauth_config("microsoft") is None
    with pytest.raises(OAuthNotConfiguredError) as caught:
        oauth.sign_in("microsoft", ACCOUNT, open_url=click_allow)
    text = describe(caught.value)
    assert "FACTURIER_OAUTH_MICROSOFT_CLIENT_ID" in text and "oauth_clients.json" in text

    # The administrator's file beside the workstation's settings configures it.
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "oauth_clients.json").write_text(
        '{"microsoft": {"client_id": "abc-123", "tenant": "organizations"}}', encoding="utf-8"
    )
    config = oauth.oauth_config("microsoft")
    assert config is not None and config.client_id == "abc-123" and config.client_secret is None
    assert config.token_url == ("https://login.microsoftonline.com/organizations/oauth2/v2.0/token")
    assert "offline_access" in config.scopes
