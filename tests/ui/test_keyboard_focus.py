"""Keyboard: the focus order of the editors and the batch dialog is explicit (Tab visits
the fields in reading order), the editor's shortcuts, the tooltips that name them and the
F1 shortcuts sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import DocumentKind
from app.services.clients import ClientData, save_client
from app.services.database import Database, open_database
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, get_document, save_draft
from tests.integration.sending_helpers import clients, company_identity, configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from tests.ui.test_client_editor import open_editor as open_client_editor
from tests.ui.test_document_editor import open_editor as open_document_editor
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.dialogs.shortcuts_sheet import ShortcutsDialog
from ui.main import create_main_window
from ui.tasks import Task


def tab_walk(qtbot: QtBot, dialog: QWidget, first: QWidget, steps: int) -> list[str]:
    """The objectName of each widget Tab gives the focus to, from ``first``."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    names = [first.objectName()]
    for _ in range(steps * 3):
        if len(names) > steps:
            break
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and dialog.isAncestorOf(now)
        if now.objectName() != names[-1]:  # a date edit's day, month, year: one field
            names.append(now.objectName())
    return names


DOCUMENT_ORDER = [
    "clientPicker",
    "newClientButton",
    "paymentTermsEdit",
    "issueDateEdit",
    "dueDateCheck",
    "dueDateEdit",
    "operationCategoryCombo",
    "vatOnDebitsCheck",
    "deliveryDiffersCheck",
    "addLineButton",
    "removeLineButton",
    "fromCatalogueButton",
    "linesTable",
    "notesEdit",
    "validateDocumentButton",
    "validateAndSendButton",
    "saveDocumentButton",
    "cancelDocumentButton",
    "clientPicker",  # and round again
]
CLIENT_ORDER = [
    "clientTypeBusiness",
    "nameEdit",
    "sirenEdit",
    "siretEdit",
    "vatNumberEdit",
    "eAddressEdit",
    "operationCategoryCombo",
    "deliveryChannelCombo",
    "streetEdit",
    "postalCodeEdit",
    "cityEdit",
    "countryEdit",
    "deliveryStreetEdit",
    "deliveryPostalCodeEdit",
    "deliveryCityEdit",
    "deliveryCountryEdit",
    "contactTable",
    "addContactButton",
    "notesEdit",
    "saveButton",
    "cancelButton",
    "clientTypeBusiness",
]


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Shortcuts go to the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_tab_walks_the_document_editor_in_order(qtbot: QtBot, db: Database) -> None:
    save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    editor = open_document_editor(qtbot, db, DocumentKind.INVOICE)
    names = tab_walk(qtbot, editor, editor.picker.combo, len(DOCUMENT_ORDER) - 1)
    assert names == DOCUMENT_ORDER


def test_tab_walks_the_client_editor_in_order(qtbot: QtBot, db: Database) -> None:
    editor = open_client_editor(qtbot, db)
    names = tab_walk(qtbot, editor, editor.business_radio, len(CLIENT_ORDER) - 1)
    assert names == CLIENT_ORDER


def test_tab_walks_the_batch_dialog_in_order(
    qtbot: QtBot, db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, smtp_server, monkeypatch)
    people = clients(db)
    ids = [invoice(db, people.accented), invoice(db, people.no_address)]
    dialog = BatchConfirmDialog(db, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.plan_ready and dialog.validate_button.isEnabled())
    visible = [w for w in dialog.tab_order() if w.isVisible() and w.isEnabled()]
    names = tab_walk(qtbot, dialog, visible[0], len(visible))
    assert names == [w.objectName() for w in visible] + [visible[0].objectName()]
    assert "missingAddressList" in names and names[-2] == "cancelButton"
    dialog.close()
    Task.wait_all()


def test_the_editor_shortcuts(qtbot: QtBot, db: Database) -> None:
    save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    editor = open_document_editor(qtbot, db, DocumentKind.INVOICE)
    assert editor.lines.rowCount() == 1
    activate(qtbot, editor)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)  # the empty line is taken, not doubled
    assert editor.lines.rowCount() == 1
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "lineDescriptionEditor"
    qtbot.keyClicks(focused, "Pose")
    qtbot.keyClick(focused, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.lines.rowCount() == 2  # Ctrl+Return: the line kept, a new one open
    assert editor.lines.row(0).description == "Pose"
    tips = (editor.validate_button.toolTip(), editor.send_button.toolTip())
    assert "(Ctrl+Shift+V)" in tips[0] and "(Ctrl+Shift+E)" in tips[1]
    # Ctrl+Shift+V asks first, as the Validate button does ("Cancel": nothing happens).
    asked: list[bool] = []

    def ask() -> bool:
        asked.append(True)
        return False  # "Cancel": nothing validated

    editor.ask_validate = ask  # type: ignore[method-assign]
    editor.picker.combo.setFocus()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not asked and editor.problem_message()  # no client chosen: said, not asked


def test_validate_and_send_asks_to_send_the_validated_document(qtbot: QtBot, db: Database) -> None:
    client = save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    company_identity(db)
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            client,
            date.today(),
            (LineInput("Pose", Decimal("1"), Decimal("100"), Decimal("20"), "u"),),
        ),
    )
    editor = open_document_editor(qtbot, db, DocumentKind.INVOICE, draft)
    editor.ask_validate = lambda: True  # type: ignore[method-assign]
    activate(qtbot, editor)
    editor.notes.setFocus()
    with qtbot.waitSignal(editor.sendRequested, timeout=20_000) as sent:
        qtbot.keyClick(
            editor.notes,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert sent.args == [draft]
    assert not get_document(db, draft).is_draft
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_tooltips_name_the_shortcuts_and_f1_opens_the_sheet(qtbot: QtBot, db_path: Path) -> None:
    db = open_database(str(db_path))
    save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    db.dispose()
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_report_loaded(qtbot, window.report_view)
    documents = window.report_view.documents
    assert documents.new_action.toolTip().endswith("(Ctrl+N)")
    assert "(Ctrl+Shift+P)" in documents.preview_action.toolTip()
    assert "(Ctrl+,)" in window.settings_action.toolTip()
    activate(qtbot, window)
    window.report_view.table.setFocus()
    qtbot.keyClick(window.report_view.table, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert sheet is not None and sheet.isVisible()
    keys = [sheet.table.item(row, 0).text() for row in range(sheet.table.rowCount())]
    assert "Ctrl+Shift+V" in keys and "Ctrl+Shift+E" in keys and "F1" in keys
    sheet.close()
    window.close()
    Task.wait_all()
