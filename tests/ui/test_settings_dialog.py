"""The settings dialog, driven like a user would, on a real SQLite file, a real aiosmtpd
server and (database page) a real PostgreSQL server."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.kinds import CopyToSelf, DocumentKind, SmtpSecurity, registered_kinds
from app.domain.numbering import format_number
from app.domain.templates import DEFAULT_TEMPLATES
from app.mail import transport
from app.mail.transport import PASSWORD_ENV
from app.services.database import Database, configured_database, open_database
from app.services.demo import fill_demo
from app.services.settings import get_company, update_company
from app.services.templates import get_template
from tests.conftest import MemoryKeyring
from tests.smtp_server import SmtpTestServer
from ui.dialogs.settings_dialog import SettingsDialog

SENDER = "contact@acme.fr"
Button = QMessageBox.StandardButton
COMPANY, LEGAL, SENDER_PAGE, SERVER, TEMPLATES, DATABASE = range(6)


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[None]:
    """Never the user's keyring, configuration or environment password."""
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    transport._session_passwords.clear()
    yield
    transport._session_passwords.clear()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def open_dialog(qtbot: QtBot, db: Database, page: int = COMPANY) -> SettingsDialog:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.tabs.setCurrentIndex(page)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    """At teardown, never block on the unsaved-changes prompt."""
    dialog.ask_unsaved = lambda: Button.Discard  # type: ignore[attr-defined]


def type_into(qtbot: QtBot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Select what is there and type over it, as a user would."""
    edit.setFocus()
    edit.selectAll()
    if not text:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    elif text.isascii():
        for number, line in enumerate(text.split("\n")):
            if number:
                qtbot.keyClick(edit, Qt.Key.Key_Return)
            qtbot.keyClicks(edit, line)
    else:  # QTest cannot synthesize every character: insert as an input method would
        if isinstance(edit, QLineEdit):
            edit.insert(text)
        else:
            edit.insertPlainText(text)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    if isinstance(button, QCheckBox | QRadioButton):  # on the box, not the empty row
        at = QPoint(8, button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def configure_smtp(db: Database, server: SmtpTestServer) -> None:
    update_company(
        db,
        name="ACME SARL",
        sender_name="ACME SARL",
        sender_address=SENDER,
        smtp_host=server.host,
        smtp_port=server.port,
        smtp_security=SmtpSecurity.STARTTLS,
        smtp_user=server.user,
    )


def png_file(folder: Path, name: str = "logo.png", size: tuple[int, int] = (300, 100)) -> Path:
    path = folder / name
    out = BytesIO()
    Image.new("RGBA", size, (21, 101, 192, 255)).save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def is_marked(widget: QWidget) -> bool:
    return "c62828" in widget.styleSheet() and bool(widget.toolTip())


# --- identity and legal mentions -----------------------------------------------------------


def test_loads_the_settings_and_saves_them_in_one_go(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", city="Lyon", siren="732829320", payment_days=30)
    dialog = open_dialog(qtbot, db)
    company, legal = dialog.company_page, dialog.legal_page
    assert dialog.objectName() == "settingsDialog"
    assert company.edits["name"].text() == "ACME SARL"
    assert company.edits["city"].text() == "Lyon"
    assert legal.edits["siren"].text() == "732829320"
    assert not dialog.isWindowModified()

    type_into(qtbot, company.edits["name"], "Atelier Dupont")
    type_into(qtbot, company.edits["street"], "14 rue de Marseille")
    company.legal_form.setCurrentText("SARL")
    dialog.tabs.setCurrentIndex(LEGAL)
    type_into(qtbot, legal.edits["siret"], "732 829 320 00074")
    type_into(qtbot, legal.edits["iban"], "fr76 3000 4008 2500 0123 4567 886")
    click(qtbot, legal.vat_exempt)
    legal.payment_days.setValue(45)
    type_into(qtbot, legal.late_penalty, "Pénalités : 3 fois le taux légal.")
    assert dialog.isWindowModified()
    assert get_company(db).name == "ACME SARL"  # nothing written before Save

    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    saved = get_company(db)
    assert saved.name == "Atelier Dupont"
    assert saved.street == "14 rue de Marseille"
    assert saved.legal_form == "SARL"
    assert saved.siret == "73282932000074"  # stored as digits, as for clients
    assert saved.iban == "FR76 3000 4008 2500 0123 4567 886"
    assert saved.vat_exempt is True
    assert saved.payment_days == 45
    assert saved.late_penalty_text == "Pénalités : 3 fois le taux légal."
    assert saved.city == "Lyon"  # untouched
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("page", "field", "value", "reason"),
    [
        (COMPANY, "email", "contact@", "not a valid e-mail address"),
        (LEGAL, "siren", "123456789", "check digit"),
        (LEGAL, "siret", "1234", "14 digits"),
        (LEGAL, "iban", "FR76 3000 4008 2500 0123 4567 800", "check digits"),
        (LEGAL, "bic", "BNP", "8 or 11"),
        (LEGAL, "vat_number", "FR00732829320", "key"),
    ],
)
def test_an_invalid_field_is_marked_and_blocks_save(
    qtbot: QtBot, db: Database, page: int, field: str, value: str, reason: str
) -> None:
    update_company(db, name="ACME SARL")
    before = get_company(db)
    dialog = open_dialog(qtbot, db, page)
    edit = dialog.pages[page].field_widgets()[field]
    assert isinstance(edit, QLineEdit)
    type_into(qtbot, edit, value)
    assert is_marked(edit)
    assert reason in edit.toolTip()
    assert reason in dialog.problem_message()
    assert not dialog.tabs.tabIcon(page).isNull()
    dialog.tabs.setCurrentIndex(DATABASE)
    assert dialog.save() is False
    assert dialog.isVisible()
    assert get_company(db) == before
    assert dialog.tabs.currentIndex() == page  # brought back to the culprit
    assert QApplication.focusWidget() is edit
    type_into(qtbot, edit, "")  # empty is allowed for all of these
    assert not is_marked(edit)
    assert dialog.problem_message() == ""


def test_the_company_name_is_required(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db)  # a fresh database: no name yet
    assert dialog.problem_message() == ""  # not shouted at before anything was typed
    assert dialog.save() is False
    assert "Company name is required" in dialog.problem_message()
    assert is_marked(dialog.company_page.edits["name"])
    type_into(qtbot, dialog.company_page.edits["name"], "ACME")
    assert dialog.save() is True
    assert get_company(db).name == "ACME"


def test_invalid_sender_address_blocks_save(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", sender_address=SENDER)
    dialog = open_dialog(qtbot, db, SENDER_PAGE)
    edit = dialog.sender_page.sender_address
    type_into(qtbot, edit, "contact@acme")  # checked as typed
    assert is_marked(edit)
    assert "needs a dot" in edit.toolTip()
    assert "Sender" in dialog.problem_message()
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert get_company(db).sender_address == SENDER
    qtbot.keyClicks(edit, ".fr")
    assert not is_marked(edit)
    assert dialog.sender_page.from_preview.text() == "ACME SARL <contact@acme.fr>"
    click(qtbot, dialog.sender_page.copy_buttons[CopyToSelf.BCC])
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_company(db).copy_to_self is CopyToSelf.BCC


def test_cancel_with_changes_asks_and_discards(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db)
    answers = [Button.Cancel, Button.Discard]
    asked: list[int] = []

    def answer() -> QMessageBox.StandardButton:
        asked.append(1)
        return answers.pop(0)

    dialog.ask_unsaved = answer  # type: ignore[method-assign]
    click(qtbot, dialog.cancel_button)  # nothing changed: closes without asking
    assert asked == [] and not dialog.isVisible()

    dialog = open_dialog(qtbot, db)
    dialog.ask_unsaved = answer  # type: ignore[method-assign]
    type_into(qtbot, dialog.company_page.edits["name"], "Autre nom")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel: stays open
    assert dialog.isVisible() and len(asked) == 1
    dialog.close()  # Discard
    assert not dialog.isVisible() and len(asked) == 2
    assert get_company(db).name == "ACME SARL"


def test_save_from_the_unsaved_changes_prompt(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db)
    dialog.ask_unsaved = lambda: Button.Save  # type: ignore[method-assign]
    type_into(qtbot, dialog.company_page.edits["name"], "Nouveau nom")
    dialog.close()
    assert get_company(db).name == "Nouveau nom"


def test_logo_chosen_previewed_saved_and_removed(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db)
    page = dialog.company_page
    assert page.logo_preview.pixmap().isNull()
    assert not page.remove_logo_button.isEnabled()
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"this is not a picture")
    assert page.set_logo_file(bad) is False
    assert "cannot be read as an image" in page.logo_message.text()
    assert page.logo_preview.pixmap().isNull()

    assert page.set_logo_file(png_file(tmp_path, "good.png")) is True
    assert page.logo_message.text() == ""
    assert not page.logo_preview.pixmap().isNull()
    assert page.remove_logo_button.isEnabled()
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    logo = get_company(db).logo_png
    assert logo is not None and logo.startswith(b"\x89PNG")

    dialog = open_dialog(qtbot, db)
    assert not dialog.company_page.logo_preview.pixmap().isNull()
    click(qtbot, dialog.company_page.remove_logo_button)
    assert dialog.save() is True
    assert get_company(db).logo_png is None


def test_logo_in_an_unsupported_format_is_refused(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, db)
    gif = tmp_path / "logo.gif"
    out = BytesIO()
    Image.new("L", (50, 20), 128).save(out, "GIF")
    gif.write_bytes(out.getvalue())
    assert dialog.company_page.set_logo_file(gif) is False
    assert "PNG and JPEG" in dialog.company_page.logo_message.text()
    assert "GIF" in dialog.company_page.logo_message.text()


# --- e-mail templates ------------------------------------------------------------------------


def test_unknown_placeholder_is_refused_and_shown(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db, TEMPLATES)
    page = dialog.templates_page
    type_into(qtbot, page.subject, "Facture {numero} {prix}")
    assert "in the subject: {prix}." in page.problem.text()
    assert is_marked(page.subject)
    assert page.preview_subject.text() == ""
    assert not dialog.tabs.tabIcon(TEMPLATES).isNull()

    type_into(qtbot, page.subject, "Facture {numero}")
    type_into(qtbot, page.body, "Bonjour {client},\nmontant {total} au {jour}.")
    assert "in the message: {total}, {jour}." in page.problem.text()
    highlighted = [s.cursor.selectedText() for s in page.body.extraSelections()]  # type: ignore[attr-defined]
    assert highlighted == ["{total}", "{jour}"]
    dialog.tabs.setCurrentIndex(COMPANY)
    assert dialog.save() is False
    assert dialog.tabs.currentIndex() == TEMPLATES
    assert get_template(db, DocumentKind.INVOICE) == DEFAULT_TEMPLATES[DocumentKind.INVOICE]

    type_into(qtbot, page.body, "Bonjour {client},\nmontant {{total}} {montant}.")
    assert page.problem.text() == ""
    assert page.body.extraSelections() == []


def test_unclosed_brace_is_refused(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, TEMPLATES)
    type_into(qtbot, dialog.templates_page.body, "Bonjour {client")
    assert "not closed" in dialog.templates_page.problem.text()
    assert dialog.templates_page.problems()


def test_line_break_in_the_subject_is_refused(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, TEMPLATES)
    page = dialog.templates_page
    page.subject.setText("Facture\u2028{numero}")  # a line separator pasted from elsewhere
    assert "one line" in page.problem.text()
    assert is_marked(page.subject)


def test_live_preview_and_placeholder_buttons(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", payment_days=30)
    dialog = open_dialog(qtbot, db, TEMPLATES)
    page = dialog.templates_page
    today = datetime.date.today()
    number = format_number(DocumentKind.INVOICE, today.year, 42)
    assert page.preview_subject.text() == f"<b>Subject:</b> Facture {number} – ACME SARL"
    assert "1\u202f234,56\u00a0€" in page.preview_body.toPlainText() or "1 234,56" in (
        page.preview_body.toPlainText().replace("\u202f", " ").replace("\u00a0", " ")
    )

    type_into(qtbot, page.subject, "Votre facture  du {date}")
    page.subject.setCursorPosition(len("Votre facture "))
    click(qtbot, page.placeholder_buttons["numero"])  # inserted at the subject's cursor
    assert page.subject.text() == "Votre facture {numero} du {date}"
    assert QApplication.focusWidget() is page.subject
    type_into(qtbot, page.body, "Bonjour ")
    click(qtbot, page.placeholder_buttons["client"])  # now the message had the focus
    click(qtbot, page.placeholder_buttons["echeance"])
    assert page.body.toPlainText() == "Bonjour {client}{echeance}"
    due = today + datetime.timedelta(days=30)
    assert page.preview_subject.text().endswith(f"Votre facture {number} du {today:%d/%m/%Y}")
    assert page.preview_body.toPlainText() == f"Bonjour Boulangerie Martin{due:%d/%m/%Y}"

    type_into(qtbot, dialog.company_page.edits["name"], "Atelier Dupont")  # another page
    assert "Atelier Dupont" not in page.preview_subject.text()  # {societe} is not used now
    click(qtbot, page.reset_button)
    assert page.subject.text() == DEFAULT_TEMPLATES[DocumentKind.INVOICE].subject
    assert page.preview_subject.text().endswith("– Atelier Dupont")


def test_templates_per_kind_saved_with_the_rest(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db, TEMPLATES)
    page = dialog.templates_page
    page.show_kind(DocumentKind.QUOTE)
    assert page.subject.text() == DEFAULT_TEMPLATES[DocumentKind.QUOTE].subject
    type_into(qtbot, page.body, "Voici le devis {numero}.")
    assert (
        "(customised)" in page.kind_list.item(registered_kinds().index(DocumentKind.QUOTE)).text()
    )
    page.show_kind(DocumentKind.INVOICE)
    page.show_kind(DocumentKind.QUOTE)  # edits are kept while switching kinds
    assert page.body.toPlainText() == "Voici le devis {numero}."
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_template(db, DocumentKind.QUOTE).body == "Voici le devis {numero}."
    assert get_template(db, DocumentKind.INVOICE) == DEFAULT_TEMPLATES[DocumentKind.INVOICE]

    dialog = open_dialog(qtbot, db, TEMPLATES)
    dialog.templates_page.show_kind(DocumentKind.QUOTE)
    click(qtbot, dialog.templates_page.reset_button)
    assert dialog.save() is True
    assert get_template(db, DocumentKind.QUOTE) == DEFAULT_TEMPLATES[DocumentKind.QUOTE]


# --- mail server, password, pace, test message ---------------------------------------------


def run_test_message(qtbot: QtBot, dialog: SettingsDialog) -> str:
    page = dialog.server_page
    dialog.tabs.setCurrentIndex(SERVER)
    click(qtbot, page.test_button)
    assert not page.test_button.isEnabled()  # the dialog stays usable, the button waits
    assert page.test_progress.isVisible()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=15_000)
    assert page.test_button.isEnabled() and not page.test_progress.isVisible()
    return page.test_result.text()


def test_test_message_reaches_the_server(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    configure_smtp(db, smtp_server)
    dialog = open_dialog(qtbot, db, SERVER)
    text = run_test_message(qtbot, dialog)
    assert f"sent to {SENDER}" in text and "250" in text
    assert dialog.server_page.test_result.tone == "success"
    (received,) = smtp_server.wait_for_messages(1)
    assert received.mail_from == SENDER and received.rcpt_tos == [SENDER]
    assert received.message["From"].addresses[0].addr_spec == SENDER
    assert [a.addr_spec for a in received.message["To"].addresses] == [SENDER]


def test_test_message_with_a_wrong_password(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    configure_smtp(db, smtp_server)
    dialog = open_dialog(qtbot, db, SERVER)
    text = run_test_message(qtbot, dialog)
    assert text.startswith("The mail server refuses the password")
    assert dialog.server_page.test_result.tone == "error"
    assert smtp_server.messages == []


def test_test_message_uses_the_values_on_screen_without_saving(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    update_company(db, name="ACME SARL", sender_address=SENDER, smtp_host="smtp.invalid")
    before = get_company(db)
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    type_into(qtbot, page.host, smtp_server.host)
    page.port.setValue(smtp_server.port)
    type_into(qtbot, page.user, smtp_server.user)
    type_into(qtbot, page.password, smtp_server.password)
    assert "sent to" in run_test_message(qtbot, dialog)
    assert len(smtp_server.wait_for_messages(1)) == 1
    assert get_company(db) == before
    assert memory_keyring.passwords == {}


def test_test_message_refused_while_a_field_is_wrong(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", sender_address=SENDER, smtp_host="localhost")
    dialog = open_dialog(qtbot, db, SENDER_PAGE)
    type_into(qtbot, dialog.sender_page.sender_address, "contact@@acme.fr")
    dialog.tabs.setCurrentIndex(SERVER)
    click(qtbot, dialog.server_page.test_button)
    assert not dialog.server_page.is_busy()
    assert dialog.server_page.test_result.text().startswith("Correct the marked fields first")


def test_closing_waits_for_the_test_message(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    configure_smtp(db, smtp_server)
    smtp_server.behavior.stall_after_dot = 1.0
    dialog = open_dialog(qtbot, db, SERVER)
    click(qtbot, dialog.server_page.test_button)
    dialog.close()
    assert dialog.isVisible()
    assert "Wait until" in dialog.problem_message()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
    dialog.close()
    assert not dialog.isVisible()


def test_password_saved_in_the_keyring(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    configure_smtp(db, smtp_server)
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    assert page.password.echoMode() == QLineEdit.EchoMode.Password
    assert page.password.placeholderText() == "Not stored yet"
    type_into(qtbot, page.password, smtp_server.password)
    assert dialog.isWindowModified()
    assert dialog.save() is True
    # Kept in the keyring's "facturier" service (under a key naming the user, and since
    # passwords are per server, the server), nowhere else.
    stored = {k: v for k, v in memory_keyring.passwords.items() if k[0] == "facturier"}
    assert list(stored.values()) == [smtp_server.password]
    assert all(smtp_server.user in key for _service, key in stored)
    dialog = open_dialog(qtbot, db, SERVER)
    assert dialog.server_page.password.text() == ""  # never shown back
    assert dialog.server_page.password.placeholderText().startswith("Stored in the keyring")
    assert "sent to" in run_test_message(qtbot, dialog)


def test_a_mail_server_needs_a_sender_address(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db, SERVER)
    type_into(qtbot, dialog.server_page.host, "smtp.example.org")
    assert dialog.save() is False
    assert "Sender address is required" in dialog.problem_message()
    assert dialog.tabs.currentIndex() == SENDER_PAGE


def test_a_password_needs_a_user_name(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", smtp_host="smtp.example.org")
    dialog = open_dialog(qtbot, db, SERVER)
    type_into(qtbot, dialog.server_page.password, "secret")
    assert is_marked(dialog.server_page.user)
    assert dialog.save() is False


def test_no_keyring_keeps_the_password_for_the_session(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, no_keyring: None
) -> None:
    configure_smtp(db, smtp_server)
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    assert "No password store (keyring)" in page.password_message.text()
    notices: list[str] = []
    dialog.notify = lambda title, text: notices.append(text)  # type: ignore[method-assign]
    type_into(qtbot, page.password, smtp_server.password)
    assert dialog.save() is True
    assert len(notices) == 1 and "only until Facturier closes" in notices[0]

    dialog = open_dialog(qtbot, db, SERVER)  # the session's password is used by the test
    assert dialog.server_page.password.placeholderText().startswith("Kept until Facturier")
    assert "sent to" in run_test_message(qtbot, dialog)
    assert smtp_server.wait_for_messages(1)[0].authenticated_as == smtp_server.user


def test_unencrypted_smtp_rules(qtbot: QtBot, db: Database) -> None:
    update_company(
        db,
        name="ACME SARL",
        sender_address=SENDER,
        smtp_host="smtp.example.org",
        smtp_user="bob",
    )
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    assert page.port.value() == 587
    page.security.setCurrentIndex(page.security.findData(SmtpSecurity.NONE))
    assert page.port.value() == 25  # the port follows the security while it is a default
    assert is_marked(page.user)  # never a login in clear
    assert "never sent without encryption" in page.user.toolTip()
    type_into(qtbot, page.user, "")
    assert is_marked(page.security)
    assert page.insecure.isEnabled()
    click(qtbot, page.insecure)
    assert not is_marked(page.security)
    type_into(qtbot, page.host, "localhost")  # plain SMTP to this computer is fine
    assert not page.insecure.isEnabled()
    assert dialog.save() is True
    saved = get_company(db)
    assert (saved.smtp_security, saved.smtp_port, saved.smtp_insecure) == (
        SmtpSecurity.NONE,
        25,
        False,
    )


def test_pace_presets(qtbot: QtBot, db: Database) -> None:
    update_company(
        db,
        name="ACME SARL",
        sender_address=SENDER,
        smtp_host="smtp.office365.com",
        rate_per_minute=30,
    )
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    assert page.preset.currentData() == "microsoft"
    assert "approx." in page.preset.currentText()
    page.preset.setCurrentIndex(page.preset.findData("gmail"))
    page.preset.activated.emit(page.preset.currentIndex())
    assert page.rate.value() == 20
    page.rate.setValue(7)
    assert page.preset.currentData() == ""  # another provider
    page.rate.setValue(0)
    assert page.rate.text() == "No limit"
    page.preset.setCurrentIndex(page.preset.findData("ovh"))
    page.preset.activated.emit(page.preset.currentIndex())
    assert dialog.save() is True
    assert get_company(db).rate_per_minute == 3


def test_automatic_retries_can_be_turned_off_and_on(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="ACME SARL", sender_address=SENDER, smtp_host="localhost")
    assert get_company(db).auto_retry is True
    dialog = open_dialog(qtbot, db, SERVER)
    check = dialog.findChild(QCheckBox, "autoRetryCheck")
    assert check is dialog.server_page.auto_retry and check is not None
    assert check.isVisible() and check.isChecked()
    assert "unreachable" in check.text() and "try later" in check.text()
    assert not dialog.isWindowModified()
    click(qtbot, check)
    assert not check.isChecked() and dialog.isWindowModified()
    assert get_company(db).auto_retry is True  # nothing written before Save
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_company(db).auto_retry is False
    assert get_company(db).smtp_host == "localhost"  # untouched

    again = open_dialog(qtbot, db, SERVER)
    check = again.findChild(QCheckBox, "autoRetryCheck")
    assert check is not None and not check.isChecked()
    click(qtbot, check)
    assert again.save() is True
    assert get_company(db).auto_retry is True


def test_the_test_message_shows_the_server_reply_as_plain_text(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    configure_smtp(db, smtp_server)
    smtp_server.behavior.data_reply = "250 2.0.0 <b>Queued</b> \x1b[31mas 1234\x1b[0m"
    dialog = open_dialog(qtbot, db, SERVER)
    text = run_test_message(qtbot, dialog)
    label = dialog.server_page.test_result.label
    assert "<b>Queued</b>" in text and "\x1b" not in text
    assert label.textFormat() == Qt.TextFormat.PlainText


# --- database page (PostgreSQL) --------------------------------------------------------------


def run_database_action(qtbot: QtBot, dialog: SettingsDialog, button: QAbstractButton) -> str:
    page = dialog.database_page
    page.confirm = lambda title, text: True  # type: ignore[method-assign]
    click(qtbot, button)
    assert page.is_busy() and not button.isEnabled()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)
    return page.result.text()


def test_database_page_shows_the_database_in_use(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, DATABASE)
    page = dialog.database_page
    assert str(db.path) in page.current_label.text()
    assert "local file" in page.configured_label.text()
    assert not page.test_button.isEnabled()  # no address yet
    type_into(qtbot, page.url, "mysql://somewhere/facturier")
    click(qtbot, page.test_button)
    assert "not a PostgreSQL address" in page.result.text()


def test_a_pasted_password_goes_to_its_own_field(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db, DATABASE)
    page = dialog.database_page
    page.url.setFocus()
    page.url.insert("postgresql+psycopg://compta:p%40ss:w@db.example.org:5433/facturier")
    qtbot.keyClick(page.url, Qt.Key.Key_Tab)
    assert page.url.text() == "postgresql+psycopg://compta@db.example.org:5433/facturier"
    assert page.password.text() == "p@ss:w"
    assert page.password.echoMode() == QLineEdit.EchoMode.Password
    assert page.full_url() == "postgresql+psycopg://compta:p%40ss%3Aw@db.example.org:5433/facturier"


def _split(url: str) -> tuple[str, str]:
    from ui.dialogs.settings_database import split_password

    return split_password(url)


def test_connection_test_against_postgresql(qtbot: QtBot, db: Database, pg_url: str) -> None:
    dialog = open_dialog(qtbot, db, DATABASE)
    page = dialog.database_page
    address, password = _split(pg_url)
    type_into(qtbot, page.url, address)
    type_into(qtbot, page.password, password)
    text = run_database_action(qtbot, dialog, page.test_button)
    assert text.startswith("The connection works: PostgreSQL")
    assert page.result.tone == "success"

    type_into(qtbot, page.password, "wrong password")
    text = run_database_action(qtbot, dialog, page.test_button)
    assert text == "The database server refuses the user name or password."

    type_into(qtbot, page.password, password)
    type_into(qtbot, page.url, address.rsplit("/", 1)[0] + "/no_such_base")
    text = run_database_action(qtbot, dialog, page.test_button)
    assert "“no_such_base” does not exist" in text


def test_connection_to_a_closed_port(qtbot: QtBot, db: Database) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = open_dialog(qtbot, db, DATABASE)
    page = dialog.database_page
    type_into(qtbot, page.url, f"postgresql+psycopg://compta@127.0.0.1:{port}/facturier")
    text = run_database_action(qtbot, dialog, page.test_button)
    assert f"refuses connections on port {port}" in text


def test_copy_into_postgresql_then_use_it(
    qtbot: QtBot, db: Database, pg_url: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    fill_demo(db, clients=6, documents=12, today=datetime.date(2026, 11, 27))
    dialog = open_dialog(qtbot, db, DATABASE)
    page = dialog.database_page
    address, password = _split(pg_url)
    type_into(qtbot, page.url, address)
    type_into(qtbot, page.password, password)
    text = run_database_action(qtbot, dialog, page.copy_button)
    assert text.startswith("Copy verified:"), text
    assert page.counts.isVisible()
    rows = page.copied_rows()
    assert len(rows) == 19
    assert rows["Clients"] == 6 and rows["Documents"] > 0 and rows["Company settings"] == 1
    shared = open_database(pg_url)
    try:
        assert get_company(shared) == get_company(db)
    finally:
        shared.dispose()

    text = run_database_action(qtbot, dialog, page.copy_button)  # not into a full one
    assert text.startswith("This database already holds data")

    text = run_database_action(qtbot, dialog, page.use_button)
    assert "Restart Facturier" in text
    config = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert password not in config["database"]  # in the keyring, not in a file
    assert configured_database() == pg_url  # and back when the program starts
    assert memory_keyring.passwords == {("facturier-database", config["database"]): password}
    assert password not in page.configured_label.text()  # never shown in clear
    assert "***" in page.configured_label.text()

    dialog = open_dialog(qtbot, db, DATABASE)  # the address comes back, the password hidden
    assert dialog.database_page.url.text() == address
    assert dialog.database_page.password.echoMode() == QLineEdit.EchoMode.Password
    click(qtbot, dialog.database_page.local_button)
    assert json.loads((tmp_path / "config" / "settings.json").read_text())["database"] == ""


# --- the dialog as a whole ---------------------------------------------------------------------


def test_every_field_has_an_accessible_name(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db)
    unnamed = []
    for kind in (QLineEdit, QPlainTextEdit, QSpinBox, QComboBox):
        for widget in dialog.findChildren(kind):  # type: ignore[arg-type]
            if isinstance(widget.parent(), QComboBox | QSpinBox):
                continue  # the inner line edit of a combo box or spin box
            if not widget.accessibleName():
                unnamed.append(widget.objectName() or type(widget).__name__)
    assert unnamed == []
    for box in dialog.findChildren(QCheckBox):
        assert box.text()


def test_tab_order_follows_the_form(qtbot: QtBot, db: Database) -> None:
    dialog = open_dialog(qtbot, db)
    e = dialog.company_page.edits
    e["name"].setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[0] is dialog.company_page.legal_form or order[0].parent() is (
        dialog.company_page.legal_form
    )
    assert order[1] is e["capital"]
    assert order[2] is e["street"]


def test_the_main_window_opens_the_settings(qtbot: QtBot, db_path: Path) -> None:
    from ui.main import create_main_window

    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    action = window.settings_action
    assert action.objectName() == "settingsAction"
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action in window.tools_menu.actions()
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen.append(dialog.objectName())
        dialog.reject()

    QTimer.singleShot(0, close_it)
    assert window.open_settings() is False
    assert seen == ["settingsDialog"]


def test_an_unreadable_database_is_told_not_raised(qtbot: QtBot) -> None:
    import socket

    from ui.dialogs.settings_dialog import open_settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gone = open_database(f"postgresql+psycopg://u@127.0.0.1:{port}/x", migrate=False)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    try:
        assert open_settings(None, gone) is False
    finally:
        gone.dispose()
    assert seen and "cannot be reached" in seen[0]
