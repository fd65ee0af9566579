"""What the window says about secrets bound to their server, a bad CA file, a row the
shared database refuses, and a database password kept in clear (issue 15, points 6, 7,
11 and 13)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from app.mail.errors import MissingPasswordError, SmtpTlsError
from app.services.database import Database
from app.services.db_copy import CopyRowError
from ui.dialogs.settings_database import DatabasePage, split_password
from ui.messages import error_text


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_a_changed_mail_server_is_told_with_both_names(qapp: object) -> None:
    error = MissingPasswordError(
        "no SMTP password",
        user="bob",
        host="smtp.evil.example",
        server="smtp.evil.example:587",
        reason="server_changed",
        previous="smtp.atelier.example:587",
    )
    assert error_text(error) == (
        "The mail server is now smtp.evil.example:587 instead of smtp.atelier.example:587. "
        "The password was entered for smtp.atelier.example:587, and a password is only ever "
        "given to the server it was entered for: if this change is yours, enter the password "
        "again in the settings."
    )
    unbound = MissingPasswordError("no", server="smtp.atelier.example:587", reason="unbound")
    assert "So that it only goes to smtp.atelier.example:587" in error_text(unbound)


def test_a_bad_ca_file_is_named(qapp: object) -> None:
    error = SmtpTlsError("[Errno 2] No such file", reason="cafile", cafile="/nowhere/ca.pem")
    text = error_text(error)
    assert "FACTURIER_SMTP_CAFILE variable (/nowhere/ca.pem)" in text
    assert "server  " not in text


def test_a_refused_row_is_named(qapp: object) -> None:
    error = CopyRowError(
        "too long", reason="too_long", table="client", id="7", column="name", length=250,
        limit=200,
    )  # fmt: skip
    assert error_text(error) == (
        "Nothing was copied: in the table client, row 7 has a name of 250 characters, and the "
        "shared database allows at most 200. Shorten it, then copy again."
    )


def test_using_a_shared_database_without_a_keyring_says_the_password_is_in_clear(
    qtbot: QtBot, db: Database, pg_url: str, tmp_path: Path, no_keyring: None
) -> None:
    page = DatabasePage(db)
    qtbot.addWidget(page)
    address, password = split_password(pg_url)
    page.url.setText(address)
    page.password.setText(password)
    page.confirm = lambda title, text: True  # type: ignore[method-assign]
    page.use_button.click()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)
    settings = tmp_path / "config" / "settings.json"
    text = page.result.text()
    assert page.result.tone == "warning"
    assert f"the password is written unencrypted in {settings}" in text
    assert password not in text
    assert json.loads(settings.read_text(encoding="utf-8"))["database"] == pg_url


@pytest.mark.parametrize("where", ["company", "sender"], ids=["company-name", "sender-name"])
def test_the_window_refuses_what_the_command_line_refuses(
    qtbot: QtBot, db: Database, where: str
) -> None:
    """A right-to-left override shows a name backwards on every document and e-mail."""
    from PySide6.QtWidgets import QMessageBox

    from app.services.settings import get_company, update_company
    from ui.dialogs.settings_dialog import SettingsDialog

    update_company(db, name="Atelier Dupont", sender_name="Atelier Dupont")
    dialog = SettingsDialog(db)
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    edit = (
        dialog.company_page.edits["name"] if where == "company" else dialog.sender_page.sender_name
    )
    edit.setText("Atelier\u202eDupont")
    assert dialog.save() is False
    assert "cannot contain line breaks or control characters" in dialog.problem_message()
    saved = get_company(db)
    assert (saved.name, saved.sender_name) == ("Atelier Dupont", "Atelier Dupont")
