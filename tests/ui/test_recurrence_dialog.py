"""The recurrence dialog and its row action, and the recurring invoices the window makes
when it opens (real widgets, real SQLite database, reads and writes in the background)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.domain.kinds import DocumentKind
from app.domain.recurrence import Frequency, RecurrenceMode
from app.services.database import open_database
from app.services.recurring import recurrence_of, set_recurrence
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_reports import make_client, make_document
from ui.dialogs import recurrence as recurrence_dialog
from ui.dialogs.recurrence import RecurrenceDialog
from ui.main import create_main_window
from ui.models.document_table import Column
from ui.views.report_view import ReportView

TODAY = date.today()


def open_dialog(qtbot: QtBot, db: Database, invoice: int) -> RecurrenceDialog:
    dialog = RecurrenceDialog(db, invoice, "F-2026-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and not dialog.is_busy())
    assert dialog.objectName() == "recurrenceDialog"
    return dialog


def child(dialog: RecurrenceDialog, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_save_a_recurrence_then_stop_it(qtbot: QtBot, db: Database) -> None:
    invoice = make_document(db, make_client(db, "Boulangerie Martin"))
    dialog = open_dialog(qtbot, db, invoice)
    assert "does not recur" in child(dialog, QLabel, "recurrenceState").text()
    assert not child(dialog, QPushButton, "recurrenceStopButton").isEnabled()
    assert child(dialog, QRadioButton, "recurrenceDraftRadio").isChecked()
    assert not child(dialog, QDateEdit, "recurrenceEnd").isEnabled()

    frequency = child(dialog, QComboBox, "recurrenceFrequency")
    frequency.setCurrentIndex(frequency.findData(str(Frequency.QUARTERLY)))
    child(dialog, QSpinBox, "recurrenceDay").setValue(31)
    child(dialog, QDateEdit, "recurrenceStart").setDate(qdate(TODAY))
    child(dialog, QCheckBox, "recurrenceHasEnd").setChecked(True)
    end = TODAY + timedelta(days=400)
    child(dialog, QDateEdit, "recurrenceEnd").setDate(qdate(end))
    child(dialog, QRadioButton, "recurrenceSendRadio").setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        child(dialog, QPushButton, "recurrenceSaveButton").click()
    assert dialog.changed
    saved = recurrence_of(db, invoice)
    assert saved is not None and saved.active
    assert (saved.frequency, saved.day, saved.start_date, saved.end_date, saved.mode) == (
        Frequency.QUARTERLY,
        31,
        TODAY,
        end,
        RecurrenceMode.SEND,
    )

    again = open_dialog(qtbot, db, invoice)  # what is stored comes back into the form
    assert child(again, QSpinBox, "recurrenceDay").value() == 31
    assert child(again, QComboBox, "recurrenceFrequency").currentData() == "quarterly"
    assert child(again, QRadioButton, "recurrenceSendRadio").isChecked()
    assert child(again, QCheckBox, "recurrenceHasEnd").isChecked()
    assert "Next invoice" in child(again, QLabel, "recurrenceState").text()
    with qtbot.waitSignal(again.accepted):
        child(again, QPushButton, "recurrenceStopButton").click()
    stopped = recurrence_of(db, invoice)
    assert stopped is not None and not stopped.active


def test_a_start_far_back_is_refused_in_words(qtbot: QtBot, db: Database) -> None:
    invoice = make_document(db, make_client(db, "Boulangerie Martin"))
    dialog = open_dialog(qtbot, db, invoice)
    child(dialog, QDateEdit, "recurrenceStart").setDate(qdate(TODAY - timedelta(days=800)))
    child(dialog, QPushButton, "recurrenceSaveButton").click()
    message = child(dialog, QLabel, "recurrenceMessage")
    qtbot.waitUntil(lambda: message.isVisible())
    assert "more than a year ago" in message.text()
    assert dialog.isVisible() and recurrence_of(db, invoice) is None


def test_the_action_is_for_invoices(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(db, "Boulangerie Martin")
    invoice = make_document(db, client)
    quote = make_document(db, client, kind=DocumentKind.QUOTE)
    opened: list[int] = []

    def fake_open(_parent: object, _db: Database, invoice_id: int, _number: str) -> bool:
        opened.append(invoice_id)  # the modal dialog itself is tested above
        return False

    # where the action finds it when triggered (imported then, not at start-up)
    monkeypatch.setattr(recurrence_dialog, "open_recurrence", fake_open)
    view = ReportView(db)
    qtbot.addWidget(view)
    view.show()
    wait_report_loaded(qtbot, view)
    action = view.findChild(QAction, "recurrenceAction")
    assert action is view.documents.recurrence_action
    assert action in view.documents.row_actions()
    row = view.model.row_of(invoice)
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, Column.CLIENT))
    assert action.isEnabled()
    action.trigger()
    assert opened == [invoice]

    view.show_kind(DocumentKind.QUOTE)  # a quote cannot recur
    wait_report_loaded(qtbot, view)
    row = view.model.row_of(quote)
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, Column.CLIENT))
    assert not action.isEnabled()


def test_the_window_makes_what_is_due_when_it_opens(qtbot: QtBot, db_path: Path) -> None:
    db = open_database(str(db_path))
    try:
        invoice = make_document(db, make_client(db, "Boulangerie Martin"))
        start = TODAY.replace(day=1)
        set_recurrence(db, invoice, Frequency.MONTHLY, 1, start)
    finally:
        db.dispose()
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "recurring invoice" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().startswith("1 ")
