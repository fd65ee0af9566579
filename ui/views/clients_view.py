"""The address book: every client, and whether documents can be e-mailed to it."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWidget

from app.services.clients import list_clients
from app.services.database import Database


class ClientsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clients_list = QListWidget()
        self.clients_list.setObjectName("clientList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clients_list)

    def reload(self) -> None:
        self.clients_list.clear()
        for client in list_clients(self.db):
            self.clients_list.addItem(client.name)

    def count_text(self) -> str:
        return self.tr("%n client(s)", "", self.clients_list.count())
