"""The report: ticking (mouse, Space, tick all), the sent filter, search, sort, keyboard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from app.db.database import Database, open_database
from app.domain.kinds import DocumentKind
from app.errors import DatabaseUnavailableError
from app.services.reports import EnvelopeState, SentFilter, SortKey, document_ids
from tests.ui.conftest import DEMO_TODAY
from tests.ui.report_loading import wait_report_loaded
from ui.models.document_table import ENVELOPE_ROLE, SORT_KEYS, Column
from ui.views.report_view import ReportView

TODAY = DEMO_TODAY


@pytest.fixture
def demo(demo_template: Path, db_path: Path) -> Iterator[Database]:
    shutil.copyfile(demo_template, db_path)
    db = open_database(str(db_path))
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def view(qtbot: QtBot, demo: Database) -> Iterator[ReportView]:
    report = ReportView(demo)
    qtbot.addWidget(report)
    report.resize(1000, 420)
    report.show()
    qtbot.waitExposed(report)
    wait_report_loaded(qtbot, report)
    yield report


def checked_rows(view: ReportView) -> list[int]:
    model = view.model
    return [
        r
        for r in range(model.rowCount())
        if model.index(r, Column.NUMBER).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    ]


def states(view: ReportView) -> set[str]:
    model = view.model
    return {model.index(r, 0).data(ENVELOPE_ROLE) for r in range(model.rowCount())}


def click_checkbox(qtbot: QtBot, view: ReportView, row: int) -> None:
    """A real mouse click on the check box drawn in the row's first cell."""
    table = view.table
    index = view.model.index(row, Column.NUMBER)
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(index)  # type: ignore[attr-defined]
    table.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
    box = table.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
    )
    assert box.isValid() and box.width() > 0
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def test_the_table_has_the_contract_names_and_columns(view: ReportView) -> None:
    table = view.findChild(QTableView, "reportTable")
    assert table is view.table
    model = view.model
    header = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert header == [
        "Number", "Date", "Client", "Total incl. VAT", "Left to pay", "Status", "Reminder", "Sent"
    ]  # fmt: skip
    assert model.rowCount() > 10
    assert all(model.index(r, 0).data().startswith("F-") for r in range(model.rowCount()))
    flags = model.flags(model.index(0, Column.NUMBER))
    assert flags & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, Column.CLIENT)) & Qt.ItemFlag.ItemIsUserCheckable


def test_a_click_on_the_checkbox_ticks_and_unticks(qtbot: QtBot, view: ReportView) -> None:
    doc = view.model.document_id(2)
    with qtbot.waitSignal(view.checkedChanged) as ticked:
        click_checkbox(qtbot, view, 2)
    assert ticked.args == [1]
    assert checked_rows(view) == [2]
    assert view.checked_ids() == [doc]
    with qtbot.waitSignal(view.checkedChanged) as unticked:
        click_checkbox(qtbot, view, 2)
    assert unticked.args == [0]
    assert view.checked_ids() == []


def test_space_ticks_the_current_row_then_unticks_it(qtbot: QtBot, view: ReportView) -> None:
    table = view.table
    table.setFocus()
    table.setCurrentIndex(view.model.index(4, Column.CLIENT))  # not the checkbox column
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == [4]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == [4, 5]
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == [4]


def test_space_ticks_every_selected_row(qtbot: QtBot, view: ReportView) -> None:
    table = view.table
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == [1, 2, 3]
    # Partly ticked: Space ticks the rest; all ticked: Space unticks them all.
    view.model.toggle_rows([2])
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == [1, 2, 3]
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert checked_rows(view) == []


def test_tick_all_ticks_what_the_filter_shows_and_a_second_press_unticks(
    qtbot: QtBot, view: ReportView
) -> None:
    button = view.findChild(QToolButton, "selectAllButton")
    assert button is not None and button.text() == "Tick all"
    view.set_sent_filter(SentFilter.UNSENT)
    wait_report_loaded(qtbot, view)
    shown = list(view.model.shown_ids())
    assert 0 < len(shown) < view.model.checked_count() + 60
    with qtbot.waitSignal(view.checkedChanged) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == [len(shown)]
    assert view.checked_ids() == shown
    assert button.text() == "Untick all"
    assert f"{len(shown)} ticked" in view.count_text()

    # The sent documents were not ticked: showing all, some rows are unticked.
    view.set_sent_filter(SentFilter.ALL)
    wait_report_loaded(qtbot, view)
    assert len(checked_rows(view)) == len(shown) < view.model.rowCount()
    assert button.text() == "Tick all"

    view.set_sent_filter(SentFilter.UNSENT)
    wait_report_loaded(qtbot, view)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.checked_ids() == []
    assert "ticked" not in view.count_text()


def test_ctrl_shift_a_ticks_all_and_ctrl_a_only_selects(qtbot: QtBot, view: ReportView) -> None:
    table = view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.checked_ids() == []
    assert len(table.selectionModel().selectedRows()) == view.model.rowCount()
    qtbot.keyClick(
        table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(view.checked_ids()) == view.model.rowCount()


def test_ticks_survive_filtering_sorting_and_searching(qtbot: QtBot, view: ReportView) -> None:
    model = view.model
    unsent = [model.document_id(r) for r in range(model.rowCount())]
    unsent = [d for r, d in enumerate(unsent) if model.envelope_state(r) == EnvelopeState.NONE]
    sent = [model.document_id(r) for r in range(model.rowCount())]
    sent = [d for r, d in enumerate(sent) if model.envelope_state(r) == EnvelopeState.SENT]
    chosen = [unsent[0], sent[0], sent[-1]]
    model.set_checked(chosen, True)

    view.table.sortByColumn(Column.CLIENT, Qt.SortOrder.AscendingOrder)
    wait_report_loaded(qtbot, view)
    assert model.query.sort == SortKey.CLIENT and not model.query.descending
    assert {model.document_id(r) for r in checked_rows(view)} == set(chosen)
    # In display order (by client name now).
    rows = sorted(model.row_of(d) or 0 for d in chosen)
    assert view.checked_ids() == [model.document_id(r) for r in rows]

    view.set_sent_filter(SentFilter.SENT)
    wait_report_loaded(qtbot, view)
    assert {model.document_id(r) for r in checked_rows(view)} == {sent[0], sent[-1]}
    # The hidden tick is kept, listed after the shown ones, and the count says so.
    assert view.checked_ids()[-1] == unsent[0]
    assert "1 not shown by the filter" in view.count_text()

    view.set_sent_filter(SentFilter.ALL)
    view.search_box.setText("zzz-nothing")
    view.apply_search()
    wait_report_loaded(qtbot, view)
    assert model.rowCount() == 0
    view.search_box.clear()
    view.apply_search()
    wait_report_loaded(qtbot, view)
    assert {model.document_id(r) for r in checked_rows(view)} == set(chosen)


def test_the_sent_filter_shows_sent_unsent_or_all(qtbot: QtBot, view: ReportView) -> None:
    combo = view.findChild(QComboBox, "sentFilter")
    assert combo is not None
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "all",
        "sent",
        "unsent",
        "uncertain",
        "failed",
    ]
    everything = view.model.rowCount()
    assert states(view) == {"sent", "none"}

    combo.setCurrentIndex(combo.findData("sent"))
    wait_report_loaded(qtbot, view)
    sent = view.model.rowCount()
    assert sent > 0 and states(view) == {"sent"}

    combo.setCurrentIndex(combo.findData("unsent"))
    wait_report_loaded(qtbot, view)
    unsent = view.model.rowCount()
    assert unsent > 0 and states(view) == {"none"}
    assert sent + unsent == everything
    assert view.count_text().startswith(f"{unsent} document")

    for problem in ("uncertain", "failed"):  # the demo never failed a send
        combo.setCurrentIndex(combo.findData(problem))
        wait_report_loaded(qtbot, view)
        assert view.model.rowCount() == 0
        assert not view.tick_all_action.isEnabled()


def test_search_by_number_or_client_as_the_user_types(qtbot: QtBot, view: ReportView) -> None:
    model = view.model
    number = model.index(3, Column.NUMBER).data()
    client = model.index(5, Column.CLIENT).data()
    box = view.findChild(QLineEdit, "searchBox")
    assert box is view.search_box
    with qtbot.waitSignal(model.modelReset, timeout=3000):
        qtbot.keyClicks(box, number)  # applied after a short pause in typing
    wait_report_loaded(qtbot, view)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [number]

    box.clear()
    qtbot.keyClicks(box, client.upper())
    qtbot.keyClick(box, Qt.Key.Key_Return)  # applied at once
    wait_report_loaded(qtbot, view)
    names = {model.index(r, Column.CLIENT).data() for r in range(model.rowCount())}
    assert names == {client}


def test_keyboard_shortcuts_and_accessible_names(qtbot: QtBot, view: ReportView) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search_box
    view.search_box.setText("F-")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Escape)
    assert view.search_box.text() == ""
    for widget in (view.search_box, view.sent_filter, view.table):
        assert widget.accessibleName()
    assert view.select_all_button.text()  # icon and text
    model = view.model
    for row in range(model.rowCount()):
        assert model.index(row, Column.ENVELOPE).data(Qt.ItemDataRole.AccessibleTextRole)
    # Tab order: tick all, filter, search, table.
    view.select_all_button.setFocus(Qt.FocusReason.TabFocusReason)
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [view.sent_filter, view.search_box, view.table]


def test_switching_kind_keeps_each_kinds_own_ticks(qtbot: QtBot, view: ReportView) -> None:
    invoice = view.model.document_id(0)
    view.model.set_checked([invoice], True)
    view.show_kind(DocumentKind.QUOTE)
    wait_report_loaded(qtbot, view)
    assert all(view.model.index(r, 0).data().startswith("D-") for r in range(3))
    assert view.checked_ids() == []
    view.show_kind(DocumentKind.INVOICE)
    wait_report_loaded(qtbot, view)
    assert view.checked_ids() == [invoice]


def test_the_envelope_header_and_cells(view: ReportView) -> None:
    model = view.model
    sent_row = next(
        r for r in range(model.rowCount()) if model.envelope_state(r) == EnvelopeState.SENT
    )
    icon = model.index(sent_row, Column.ENVELOPE).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    unsent_row = next(
        r for r in range(model.rowCount()) if model.envelope_state(r) == EnvelopeState.NONE
    )
    assert model.index(unsent_row, Column.ENVELOPE).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(sent_row, Column.ENVELOPE).data() is None  # an icon, no text


@pytest.mark.parametrize("column", list(SORT_KEYS))
def test_every_column_sorts_both_ways_as_sql_does(
    qtbot: QtBot, view: ReportView, demo: Database, column: Column
) -> None:
    model = view.model
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        view.table.sortByColumn(column, order)
        wait_report_loaded(qtbot, view)
        # The second order may reuse the first one's rows, reversed: it must match SQL.
        assert model.shown_ids() == document_ids(demo, model.query)
        assert model.query.descending == (order == Qt.SortOrder.DescendingOrder)
    assert len(set(model.shown_ids())) == model.rowCount()


def test_a_send_control_takes_its_place_after_tick_all(qtbot: QtBot, view: ReportView) -> None:
    button = QPushButton("Envoi Webmail")
    button.setObjectName("sendWebmailButton")
    view.add_send_control(button)
    assert view.findChild(QPushButton, "sendWebmailButton") is button
    qtbot.waitUntil(button.isVisible)
    assert view.select_all_button.x() < button.x()
    new_button = view.toolbar.widgetForAction(view.documents.new_action)
    assert new_button is not None and button.x() < new_button.x()  # before the other actions
    view.select_all_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.select_all_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    counts: list[int] = []
    view.checkedChanged.connect(counts.append)
    view.tick_all()
    assert counts == [view.model.rowCount()] and len(view.checked_ids()) == counts[0]


def test_a_failed_read_is_told_on_screen_and_read_again_when_a_hidden_report_shows(
    qtbot: QtBot, view: ReportView
) -> None:
    unavailable = DatabaseUnavailableError("server gone", path="db.example")
    view.model.loadFailed.emit(unavailable)
    box = view.findChild(QMessageBox, "reportErrorBox")
    assert box is not None and box.isVisible()
    box.close()
    qtbot.waitUntil(lambda: view.findChild(QMessageBox, "reportErrorBox") is None)
    # Another page shows (or the window closes): nothing pops up for a report not seen...
    view.hide()
    view.model.loadFailed.emit(unavailable)
    assert view.findChild(QMessageBox, "reportErrorBox") is None
    # ...and it reads its rows again when it shows.
    with qtbot.waitSignal(view.model.idsLoaded, timeout=5000):
        view.show()
    assert view.findChild(QMessageBox, "reportErrorBox") is None


def test_unsortable_columns_leave_the_order_and_hide_for_unpaid_kinds(
    qtbot: QtBot, view: ReportView
) -> None:
    header = view.table.horizontalHeader()
    wait_report_loaded(qtbot, view)
    before = (view.model.query.sort, view.model.query.descending)
    view.table.sortByColumn(Column.LEFT, Qt.SortOrder.AscendingOrder)
    assert (view.model.query.sort, view.model.query.descending) == before
    assert header.sortIndicatorSection() == Column.DATE  # the arrow stays where the order is
    assert not view.table.isColumnHidden(Column.LEFT)
    view.show_kind(DocumentKind.QUOTE)
    assert view.table.isColumnHidden(Column.LEFT) and view.table.isColumnHidden(Column.REMINDER)
    view.show_kind(DocumentKind.INVOICE)
    assert not view.table.isColumnHidden(Column.REMINDER)
