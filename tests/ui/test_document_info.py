"""The Information dialog: a document's key facts and its send history, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from app.db.database import Database
from app.db.models import Document
from app.domain.outbox import OutboxState
from app.errors import NotFoundError
from tests.unit.test_reports import (
    add_outbox_message,
    add_send_record,
    make_client,
    make_document,
)
from ui.dialogs.document_info import DocumentInfoDialog
from ui.i18n import install_translators
from ui.views.report_view import ReportView

SENT = datetime(2026, 3, 4, 14, 7, 30)


@pytest.fixture
def french() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "fr")
    try:
        yield
    finally:
        install_translators(app, "en")


@pytest.fixture
def sent_document(db: Database) -> int:
    client = make_client(db, "Boulangerie Dupuis")
    doc = make_document(
        db, client, sequence=42, total="1234.50", sent_at=SENT, sent_to="a@b.example"
    )
    add_send_record(
        db,
        doc,
        SENT - timedelta(days=1),
        result="retry",
        to_addrs="a@b.example",
        server_reply="421 4.7.0 Try again later",
    )
    add_send_record(
        db,
        doc,
        SENT,
        result="sent",
        to_addrs="a@b.example, c@b.example",
        cc_addrs="moi@atelier-dupont.fr",
        bcc_addrs="archives@atelier-dupont.fr",
        server_reply="250 2.0.0 Ok: queued as 4F2A",
        subject="Facture F-2026-0042",
        message_id="<42@atelier-dupont.fr>",
    )
    add_send_record(
        db,
        doc,
        SENT + timedelta(days=2),
        result="failed",
        to_addrs="old@b.example",
        server_reply="550 5.1.1 User unknown",
        refused_addrs="old@b.example (550 5.1.1 User unknown)",
    )
    return doc


def cells(table: QTableWidget, row: int) -> list[str]:
    texts = []
    for column in range(table.columnCount()):
        item = table.item(row, column)
        texts.append(item.text() if item else "")
    return texts


def test_history_rows_newest_first_with_addresses_result_and_reply(
    qtbot: QtBot, db: Database, sent_document: int, french: None
) -> None:
    dialog = DocumentInfoDialog(db, sent_document)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "documentInfoDialog"
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Date et heure", "Résultat", "À", "Cc", "Cci", "Réponse du serveur"]
    assert table.rowCount() == 3

    def local(stamp: datetime) -> str:
        return f"{stamp.replace(tzinfo=UTC).astimezone():%d/%m/%Y %H:%M}"  # French short format

    newest, sent, retry = (cells(table, r) for r in range(3))
    assert newest[0] == local(SENT + timedelta(days=2))
    assert newest[1] == "Refusé par le serveur"
    assert newest[2] == "old@b.example"
    assert "550 5.1.1 User unknown" in newest[5] and "old@b.example (550" in newest[5]

    assert sent == [
        local(SENT),
        "Accepté par le serveur",
        "a@b.example, c@b.example",
        "moi@atelier-dupont.fr",
        "archives@atelier-dupont.fr",
        "250 2.0.0 Ok: queued as 4F2A",
    ]
    assert retry[0] == local(SENT - timedelta(days=1))
    assert retry[1] == "Différé, réessayé plus tard"
    assert retry[3] == retry[4] == ""
    tip = table.item(1, 0).toolTip()  # type: ignore[union-attr]
    assert "Facture F-2026-0042" in tip and "<42@atelier-dupont.fr>" in tip
    assert table.item(1, 1).icon().isNull() is False  # type: ignore[union-attr]


def test_key_facts(qtbot: QtBot, db: Database, sent_document: int, french: None) -> None:
    dialog = DocumentInfoDialog(db, sent_document)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "F-2026-0042" in texts
    assert "Boulangerie Dupuis" in texts
    assert "1\u202f234,50\u00a0€" in texts  # French amount
    assert "02/03/2026" in texts  # issue date, French format
    assert "Non" in texts  # no archived PDF yet
    assert "Facture F-2026-0042" in texts
    assert any(t.startswith("Dernier envoi le 04/03/2026") and "a@b.example" in t for t in texts)
    assert "F-2026-0042" in dialog.windowTitle()


def test_a_document_never_sent_says_so(qtbot: QtBot, db: Database) -> None:
    doc = make_document(db, make_client(db, "Élodie Martin"))
    add_outbox_message(db, doc, OutboxState.QUEUED)
    dialog = DocumentInfoDialog(db, doc)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None and table.rowCount() == 0 and not table.isVisible()
    empty = dialog.findChild(QLabel, "sendHistoryEmpty")
    assert empty is not None and empty.isVisible()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(t.startswith("Waiting in the outbox since") for t in texts)


def test_a_missing_document_is_an_error_not_a_crash(qtbot: QtBot, db: Database) -> None:
    with pytest.raises(NotFoundError):
        DocumentInfoDialog(db, 424242)
    # Deleted by another window after the report was read: the report says so and reloads.
    doc = make_document(db, make_client(db, "Élodie Martin"))
    view = ReportView(db)
    qtbot.addWidget(view)
    with db.write() as session:
        session.execute(delete(Document).where(Document.id == doc))
    assert view.open_information(doc) is None
    box = view.findChild(QMessageBox, "reportErrorBox")
    assert box is not None and "no longer exists" in box.text()
    assert view.model.rowCount() == 0
    assert view.findChild(QDialog, "documentInfoDialog") is None
    box.close()
