"""The reminders report's rows: each overdue invoice, where its reminders stand, a tick.

Only an invoice whose next level is due now can be ticked (the others would send
nothing). Rows due now come first, then the others, oldest due date first. The ticks are
kept by invoice across a reread, as long as the invoice is still due now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.domain.formatting import format_amount
from ui.models.envelope import date_text, local_datetime
from ui.models.table_base import RowIds, TableModel

if TYPE_CHECKING:
    from app.services.reminders import OverdueInvoice

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CHECK = 0
    NUMBER = 1
    CLIENT = 2
    DUE_DATE = 3
    DAYS_LATE = 4
    LEFT = 5
    LEVEL = 6
    LAST = 7
    NEXT = 8
    STATE = 9


class ReminderFilter:
    DUE = "due"  # only the invoices whose next reminder is due now
    ALL = "all"  # every overdue invoice


class ReminderTableModel(TableModel):
    COLUMNS = Column
    RIGHT_ALIGNED = frozenset({Column.DAYS_LATE, Column.LEFT})
    checkedChanged = Signal(int)  # number of ticked invoices

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[OverdueInvoice] = []
        self._rows: list[OverdueInvoice] = []
        self._checked: set[int] = set()
        self._filter = ReminderFilter.DUE
        self._ids: RowIds[int] = RowIds(lambda: [r.document_id for r in self._rows])
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ------------------------------------------------------------------------

    def set_invoices(self, invoices: Sequence[OverdueInvoice]) -> None:
        """Show these invoices (as read); ticks stay on the invoices still due now."""
        due = {i.document_id for i in invoices if i.due_now}
        before = len(self._checked)
        self._checked &= due
        # Due now first; within each part the services' order (oldest due date first).
        self._all = sorted(invoices, key=lambda i: not i.due_now)
        self._show()
        if len(self._checked) != before:
            self.checkedChanged.emit(len(self._checked))

    def set_filter(self, value: str) -> None:
        if value != self._filter:
            self._filter = value
            self._show()

    def _show(self) -> None:
        self.beginResetModel()
        due_only = self._filter == ReminderFilter.DUE
        self._rows = [i for i in self._all if i.due_now or not due_only]
        self._ids.clear()
        self.endResetModel()

    def invoice(self, row: int) -> OverdueInvoice:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        return self._ids.row_of(document_id)

    def total_count(self) -> int:
        return len(self._all)

    def due_count(self) -> int:
        return sum(1 for i in self._all if i.due_now)

    # --- ticks --------------------------------------------------------------------------

    def checked_ids(self) -> list[int]:
        """The ticked invoices, in the order shown."""
        return [i.document_id for i in self._all if i.document_id in self._checked]

    def checked_count(self) -> int:
        return len(self._checked)

    def set_checked(self, document_ids: Iterable[int], checked: bool) -> None:
        due = {i.document_id for i in self._all if i.due_now}
        wanted = set(document_ids) & due
        changed = wanted - self._checked if checked else wanted & self._checked
        if not changed:
            return
        if checked:
            self._checked |= changed
        else:
            self._checked -= changed
        rows = [r for r in map(self.row_of, changed) if r is not None]
        if rows:
            self.rows_changed(min(rows), max(rows), [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit(len(self._checked))

    def toggle_rows(self, rows: Iterable[int]) -> None:
        """Tick the rows (those that can be), or untick them when all are ticked."""
        ids = [self._rows[r].document_id for r in rows if self._rows[r].due_now]
        if ids:
            self.set_checked(ids, not all(i in self._checked for i in ids))

    def all_due_checked(self) -> bool:
        due = [i.document_id for i in self._all if i.due_now]
        return bool(due) and all(i in self._checked for i in due)

    def tick_all_due(self) -> None:
        """Tick every invoice due now; when they all are, untick them."""
        due = [i.document_id for i in self._all if i.due_now]
        self.set_checked(due, not self.all_due_checked())

    # --- Qt -----------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def header_titles(self) -> tuple[str, ...]:
        return (
            "",
            self.tr("Number"),
            self.tr("Client"),
            self.tr("Due date"),
            self.tr("Days late"),
            self.tr("Left to pay"),
            self.tr("Level reached"),
            self.tr("Last reminder"),
            self.tr("Next level"),
            self.tr("State"),
        )

    def header_tooltip(self, section: int) -> str | None:
        if section == Column.CHECK:
            return self.tr("Tick the invoices to remind (only those due now)")
        return None

    def cell_flags(self, row: int, column: int) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if column == Column.CHECK and self._rows[row].due_now:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def cell_data(self, row: int, column: int, role: int) -> Any:
        invoice = self._rows[row]
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.CHECK:
            if not invoice.due_now:
                return None
            ticked = invoice.document_id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(invoice, column)
        if role == Qt.ItemDataRole.FontRole and column == Column.STATE and invoice.due_now:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.CLIENT:
            return invoice.client_name
        return None

    def _text(self, invoice: OverdueInvoice, column: int) -> str | None:
        if column == Column.NUMBER:
            return invoice.number
        if column == Column.CLIENT:
            return " ".join(invoice.client_name.split())
        if column == Column.DUE_DATE:
            return date_text(invoice.due_date)
        if column == Column.DAYS_LATE:
            return str(invoice.days_late)
        if column == Column.LEFT:
            return format_amount(invoice.left)
        if column == Column.LEVEL:
            return self._reached(invoice)
        if column == Column.LAST:
            last = invoice.last_reminder_at
            if last is None:
                return "—"
            day = local_datetime(last).date()  # the day it was sent, on this computer
            return QLocale().toString(day, QLocale.FormatType.ShortFormat)
        if column == Column.NEXT:
            return self._next(invoice)
        if column == Column.STATE:
            return self._state(invoice)
        return None

    def _reached(self, invoice: OverdueInvoice) -> str:
        if invoice.level_reached == 0:
            return "—"
        return invoice.level_reached_name or self.tr("Level {number}").format(
            number=invoice.level_reached
        )

    def _next(self, invoice: OverdueInvoice) -> str:
        if invoice.pending:
            return self.tr("waiting in the outbox")
        if invoice.uncertain:
            return self.tr("uncertain")
        level, day = invoice.next_level, invoice.next_due_on
        if level is None or day is None:
            return "—"
        return self.tr("{level} on {date}").format(level=level.name, date=date_text(day))

    def _state(self, invoice: OverdueInvoice) -> str:
        if invoice.due_now:
            return self.tr("Due now")
        if invoice.pending:
            return self.tr("Waiting")
        if invoice.uncertain:
            return self.tr("Uncertain")
        if invoice.next_level is None:
            return self.tr("Every level sent")
        return self.tr("Not yet")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.CHECK
            or role != Qt.ItemDataRole.CheckStateRole
            or index.row() >= len(self._rows)
        ):
            return False
        invoice = self._rows[index.row()]
        if not invoice.due_now:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_checked([invoice.document_id], checked)
        return True
