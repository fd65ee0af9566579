"""OAuthSignInBox against the local authorization server (tests/oauth_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.mail import oauth
from tests.conftest import MemoryKeyring
from tests.oauth_server import ACCOUNT, OAuthTestServer, click_allow, point_at
from ui.dialogs.settings_oauth import OAuthSignInBox


@pytest.fixture
def server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[OAuthTestServer]:
    with OAuthTestServer() as running:
        point_at(running, monkeypatch, tmp_path)
        yield running
    oauth.forget_access_tokens()


def parts(box: OAuthSignInBox) -> tuple[QPushButton, QLabel, QPushButton]:
    button = box.findChild(QPushButton, "oauthSignInButton")
    label = box.findChild(QLabel, "oauthStatusLabel")
    sign_out = box.findChild(QPushButton, "oauthSignOutButton")
    assert button is not None and label is not None and sign_out is not None
    return button, label, sign_out


def test_sign_in_and_out_with_the_local_server(qtbot: QtBot, server: OAuthTestServer) -> None:
    box = OAuthSignInBox(open_url=click_allow)
    qtbot.addWidget(box)
    button, label, sign_out = parts(box)
    box.set_account("google", ACCOUNT)
    qtbot.waitUntil(lambda: label.text() == "Not signed in.")
    assert button.text() == "Sign in with Google" and button.isEnabled()

    with qtbot.waitSignal(box.signedIn, timeout=10_000) as signed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signed.args == ["google", ACCOUNT]
    assert label.text() == f"Signed in as {ACCOUNT} with Google."
    assert oauth.is_signed_in("google", ACCOUNT)
    assert server.grants == {"authorization_code": 1}

    box.show()
    assert sign_out.isVisible()
    with qtbot.waitSignal(box.signedOut):
        qtbot.mouseClick(sign_out, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.text() == "Not signed in.")
    assert not oauth.is_signed_in("google", ACCOUNT)


def test_a_waiting_sign_in_can_be_cancelled(qtbot: QtBot, server: OAuthTestServer) -> None:
    opened: list[str] = []
    box = OAuthSignInBox(open_url=opened.append)  # the user never comes back
    qtbot.addWidget(box)
    button, label, _ = parts(box)
    box.set_account("google", ACCOUNT)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    assert button.text() == "Cancel sign-in" and "Waiting for the browser" in label.text()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert label.text() == "Sign-in cancelled." and not box.is_signing_in()
    assert not oauth.is_signed_in("google", ACCOUNT)


def test_not_configured_explains_what_is_missing(qtbot: QtBot, server: OAuthTestServer) -> None:
    box = OAuthSignInBox()
    qtbot.addWidget(box)
    button, label, _ = parts(box)
    box.set_account("microsoft", ACCOUNT)
    qtbot.waitUntil(lambda: "not configured" in label.text())
    assert "FACTURIER_OAUTH_MICROSOFT_CLIENT_ID" in label.text()
    assert button.text() == "Sign in with Microsoft" and not button.isEnabled()


def test_a_revoked_sign_in_reads_clearly_for_a_held_batch() -> None:
    from app.mail.oauth_errors import OAuthRevokedError
    from app.mail.transport import SmtpAuthError
    from ui.oauth_problems import oauth_problem_text, oauth_short_reason

    revoked = OAuthRevokedError("x", reason="revoked", provider="google", provider_name="Google")
    assert oauth_problem_text(revoked) == (
        "Google sign-in expired: sign in again in Settings > Mail."
    )
    assert oauth_short_reason(revoked) == "the Google sign-in expired"
    assert oauth_problem_text(SmtpAuthError("x", reason="rejected")) is None
