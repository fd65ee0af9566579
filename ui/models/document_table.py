"""The documents of one kind, fetched from the database page by page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain.formatting import format_amount
from app.domain.kinds import DocumentStatus
from app.services.database import Database
from app.services.reports import ReportQuery, ReportRow, count_rows, fetch_rows

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class DocumentTableModel(QAbstractTableModel):
    COLUMNS = ("number", "date", "client", "total", "status")

    def __init__(self, db: Database, query: ReportQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query
        self._rows: list[ReportRow] = []
        self._total = 0
        self.reload()

    @property
    def query(self) -> ReportQuery:
        return self._query

    def set_query(self, query: ReportQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = count_rows(self._db, self._query)
        self._rows = fetch_rows(self._db, self._query, 0, PAGE)
        self.endResetModel()

    def total_count(self) -> int:
        return self._total

    def row_at(self, row: int) -> ReportRow:
        return self._rows[row]

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        page = fetch_rows(self._db, self._query, len(self._rows), PAGE)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Client"),
            self.tr("Total incl. VAT"),
            self.tr("Status"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return row.number or self.tr("(draft)")
            if column == "date":
                return QLocale().toString(
                    QDate(row.issue_date.year, row.issue_date.month, row.issue_date.day),
                    QLocale.FormatType.ShortFormat,
                )
            if column == "client":
                return row.client_name
            if column == "total":
                return format_amount(row.total_incl)
            if column == "status":
                return self._status_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _status_text(self, row: ReportRow) -> str:
        if row.status == DocumentStatus.DRAFT:
            return self.tr("Draft")
        if row.sent_at is not None:
            return self.tr("Sent")
        return self.tr("Validated")
