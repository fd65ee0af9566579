"""Envoi Webmail end to end: the real window, offscreen, against a real SMTP server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QTableView, QToolButton
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.outbox import HoldReason, OutboxState
from app.services.documents import get_document
from app.services.outbox import list_outbox
from app.services.reports import SentFilter
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.fresh_catalogues import use_language
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.document_table import ENVELOPE_ROLE, Column


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """English, with the plural forms of strings not merged into the catalogue yet."""
    use_language(qapp, "en")
    yield
    use_language(qapp, "en")


@pytest.fixture
def business(
    db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> dict[str, int]:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    people = clients(db)
    docs = {
        "two": invoice(db, people.two_addresses, "100"),
        "none": invoice(db, people.no_address, "200"),
        "accented": invoice(db, people.accented, "300"),
        "none_client": people.no_address,
    }
    db.dispose()
    return docs


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, business: dict[str, int]) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win


def tick(window: MainWindow, ids: list[int]) -> None:
    window.report_view.model.set_checked(ids, True)


def open_batch(qtbot: QtBot, window: MainWindow) -> BatchConfirmDialog:
    button = window.findChild(QToolButton, "sendWebmailButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready)  # the plan is read in the background
    return dialog


def answer_client_editor(address: str) -> Callable[[], None]:
    """Fill the modal client editor the dialog opens: a new e-Mail row with Mail ticked."""

    def fill() -> None:
        editor = QApplication.activeModalWidget()
        assert editor is not None and editor.objectName() == "clientEditorDialog"
        table = editor.findChild(QTableView, "contactTable")
        add = editor.findChild(QPushButton, "addContactButton")
        save = editor.findChild(QPushButton, "saveButton")
        assert table is not None and add is not None and save is not None
        add.click()
        model = table.model()
        row = model.rowCount() - 1
        model.setData(model.index(row, 2), address, Qt.ItemDataRole.EditRole)
        mail = model.index(row, 3)
        if model.data(mail, Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked:
            model.setData(mail, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        save.click()

    return fill


def row_of(window: MainWindow, document_id: int) -> int:
    model = window.report_view.model
    for row in range(model.rowCount()):
        if model.document_id(row) == document_id:
            return row
    raise AssertionError(f"document {document_id} not shown")


def test_envoi_webmail_from_tick_to_history(
    qtbot: QtBot, window: MainWindow, business: dict[str, int], smtp_server: SmtpTestServer
) -> None:
    assert not window.send_action.isEnabled()
    tick(window, [business["two"], business["none"], business["accented"]])
    assert window.send_action.isEnabled()
    dialog = open_batch(qtbot, window)
    count = dialog.findChild(type(dialog.count_label), "documentCountLabel")
    assert count is not None and count.text() == "2 documents will be sent."
    missing = dialog.findChild(QListWidget, "missingAddressList")
    assert missing is not None and missing.count() == 1
    assert "Garage Sans Mail" in missing.item(0).text()
    qtbot.waitUntil(lambda: dialog.subject_label.text().startswith("Facture F-2026-"))
    assert dialog.to_label.text() in {
        "compta@eclair.example, direction@eclair.example",
        "françoise@ébénisterie.example",
    }
    assert dialog.attachment_label.text().startswith("F-2026-")

    # Fix the client from the dialog: the list and the count follow at once.
    QTimer.singleShot(0, answer_client_editor("atelier@garage-neuf.example"))
    missing.itemActivated.emit(missing.item(0))
    qtbot.waitUntil(lambda: dialog.plan_ready)  # the plan is read again in the background
    assert missing.count() == 0 and not dialog.missing_group.isVisibleTo(dialog)
    assert count.text() == "3 documents will be sent."

    validate = dialog.findChild(QPushButton, "validateButton")
    assert validate is not None
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        qtbot.mouseClick(validate, Qt.MouseButton.LeftButton)
    summary = dialog.findChild(type(dialog.summary_label), "batchSummaryLabel")
    assert summary is not None and summary.isVisible()
    assert "3 documents sent" in summary.text() and "0 refused" in summary.text()
    assert count.text() == "3 sent"  # the title says what happened, never "finished"

    received = smtp_server.wait_for_messages(3)
    assert sorted(sorted(m.rcpt_tos) for m in received) == [
        ["atelier@garage-neuf.example"],
        ["compta@eclair.example", "direction@eclair.example"],
        ["françoise@ébénisterie.example"],
    ]

    # The report: envelope icon and tooltip, the sent filter, the history.
    model = window.report_view.model
    qtbot.waitUntil(lambda: get_document(window.db, business["two"]).sent_at is not None)
    window.report_view.refresh()
    row = row_of(window, business["two"])
    envelope = model.index(row, Column.ENVELOPE)
    assert model.data(envelope, Qt.ItemDataRole.DecorationRole) is not None
    assert "compta@eclair.example" in model.data(envelope, Qt.ItemDataRole.ToolTipRole)
    assert model.data(envelope, ENVELOPE_ROLE) is not None
    window.report_view.set_sent_filter(SentFilter.UNSENT)
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    window.report_view.set_sent_filter(SentFilter.SENT)
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    info = window.report_view.open_information(business["two"])
    assert info is not None
    history = info.findChild(QTableView, "sendHistoryTable")
    assert history is not None and history.model().rowCount() == 1
    cells = [history.model().index(0, c).data() for c in range(history.model().columnCount())]
    assert any("compta@eclair.example" in str(c) for c in cells)
    info.close()
    dialog.close()


def test_server_down_queues_then_delivers_once_it_is_back(
    qtbot: QtBot,
    window: MainWindow,
    business: dict[str, int],
    smtp_server: SmtpTestServer,
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    smtp_server.stop()
    tick(window, [business["two"], business["accented"]])
    dialog = open_batch(qtbot, window)
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        dialog.validate_button.click()
    assert "2 waiting" in dialog.summary_label.text()
    assert "cannot be reached" in dialog.summary_label.text()
    assert "tried again automatically" in dialog.summary_label.text()
    assert "Traceback" not in dialog.summary_label.text()
    assert dialog.count_label.text() == "No message sent: the mail server cannot be reached"
    # A batch the user started: its temporary failure is retried on its own.
    assert {i.state for i in list_outbox(window.db)} == {OutboxState.RETRY_WAIT}
    dialog.close()
    # The window heard of the batch's result: the status bar counts what waits and says why.
    status = window.outbox_status
    qtbot.waitUntil(lambda: "2 messages waiting to be sent" in status.text(), timeout=5000)
    assert "unreachable" in status.text()

    server = smtp_server_factory()
    update_company(window.db, smtp_port=server.port)
    window.outbox_sender.settings_changed()  # what saving the settings does; then it retries
    qtbot.waitUntil(lambda: len(server.messages) == 2, timeout=20000)
    qtbot.waitUntil(lambda: list_outbox(window.db) == [], timeout=20000)
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=20000)
    assert len(server.messages) == 2  # each delivered once


def test_cancel_stops_between_messages_and_the_window_stays_usable(
    qtbot: QtBot,
    window: MainWindow,
    business: dict[str, int],
    smtp_server: SmtpTestServer,
    db_path: Path,
) -> None:
    db = open_database(str(db_path))
    people = clients(db)
    more = [invoice(db, people.two_addresses, str(400 + i)) for i in range(8)]
    db.dispose()
    window.report_view.refresh()
    smtp_server.behavior.reply_delay = 0.05  # slow enough to cancel mid-way
    tick(window, more)
    dialog = open_batch(qtbot, window)
    dialog.validate_button.click()
    qtbot.waitUntil(lambda: len(smtp_server.messages) >= 1, timeout=20000)
    window.navigation.setCurrentRow(4)  # the main window answers meanwhile
    assert window.current_view() == "clients"
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        dialog.cancel_button.click()
    items = list_outbox(window.db, include_sent=True)
    sent = len([i for i in items if i.state == OutboxState.SENT])
    assert 1 <= sent < 8
    assert len(smtp_server.messages) == sent  # what was sent stays sent, nothing more
    rest = [i for i in items if i.state != OutboxState.SENT]
    # The rest waits for the user ("Resume sending"), never for a timer.
    assert {(i.state, i.hold_reason) for i in rest} == {(OutboxState.HELD, HoldReason.STOPPED)}
    assert f"{len(rest)} paused" in dialog.summary_label.text()
    assert "Resume sending" in dialog.summary_label.text()
    assert dialog.count_label.text() == f"{sent} sent, {len(rest)} paused"
    dialog.close()


def test_a_draft_free_selection_of_only_sent_documents_can_leave_them_out(
    qtbot: QtBot, window: MainWindow, business: dict[str, int], smtp_server: SmtpTestServer
) -> None:
    tick(window, [business["two"]])
    first = open_batch(qtbot, window)
    with qtbot.waitSignal(first.batchFinished, timeout=20000):
        first.validate_button.click()
    first.close()
    qtbot.waitUntil(lambda: window.batch_dialog is None)
    window.report_view.refresh()
    tick(window, [business["two"]])
    again = open_batch(qtbot, window)
    assert again.sent_box.isVisibleTo(again) and not again.sent_box.isChecked()
    assert again.count_label.text() == "0 documents will be sent."
    assert not again.validate_button.isEnabled()
    again.sent_box.setChecked(True)
    assert again.count_label.text() == "1 document will be sent."
    again.close()
    assert QModelIndex() is not None
