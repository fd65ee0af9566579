"""The accountant's address in the settings (Sender page) and the To/Cc choice of each
e-Mail row in the client editor, driven like a user would, on a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import ContactKind, CopyToSelf
from app.domain.recipients import SendAs
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, get_client, save_client
from app.services.database import Database
from app.services.outbox import drain, list_outbox
from app.services.settings import get_company, update_company
from tests.integration.sending_helpers import SENDER, configure, invoice, mail_client
from tests.smtp_server import SmtpTestServer
from tests.ui.test_settings_dialog import isolated  # noqa: F401 (autouse: no real keyring)
from ui.dialogs.batch_summary import BatchSummary
from ui.dialogs.client_editor import ClientEditorDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.models.contact_table import ContactTableModel
from ui.models.outbox_model import OutboxTableModel, is_problem

SENDER_PAGE = 2
Button = QMessageBox.StandardButton


def _discard(dialog: QWidget) -> None:
    dialog.ask_unsaved = lambda: Button.Discard  # type: ignore[attr-defined]


def type_over(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)


def is_marked(widget: QWidget) -> bool:
    return "c62828" in widget.styleSheet() and bool(widget.toolTip())


# --- the settings ---------------------------------------------------------------------------


def open_settings(qtbot: QtBot, db: Database) -> SettingsDialog:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.tabs.setCurrentIndex(SENDER_PAGE)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_accountant_address_is_checked_as_typed_saved_and_cleared(
    qtbot: QtBot, db: Database
) -> None:
    update_company(db, name="ACME SARL", sender_address="contact@acme.fr")
    dialog = open_settings(qtbot, db)
    edit = dialog.findChild(QLineEdit, "accountantAddress")
    assert edit is dialog.sender_page.accountant_address and edit.isVisible()
    assert edit.text() == ""

    type_over(qtbot, edit, "cabinet@@compta.fr")
    assert is_marked(edit)
    assert "“cabinet@@compta.fr” is not a valid e-mail address" in dialog.problem_message()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and get_company(db).accountant_address == ""

    type_over(qtbot, edit, " cabinet@compta.fr ")
    assert not is_marked(edit)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_company(db).accountant_address == "cabinet@compta.fr"

    again = open_settings(qtbot, db)  # shown as saved, and cleared by emptying it
    edit = again.sender_page.accountant_address
    assert edit.text() == "cabinet@compta.fr"
    type_over(qtbot, edit, "")
    with qtbot.waitSignal(again.saved):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert get_company(db).accountant_address == ""


# --- the client editor ----------------------------------------------------------------------


def open_editor(qtbot: QtBot, db: Database, client_id: int) -> ClientEditorDialog:
    dialog = ClientEditorDialog(db, client_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose_send_as(qtbot: QtBot, dialog: ClientEditorDialog, row: int, text: str) -> None:
    """Open the row's « Send as » cell (as a double-click would) and pick ``text``."""
    index = dialog.contacts.index(row, ContactTableModel.SEND_AS)
    table = dialog.contact_table
    table.setCurrentIndex(index)
    table.edit(index)

    def combo() -> QComboBox | None:
        found = table.findChildren(QComboBox, "contactSendAsEditor")
        return next((c for c in found if c.isVisible()), None)

    qtbot.waitUntil(lambda: combo() is not None)
    editor = combo()
    assert editor is not None
    assert [editor.itemText(i) for i in range(editor.count())] == ["To", "Cc"]
    editor.setCurrentIndex(editor.findText(text))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: combo() is None)


def test_a_mail_address_is_put_in_cc_and_saved(qtbot: QtBot, db: Database) -> None:
    client_id = save_client(
        db,
        ClientData(
            name="Fromagerie Comté",
            contacts=(
                ContactData(ContactKind.EMAIL, "patron@fromagerie.fr", mail=True),
                ContactData(ContactKind.EMAIL, "compta@fromagerie.fr", "Compta", mail=True),
                ContactData(ContactKind.EMAIL, "old@fromagerie.fr", mail=False),
                ContactData(ContactKind.PHONE, "04 78 00 00 00"),
            ),
        ),
    )
    dialog = open_editor(qtbot, db, client_id)
    model = dialog.contacts
    column = ContactTableModel.SEND_AS
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Send as"
    assert [model.index(r, column).data() for r in range(4)] == ["To", "To", None, None]
    editable = Qt.ItemFlag.ItemIsEditable
    assert [bool(model.flags(model.index(r, column)) & editable) for r in range(4)] == [
        True,
        True,
        False,  # Mail not ticked: nothing to choose
        False,  # not an e-mail address
    ]

    choose_send_as(qtbot, dialog, 1, "Cc")
    assert model.index(1, column).data() == "Cc"
    assert dialog.is_dirty()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = get_client(db, client_id).contacts
    assert [c.send_as for c in saved] == [SendAs.TO, SendAs.CC, SendAs.TO, SendAs.TO]
    assert get_client(db, client_id).mailing_addresses == [
        "patron@fromagerie.fr",
        "compta@fromagerie.fr",
    ]

    again = open_editor(qtbot, db, client_id)  # shown as saved
    assert again.contacts.index(1, column).data() == "Cc"
    assert not again.is_dirty()


# --- the words for a sent message -----------------------------------------------------------


def test_the_outbox_and_the_batch_summary_name_the_accountant_copy_apart(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)
    update_company(db, accountant_address="cabinet@compta.example")
    client_id = mail_client(db, "Fromagerie Comté", "patron@fromagerie.example")
    smtp_server.behavior.rcpt_replies = {"cabinet@compta.example": "550 5.1.1 User unknown"}
    refused_id = prepare_batch(db, [invoice(db, client_id)]).outbox_ids[0]
    drain(db)
    smtp_server.behavior.rcpt_replies = {}
    accepted_id = prepare_batch(db, [invoice(db, client_id)]).outbox_ids[0]
    drain(db)
    items = {item.id: item for item in list_outbox(db, include_sent=True)}
    model = OutboxTableModel()
    summary = BatchSummary()

    accepted = items[accepted_id]
    assert model.message_lines(accepted)[:3] == [
        "To: patron@fromagerie.example",
        f"Bcc: {SENDER}",  # the copy to self, still a plain Bcc
        "Accountant's copy: cabinet@compta.example",
    ]
    assert summary._what(accepted) == (
        "sent to patron@fromagerie.example (accountant's copy: cabinet@compta.example)"
    )

    refused = items[refused_id]
    assert not is_problem(refused)  # the client got it: nothing for the user to fix
    assert model.message_lines(refused)[2].startswith(
        "Accountant's copy refused: cabinet@compta.example: "
    )
    assert summary._what(refused).startswith(
        "sent to patron@fromagerie.example; accountant's copy refused: cabinet@compta.example: "
    )
