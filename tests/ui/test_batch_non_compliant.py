"""The confirmation dialog lists the documents that the e-invoicing checks would refuse
today (validated before the checks existed, or before the data changed): they can still
be sent as they are, and a double-click opens the client's record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.reform import ClientType
from app.services.batch import non_compliant_documents
from app.services.clients import ClientData, get_client, save_client
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from ui.dialogs.batch_confirm import BatchConfirmDialog


def test_a_business_invoice_missing_data_is_listed_and_still_sendable(
    qtbot: QtBot, db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    people = clients(db)
    fine = invoice(db, people.accented)
    business = invoice(db, people.two_addresses)
    # Since validation the client became a French business whose SIREN is unknown: the
    # rules between businesses (BR-FR-11: the buyer's SIREN) now fail for its invoice.
    data = get_client(db, people.two_addresses)
    save_client(
        db,
        ClientData(
            **{
                **data.__dict__,
                "client_type": ClientType.BUSINESS,
                "siren": "",
                "siret": "",
                "vat_number": "",
            }
        ),
    )
    update_company(db, operation_category="services")
    dialog = BatchConfirmDialog(db, [fine, business])
    qtbot.addWidget(dialog)
    dialog.show()
    listed = dialog.findChild(QListWidget, "nonCompliantList")
    assert listed is not None
    qtbot.waitUntil(listed.isVisible)  # checked in the background
    assert listed.count() == 1
    row = listed.item(0)
    assert row.text().startswith("F-2026-0002")
    assert "BR-FR-11" in row.text()
    assert row.data(Qt.ItemDataRole.UserRole) == people.two_addresses
    assert "SIREN" in row.toolTip()
    assert len(dialog.to_send()) == 2  # listed, not left out
    # Only a hint: a started batch cancels it, and it stops with what it found so far.
    items = dialog.plan.sendable
    assert len(non_compliant_documents(db, items)) == 1
    assert non_compliant_documents(db, items, lambda: True) == []
