"""The settings' Platform page: its fields saved and shown again, the secret kept in the
keyring (never shown), and "Test" against a real platform over HTTPS (tests/platform_server.py).

Set FACTURIER_SHOTS to a folder to save a screenshot of the page (French).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.platform.secret import KEYRING_SERVICE, SECRET_ENV, secret_key
from app.services.database import Database
from app.services.settings import get_company, update_company
from tests.conftest import MemoryKeyring
from tests.platform_server import PLATFORM_CLIENT_ID, PLATFORM_SECRET, PlatformTestServer
from tests.ui.test_settings_dialog import open_dialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.dialogs.settings_platform import PlatformPage

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[None]:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    yield


def platform_page(qtbot: QtBot, db: Database) -> tuple[SettingsDialog, PlatformPage]:
    dialog = open_dialog(qtbot, db)
    dialog.tabs.setCurrentIndex(dialog.pages.index(dialog.platform_page))
    return dialog, dialog.platform_page


def fill(qtbot: QtBot, page: PlatformPage, url: str, secret: str = "") -> None:
    page.url.clear()
    qtbot.keyClicks(page.url, url)
    page.client_id.clear()
    qtbot.keyClicks(page.client_id, PLATFORM_CLIENT_ID)
    if secret:
        qtbot.keyClicks(page.secret, secret)


def run_test(qtbot: QtBot, page: PlatformPage) -> str:
    qtbot.mouseClick(page.test_button, LEFT)
    qtbot.waitUntil(lambda: page.task is None and page.test_button.isEnabled(), timeout=30_000)
    return page.test_result.text()


def test_fill_save_and_reopen_keeps_the_values_and_the_secret_in_the_keyring(
    qtbot: QtBot, db: Database, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    update_company(db, name="Atelier Dupont", siren="732829320")
    dialog, page = platform_page(qtbot, db)
    for name in (
        "platformUrlEdit",
        "platformClientIdEdit",
        "platformTokenUrlEdit",
        "platformSecretEdit",
        "platformTestButton",
        "platformTestResult",
    ):
        assert page.findChild(object, name) is not None, name  # type: ignore[arg-type]
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Platform"
    assert page.secret.placeholderText() == "Type the API address and client id first"
    fill(qtbot, page, "https://pa.example/api/v1/", "s3cret")
    assert page.token_url.placeholderText() == "default: https://pa.example/api/v1/oauth/token"
    assert dialog.is_dirty()
    assert dialog.save()

    company = get_company(db)
    assert (company.platform_url, company.platform_client_id, company.platform_token_url) == (
        "https://pa.example/api/v1",
        PLATFORM_CLIENT_ID,
        "",
    )
    key = secret_key("https://pa.example/api/v1", PLATFORM_CLIENT_ID)
    assert memory_keyring.get_password(KEYRING_SERVICE, key) == "s3cret"

    again, page = platform_page(qtbot, db)
    assert page.url.text() == "https://pa.example/api/v1"
    assert page.client_id.text() == PLATFORM_CLIENT_ID
    assert page.secret.text() == ""  # never shown
    assert page.secret.placeholderText() == "Stored in the keyring: type to replace it"
    assert not again.is_dirty()


def test_an_http_address_is_refused_with_the_field_error(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="Atelier Dupont")
    dialog, page = platform_page(qtbot, db)
    fill(qtbot, page, "http://pa.example/api/v1")
    assert not dialog.save()
    text = "Platform API address must begin with https:// followed by the server's name"
    assert page.url.toolTip().startswith(text)
    assert dialog.problem_message().startswith("Platform: " + text)
    assert get_company(db).platform_url == ""


def test_the_test_button_says_the_connection_works_and_the_siren_is_registered(
    qtbot: QtBot, db: Database, platform_server: PlatformTestServer, french: None
) -> None:
    update_company(db, name="Atelier Dupont", siren="732829320")
    dialog, page = platform_page(qtbot, db)
    assert page.test_button.text() == "Tester"
    fill(qtbot, page, platform_server.url)  # the secret: FACTURIER_PLATFORM_SECRET
    text = run_test(qtbot, page)
    assert text.startswith(
        "Connexion réussie\u00a0: la plateforme répond\u202f; votre SIREN 732 829 320 est "
        "inscrit à l’annuaire ("
    ), text
    assert page.test_result.tone == "success"
    shots = os.environ.get("FACTURIER_SHOTS")
    if shots:
        dialog.resize(900, 680)
        dialog.grab().save(str(Path(shots) / "settings-platform.png"))


def test_a_wrong_secret_gets_the_refused_sentence(
    qtbot: QtBot,
    db: Database,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SECRET_ENV)  # the secret typed is the one tested
    update_company(db, name="Atelier Dupont", siren="732829320")
    _dialog, page = platform_page(qtbot, db)
    fill(qtbot, page, platform_server.url, "not-" + PLATFORM_SECRET)
    assert run_test(qtbot, page).startswith(
        "The platform refuses your client id or secret: check them"
    )
    assert page.test_result.tone == "error"


def test_no_secret_and_a_busy_platform_get_their_sentences(
    qtbot: QtBot,
    db: Database,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SECRET_ENV)
    update_company(db, name="Atelier Dupont", siren="732829320")
    _dialog, page = platform_page(qtbot, db)
    fill(qtbot, page, platform_server.url)
    assert run_test(qtbot, page) == (
        "No client secret is stored for this client id: type it in “Client secret”."
    )
    qtbot.keyClicks(page.secret, PLATFORM_SECRET)
    platform_server.unavailable_next("/healthcheck")
    assert run_test(qtbot, page).startswith("The platform is busy or under maintenance")
