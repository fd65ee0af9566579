"""No database statement on the GUI thread during a batch nor in the outbox view.

The real main window on a real SQLite file with demo data, a real SMTP server: every
statement the window's engine executes is recorded with the thread that ran it
(SQLAlchemy's ``before_cursor_execute``); those of the GUI thread fail the test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.db.database import open_database
from app.domain.outbox import OutboxState
from app.services.batch import prepare_batch
from app.services.demo import fill_demo
from app.services.outbox import list_outbox
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.main import create_main_window
from ui.main_window import MainWindow

BATCH = 6  # invoices ticked


executed: list[str] = []  # every statement seen, whichever thread ran it


@contextmanager
def gui_thread_statements(engine: Engine) -> Iterator[list[str]]:
    """The statements ``engine`` executes on the GUI (main) thread meanwhile."""
    seen: list[str] = []
    executed.clear()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        executed.append(statement)
        if threading.current_thread() is threading.main_thread():
            seen.append(statement.split("\n")[0][:120])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


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
def window(qtbot: QtBot, db_path: Path, demo: list[int]) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_a_batch_runs_no_statement_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, demo: list[int], smtp_server: SmtpTestServer
) -> None:
    qtbot.waitUntil(lambda: window.report_view.model.rowCount() > 0, timeout=10_000)
    window.report_view.model.set_checked(demo, True)
    with gui_thread_statements(window.db.engine) as statements:
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
    assert executed, "the listener saw the batch's statements (in its worker)"
    assert len(smtp_server.messages) == len(demo)
    sent = [i for i in list_outbox(window.db, include_sent=True) if i.state == OutboxState.SENT]
    assert len(sent) == len(demo)
    assert statements == []


def test_opening_and_refreshing_the_outbox_runs_no_statement_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.outbox_view
    with gui_thread_statements(window.db.engine) as statements:
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
    assert statements == []
