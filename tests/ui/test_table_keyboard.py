"""Keyboard in tables: Tab and Shift+Tab leave a table (the arrows move inside it), as in
every polished desktop program; while a cell is being edited, Tab goes on to the next cell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import DocumentKind
from app.services.clients import ClientData, save_client
from app.services.database import Database, open_database
from tests.ui.report_loading import wait_report_loaded
from tests.ui.test_client_editor import open_editor as open_client_editor
from tests.ui.test_document_editor import open_editor as open_document_editor
from ui.main import create_main_window


def tables(widget: QWidget) -> list[QAbstractItemView]:
    return [view for view in widget.findChildren(QAbstractItemView) if view.isVisibleTo(widget)]


def tab_leaves(qtbot: QtBot, view: QAbstractItemView, key: Qt.Key = Qt.Key.Key_Tab) -> bool:
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(view.hasFocus)
    if view.model() is not None and view.model().rowCount() > 0:
        view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, key)
    focused = QApplication.focusWidget()
    return focused is not view and not (focused is not None and view.isAncestorOf(focused))


def test_tab_leaves_the_report_table(qtbot: QtBot, db_path: Path) -> None:
    db = open_database(str(db_path))
    save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    db.dispose()
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_report_loaded(qtbot, window.report_view)
    assert tables(window) and not any(view.tabKeyNavigation() for view in tables(window))
    assert tab_leaves(qtbot, window.report_view.table)
    assert tab_leaves(qtbot, window.report_view.table, Qt.Key.Key_Backtab)


def test_tab_leaves_the_lines_and_the_contacts(qtbot: QtBot, db: Database) -> None:
    editor = open_document_editor(qtbot, db, DocumentKind.QUOTE)
    assert not any(view.tabKeyNavigation() for view in tables(editor))
    assert tab_leaves(qtbot, editor.table)
    assert tab_leaves(qtbot, editor.table, Qt.Key.Key_Backtab)

    client = open_client_editor(qtbot, db)
    assert not any(view.tabKeyNavigation() for view in tables(client))
    assert tab_leaves(qtbot, client.contact_table)
