"""Invoices deposited on the approved platform, in the real window: the report's envelope
column follows their lifecycle statuses, read by the window's paced poll, and the
Information dialog lists them. Real SQLite file, real SMTP and platform test servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

import ui.platform_poller as platform_poller
from app.db.database import Database
from app.domain.kinds import DocumentKind
from app.services.batch import Choices
from app.services.documents import get_document
from app.services.payments import add_payment
from app.services.reports import ReportQuery, SentFilter, document_ids
from app.services.send_documents import send_documents
from tests.integration.platform_helpers import MixedClients, platform_business
from tests.integration.sending_helpers import invoice
from tests.platform_server import PlatformTestServer
from tests.smtp_server import SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.document_info import DocumentInfoDialog, HistoryColumn, PlatformColumn
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.document_table import ENVELOPE_ROLE, Column

ALL = Choices(already_sent=True, problems=False, paid=True)


@pytest.fixture
def people(
    db: Database,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> MixedClients:
    # No poll on its own during a test: the test asks for each one (poll_now).
    monkeypatch.setattr(platform_poller, "FIRST_MS", 600_000)
    return platform_business(db, smtp_server, platform_server, monkeypatch)


def deposited(db: Database, people: MixedClients, amount: str = "100") -> tuple[int, str]:
    """A validated invoice to a client on the platform, deposited: its id and number."""
    document_id = invoice(db, people.registered[0], amount)
    outcome = send_documents(db, [document_id], choices=ALL)
    assert outcome.drained is not None and outcome.drained.sent
    number = get_document(db, document_id).number
    assert number
    return document_id, number


@pytest.fixture
def open_window(qtbot: QtBot, db_path: Path) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = create_main_window(str(db_path))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        wait_report_loaded(qtbot, window.report_view)
        return window

    yield make
    for window in windows:
        window.close()


def envelope(window: MainWindow, document_id: int, role: int) -> object:
    model = window.report_model
    row = model.row_of(document_id)
    assert row is not None
    return model.index(row, Column.ENVELOPE).data(role)


def text(table: QTableWidget | None, row: int, column: int) -> str:
    assert table is not None
    item = table.item(row, column)
    return item.text() if item is not None else ""


def poll(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.platform_poller.finished, timeout=20_000):
        assert window.platform_poller.poll_now()


def test_the_poll_brings_the_statuses_to_the_report(
    qtbot: QtBot,
    db: Database,
    people: MixedClients,
    platform_server: PlatformTestServer,
    open_window: Callable[[], MainWindow],
) -> None:
    document_id, number = deposited(db, people)
    window = open_window()
    assert envelope(window, document_id, ENVELOPE_ROLE) == "platform"
    tooltip = str(envelope(window, document_id, Qt.ItemDataRole.ToolTipRole))
    assert tooltip.startswith("Deposited on the platform on ")
    deposited_icon = envelope(window, document_id, Qt.ItemDataRole.DecorationRole)

    platform_server.script_to_paid(number)
    poll(qtbot, window)

    # Each status is committed on its own: the row may show the earlier ones on the way.
    qtbot.waitUntil(
        lambda: (
            "; status: Payment sent ("
            in str(envelope(window, document_id, Qt.ItemDataRole.ToolTipRole))
        )
    )
    assert envelope(window, document_id, ENVELOPE_ROLE) == "platform_approved"
    icon = envelope(window, document_id, Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() != deposited_icon.cacheKey()  # type: ignore[attr-defined]

    # Paid: "Encaissée" is queued, and the next poll sends it.
    doc = get_document(db, document_id)
    add_payment(db, document_id, doc.issue_date, doc.total_incl)
    poll(qtbot, window)
    assert [s.status_code for s in platform_server.seller_statuses] == ["212"]
    qtbot.waitUntil(
        lambda: "status: Cashed" in str(envelope(window, document_id, Qt.ItemDataRole.ToolTipRole))
    )
    assert not window.platform_poller.is_polling()


def test_a_rejection_shows_its_reason_and_counts_as_failed(
    qtbot: QtBot,
    db: Database,
    people: MixedClients,
    platform_server: PlatformTestServer,
    open_window: Callable[[], MainWindow],
) -> None:
    platform_server.reject_next_deposit("Le SIRET du destinataire est inconnu")
    rejected, _number = deposited(db, people)
    refused, refused_number = deposited(db, people, "200")
    platform_server.reject(refused_number, "Commande non reçue")
    window = open_window()

    poll(qtbot, window)

    qtbot.waitUntil(lambda: envelope(window, rejected, ENVELOPE_ROLE) == "platform_rejected")
    qtbot.waitUntil(lambda: envelope(window, refused, ENVELOPE_ROLE) == "platform_rejected")
    tooltip = str(envelope(window, rejected, Qt.ItemDataRole.ToolTipRole))
    assert tooltip.startswith("Rejected by the platform on ")
    assert tooltip.endswith(": Le SIRET du destinataire est inconnu"), tooltip
    tooltip = str(envelope(window, refused, Qt.ItemDataRole.ToolTipRole))
    assert "status: Refused (" in tooltip and "Reason: Commande non reçue" in tooltip, tooltip
    # The report's filter: both failed; the rejected one is not "sent".
    query = ReportQuery(DocumentKind.INVOICE)
    failed = document_ids(db, ReportQuery(DocumentKind.INVOICE, sent=SentFilter.FAILED))
    assert sorted(failed) == sorted([rejected, refused])
    assert document_ids(db, ReportQuery(DocumentKind.INVOICE, sent=SentFilter.SENT)) == [refused]
    assert rejected not in document_ids(
        db, ReportQuery(DocumentKind.INVOICE, sent=SentFilter.UNSENT)
    )
    assert len(document_ids(db, query)) == 2


def test_the_information_dialog_lists_the_platform_statuses(
    qtbot: QtBot,
    db: Database,
    people: MixedClients,
    platform_server: PlatformTestServer,
    open_window: Callable[[], MainWindow],
) -> None:
    document_id, number = deposited(db, people)
    platform_server.advance(number, "202", "203")
    platform_server.advance(number, "207", reason="Quantité contestée")
    window = open_window()
    poll(qtbot, window)

    dialog = DocumentInfoDialog(db, document_id)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "platformHistoryTable")
    assert table is not None
    rows = [
        [text(table, r, c) for c in (PlatformColumn.STATUS, PlatformColumn.REASON)]
        for r in range(table.rowCount())
    ]
    assert rows == [
        ["Disputed", "Quantité contestée"],
        ["Made available", ""],
        ["Received by the platform", ""],
        ["Deposited", ""],
    ]
    sends = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert sends is not None
    assert text(sends, 0, HistoryColumn.RESULT) == "Deposited"
    assert text(sends, 0, HistoryColumn.CHANNEL) == "Platform"
    assert text(sends, 0, HistoryColumn.TO) == "SIREN 552100554"

    # An e-mailed document has no platform table.
    mailed = invoice(db, people.private)
    send_documents(db, [mailed], choices=ALL)
    other = DocumentInfoDialog(db, mailed)
    qtbot.addWidget(other)
    assert other.findChild(QTableWidget, "platformHistoryTable") is None
    channel = text(other.findChild(QTableWidget, "sendHistoryTable"), 0, HistoryColumn.CHANNEL)
    assert channel == "E-mail"
