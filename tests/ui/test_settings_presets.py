"""The Mail server page filled in from the sender address's provider (bundled presets, then
MX through a local DNS server), the sign-in choice and the app-password advice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.services.database import Database
from app.services.settings import get_company, update_company
from tests.conftest import MemoryKeyring
from tests.dns_server import dns_server
from ui.dialogs.settings_dialog import SettingsDialog

SENDER_PAGE, SERVER = 2, 3


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[None]:
    """No network, no OAuth client configured, never the user's configuration."""
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.setenv("FACTURIER_OFFLINE", "1")
    for provider in ("GOOGLE", "MICROSOFT"):
        monkeypatch.delenv(f"FACTURIER_OAUTH_{provider}_CLIENT_ID", raising=False)
    yield


def open_dialog(qtbot: QtBot, db: Database, page: int) -> SettingsDialog:
    update_company(db, name="Atelier Martin")
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.tabs.setCurrentIndex(page)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]


def type_address(qtbot: QtBot, dialog: SettingsDialog, address: str) -> None:
    edit = dialog.sender_page.sender_address
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, address)


def label(dialog: SettingsDialog) -> QLabel:
    found = dialog.findChild(QLabel, "presetLabel")
    assert found is not None
    return found


def test_typing_an_orange_address_fills_the_orange_servers(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, SENDER_PAGE)
    page = dialog.server_page
    type_address(qtbot, dialog, "prenom.nom@orange.fr")
    qtbot.waitUntil(lambda: page.host.text() == "smtp.orange.fr")
    assert (page.port.value(), page.selected_security()) == (465, SmtpSecurity.SSL)
    assert page.user.text() == "prenom.nom@orange.fr"
    assert page.selected_auth() is SmtpAuth.PASSWORD and page.rate.value() == 10
    assert "Orange" in label(dialog).text() and "included with Facturier" in label(dialog).text()
    guidance = dialog.findChild(QLabel, "providerGuidance")
    assert guidance is not None and guidance.isHidden()  # Orange: the usual password
    page.host.setText("smtp-relay.orange.fr")  # every field stays editable
    page.password.setText("secret")
    assert dialog.save() is True
    saved = get_company(db)
    assert (saved.smtp_host, saved.smtp_port, saved.smtp_user) == (
        "smtp-relay.orange.fr",
        465,
        "prenom.nom@orange.fr",
    )
    assert (saved.mail_preset, saved.imap_host, saved.imap_copy) == (
        "orange",
        "imap.orange.fr",
        True,
    )


def test_gmail_without_oauth_shows_the_app_password_advice(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, SENDER_PAGE)
    page = dialog.server_page
    type_address(qtbot, dialog, "jean.martin@gmail.com")
    qtbot.waitUntil(lambda: page.host.text() == "smtp.gmail.com")
    dialog.tabs.setCurrentIndex(SERVER)
    guidance = dialog.findChild(QLabel, "providerGuidance")
    assert guidance is not None and guidance.isVisible()
    assert guidance.openExternalLinks()
    assert guidance.textFormat() == Qt.TextFormat.RichText
    assert '<a href="https://myaccount.google.com/apppasswords">' in guidance.text()
    assert "app password" in guidance.text()
    assert page.selected_auth() is SmtpAuth.PASSWORD  # no OAuth client configured
    assert page.password.isVisible()
    assert page.daily_messages.value() == 500
    assert dialog.save() is True
    assert get_company(db).imap_copy is False  # Gmail files sent mail itself


def test_oauth_hides_the_password(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", "test-client")
    update_company(db, sender_address="jean.martin@gmail.com")
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    button = dialog.findChild(QPushButton, "detectPresetButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.host.text() == "smtp.gmail.com"  # bundled: at once
    combo = dialog.findChild(QComboBox, "smtpAuthCombo")
    assert combo is not None and combo.currentData() == SmtpAuth.OAUTH2
    assert not page.password.isVisible() and page.oauth_box.isVisible()
    combo.setCurrentIndex(combo.findData(SmtpAuth.PASSWORD))  # the user's choice
    assert page.password.isVisible() and not page.oauth_box.isVisible()
    assert "app password" in page.provider.guidance.text()
    combo.setCurrentIndex(combo.findData(SmtpAuth.OAUTH2))
    assert dialog.save() is True
    saved = get_company(db)
    assert (saved.smtp_auth, saved.oauth_provider) == (SmtpAuth.OAUTH2, "google")


def test_a_company_domain_is_found_by_its_mx_in_the_background(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with dns_server({"menuiserie-durand.fr": [(10, "mx1.mail.ovh.net")]}) as server:
        monkeypatch.setenv("FACTURIER_OFFLINE", "0")
        monkeypatch.setenv("FACTURIER_DNS_SERVER", f"127.0.0.1:{server.port}")
        dialog = open_dialog(qtbot, db, SENDER_PAGE)
        page = dialog.server_page
        type_address(qtbot, dialog, "contact@menuiserie-durand.fr")
        qtbot.waitUntil(lambda: page.host.text() == "ssl0.ovh.net", timeout=10_000)
        assert "OVHcloud" in label(dialog).text() and "mail servers" in label(dialog).text()
        assert server.queries[-1] == "menuiserie-durand.fr"
    assert page.preset.currentData() == "ovh" and page.rate.value() == 3


def test_unknown_domain_offline_leaves_the_fields_to_the_user(qtbot: QtBot, db: Database) -> None:
    update_company(db, smtp_host="smtp.example.net", smtp_port=2525)
    dialog = open_dialog(qtbot, db, SENDER_PAGE)
    page = dialog.server_page
    type_address(qtbot, dialog, "contact@menuiserie-durand.fr")
    qtbot.waitUntil(lambda: "No settings are known" in label(dialog).text(), timeout=5000)
    qtbot.waitUntil(lambda: not page.provider.is_busy())
    assert (page.host.text(), page.port.value()) == ("smtp.example.net", 2525)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
