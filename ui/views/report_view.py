"""The report of one document kind: the table users tick documents in."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.domain.kinds import DocumentKind
from app.services.database import Database
from app.services.reports import ReportQuery
from ui.models.document_table import DocumentTableModel


class ReportView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = DocumentTableModel(db, ReportQuery(DocumentKind.INVOICE), self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 110, 320, 140)):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def show_kind(self, kind: DocumentKind) -> None:
        self.model.set_query(ReportQuery(kind))

    def reload(self) -> None:
        self.model.reload()

    def count_text(self) -> str:
        return self.tr("%n document(s)", "", self.model.total_count())
