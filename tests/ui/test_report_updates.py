"""The envelope column's tooltips, live refresh, and how the Information dialog is reached."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot

from app.db.database import Database, open_database
from app.domain.outbox import OutboxState
from app.services.reports import EnvelopeState
from tests.ui.conftest import DEMO_TODAY
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_reports import add_outbox_message
from ui.i18n import install_translators
from ui.main import create_main_window
from ui.models.document_table import Column
from ui.views.report_view import ReportView

ROOT = Path(__file__).resolve().parents[2]
TODAY = DEMO_TODAY


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def french(stamp: datetime) -> tuple[str, str]:
    """Date and time of a stored (UTC) timestamp as a French desktop shows them."""
    local = stamp.replace(tzinfo=UTC).astimezone()
    return f"{local:%d/%m/%Y}", f"{local:%H:%M}"


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
    report.resize(1000, 330)
    report.show()
    qtbot.waitExposed(report)
    wait_report_loaded(qtbot, report)
    yield report


@pytest.fixture
def french_view(qtbot: QtBot, demo: Database) -> Iterator[ReportView]:
    install_translators(app(), "fr")
    try:
        report = ReportView(demo)
        qtbot.addWidget(report)
        wait_report_loaded(qtbot, report)
        yield report
    finally:
        install_translators(app(), "en")


def tooltip(view: ReportView, document_id: int) -> str:
    row = view.model.row_of(document_id)
    assert row is not None
    return str(view.model.index(row, Column.ENVELOPE).data(Qt.ItemDataRole.ToolTipRole))


def rows_in(view: ReportView, state: EnvelopeState) -> list[int]:
    model = view.model
    return [
        model.document_id(r) for r in range(model.rowCount()) if model.envelope_state(r) == state
    ]


# --- tooltips -----------------------------------------------------------------------------


def test_tooltip_of_a_sent_document_gives_date_time_and_addresses_in_french(
    french_view: ReportView,
) -> None:
    doc = rows_in(french_view, EnvelopeState.SENT)[0]
    row = french_view.model.row_data(french_view.model.row_of(doc) or 0)
    assert row.sent_at is not None
    day, time = french(row.sent_at)
    text = tooltip(french_view, doc)
    assert text.startswith(f"Envoyé le {day} à {time}\n")
    for address in row.sent_to.split(", "):
        assert address in text


def test_tooltip_of_each_outbox_state(
    qtbot: QtBot, french_view: ReportView, demo: Database
) -> None:
    docs = rows_in(french_view, EnvelopeState.NONE)[:4]
    since = datetime(2026, 11, 27, 13, 5)
    retry_at = since + timedelta(minutes=4)
    add_outbox_message(
        demo, docs[0], OutboxState.QUEUED, updated_at=since, to_addrs="a@client.example"
    )
    add_outbox_message(
        demo,
        docs[1],
        OutboxState.RETRY_WAIT,
        updated_at=since,
        next_attempt_at=retry_at,
        last_reply="451 4.7.1 Greylisted, try again later",
        last_error="451 4.7.1 Greylisted, try again later",
    )
    add_outbox_message(
        demo,
        docs[2],
        OutboxState.FAILED,
        updated_at=since,
        to_addrs="nobody@client.example",
        cc_addrs="moi@atelier-dupont.fr",
        last_reply="550 5.1.1 <nobody@client.example>: Recipient address rejected",
        last_error="550 5.1.1 <nobody@client.example>: Recipient address rejected",
    )
    add_outbox_message(
        demo,
        docs[3],
        OutboxState.UNKNOWN,
        updated_at=since,
        last_error="interrupted: the sending program stopped while the server had the message",
    )
    french_view.refresh()
    wait_report_loaded(qtbot, french_view)
    day, time = french(since)
    retry_day, retry_time = french(retry_at)

    queued = tooltip(french_view, docs[0])
    assert f"En attente dans la boîte d’envoi depuis le {day} à {time}" in queued
    assert "À\u00a0: a@client.example" in queued

    retry = tooltip(french_view, docs[1])
    assert "a demandé de réessayer plus tard" in retry
    assert f"Prochain essai le {retry_day} à {retry_time}" in retry
    assert "451 4.7.1 Greylisted" in retry

    failed = tooltip(french_view, docs[2])
    assert f"Échec de l’envoi le {day} à {time}" in failed
    assert "Réponse du serveur\u00a0: 550 5.1.1" in failed
    assert "À\u00a0: nobody@client.example" in failed
    assert "Cc\u00a0: moi@atelier-dupont.fr" in failed

    uncertain = tooltip(french_view, docs[3])
    assert (
        f"Résultat incertain\u00a0: la connexion au serveur de messagerie a été perdue le {day}"
        in uncertain
    )
    assert "vérifiez auprès du client avant de le renvoyer" in uncertain
    assert "interrupted:" not in uncertain  # the engine's own words are not for users

    model = french_view.model
    icons = {
        model.index(model.row_of(d) or 0, Column.ENVELOPE)
        .data(Qt.ItemDataRole.DecorationRole)
        .cacheKey()
        for d in docs
    }
    sent = rows_in(french_view, EnvelopeState.SENT)[0]
    icons.add(
        model.index(model.row_of(sent) or 0, Column.ENVELOPE)
        .data(Qt.ItemDataRole.DecorationRole)
        .cacheKey()
    )
    assert len(icons) == 4  # sent, waiting (queued and retry share it), failed, uncertain
    assert tooltip(french_view, rows_in(french_view, EnvelopeState.NONE)[0]) == "Pas encore envoyé"


# --- live updates -------------------------------------------------------------------------

OTHER_PROCESS = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from sqlalchemy import update
    from app.db.database import open_database
    from app.db.models import Document, SendRecord

    db = open_database(sys.argv[1])
    doc, when = int(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
    with db.write() as session:
        session.execute(
            update(Document).where(Document.id == doc)
            .values(sent_at=when, sent_to="autre@poste.example", updated_at=when)
        )
        session.add(SendRecord(document_id=doc, at=when, to_addrs="autre@poste.example",
                               result="sent", server_reply="250 ok"))
    db.dispose()
    """
)

NEW_DOCUMENT = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime
    from decimal import Decimal
    from app.db.database import open_database
    from app.db.models import Document

    db = open_database(sys.argv[1])
    now = datetime(2026, 11, 27, 18, 0)
    with db.write() as session:
        session.add(Document(kind="invoice", status="validated", number="F-2026-9999", year=2026,
                             sequence=9999, client_id=1, issue_date=date(2026, 11, 28),
                             total_incl=Decimal("10.00"), created_at=now, updated_at=now))
    db.dispose()
    """
)


def run_elsewhere(code: str, *args: str) -> None:
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, timeout=120)


def test_a_send_by_another_process_shows_up_keeping_ticks_place_and_current_row(
    qtbot: QtBot, view: ReportView, db_path: Path
) -> None:
    model, table = view.model, view.table
    assert model.rowCount() > 20
    table.verticalScrollBar().setValue(10)
    assert table.rowAt(0) == 10
    table.setCurrentIndex(model.index(12, Column.CLIENT))
    model.toggle_rows([11, 14])
    ticked = view.checked_ids()
    top, current = model.document_id(10), model.document_id(12)
    target = rows_in(view, EnvelopeState.NONE)[0]
    view.poll_timer.setInterval(50)

    when = datetime(2026, 11, 27, 16, 42)
    run_elsewhere(OTHER_PROCESS, str(db_path), str(target), when.isoformat())
    qtbot.waitUntil(lambda: target in rows_in(view, EnvelopeState.SENT), timeout=5000)
    wait_report_loaded(qtbot, view)
    day, time = french(when)
    assert f"{day} at {time}" in tooltip(view, target)
    assert "autre@poste.example" in tooltip(view, target)
    assert view.checked_ids() == ticked
    assert model.document_id(table.rowAt(0)) == top
    assert model.document_id(table.currentIndex().row()) == current
    assert table.currentIndex().column() == Column.CLIENT

    # A new document at the top moves every row down by one: the same documents stay
    # at the top of the view, current and ticked.
    rows_before = model.rowCount()
    run_elsewhere(NEW_DOCUMENT, str(db_path))
    qtbot.waitUntil(lambda: model.rowCount() == rows_before + 1, timeout=5000)
    wait_report_loaded(qtbot, view)
    assert model.index(0, Column.NUMBER).data() == "F-2026-9999"
    assert model.document_id(table.rowAt(0)) == top
    assert model.document_id(table.currentIndex().row()) == current
    assert table.selectionModel().isRowSelected(table.currentIndex().row())
    assert view.checked_ids() == ticked


def test_documents_changed_signal_refreshes_at_once(
    qtbot: QtBot, view: ReportView, demo: Database
) -> None:
    view.poll_timer.stop()
    doc = rows_in(view, EnvelopeState.NONE)[0]
    add_outbox_message(demo, doc, OutboxState.FAILED, last_reply="554 5.7.1 rejected")
    assert "rejected" not in tooltip(view, doc)
    with qtbot.waitSignal(view.countsChanged):
        view.documentsChanged.emit()
    wait_report_loaded(qtbot, view)
    assert "554 5.7.1 rejected" in tooltip(view, doc)


# --- the main window: menu, context menu, double-click -------------------------------------


@pytest.fixture
def window(qtbot: QtBot, demo: Database, db_path: Path) -> Iterator[object]:
    demo.dispose()
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    wait_report_loaded(qtbot, win.report_view)
    yield win


def test_information_from_the_document_menu(qtbot: QtBot, window: object) -> None:
    action = window.findChild(QAction, "documentInfoAction")  # type: ignore[attr-defined]
    assert action is not None
    menus = [a.menu() for a in window.menuBar().actions() if a.menu()]  # type: ignore[attr-defined]
    assert any(action in m.actions() for m in menus)
    view: ReportView = window.report_view  # type: ignore[attr-defined]
    view.table.setCurrentIndex(view.model.index(2, Column.CLIENT))
    assert action.isEnabled()
    action.trigger()
    dialog = view.findChild(QDialog, "documentInfoDialog")
    assert dialog is not None and dialog.isVisible()
    assert view.model.index(2, Column.NUMBER).data() in dialog.windowTitle()
    dialog.close()
    qtbot.waitUntil(lambda: view.findChild(QDialog, "documentInfoDialog") is None)


def test_information_shortcut_and_disabled_elsewhere(qtbot: QtBot, window: object) -> None:
    view: ReportView = window.report_view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.table.setCurrentIndex(view.model.index(5, Column.CLIENT))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = view.findChild(QDialog, "documentInfoDialog")
    assert dialog is not None and view.model.index(5, Column.NUMBER).data() in dialog.windowTitle()
    dialog.close()
    # On the clients page the report's Information is not offered.
    window.navigation.setCurrentRow(4)  # type: ignore[attr-defined]
    assert not view.info_action.isEnabled()
    window.navigation.setCurrentRow(0)  # type: ignore[attr-defined]
    wait_report_loaded(qtbot, view)
    assert view.info_action.isEnabled()


def test_information_from_the_context_menu_and_the_envelope(qtbot: QtBot, window: object) -> None:
    view: ReportView = window.report_view  # type: ignore[attr-defined]
    table = view.table
    rect = table.visualRect(view.model.index(3, Column.CLIENT))
    table.customContextMenuRequested.emit(rect.center())
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    names = [a.objectName() for a in menu.actions()]
    assert "documentInfoAction" in names
    assert table.currentIndex().row() == 3
    tick = next(a for a in menu.actions() if a.text() == "Tick")
    tick.trigger()
    assert view.checked_ids() == [view.model.document_id(3)]
    menu.close()

    envelope = table.visualRect(view.model.index(4, Column.ENVELOPE)).center()
    # A real double-click: press and release, then the double-click event.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=envelope)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=envelope)
    dialog = view.findChild(QDialog, "documentInfoDialog")
    assert dialog is not None and dialog.isVisible()
    assert view.model.index(4, Column.NUMBER).data() in dialog.windowTitle()


def test_the_status_bar_counts_ticks(qtbot: QtBot, window: object) -> None:
    view: ReportView = window.report_view  # type: ignore[attr-defined]
    label = window.count_label  # type: ignore[attr-defined]
    total = view.model.rowCount()
    assert label.text().startswith(f"{total} document")
    qtbot.mouseClick(view.select_all_button, Qt.MouseButton.LeftButton)
    assert f"{total} ticked" in label.text()
