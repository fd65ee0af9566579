"""The GUI thread never queries the database while a report opens, filters, sorts and
refreshes: every read runs in a background task (issue 21)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.database import Database, open_database
from app.domain.kinds import DocumentKind
from app.domain.outbox import OutboxState
from app.services.reports import SentFilter
from tests.ui.conftest import DEMO_TODAY
from tests.ui.gui_thread_queries import (
    GuiThreadQueries,
    counting_gui_thread_queries,
    gui_thread_queries,
)
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_reports import add_outbox_message
from ui.main import create_main_window
from ui.models.document_table import Column
from ui.tasks import run_task
from ui.views.report_view import ReportView

__all__ = ["gui_thread_queries"]  # the fixture, used below

TODAY = DEMO_TODAY


@pytest.fixture
def demo_path(demo_template: Path, db_path: Path) -> Path:
    """A copy of the demo, already at the schema's head: opening it migrates nothing."""
    shutil.copyfile(demo_template, db_path)
    return db_path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Database]:
    db = open_database(str(demo_path))
    try:
        yield db
    finally:
        db.dispose()


def use_the_report(qtbot: QtBot, view: ReportView, demo: Database) -> None:
    """Open, filter, search, sort both ways, refresh, switch kinds, and see own changes."""
    wait_report_loaded(qtbot, view)
    assert view.model.rowCount() > 10
    for value in (SentFilter.SENT, SentFilter.UNSENT, SentFilter.ALL):
        view.set_sent_filter(value)
        wait_report_loaded(qtbot, view)
    view.search_box.setText("F-")
    view.apply_search()
    wait_report_loaded(qtbot, view)
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.table.sortByColumn(column, order)
            wait_report_loaded(qtbot, view)
    view.table.scrollToBottom()
    view.refresh()
    wait_report_loaded(qtbot, view)
    view.documentsChanged.emit()
    wait_report_loaded(qtbot, view)
    view.check_for_changes()  # the poll of other processes' changes
    qtbot.waitUntil(lambda: not view._polling)
    view.show_kind(DocumentKind.QUOTE)
    wait_report_loaded(qtbot, view)
    view.show_kind(DocumentKind.INVOICE)
    wait_report_loaded(qtbot, view)
    # A change this process commits (in a task, as the window's writes run) shows up by
    # itself: the change notification rereads its row.
    document = view.model.document_id(0)
    envelope = view.model.index(0, Column.ENVELOPE)
    with qtbot.waitSignal(view.model.rowsLoaded, timeout=5000):
        run_task(
            lambda _context: add_outbox_message(
                demo, document, OutboxState.FAILED, last_reply="554 refused"
            )
        )
    wait_report_loaded(qtbot, view)
    assert "554 refused" in str(envelope.data(Qt.ItemDataRole.ToolTipRole))


def test_a_report_never_queries_on_the_gui_thread(qtbot: QtBot, demo: Database) -> None:
    with counting_gui_thread_queries() as queries:
        view = ReportView(demo)
        qtbot.addWidget(view)
        view.resize(1000, 400)
        view.show()
        qtbot.waitExposed(view)
        construction = queries.take()
        assert construction == [], queries.report(construction)
        use_the_report(qtbot, view, demo)
        assert queries.statements == [], queries.report()


def test_the_main_window_never_queries_its_report_on_the_gui_thread(
    qtbot: QtBot, demo_path: Path, gui_thread_queries: GuiThreadQueries
) -> None:
    window = create_main_window(str(demo_path))
    qtbot.addWidget(window)
    construction = gui_thread_queries.take()
    window.show()
    qtbot.waitExposed(window)
    use_the_report(qtbot, window.report_view, window.db)
    assert gui_thread_queries.statements == [], gui_thread_queries.report()
    # Building the window reads nothing either (the database was opened before).
    assert construction == [], gui_thread_queries.report(construction)
