"""No database statement on the GUI thread during a batch nor in the outbox view.

The real main window on a real SQLite file with demo data, a real SMTP server: every
statement the window's engine executes is recorded with the thread that ran it
(SQLAlchemy's ``before_cursor_execute``); those of the GUI thread fail the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.outbox import OutboxState
from app.services.batch import prepare_batch
from app.services.demo import fill_demo
from app.services.outbox import list_outbox
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.gui_thread_queries import GuiThreadQueries, gui_thread_queries
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.tasks import Task

BATCH = 6  # invoices ticked
__all__ = ["gui_thread_queries"]  # the fixture, used below


@pytest.fixture
def demo(db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Demo data, the test server as the mail account: unsent invoices with an address."""
    db = open_database(str(db_path))
    fill_demo(db, clients=6, documents=12)
    configure(db, smtp_server, monkeypatch)
    people = clients(db)
    ids = [invoice(db, people.two_addresses if n % 2 else people.accented) for n in range(BATCH)]
    # One waiting message already in the outbox, for the outbox view to show.
    prepare_batch(db, [ids.pop()], later=True)
    db.dispose()
    assert len(ids) >= 3, "the demo has too few sendable invoices"
    return ids


@pytest.fixture
def window(
    qtbot: QtBot, db_path: Path, demo: list[int], gui_thread_queries: GuiThreadQueries
) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    Task.wait_all()


def test_a_batch_runs_no_statement_on_the_gui_thread(
    qtbot: QtBot,
    window: MainWindow,
    demo: list[int],
    smtp_server: SmtpTestServer,
    gui_thread_queries: GuiThreadQueries,
) -> None:
    qtbot.waitUntil(lambda: window.report_view.model.rowCount() > 0, timeout=10_000)
    window.report_view.model.set_checked(demo, True)
    gui_thread_queries.take()  # the window's construction is another test's
    button = window.findChild(QToolButton, "sendWebmailButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready and dialog.validate_button.isEnabled())
    with qtbot.waitSignal(dialog.documentsChanged, timeout=30_000):
        qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    # What follows the end (the status bar's counts, the report's rows) is read too.
    qtbot.waitUntil(lambda: "sent" in window.outbox_status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.outbox_sender.is_busy())
    assert gui_thread_queries.any_thread, "the listener saw the batch's statements"
    on_gui_thread = gui_thread_queries.take()  # the checks below read on this thread
    assert len(smtp_server.messages) == len(demo)
    sent = [i for i in list_outbox(window.db, include_sent=True) if i.state == OutboxState.SENT]
    assert len(sent) == len(demo)
    assert on_gui_thread == [], gui_thread_queries.report(on_gui_thread)


def test_opening_and_refreshing_the_outbox_runs_no_statement_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, gui_thread_queries: GuiThreadQueries
) -> None:
    view = window.outbox_view
    gui_thread_queries.take()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.show_outbox()
    assert view.model.rowCount() == 1
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    window.outbox_sender.check_pending()  # the status bar's poll
    qtbot.waitUntil(lambda: window.outbox_sender.counts.held == 1)
    view.select_ids([item.id for item in view.model.items()])
    view.confirm = lambda *_args: True  # type: ignore[method-assign]
    with qtbot.waitSignal(view.written, timeout=10_000):
        assert view.remove_selected()
    assert view.model.rowCount() == 0
    assert gui_thread_queries.statements == [], gui_thread_queries.report()
