"""The seed flow with the keyboard only, in the real main window on a real SQLite file
and a real SMTP server: Ctrl+N, the client chosen by typing, three lines typed, Ctrl+Shift+V
and Enter to validate, Space to tick it in the report, Ctrl+E and Enter to send, then the
summary. No mouse click anywhere.

The editor and its question are modal: what is typed in them runs from a timer started
just before the key that opens them (the key returns when they close)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.services.documents import get_document
from tests.integration.sending_helpers import configure, mail_client
from tests.smtp_server import SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.dialogs.document_editor import DocumentEditorDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.tasks import Task

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ADDRESS = "atelier@martin.example"
# Plain ASCII: the test keyboard types no accented letter.
LINES = (
    ("Pose de carrelage", "12", "45"),
    ("Plinthes", "8", "12,50"),
    ("Trajet aller-retour", "1", "30"),
)


@pytest.fixture
def window(
    qtbot: QtBot, db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    mail_client(db, "Garage Martin", ADDRESS)
    db.dispose()
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    Task.wait_all()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def active_modal(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    widget = QApplication.activeModalWidget()
    assert widget is not None
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def later(qtbot: QtBot, steps: Callable[[], None], errors: list[BaseException]) -> None:
    """Run ``steps`` once the event loop turns (inside a modal dialog's own loop); a
    failure closes the modal dialogs so that the test ends instead of hanging."""

    def run() -> None:
        try:
            steps()
        except BaseException as error:  # reported by the test, after the dialogs close
            errors.append(error)
            while isinstance(modal := QApplication.activeModalWidget(), QDialog):
                modal.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def test_the_seed_flow_with_the_keyboard_only(
    qtbot: QtBot, window: MainWindow, smtp_server: SmtpTestServer
) -> None:
    wait_report_loaded(qtbot, window.report_view)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.report_view.table.setFocus()
    errors: list[BaseException] = []
    made: list[int] = []

    def confirm_validation() -> None:
        box = active_modal(qtbot, QMessageBox)
        assert box.objectName() == "confirmValidateBox"
        press(qtbot, Qt.Key.Key_Return)  # "Validate" is the default button

    def fill_editor() -> None:
        editor = active_modal(qtbot, DocumentEditorDialog)
        assert isinstance(editor, DocumentEditorDialog)
        # The client: typed in the picker (it has the focus first), picked in the list.
        qtbot.waitUntil(lambda: focused() is editor.picker.combo)
        type_text(qtbot, "Garage")
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.picker.client_id() is not None)
        # Three lines: Insert opens the first; Tab goes from cell to cell; Ctrl+Return
        # keeps the line and opens the next one.
        press(qtbot, Qt.Key.Key_Insert)
        for number, (description, quantity, price) in enumerate(LINES):
            assert focused().objectName() == "lineDescriptionEditor"
            type_text(qtbot, description)
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, quantity)
            press(qtbot, Qt.Key.Key_Tab)  # the unit stays empty
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, price)
            if number < len(LINES) - 1:
                press(qtbot, Qt.Key.Key_Return, CTRL)
            else:
                press(qtbot, Qt.Key.Key_Return)
        assert [editor.lines.row(r).description for r in range(3)] == [d for d, _q, _p in LINES]
        later(qtbot, confirm_validation, errors)
        with qtbot.waitSignal(editor.validated, timeout=30_000) as validated:
            press(qtbot, Qt.Key.Key_V, CTRL_SHIFT)
        made.append(validated.args[0])
        editor.activateWindow()  # the offscreen platform does not give it back by itself
        qtbot.waitUntil(editor.isActiveWindow)
        assert focused() is editor.cancel_button
        press(qtbot, Qt.Key.Key_Escape)  # validated: nothing to keep, it closes

    later(qtbot, fill_editor, errors)
    press(qtbot, Qt.Key.Key_N, CTRL)  # returns when the editor closes
    if errors:
        raise errors[0]
    assert len(made) == 1
    invoice = get_document(window.db, made[0])
    assert not invoice.is_draft and len(invoice.lines) == 3

    # The report selects the new invoice; Space ticks it.
    report = window.report_view
    qtbot.waitUntil(
        lambda: (
            report.table.currentIndex().isValid()
            and report.model.document_id(report.table.currentIndex().row()) == made[0]
        )
    )
    window.activateWindow()  # the offscreen platform does not give it back by itself
    qtbot.waitUntil(window.isActiveWindow)
    report.table.setFocus()
    qtbot.waitUntil(report.table.hasFocus)
    with qtbot.waitSignal(report.checkedChanged):
        press(qtbot, Qt.Key.Key_Space)
    assert report.checked_ids() == made

    # Ctrl+E: the batch dialog; Enter sends (Send is its default button).
    press(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.batch_dialog is not None)
    dialog = window.batch_dialog
    assert isinstance(dialog, BatchConfirmDialog)
    qtbot.waitUntil(lambda: dialog.plan_ready and dialog.validate_button.isEnabled())
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.batchFinished, timeout=30_000):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.summary_label.isVisible() and dialog.summary_label.text()
    assert [m.rcpt_tos for m in smtp_server.messages] == [[ADDRESS]]
