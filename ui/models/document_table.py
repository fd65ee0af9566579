"""The documents of one report, instant with 100,000 of them.

One SQL query gives the ids the filter shows, in display order
(``app.services.reports.document_ids``): filtering, searching and sorting are SQL's
work, and a new filter or sort order is one query plus a model reset. The displayed
columns are read by pages of ``PAGE`` ids when the view first asks for a row of that
page; a bounded number of pages is kept.

Ticks are a set of document ids per document kind, so they survive filtering, sorting
and refreshes; "tick all" ticks the ids of the current filter, already in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.domain.formatting import format_amount
from app.domain.kinds import DocumentKind, DocumentStatus
from app.services.database import Database
from app.services.reports import (
    EnvelopeState,
    ReportQuery,
    ReportRow,
    SortKey,
    document_ids,
    fetch_rows,
)
from ui.models.envelope import TEXTS, date_text, envelope_icon

PAGE = 200  # rows read at a time
MAX_PAGES = 64  # pages kept in memory (12,800 rows)
MANY = 64  # above this many changed rows, one dataChanged covers the whole column
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0  # also the checkbox
    DATE = 1
    CLIENT = 2
    TOTAL = 3
    STATUS = 4
    ENVELOPE = 5


SORT_KEYS = {
    Column.NUMBER: SortKey.NUMBER,
    Column.DATE: SortKey.DATE,
    Column.CLIENT: SortKey.CLIENT,
    Column.TOTAL: SortKey.TOTAL,
    Column.STATUS: SortKey.STATUS,
    Column.ENVELOPE: SortKey.SENT,
}
ID_ROLE = Qt.ItemDataRole.UserRole  # the document id, on every cell
ENVELOPE_ROLE = Qt.ItemDataRole.UserRole + 1  # the EnvelopeState value, on every cell
CONTENT_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.CheckStateRole,
    ID_ROLE,
    ENVELOPE_ROLE,
]


@dataclass(slots=True)
class _Shown:
    row: ReportRow
    texts: tuple[str, str, str, str, str]
    tooltip: str | None = None


class DocumentTableModel(QAbstractTableModel):
    checkedChanged = Signal(int)  # number of ticked documents of the current kind

    def __init__(self, db: Database, query: ReportQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] | None = None
        self._pages: dict[int, list[_Shown]] = {}
        self._ticks: dict[DocumentKind, set[int]] = {}
        self.reload()

    # --- what is shown ------------------------------------------------------------------

    @property
    def query(self) -> ReportQuery:
        return self._query

    def set_query(self, query: ReportQuery) -> None:
        if query != self._query:
            kind_changed = query.kind != self._query.kind
            self._reset(query)
            if kind_changed:
                self.checkedChanged.emit(self.checked_count())

    def reload(self) -> None:
        """Read the ids again and start over."""
        self._reset(self._query)

    def _reset(self, query: ReportQuery) -> None:
        # Read before the reset: a failure changes nothing.
        ids = self._ids[::-1] if self._is_reversal(query) else document_ids(self._db, query)
        self.beginResetModel()
        self._query = query
        self._set_ids(ids)
        self.endResetModel()

    def refresh(self) -> bool:
        """Read again what changed; True when the rows themselves changed (a reset).

        When the same documents are shown in the same order, only their content is
        reread: the view keeps its current row, selection and scroll position.
        """
        ids = document_ids(self._db, self._query)
        if ids != self._ids:
            self.beginResetModel()
            self._set_ids(ids)
            self.endResetModel()
            return True
        self._pages.clear()
        if ids:
            last = self.index(len(ids) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last, CONTENT_ROLES)
        return False

    def apply_rows(self, fresh: Iterable[ReportRow]) -> None:
        """Show rows read elsewhere (a background task) in place; rows keep their place
        until the next full refresh."""
        for report_row in fresh:
            row = self.row_of(report_row.id)
            if row is None:
                continue
            number, offset = divmod(row, PAGE)
            page = self._pages.get(number)
            if page is not None and offset < len(page):
                page[offset] = self._prepare(report_row)
            first, last = self.index(row, 0), self.index(row, len(Column) - 1)
            self.dataChanged.emit(first, last, CONTENT_ROLES)

    def _is_reversal(self, query: ReportQuery) -> bool:
        """Same rows in the opposite order? Then the list is reversed, not reread: the
        report's SQL order is exactly reversed too (``app.services.reports._order_by``)."""
        old = self._query
        return (
            query.descending != old.descending
            and replace(old, descending=query.descending) == query
        )

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._rows_by_id = None
        self._pages.clear()

    def total_count(self) -> int:
        return len(self._ids)

    def shown_ids(self) -> list[int]:
        """Every document id the filter shows, in display order (do not modify)."""
        return self._ids

    def document_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, document_id: int) -> int | None:
        if self._rows_by_id is None:
            self._rows_by_id = {doc: row for row, doc in enumerate(self._ids)}
        return self._rows_by_id.get(document_id)

    def row_data(self, row: int) -> ReportRow:
        return self._shown(row).row

    def _shown(self, row: int) -> _Shown:
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None or offset >= len(page):
            page = self._load_page(number)
        return page[offset]

    def _load_page(self, number: int) -> list[_Shown]:
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        rows = {r.id: r for r in fetch_rows(self._db, ids)}
        # A document deleted since the ids were read still gets a row until the refresh.
        page = [self._prepare(rows.get(i) or self._missing(i)) for i in ids]
        if len(self._pages) >= MAX_PAGES:
            self._pages.pop(next(iter(self._pages)))
        self._pages[number] = page
        return page

    def _missing(self, document_id: int) -> ReportRow:
        return ReportRow(
            id=document_id,
            kind=self._query.kind,
            number="",
            issue_date=date.today(),
            client_id=0,
            client_name="",
            total_incl=Decimal(0),
            status=DocumentStatus.DRAFT,
            sent_at=None,
            sent_to="",
        )

    def _prepare(self, row: ReportRow) -> _Shown:
        texts = (
            row.number if row.number is not None else self.tr("(draft)"),
            date_text(row.issue_date),
            row.client_name,
            format_amount(row.total_incl),
            self._status_text(row),
        )
        return _Shown(row, texts)

    def _status_text(self, row: ReportRow) -> str:
        if row.status == DocumentStatus.DRAFT:
            return self.tr("Draft")
        if row.kind == DocumentKind.CREDIT_NOTE:
            return self.tr("Credit note")
        if row.kind == DocumentKind.INVOICE:
            if row.cancelled:
                return self.tr("Credited")
            if row.paid_on is not None:
                return self.tr("Paid")
            if row.due_date is not None and row.due_date < date.today():
                return self.tr("Overdue")
        # sent_at is set only when a message reached at least one of the client's own
        # addresses: a failed, uncertain, held or waiting message never makes it "E-mailed".
        if row.sent_at is not None:
            return self.tr("E-mailed")
        return self.tr("Validated")

    # --- ticks --------------------------------------------------------------------------

    def _ticked(self) -> set[int]:
        return self._ticks.setdefault(self._query.kind, set())

    def is_checked(self, document_id: int) -> bool:
        return document_id in self._ticked()

    def checked_count(self) -> int:
        return len(self._ticked())

    def checked_ids(self) -> list[int]:
        """Ticked ids: those shown in display order, then those the filter hides."""
        ticked = self._ticked()
        shown = [i for i in self._ids if i in ticked]
        if len(shown) < len(ticked):
            hidden = ticked.difference(shown)
            shown.extend(sorted(hidden))
        return shown

    def hidden_checked_count(self) -> int:
        ticked = self._ticked()
        if not ticked:
            return 0
        return len(ticked) - sum(1 for i in self._ids if i in ticked)

    def all_shown_checked(self) -> bool:
        return bool(self._ids) and self._ticked().issuperset(self._ids)

    def set_checked(self, document_ids: Iterable[int], checked: bool) -> None:
        ticked = self._ticked()
        ids = list(document_ids)
        if checked:
            changed = [i for i in ids if i not in ticked]
            ticked.update(changed)
        else:
            changed = [i for i in ids if i in ticked]
            ticked.difference_update(changed)
        if not changed:
            return
        self._check_state_changed(changed)
        self.checkedChanged.emit(len(ticked))

    def toggle_rows(self, rows: Iterable[int]) -> None:
        """Tick these rows, or untick them when they all are ticked already."""
        ids = [self._ids[r] for r in rows if 0 <= r < len(self._ids)]
        ticked = self._ticked()
        self.set_checked(ids, not all(i in ticked for i in ids))

    def tick_all_shown(self) -> bool:
        """Tick every row the filter shows, or untick them all if they are; the new state."""
        checked = not self.all_shown_checked()
        self.set_checked(self._ids, checked)
        return checked

    def clear_checked(self) -> None:
        ticked = self._ticked()
        if ticked:
            ticked.clear()
            self._check_state_changed(None)
            self.checkedChanged.emit(0)

    def _check_state_changed(self, document_ids: list[int] | None) -> None:
        roles = [Qt.ItemDataRole.CheckStateRole]
        if document_ids is not None and len(document_ids) <= MANY:
            for document_id in document_ids:
                row = self.row_of(document_id)
                if row is not None:
                    index = self.index(row, Column.NUMBER)
                    self.dataChanged.emit(index, index, roles)
        elif self._ids:
            last = self.index(len(self._ids) - 1, Column.NUMBER)
            self.dataChanged.emit(self.index(0, Column.NUMBER), last, roles)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            titles = (
                self.tr("Number"),
                self.tr("Date"),
                self.tr("Client"),
                self.tr("Total incl. VAT"),
                self.tr("Status"),
                self.tr("Sent"),
            )
            return titles[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.ENVELOPE:
            return self.tr("E-mail: point at an envelope to see when and to whom it was sent")
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column == Column.ENVELOPE else self._shown(index.row()).texts[column]
        if role == Qt.ItemDataRole.CheckStateRole:
            if column != Column.NUMBER:
                return None
            ticked = self._ids[index.row()] in self._ticked()
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return self._ids[index.row()]
        if column == Column.ENVELOPE:
            return self._envelope_data(index.row(), role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENVELOPE_ROLE:
            return str(self._shown(index.row()).row.envelope)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            shown = self._shown(index.row())
            if shown.texts[Column.STATUS] == self.tr("Overdue"):
                return QColor(176, 32, 32)  # overdue invoices stand out
        return None

    def _envelope_data(self, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            return envelope_icon(self._shown(row).row.envelope)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = self._shown(row)
            if shown.tooltip is None:
                shown.tooltip = TEXTS.tooltip(shown.row)
            return shown.tooltip
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.StatusTipRole):
            return TEXTS.state_name(self._shown(row).row.envelope)
        if role == ENVELOPE_ROLE:
            return str(self._shown(row).row.envelope)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or index.column() != Column.NUMBER
        ):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.set_checked([self._ids[index.row()]], state == Qt.CheckState.Checked)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=key, descending=descending))

    def envelope_state(self, row: int) -> EnvelopeState:
        return self._shown(row).row.envelope
