"""The Information dialog: a document's key facts and its send history, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from app.db.database import Database
from app.db.models import Document
from app.domain.kinds import DocumentKind
from app.domain.outbox import OutboxState, Recipient, RecipientRole, recipients_to_json
from app.errors import NotFoundError
from tests.ui.report_loading import wait_report_loaded
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


REFUSALS = [
    Recipient("a@b.example", RecipientRole.TO, True, 250, "2.1.5 Ok"),
    Recipient("c@b.example", RecipientRole.TO, True, 550, "5.1.1 <c@b.example>: User unknown"),
    Recipient("moi@atelier-dupont.fr", RecipientRole.BCC, False, 250, "2.1.5 Ok"),
]


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
    add_send_record(  # written before recipients were recorded: refused_addrs only
        db,
        doc,
        SENT + timedelta(days=2),
        result="failed",
        to_addrs="old@b.example",
        server_reply="550 5.1.1 User unknown",
        refused_addrs="old@b.example (550 5.1.1 User unknown)",
    )
    add_send_record(  # delivered to a@, refused for c@
        db,
        doc,
        SENT + timedelta(days=3),
        result="sent",
        to_addrs="a@b.example, c@b.example",
        bcc_addrs="moi@atelier-dupont.fr",
        server_reply="250 2.0.0 Ok: queued as 77B1",
        refused_addrs="c@b.example (550 5.1.1 <c@b.example>: User unknown)",
        recipients=recipients_to_json(REFUSALS),
    )
    return doc


def cells(table: QTableWidget, row: int) -> list[str]:
    texts = []
    for column in range(table.columnCount()):
        item = table.item(row, column)
        texts.append(item.text() if item else "")
    return texts


def history_table(
    qtbot: QtBot, db: Database, document_id: int
) -> tuple[DocumentInfoDialog, QTableWidget]:
    """The dialog (keep it: it owns the table) and its send history table."""
    dialog = DocumentInfoDialog(db, document_id)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "documentInfoDialog"
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None
    return dialog, table


def test_history_rows_newest_first_with_addresses_result_and_reasons(
    qtbot: QtBot, db: Database, sent_document: int
) -> None:
    _dialog, table = history_table(qtbot, db, sent_document)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Date and time",
        "Result",
        "Channel",
        "To",
        "Cc",
        "Bcc",
        "Reason",
        "Server reply",
    ]
    assert table.rowCount() == 4
    refusals, failed, sent, retry = (cells(table, r) for r in range(4))
    assert refusals[1:] == [
        "Sent, address refused",
        "E-mail",
        "a@b.example, c@b.example",
        "",
        "moi@atelier-dupont.fr",
        "c@b.example: 550 5.1.1 unknown address",
        "250 2.0.0 accepted",  # the server's own words are the tooltip's detail
    ]
    # An older row: its refused addresses are read from their text, explained the same way.
    assert failed[1] == "Refused"
    assert failed[6] == "old@b.example: 550 5.1.1 unknown address"
    assert failed[7] == "550 5.1.1 unknown address"
    assert sent[1:] == [
        "Delivered",
        "E-mail",
        "a@b.example, c@b.example",
        "moi@atelier-dupont.fr",
        "archives@atelier-dupont.fr",
        "",
        "250 2.0.0 accepted",
    ]
    assert retry[1] == "New attempt planned"
    assert retry[6] == "421 4.7.0 refused for now, to be tried again later"
    assert retry[7] == "421 4.7.0 refused for now, to be tried again later"
    words = table.item(0, 7).toolTip()  # type: ignore[union-attr]
    assert "The server's own words: 250 2.0.0 Ok: queued as 77B1" in words
    tip = table.item(2, 0).toolTip()  # type: ignore[union-attr]
    assert "Facture F-2026-0042" in tip and "<42@atelier-dupont.fr>" in tip
    assert not Qt.mightBeRichText(tip)  # the Message-ID's <...> is not taken for HTML
    icons = {table.item(r, 1).icon().cacheKey() for r in range(4)}  # type: ignore[union-attr]
    assert len(icons) == 4  # refusals, failed, sent and retry each have their own


def test_history_in_french(qtbot: QtBot, db: Database, sent_document: int, french: None) -> None:
    _dialog, table = history_table(qtbot, db, sent_document)
    assert table.horizontalHeaderItem(0).text() == "Date et heure"  # type: ignore[union-attr]
    assert table.horizontalHeaderItem(5).text() == "Cci"  # type: ignore[union-attr]

    def local(stamp: datetime) -> str:
        return f"{stamp.replace(tzinfo=UTC).astimezone():%d/%m/%Y %H:%M}"  # French short format

    refusals, failed, sent, retry = (cells(table, r) for r in range(4))
    assert [refusals[0], failed[0], sent[0], retry[0]] == [
        local(SENT + timedelta(days=3)),
        local(SENT + timedelta(days=2)),
        local(SENT),
        local(SENT - timedelta(days=1)),
    ]
    assert refusals[6].startswith("c@b.example") and "550 5.1.1 adresse inconnue" in refusals[6]
    assert failed[6].startswith("old@b.example") and "550 5.1.1 adresse inconnue" in failed[6]
    assert "refusé pour le moment, à réessayer plus tard" in retry[6]
    assert sent[6] == ""


def test_a_refused_copy_to_self_is_told_apart(qtbot: QtBot, db: Database) -> None:
    doc = make_document(db, make_client(db, "Élodie Martin"), sent_at=SENT, sent_to="a@b.example")
    copy_refused = [
        Recipient("a@b.example", RecipientRole.TO, True, 250, "Ok"),
        Recipient("moi@atelier-dupont.fr", RecipientRole.BCC, False, 552, "5.2.2 Mailbox full"),
    ]
    add_send_record(
        db,
        doc,
        SENT,
        result="sent",
        server_reply="250 Ok",
        recipients=recipients_to_json(copy_refused),
    )
    _dialog, table = history_table(qtbot, db, doc)
    row = cells(table, 0)
    assert row[1] == "Delivered"  # the client got it: the copy does not count
    assert row[6] == "moi@atelier-dupont.fr: 552 5.2.2 mailbox full (your copy)"


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
    wait_report_loaded(qtbot, view)
    assert view.model.rowCount() == 0
    assert view.findChild(QDialog, "documentInfoDialog") is None
    box.close()


def test_status_is_the_reports_and_agrees_with_the_kind(
    qtbot: QtBot, db: Database, sent_document: int, french: None
) -> None:
    with db.write() as session:
        document = session.get(Document, sent_document)
        assert document is not None
        document.paid_on = SENT.date()
    quote = make_document(db, make_client(db, "Atelier Roy"), kind=DocumentKind.QUOTE)

    def status(document_id: int) -> str:
        dialog = DocumentInfoDialog(db, document_id)
        qtbot.addWidget(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        return labels[labels.index("Statut\u00a0:") + 1]

    assert status(sent_document) == "Payée"  # e-mailed, then paid: as the report says
    assert status(quote) == "Validé"  # un devis
