"""The client editor, driven like a user would: typing, clicking, keys, the real database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import ContactKind
from app.services.clients import ClientData, ContactData, get_client, list_clients, save_client
from app.services.database import Database
from ui.dialogs.client_editor import ClientEditorDialog, edit_client
from ui.models.contact_table import ContactTableModel

EMAIL, PHONE = ContactKind.EMAIL, ContactKind.PHONE
KIND, LABEL, VALUE, MAIL = range(4)
Button = QMessageBox.StandardButton


def open_editor(qtbot: QtBot, db: Database, client_id: int | None = None) -> ClientEditorDialog:
    dialog = ClientEditorDialog(db, client_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    """At teardown, never block on the unsaved-changes prompt."""
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]


def open_value_editor(dialog: ClientEditorDialog) -> QLineEdit | None:
    editors = dialog.contact_table.findChildren(QLineEdit, "contactValueEditor")
    visible = [e for e in editors if e.isVisible()]  # closed ones linger until deleted
    return visible[0] if visible else None


def value_editor(dialog: ClientEditorDialog) -> QLineEdit:
    editor = open_value_editor(dialog)
    assert editor is not None
    return editor


def type_into(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    """Type like a user; QTest cannot synthesize keys for every character, so text outside
    ASCII is inserted as an input method would (it emits textEdited all the same)."""
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)


def press_return(qtbot: QtBot, dialog: ClientEditorDialog, editor: QLineEdit) -> None:
    """Enter commits the cell (Qt does it from the event loop) and closes the editor."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: open_value_editor(dialog) is None)


def type_value(qtbot: QtBot, dialog: ClientEditorDialog, row: int, text: str) -> None:
    """Open the Value cell's editor (as a double-click would), replace its text, press Enter."""
    index = dialog.contacts.index(row, VALUE)
    dialog.contact_table.setCurrentIndex(index)
    dialog.contact_table.edit(index)
    editor = value_editor(dialog)
    editor.selectAll()
    type_into(qtbot, editor, text)
    press_return(qtbot, dialog, editor)


def add_row(qtbot: QtBot, dialog: ClientEditorDialog, text: str) -> int:
    """Click "Add a row" (the Value editor opens at once), type, press Enter."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = value_editor(dialog)
    type_into(qtbot, editor, text)
    press_return(qtbot, dialog, editor)
    return dialog.contacts.rowCount() - 1


def press_space_on(qtbot: QtBot, dialog: ClientEditorDialog, index: QModelIndex) -> None:
    dialog.contact_table.setCurrentIndex(index)
    qtbot.keyClick(dialog.contact_table, Qt.Key.Key_Space)


def checked(model: ContactTableModel, row: int) -> bool:
    state = model.index(row, MAIL).data(Qt.ItemDataRole.CheckStateRole)
    return bool(state == Qt.CheckState.Checked)


def marked(model: ContactTableModel, row: int, column: int = VALUE) -> bool:
    index = model.index(row, column)
    return index.data(Qt.ItemDataRole.DecorationRole) is not None and bool(
        index.data(Qt.ItemDataRole.BackgroundRole)
    )


def saved_rows(db: Database, client_id: int) -> list[tuple[ContactKind, str, str, bool]]:
    return [(c.kind, c.value, c.label, c.mail) for c in get_client(db, client_id).contacts]


# --- the "done when" scenario -------------------------------------------------------------


def test_new_client_two_email_rows_invalid_refused_then_saved_and_reopened(
    qtbot: QtBot, db: Database
) -> None:
    dialog = open_editor(qtbot, db)
    assert dialog.objectName() == "clientEditorDialog"
    assert dialog.windowTitle() == "New client"
    type_into(qtbot, dialog.edits["name"], "Boulangerie Éclair")
    qtbot.keyClicks(dialog.edits["city"], "Villeurbanne")

    first = add_row(qtbot, dialog, "compta@eclair.fr")
    assert checked(dialog.contacts, first)  # the first e-Mail row receives documents

    # Second row: an invalid address, refused as it is typed.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = value_editor(dialog)
    qtbot.keyClicks(editor, "jean@@eclair.fr")
    assert editor.property("invalid") is True
    assert "not a valid e-mail address" in dialog.problem_message()
    assert "row 2" in dialog.problem_message()
    press_return(qtbot, dialog, editor)
    second = 1
    assert not checked(dialog.contacts, second)
    assert marked(dialog.contacts, second)
    tooltip = dialog.contacts.index(second, VALUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "“jean@@eclair.fr” is not a valid e-mail address" in tooltip
    assert tooltip.endswith("These characters are not allowed: @")

    # Save is refused: nothing written, the dialog stays, the bad cell gets the focus.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert list_clients(db) == []
    assert "jean@@eclair.fr" in dialog.problem_message()
    assert dialog.contact_table.currentIndex().row() == second

    # Fix it: the mark goes away.
    type_value(qtbot, dialog, second, "jean@eclair.fr")
    assert not marked(dialog.contacts, second)
    assert dialog.problem_message() == ""

    # Mail: tick the second row, untick the first (Space on the Mail cell, like a user).
    press_space_on(qtbot, dialog, dialog.contacts.index(second, MAIL))
    press_space_on(qtbot, dialog, dialog.contacts.index(first, MAIL))
    assert not checked(dialog.contacts, first) and checked(dialog.contacts, second)

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    client_id = saved.args[0]
    assert saved_rows(db, client_id) == [
        (EMAIL, "compta@eclair.fr", "", False),
        (EMAIL, "jean@eclair.fr", "", True),
    ]

    again = open_editor(qtbot, db, client_id)
    assert again.windowTitle() == "Client: Boulangerie Éclair"
    assert again.edits["name"].text() == "Boulangerie Éclair"
    assert again.edits["city"].text() == "Villeurbanne"
    assert again.contacts.contacts() == get_client(db, client_id).contacts
    assert [checked(again.contacts, r) for r in range(2)] == [False, True]
    assert not again.is_dirty()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("françoise@ébénisterie-lemaître.example", "françoise@ébénisterie-lemaître.example"),
        ("jean@xn--exmple-cua.fr", "jean@exämple.fr"),
        ("用户@例子.广告", "用户@例子.广告"),
    ],
)
def test_idn_and_non_ascii_addresses_are_accepted(
    qtbot: QtBot, db: Database, typed: str, stored: str
) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    row = add_row(qtbot, dialog, typed)
    assert not marked(dialog.contacts, row) and dialog.problem_message() == ""
    assert dialog.save()
    assert list_clients(db)[0].mailing_addresses == [stored]


# --- rows: kind, Mail, removing, bad input --------------------------------------------


def test_changing_the_kind_with_the_combo_clears_mail(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    row = add_row(qtbot, dialog, "04 78 00 00 00")
    assert checked(dialog.contacts, row) and marked(dialog.contacts, row)  # not an address
    index = dialog.contacts.index(row, KIND)
    dialog.contact_table.setCurrentIndex(index)
    dialog.contact_table.edit(index)
    combos = dialog.contact_table.findChildren(QComboBox, "contactKindEditor")
    combo = next(c for c in combos if c.isVisible())
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "e-Mail",
        "Phone",
        "Mobile",
        "Fax",
        "Web",
    ]
    combo.setCurrentIndex(combo.findData("phone"))
    combo.activated.emit(combo.currentIndex())
    assert index.data() == "Phone"
    assert not marked(dialog.contacts, row)
    mail = dialog.contacts.index(row, MAIL)
    assert mail.data(Qt.ItemDataRole.CheckStateRole) is None
    assert not dialog.contacts.flags(mail) & Qt.ItemFlag.ItemIsUserCheckable
    assert not dialog.contacts.setData(mail, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.contacts.contacts()[0].mail is False


def test_clicking_the_mail_cell_toggles_it(qtbot: QtBot, db: Database) -> None:
    contacts = (ContactData(EMAIL, "a@x.fr", mail=True), ContactData(PHONE, "01"))
    dialog = open_editor(qtbot, db, save_client(db, ClientData("Client", contacts=contacts)))
    viewport = dialog.contact_table.viewport()

    def click(row: int) -> None:
        rect = dialog.contact_table.visualRect(dialog.contacts.index(row, MAIL))
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())

    click(0)
    assert not checked(dialog.contacts, 0)
    click(0)
    assert checked(dialog.contacts, 0)
    click(1)  # a phone row has no Mail checkbox
    assert dialog.contacts.index(1, MAIL).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not dialog.is_dirty()


def test_removing_the_bad_row_allows_saving(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    add_row(qtbot, dialog, "ok@client.fr")
    bad = add_row(qtbot, dialog, "pas une adresse")
    assert not dialog.save()
    assert list_clients(db) == []
    dialog.contact_table.selectRow(bad)
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.contacts.rowCount() == 1
    assert dialog.save()
    assert list_clients(db)[0].mailing_addresses == ["ok@client.fr"]


def test_an_empty_added_row_is_refused_on_save(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not marked(dialog.contacts, 0)  # not nagging before anything is typed
    assert not dialog.save()
    assert marked(dialog.contacts, 0)
    assert "Type the e-mail address, or remove the row." in dialog.problem_message()
    assert list_clients(db) == []


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        (VALUE, "a@x.fr\r\nBcc: victim@example.com", "cannot contain line breaks"),
        (LABEL, "x" * 121, "Label / person is too long: 121 characters, at most 120."),
        (VALUE, "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fr", "Value is too long"),
    ],
)
def test_bad_contact_input_is_marked(
    qtbot: QtBot, db: Database, column: int, text: str, message: str
) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    row = add_row(qtbot, dialog, "ok@x.fr")
    assert dialog.contacts.setData(dialog.contacts.index(row, column), text)
    assert marked(dialog.contacts, row, column)
    assert message in dialog.problem_message()
    assert not dialog.save()
    assert list_clients(db) == []


def test_duplicate_rows_are_merged_on_save(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    add_row(qtbot, dialog, "compta@client.fr")
    add_row(qtbot, dialog, "COMPTA@client.fr")
    assert dialog.save()
    client_id = list_clients(db)[0].id
    assert saved_rows(db, client_id) == [(EMAIL, "compta@client.fr", "", True)]


# --- fields ---------------------------------------------------------------------------


def test_the_name_is_required(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    assert dialog.problem_message() == ""  # not before the user does anything
    assert not dialog.save()
    assert dialog.problem_message() == "Name is required."
    assert dialog.edits["name"].styleSheet() != ""
    assert list_clients(db) == []


@pytest.mark.parametrize(
    ("field", "bad", "good", "message"),
    [
        ("siret", "73282932000075", "732 829 320 00074", "its check digit does not match"),
        ("siren", "73282932", "732829320", "A SIREN number has 9 digits."),
        ("vat_number", "FR45732829320", "FR44732829320", "expected FR44732829320"),
        ("city", "Lyon\tCentre", "Lyon", "City cannot contain line breaks"),
        ("postal_code", "6" * 21, "69001", "Postal code is too long: 21 characters, at most 20."),
    ],
)
def test_fields_are_checked_as_typed(
    qtbot: QtBot, db: Database, field: str, bad: str, good: str, message: str
) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Client")
    edit = dialog.edits[field]
    edit.setText(bad)
    assert message in dialog.problem_message()
    assert message in edit.toolTip() and "border" in edit.styleSheet()
    assert not dialog.save()
    assert list_clients(db) == []
    edit.setText(good)
    assert dialog.problem_message() == "" and edit.styleSheet() == ""
    assert dialog.save()


def test_siret_must_match_siren(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    dialog.edits["name"].setText("Client")
    dialog.edits["siren"].setText("732829320")
    dialog.edits["siret"].setText("35600000000001")
    assert dialog.problem_message() == "The SIRET must begin with the SIREN (732829320)."
    assert not dialog.save()


def test_save_refused_when_changed_elsewhere(qtbot: QtBot, db: Database) -> None:
    client_id = save_client(db, ClientData("Client", city="Lyon"))
    dialog = open_editor(qtbot, db, client_id)
    save_client(db, replace(get_client(db, client_id), city="Paris"))  # another window
    dialog.edits["city"].setText("Marseille")
    assert not dialog.save()
    assert "changed elsewhere" in dialog.problem_message()
    assert dialog.isVisible() and get_client(db, client_id).city == "Paris"


# --- unsaved changes ----------------------------------------------------------------------


@pytest.fixture
def client_id(db: Database) -> int:
    contact = ContactData(EMAIL, "compta@eclair.fr", "Compta", mail=True)
    return save_client(db, ClientData("Boulangerie Éclair", city="Lyon", contacts=(contact,)))


def answer_with(dialog: ClientEditorDialog, answer: Button) -> list[int]:
    asked: list[int] = []

    def ask() -> Button:
        asked.append(1)
        return answer

    dialog.ask_unsaved = ask  # type: ignore[method-assign]
    return asked


def test_closing_without_changes_does_not_ask(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db, client_id)
    asked = answer_with(dialog, Button.Cancel)
    dialog.edits["city"].setText("Paris")
    dialog.edits["city"].setText("Lyon")  # back as it was: nothing to save
    dialog.close()
    assert asked == [] and not dialog.isVisible()


def test_discard_writes_nothing(qtbot: QtBot, db: Database, client_id: int) -> None:
    before = get_client(db, client_id)
    dialog = open_editor(qtbot, db, client_id)
    asked = answer_with(dialog, Button.Discard)
    dialog.edits["city"].setText("Paris")
    add_row(qtbot, dialog, "autre@eclair.fr")
    press_space_on(qtbot, dialog, dialog.contacts.index(0, MAIL))
    assert dialog.is_dirty()
    assert get_client(db, client_id) == before  # nothing written before saving
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == [1] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert get_client(db, client_id) == before


def test_cancel_keeps_the_dialog_open(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db, client_id)
    asked = answer_with(dialog, Button.Cancel)
    dialog.edits["city"].setText("Paris")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [1] and dialog.isVisible()
    assert dialog.edits["city"].text() == "Paris"
    assert get_client(db, client_id).city == "Lyon"


def test_save_from_the_prompt(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db, client_id)
    answer_with(dialog, Button.Save)
    dialog.edits["city"].setText("Paris")
    dialog.close()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert get_client(db, client_id).city == "Paris"


def test_save_from_the_prompt_refused_when_invalid(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    dialog = open_editor(qtbot, db, client_id)
    answer_with(dialog, Button.Save)
    type_value(qtbot, dialog, 0, "compta@@eclair.fr")
    dialog.close()
    assert dialog.isVisible()  # stays open, showing why
    assert "not a valid e-mail address" in dialog.problem_message()
    assert get_client(db, client_id).mailing_addresses == ["compta@eclair.fr"]


def answer_message_box(qtbot: QtBot, button: Button, seen: list[str]) -> None:
    """Click ``button`` in the message box as soon as it is shown (its exec() blocks)."""

    tries = iter(range(500))

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize(("button", "city"), [(Button.Discard, "Lyon"), (Button.Save, "Nice")])
def test_the_real_prompt(
    qtbot: QtBot, db: Database, client_id: int, button: Button, city: str
) -> None:
    dialog = open_editor(qtbot, db, client_id)
    dialog.edits["city"].setText("Nice")
    seen: list[str] = []
    answer_message_box(qtbot, button, seen)
    dialog.close()
    assert seen == ["Save the changes to Boulangerie Éclair?"]
    assert not dialog.isVisible()
    assert get_client(db, client_id).city == city


# --- edit_client: for the batch dialog and the document rows ------------------------------


def in_modal_editor(action: Callable[[ClientEditorDialog], None]) -> None:
    """Run ``action`` on the client editor once it is shown modally (its exec() blocks)."""
    tries = iter(range(500))  # 5 s at most, so a stray timer never outlives its test

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ClientEditorDialog):
            if next(tries, None) is not None:
                QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def test_edit_client_returns_true_once_an_address_is_ticked(qtbot: QtBot, db: Database) -> None:
    client_id = save_client(db, ClientData("Sans adresse", contacts=(ContactData(PHONE, "01"),)))
    parent = QWidget()
    qtbot.addWidget(parent)

    def fix(dialog: ClientEditorDialog) -> None:
        assert dialog.edits["name"].text() == "Sans adresse"
        row = dialog.contacts.add_row()
        dialog.contacts.setData(dialog.contacts.index(row, VALUE), "ok@client.fr")
        assert dialog.can_receive_mail()
        dialog.save_button.click()

    in_modal_editor(fix)
    assert edit_client(parent, db, client_id) is True
    assert get_client(db, client_id).mailing_addresses == ["ok@client.fr"]


def test_edit_client_returns_false_when_cancelled(qtbot: QtBot, db: Database) -> None:
    client_id = save_client(db, ClientData("Sans adresse"))

    def give_up(dialog: ClientEditorDialog) -> None:
        dialog.contacts.add_row()
        dialog.contacts.setData(dialog.contacts.index(0, VALUE), "ok@client.fr")
        dialog.ask_unsaved = lambda: Button.Discard  # type: ignore[method-assign]
        dialog.cancel_button.click()

    in_modal_editor(give_up)
    assert edit_client(None, db, client_id) is False
    assert get_client(db, client_id).contacts == ()


def test_edit_client_of_a_deleted_client(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert edit_client(None, db, 999) is False
    assert shown == ["This client no longer exists: it was deleted elsewhere."]
