"""« Valider et envoyer » (Ctrl+Shift+E) in the PDF preview: a draft is validated after
the editor's question, then its sending is asked for; a validated document is sent as it
is; from the report, the main window opens the batch dialog of that document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.clients import ClientData, save_client
from app.services.database import Database, open_database
from app.services.documents import get_document, validate_document
from app.services.settings import update_company
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_pdf_preview_service import client_id, draft  # noqa: F401 (fixture)
from ui.dialogs.pdf_preview import PdfPreviewDialog
from ui.main import create_main_window
from ui.tasks import Task

SEND = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_preview(qtbot: QtBot, db: Database, document_id: int) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(db, document_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_draft_is_validated_after_the_question_then_sent(
    qtbot: QtBot,
    db: Database,
    client_id: int,  # noqa: F811
) -> None:
    document_id = draft(db, client_id)
    dialog = open_preview(qtbot, db, document_id)
    assert dialog.send_button.objectName() == "validateAndSendButton"
    assert dialog.send_button.text() == "Validate and send"
    asked: list[bool] = []

    def decline() -> bool:
        asked.append(True)
        return False

    dialog.ask_validate = decline  # type: ignore[method-assign]
    qtbot.keyClick(dialog.view, Qt.Key.Key_E, SEND)
    assert asked and get_document(db, document_id).is_draft  # declined: nothing happens
    assert dialog.isVisible()

    dialog.ask_validate = lambda: True  # type: ignore[method-assign]
    with (
        qtbot.waitSignal(dialog.validated, timeout=20_000),
        qtbot.waitSignal(dialog.sendRequested, timeout=20_000) as sent,
    ):
        qtbot.keyClick(dialog.view, Qt.Key.Key_E, SEND)
    assert sent.args == [document_id]
    assert not get_document(db, document_id).is_draft
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_validated_document_is_sent_without_a_question(
    qtbot: QtBot,
    db: Database,
    client_id: int,  # noqa: F811
) -> None:
    document_id = validate_document(db, draft(db, client_id)).id
    dialog = open_preview(qtbot, db, document_id)
    assert dialog.send_button.text() == "Send"  # nothing left to validate
    dialog.ask_validate = lambda: pytest_fail()  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.sendRequested, timeout=5_000) as sent:
        dialog.send_button.click()
    assert sent.args == [document_id]
    qtbot.waitUntil(lambda: not dialog.isVisible())


def pytest_fail() -> bool:
    raise AssertionError("a validated document is not validated again")


def test_the_report_opens_the_batch_dialog_from_the_preview(qtbot: QtBot, db_path: Path) -> None:
    db = open_database(str(db_path))
    update_company(db, name="Atelier Dupont", siren="732829320", city="Lyon")
    client = save_client(db, ClientData(name="Boulangerie Éclair", city="Villeurbanne"))
    document_id = draft(db, client)
    db.dispose()

    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    wait_report_loaded(qtbot, window.report_view)
    window.report_view.table.selectRow(0)
    window.report_view.documents.preview()
    qtbot.waitUntil(lambda: bool(window.findChildren(PdfPreviewDialog)))
    preview = window.findChildren(PdfPreviewDialog)[0]
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=30_000)
    preview.ask_validate = lambda: True  # type: ignore[method-assign]
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.view, Qt.Key.Key_E, SEND)
    qtbot.waitUntil(lambda: window.batch_dialog is not None, timeout=20_000)
    assert window.batch_dialog is not None
    assert window.batch_dialog.isVisible()
    assert window.batch_dialog.document_ids == [document_id]
    window.batch_dialog.close()
    Task.wait_all()
    window.close()
