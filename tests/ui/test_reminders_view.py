"""The reminders report ("Relances") end to end: the real window, offscreen, on a real
SQLite file, sending through the real SMTP test server (STARTTLS + AUTH)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QListWidget,
    QPushButton,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.services.document_actions import mark_paid
from app.services.documents import get_document
from tests.integration.sending_helpers import configure, mail_client, overdue_invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.test_batch_webmail import answer_client_editor, english  # noqa: F401 (autouse)
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.reminder_table import Column

TODAY = date.today()


@pytest.fixture
def business(
    db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> dict[str, object]:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
    late = [
        overdue_invoice(db, martin, amount, days)
        for amount, days in (("100", 40), ("250", 20), ("80", 9))
    ]
    paid = overdue_invoice(db, martin, "300", 30)
    mark_paid(db, paid, TODAY)
    nomail = mail_client(db, "Garage Sans Mail", None)
    orphan = overdue_invoice(db, nomail, "90", 12)
    numbers = {i: get_document(db, i).number or "" for i in [*late, paid, orphan]}
    db.dispose()
    return {"late": late, "paid": paid, "orphan": orphan, "numbers": numbers}


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, business: dict[str, object]) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    yield win


def open_reminders(qtbot: QtBot, window: MainWindow) -> None:
    nav = window.navigation
    for row in range(nav.count()):
        if nav.item(row).data(Qt.ItemDataRole.UserRole) == "reminders":
            nav.setCurrentRow(row)
    assert window.current_view() == "reminders"
    assert window.pages.currentWidget() is window.reminders_view
    qtbot.waitUntil(lambda: window.reminders_view.model.rowCount() > 0)


def shown(window: MainWindow, column: Column) -> dict[str, str]:
    """Number -> the cell of ``column``, for every row shown."""
    model = window.reminders_view.model
    return {
        model.index(r, Column.NUMBER).data(): model.index(r, column).data()
        for r in range(model.rowCount())
    }


def test_reminders_of_a_client_go_in_one_email_and_the_rows_follow(
    qtbot: QtBot, window: MainWindow, business: dict[str, object], smtp_server: SmtpTestServer
) -> None:
    numbers: dict[int, str] = business["numbers"]  # type: ignore[assignment]
    late: list[int] = business["late"]  # type: ignore[assignment]
    orphan = numbers[business["orphan"]]  # type: ignore[index]
    open_reminders(qtbot, window)
    view = window.reminders_view
    table = view.table
    assert table.objectName() == "remindersTable" and not table.tabKeyNavigation()
    rows = shown(window, Column.STATE)
    assert set(rows) == {*(numbers[i] for i in late), orphan}  # the paid invoice is not listed
    assert numbers[business["paid"]] not in rows  # type: ignore[index]
    assert set(rows.values()) == {"Due now"}
    assert shown(window, Column.LEVEL)[numbers[late[0]]] == "—"
    assert shown(window, Column.LEFT)[numbers[late[1]]] == "300,00\u00a0€"  # 250 + 20 % VAT
    assert shown(window, Column.DAYS_LATE)[numbers[late[0]]] == "40"

    send = view.findChild(QToolButton, "sendRemindersButton")
    tick_all = view.findChild(QToolButton, "selectAllRemindersButton")
    assert send is not None and tick_all is not None
    assert send.text() == "Send reminders" and not send.isEnabled()
    qtbot.mouseClick(tick_all, Qt.MouseButton.LeftButton)
    assert set(view.checked_ids()) == {*late, business["orphan"]}
    assert send.isEnabled() and tick_all.text() == "Untick all"

    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready)
    assert dialog.windowTitle() == "Send the reminders"
    count = dialog.findChild(type(dialog.count_label), "documentCountLabel")
    assert count is not None and count.text() == "1 reminder to send."
    missing = dialog.findChild(QListWidget, "missingAddressList")
    assert missing is not None and missing.count() == 1
    assert missing.item(0).text() == f"{orphan} — Garage Sans Mail"
    for name in ("includeSentCheck", "includePaidCheck", "includeProblemsCheck"):
        box = dialog.findChild(QCheckBox, name)
        assert box is not None and not box.isVisibleTo(dialog)
    assert not dialog.non_compliant_group.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.subject_label.text().startswith("Rappel"))
    assert dialog.to_label.text() == "compta@martin.example"
    assert dialog.attachment_label.text().startswith("releve-de-compte.pdf")
    for document_id in late:
        assert numbers[document_id] in dialog.body_view.toPlainText()

    validate = dialog.findChild(QPushButton, "validateButton")
    assert validate is not None and validate.isEnabled()
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        qtbot.mouseClick(validate, Qt.MouseButton.LeftButton)
    summary = dialog.findChild(type(dialog.summary_label), "batchSummaryLabel")
    assert summary is not None and summary.isVisible()
    assert "1 reminder sent" in summary.text() and "1 without address" in summary.text()
    assert count.text() == "1 sent"

    received = smtp_server.wait_for_messages(1)
    assert len(received) == 1  # three invoices, one e-mail
    message = received[0].message
    assert received[0].rcpt_tos == ["compta@martin.example"]
    assert str(message["Subject"]).startswith("Rappel")
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["releve-de-compte.pdf"]

    # The view rereads after the batch: Martin's invoices reached level 1 and are no
    # longer due now (the "due now" filter leaves only the one without address).
    qtbot.waitUntil(lambda: set(shown(window, Column.STATE)) == {orphan})
    assert view.checked_ids() == [business["orphan"]]
    assert send.isEnabled()
    combo = view.findChild(QComboBox, "reminderFilter")
    assert combo is not None and combo.itemData(0) == "due" and combo.itemData(1) == "all"
    combo.setCurrentIndex(1)
    levels = shown(window, Column.LEVEL)
    nexts = shown(window, Column.NEXT)
    last = shown(window, Column.LAST)
    second = (TODAY + timedelta(days=14)).strftime("%d/%m/%Y")  # 21 − 7 days after level 1
    for document_id in late:
        number = numbers[document_id]
        assert levels[number] == "Relance amiable"
        assert last[number] == TODAY.strftime("%d/%m/%Y")
        assert nexts[number].startswith("Deuxième relance on ")
    assert nexts[numbers[late[0]]] == f"Deuxième relance on {second}"
    assert shown(window, Column.STATE)[numbers[late[0]]] == "Not yet"
    assert levels[orphan] == "—"
    model = view.model
    assert model.index(0, Column.NUMBER).data() == orphan  # due now first
    assert model.index(len(late), Column.CHECK).flags() & Qt.ItemFlag.ItemIsUserCheckable == (
        Qt.ItemFlag.NoItemFlags
    )
    dialog.close()


def test_fixing_the_missing_address_from_the_dialog_rereads_the_plan(
    qtbot: QtBot, window: MainWindow, business: dict[str, object], smtp_server: SmtpTestServer
) -> None:
    open_reminders(qtbot, window)
    view = window.reminders_view
    view.model.tick_all_due()
    dialog = window.send_reminders_checked()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready)
    missing = dialog.missing_list
    assert missing.count() == 1 and dialog.count_label.text() == "1 reminder to send."
    QTimer.singleShot(0, answer_client_editor("atelier@garage-neuf.example"))
    missing.itemActivated.emit(missing.item(0))
    qtbot.waitUntil(lambda: dialog.plan_ready)
    assert missing.count() == 0 and not dialog.missing_group.isVisibleTo(dialog)
    assert dialog.count_label.text() == "2 reminders to send."
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        dialog.validate_button.click()
    received = smtp_server.wait_for_messages(2)
    assert sorted(r.rcpt_tos[0] for r in received) == [
        "atelier@garage-neuf.example",
        "compta@martin.example",
    ]
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)  # nothing due now any more
    assert not view.send_action.isEnabled()
    dialog.close()


def test_space_ticks_the_current_row_and_tick_all_toggles(
    qtbot: QtBot, window: MainWindow, business: dict[str, object]
) -> None:
    open_reminders(qtbot, window)
    view = window.reminders_view
    table = view.table
    table.setFocus()
    table.setCurrentIndex(view.model.index(1, Column.NUMBER))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    first = view.model.invoice(1).document_id
    assert view.checked_ids() == [first]
    assert view.model.index(1, Column.CHECK).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert view.send_action.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert view.checked_ids() == [] and not view.send_action.isEnabled()
    view.tick_all_action.trigger()
    assert len(view.checked_ids()) == view.model.rowCount() == 4
    view.tick_all_action.trigger()  # again: unticks
    assert view.checked_ids() == []
