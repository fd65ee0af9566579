"""The address book shows each client's type: the mentions between businesses depend on it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.reform import ClientType
from app.services.clients import ClientData, list_clients, save_client
from app.services.database import Database
from ui.models.client_table import ClientTableModel


def test_the_type_column_says_business_or_private_person_and_sorts(db: Database) -> None:
    save_client(db, ClientData(name="Boulangerie Éclair", siren="732829320"))
    save_client(db, ClientData(name="Françoise Lemaître"))
    save_client(db, ClientData(name="Zinc Bar", client_type=ClientType.PRIVATE))
    model = ClientTableModel()
    model.set_clients(list_clients(db))
    column = ClientTableModel.TYPE
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Type"
    shown = {
        model.data(model.index(row, ClientTableModel.NAME)): model.data(model.index(row, column))
        for row in range(model.rowCount())
    }
    assert shown == {
        "Boulangerie Éclair": "Business",  # inferred from its SIREN
        "Françoise Lemaître": "Private person",
        "Zinc Bar": "Private person",
    }
    model.sort(column, Qt.SortOrder.AscendingOrder)
    first = model.data(model.index(0, ClientTableModel.NAME))
    assert first == "Boulangerie Éclair"
