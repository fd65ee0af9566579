"""Screenshots of the main window and the Information dialog at three screen sizes, in
French, with the layout properties they must keep (search visible, columns in bounds,
sizes remembered). Set FACTURIER_SHOTS to a folder to keep the pictures."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QTableWidget, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.domain.outbox import recipients_to_json
from app.services.database import open_database
from app.services.demo import fill_demo
from tests.ui.report_loading import wait_report_loaded
from tests.ui.test_document_info import REFUSALS, SENT
from tests.unit.test_reports import add_send_record, make_client, make_document
from ui.dialogs.document_info import DocumentInfoDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.document_table import Column

SIZES = [(800, 600), (1024, 700), (1920, 1080)]
CLIENT_MAX = 520  # the Client column at 1920 px: no wide empty band


def save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("FACTURIER_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(str(path))
    fill_demo(db, clients=12, documents=60)
    db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


def open_window(qtbot: QtBot, path: Path, size: tuple[int, int] | None) -> MainWindow:
    window = create_main_window(str(path))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    wait_report_loaded(qtbot, window.report_view)
    QApplication.processEvents()
    return window


def fully_shown(window: QWidget, widget: QWidget) -> bool:
    """Visible, whole, inside the window (not in a toolbar's "»" menu)."""
    if not widget.isVisible() or isinstance(widget.parentWidget(), QToolBar):
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()).adjusted(0, 0, -1, -1))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_window_layout(
    qtbot: QtBot, demo_db: Path, french: None, size: tuple[int, int]
) -> None:
    window = open_window(qtbot, demo_db, size)
    window.resize(*size)  # a remembered geometry is not the point here
    QApplication.processEvents()
    save(window, f"main-window-{size[0]}x{size[1]}")
    view = window.report_view
    search = view.search_box
    assert search.isVisible()
    assert search.width() >= 150
    assert fully_shown(window, search)
    assert window.width() <= size[0] and window.height() <= size[1]
    table = view.table
    viewport = table.viewport().width()
    if size[0] == 1920:
        assert table.columnWidth(Column.CLIENT) <= CLIENT_MAX
    if size[0] >= 1024:
        assert table.columnWidth(Column.CLIENT) >= table.natural_width(Column.CLIENT)
    else:  # 800 px: the columns give up width, the Client column keeps a few letters
        assert table.columnWidth(Column.CLIENT) >= table.narrowest_width(Column.CLIENT)
    # Every column in sight, at every size: no horizontal scroll bar.
    shown = [c for c in Column if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) <= viewport
    assert not table.horizontalScrollBar().isVisible()
    for column in shown:
        assert table.columnWidth(column) >= table.narrowest_width(column)
    # Every action of the toolbar in sight (icons only on a narrow window), none in "»".
    for action in view.toolbar.actions():
        button = view.toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert fully_shown(window, view.toolbar)
    # The navigation shows each page with its icon, as wide as its longest entry.
    for row in range(window.navigation.count()):
        assert not window.navigation.item(row).icon().isNull()
    window.close()


def test_geometry_and_widths_remembered_per_report(qtbot: QtBot, demo_db: Path) -> None:
    window = open_window(qtbot, demo_db, (1000, 650))
    table = window.report_view.table
    table.setColumnWidth(Column.NUMBER, 211)
    window.navigation.setCurrentRow(1)  # the quotes: their own widths
    wait_report_loaded(qtbot, window.report_view)
    table.setColumnWidth(Column.NUMBER, 177)
    window.resize(780, 560)  # the offscreen screen is 800×600: a restore fits in it
    QApplication.processEvents()
    window.close()

    again = open_window(qtbot, demo_db, None)
    assert (again.width(), again.height()) == (780, 560)
    table = again.report_view.table
    assert table.columnWidth(Column.NUMBER) == 211
    again.navigation.setCurrentRow(1)
    wait_report_loaded(qtbot, again.report_view)
    assert table.columnWidth(Column.NUMBER) == 177
    again.close()


@pytest.fixture
def long_history(db: Database) -> int:
    client = make_client(db, "Boulangerie-Pâtisserie Dupuis et Fils")
    long_to = "comptabilite.fournisseurs@boulangerie-patisserie-dupuis-et-fils.example"
    doc = make_document(db, client, sequence=7, total="980.00", sent_at=SENT, sent_to=long_to)
    for day in range(3):
        add_send_record(
            db,
            doc,
            SENT + timedelta(days=day),
            result="sent",
            to_addrs=f"{long_to}, direction@boulangerie-patisserie-dupuis-et-fils.example",
            cc_addrs="moi@atelier-dupont.fr",
            bcc_addrs="archives.factures@atelier-dupont.fr",
            server_reply="250 2.0.0 Ok: queued as 4F2A",
            subject="Facture F-2026-0007",
            message_id="<7@atelier-dupont.fr>",
        )
    add_send_record(
        db,
        doc,
        SENT + timedelta(days=4),
        result="sent",
        to_addrs="a@b.example, c@b.example",
        server_reply="250 2.0.0 Ok: queued as 77B1",
        refused_addrs="c@b.example (550 5.1.1 <c@b.example>: User unknown)",
        recipients=recipients_to_json(REFUSALS),
    )
    return doc


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_information_dialog_layout(
    qtbot: QtBot, db: Database, long_history: int, french: None, size: tuple[int, int]
) -> None:
    dialog = DocumentInfoDialog(db, long_history)
    qtbot.addWidget(dialog)
    width, height = size
    # As the dialog opens on a screen of that size (the offscreen screen is 800×600).
    dialog.resize(dialog.fitting_width(width), min(dialog.height(), height - 60))
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    save(dialog, f"information-{width}x{height}")
    assert dialog.width() <= width and dialog.height() <= height
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None
    viewport = table.viewport().width()
    for column in range(table.columnCount()):
        assert table.columnWidth(column) <= viewport
    # The "To" header reads in full; no row wraps an address over several lines.
    header = table.horizontalHeader()
    to_label = table.horizontalHeaderItem(3).text()
    assert header.sectionSize(3) >= header.fontMetrics().horizontalAdvance(to_label) + 8
    line = table.fontMetrics().height()
    for row in range(4):
        assert table.rowHeight(row) < 3 * line + 12
        item = table.item(row, 3)
        assert item is not None and item.toolTip()
    # No table mostly empty: its height follows the rows.
    rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.viewport().height() <= max(rows_height * 2, 4 * line * 3)
    dialog.close()
