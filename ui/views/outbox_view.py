"""The outbox (Boîte d'envoi): prepared messages waiting, failed or uncertain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.database import Database


class OutboxView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.label = QLabel(self.tr("No message is waiting to be sent."))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def reload(self) -> None:
        pass

    def count_text(self) -> str:
        return ""
