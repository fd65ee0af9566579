"""The documents of one report, instant with 100,000 of them, never reading on the GUI thread.

One SQL query gives the ids the filter shows, in display order
(``app.services.reports.document_ids``): filtering, searching and sorting are SQL's
work, and a new filter or sort order is one background query, then a model reset when
the ids arrive (a newer request makes an older answer stale: it is dropped). Reversing
the order needs no query at all.

The displayed columns are read by pages of ``PAGE`` ids when the view first asks for a
row of that page: ``data()`` never reads; it asks for the page (a background task,
``fetch_rows``) and shows a placeholder row ("Loading…") meanwhile, or the row as it
was before the last reset or refresh while its fresh copy loads. A bounded number of
pages is kept; each read is tagged with a generation so that a page read for ids that
were replaced since is dropped.

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

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor

from app.domain.formatting import format_amount
from app.domain.kinds import DocumentStatus
from app.services.database import Database
from app.services.reports import (
    EnvelopeState,
    ReportQuery,
    ReportRow,
    SentReminder,
    SortKey,
    document_ids,
    fetch_rows,
)
from ui.models.envelope import TEXTS, date_text, envelope_icon, local_datetime
from ui.models.status_view import status_colour, status_text
from ui.models.table_base import Index, RowIds, TableModel
from ui.tasks import TaskContext, run_task

PAGE = 200  # rows read at a time
MAX_PAGES = 64  # pages kept in memory (12,800 rows)
PAGES_PER_READ = 4  # pages asked for together go in one query
MANY = 64  # above this many changed rows, one dataChanged covers the whole column
PLACEHOLDER = "…"  # the number cell of a row still loading
DISPUTED_COLOUR = QColor(156, 87, 0)  # amber: on hold, not late like the red "Overdue"


class Column(IntEnum):
    NUMBER = 0  # also the checkbox
    DATE = 1
    CLIENT = 2
    TOTAL = 3
    LEFT = 4  # left to pay (invoices; empty for the other kinds)
    STATUS = 5
    REMINDER = 6  # the highest reminder level sent and its date ("1 · 05/12/2026")
    ENVELOPE = 7


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
    Qt.ItemDataRole.ForegroundRole,
    ID_ROLE,
    ENVELOPE_ROLE,
]
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(slots=True)
class _Shown:
    row: ReportRow
    # Made when the row is first painted: a page's arrival costs nothing per row on the
    # GUI thread, and only the rows on screen are ever formatted.
    texts: tuple[str, ...] | None = None  # one per column (the envelope's is "")
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class _PageRead:
    generation: int
    numbers: list[int]
    ids: list[int]


class DocumentTableModel(TableModel):
    COLUMNS = Column
    RIGHT_ALIGNED = frozenset({Column.TOTAL, Column.LEFT})

    checkedChanged = Signal(int)  # number of ticked documents of the current kind
    idsLoaded = Signal()  # the ids of a query or refresh arrived (after the reset, if any)
    rowsLoaded = Signal(int, int)  # the content of rows first..last arrived
    loadFailed = Signal(object)  # the exception of a background read

    def __init__(self, db: Database, query: ReportQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query  # the query asked for last
        self._shown_query = query  # the query of the ids shown
        self._ids: list[int] = []
        self._id_set: frozenset[int] | None = None  # _ids as a set, made when first needed
        self._rows = RowIds(lambda: self._ids)
        self._pages: dict[int, list[_Shown]] = {}
        self._stale: dict[int, _Shown] = {}  # by id: shown before the last reset or refresh
        self._generation = 0  # raised whenever loaded pages stop being valid
        self._ids_request = 0  # raised for each ids read: only the last one's answer counts
        self._ids_loading = False
        self._wanted: dict[int, None] = {}  # pages asked for, oldest first
        self._reading: set[int] = set()  # pages being read
        self._page_read_running = False
        self._rows_wanted: set[int] = set()  # documents to reread (refresh_rows)
        self._rows_read_running = False
        self._ticks: dict[str, set[int]] = {}
        self.keeps_top = False  # during a reset that a refresh made (same filter and order)
        self._read_timer = QTimer(self)  # reads start from the event loop, never from paint
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(0)
        self._read_timer.timeout.connect(self._read_wanted_pages)
        self._read_ids(query)

    # --- what is shown ------------------------------------------------------------------

    @property
    def query(self) -> ReportQuery:
        return self._query

    def set_query(self, query: ReportQuery) -> None:
        if query == self._query:
            return
        self._query = query
        if not self._ids_loading and self._is_reversal(query):
            self.beginResetModel()
            self._invalidate_pages()
            self._shown_query = query
            self._set_ids(self._ids[::-1])
            self.endResetModel()
            self.idsLoaded.emit()
        else:
            self._read_ids(query)

    def reload(self) -> None:
        """Read the ids again (in the background)."""
        self._read_ids(self._query)

    def refresh(self) -> None:
        """Read the ids and the shown rows again, in the background.

        When the same documents come back in the same order only their content is reread:
        the view keeps its current row, selection and scroll position; otherwise the model
        resets with ``keeps_top`` set, for the view to keep its top document in place.
        """
        self._read_ids(self._query)

    def is_loading(self) -> bool:
        """Whether a read of ids or rows is under way or waiting to start."""
        return (
            self._ids_loading
            or bool(self._wanted or self._reading or self._rows_wanted)
            or self._rows_read_running
        )

    def request_rows(self, first: int, last: int) -> None:
        """Read these rows' pages now if they are not loaded (what painting them does)."""
        for number in range(max(first, 0) // PAGE, min(last, len(self._ids) - 1) // PAGE + 1):
            if number not in self._pages:
                self._want(number)

    def refresh_rows(self, document_ids: Iterable[int]) -> None:
        """Reread these documents' rows in the background and show them in place."""
        self._rows_wanted.update(document_ids)
        self._read_wanted_rows()

    def apply_rows(self, fresh: Iterable[ReportRow]) -> None:
        """Show rows read elsewhere (a background task) in place; rows keep their place
        until the next full refresh."""
        for report_row in fresh:
            row = self.row_of(report_row.id)
            if row is None:
                continue
            shown = self._prepare(report_row)
            number, offset = divmod(row, PAGE)
            page = self._pages.get(number)
            if page is not None and offset < len(page):
                page[offset] = shown
            elif report_row.id in self._stale:
                self._stale[report_row.id] = shown
            self.rows_changed(row, row, CONTENT_ROLES)
            self.rowsLoaded.emit(row, row)

    def _is_reversal(self, query: ReportQuery) -> bool:
        """Same rows in the opposite order? Then the list is reversed, not reread: the
        report's SQL order is exactly reversed too (``app.services.reports._order_by``)."""
        old = self._shown_query
        return (
            query.descending != old.descending
            and replace(old, descending=query.descending) == query
        )

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._id_set = None
        self._rows.clear()

    def _shown_set(self) -> frozenset[int]:
        """The shown ids as a set, made once per list: tick counts over 100,000 rows are
        then set operations (C loops), not Python loops, on the GUI thread."""
        if self._id_set is None:
            self._id_set = frozenset(self._ids)
        return self._id_set

    def _invalidate_pages(self) -> None:
        """Loaded pages stop being valid; their rows stay on show until fresh ones arrive."""
        if self._pages:
            self._stale = {s.row.id: s for page in self._pages.values() for s in page}
        self._pages = {}
        self._generation += 1
        self._wanted.clear()
        self._reading.clear()

    def total_count(self) -> int:
        return len(self._ids)

    def shown_ids(self) -> list[int]:
        """Every document id the filter shows, in display order (do not modify)."""
        return self._ids

    def document_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, document_id: int) -> int | None:
        return self._rows.row_of(document_id)

    def row_data(self, row: int) -> ReportRow | None:
        """The row's data when loaded (or still on show from before), else None."""
        shown = self._shown(row)
        return shown.row if shown is not None else None

    def envelope_state(self, row: int) -> EnvelopeState | None:
        shown = self._shown(row)
        return shown.row.envelope if shown is not None else None

    # --- background reads ---------------------------------------------------------------

    def _read_ids(self, query: ReportQuery) -> None:
        self._ids_request += 1
        number = self._ids_request
        self._ids_loading = True
        db = self._db

        def read(_context: TaskContext[None]) -> list[int]:
            return document_ids(db, query)

        run_task(
            read,
            on_success=lambda ids: self._ids_arrived(number, query, ids),
            on_error=lambda error: self._ids_failed(number, error),
            parent=self,
        )

    def _ids_arrived(self, number: int, query: ReportQuery, ids: list[int]) -> None:
        if number != self._ids_request:
            return  # a newer query or refresh was asked for meanwhile
        self._ids_loading = False
        same_query = query == self._shown_query
        if same_query and ids == self._ids:
            self._invalidate_pages()
            self.rows_changed(0, len(ids) - 1, CONTENT_ROLES)
        else:
            kind_changed = query.kind != self._shown_query.kind
            self.keeps_top = same_query
            try:
                self.beginResetModel()
                self._invalidate_pages()
                self._shown_query = query
                self._set_ids(ids)
                self.endResetModel()
            finally:
                self.keeps_top = False
            if kind_changed:
                self.checkedChanged.emit(self.checked_count())
        self.idsLoaded.emit()

    def _ids_failed(self, number: int, error: BaseException) -> None:
        if number == self._ids_request:
            self._ids_loading = False
            self._query = self._shown_query  # what is shown is what the model answers for
            self.loadFailed.emit(error)

    def _shown(self, row: int) -> _Shown | None:
        """The row's content, or None (its page is asked for)."""
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is not None and offset < len(page):
            return page[offset]
        self._want(number)
        return self._stale.get(self._ids[row]) if 0 <= row < len(self._ids) else None

    def _want(self, number: int) -> None:
        if number in self._reading:
            return
        self._wanted.pop(number, None)
        self._wanted[number] = None  # the latest asked is read first: it is on screen
        if not self._page_read_running and not self._read_timer.isActive():
            self._read_timer.start()

    def _read_wanted_pages(self) -> None:
        if self._page_read_running or not self._wanted:
            return
        numbers = list(self._wanted)[-PAGES_PER_READ:]
        for number in numbers:
            del self._wanted[number]
        self._reading.update(numbers)
        ids = [i for n in numbers for i in self._ids[n * PAGE : (n + 1) * PAGE]]
        read = _PageRead(self._generation, numbers, ids)
        self._page_read_running = True
        db = self._db

        def fetch(_context: TaskContext[None]) -> list[ReportRow]:
            return fetch_rows(db, ids)

        run_task(
            fetch,
            on_success=lambda rows: self._pages_arrived(read, rows),
            on_error=lambda error: self._pages_failed(read, error),
            parent=self,
        )

    def _pages_arrived(self, read: _PageRead, rows: list[ReportRow]) -> None:
        self._page_read_running = False
        if read.generation == self._generation:
            found = {r.id: r for r in rows}
            for number in read.numbers:
                self._reading.discard(number)
                ids = self._ids[number * PAGE : (number + 1) * PAGE]
                # A document deleted since the ids were read gets a row until the refresh.
                page = [self._prepare(found.get(i) or self._missing(i)) for i in ids]
                if len(self._pages) >= MAX_PAGES:
                    self._pages.pop(next(iter(self._pages)))
                self._pages[number] = page
                first = number * PAGE
                self.rows_changed(first, first + len(page) - 1, CONTENT_ROLES)
                self.rowsLoaded.emit(first, first + len(page) - 1)
        self._read_wanted_pages()

    def _pages_failed(self, read: _PageRead, error: BaseException) -> None:
        self._page_read_running = False
        if read.generation == self._generation:
            self._reading.difference_update(read.numbers)  # asked again when repainted
            self.loadFailed.emit(error)
        self._read_wanted_pages()

    def _read_wanted_rows(self) -> None:
        if self._rows_read_running:
            return
        ids = [i for i in self._rows_wanted if self.row_of(i) is not None]
        self._rows_wanted.clear()
        if not ids:
            return
        self._rows_read_running = True
        db = self._db

        def fetch(_context: TaskContext[None]) -> list[ReportRow]:
            return fetch_rows(db, ids)

        run_task(fetch, on_success=self._rows_arrived, on_error=self._rows_failed, parent=self)

    def _rows_arrived(self, rows: list[ReportRow]) -> None:
        self._rows_read_running = False
        self.apply_rows(rows)
        self._read_wanted_rows()

    def _rows_failed(self, error: BaseException) -> None:
        self._rows_read_running = False
        self.loadFailed.emit(error)
        self._read_wanted_rows()

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
        return _Shown(row)

    def _texts(self, shown: _Shown) -> tuple[str, ...]:
        if shown.texts is None:
            row = shown.row
            texts = {
                Column.NUMBER: row.number if row.number is not None else self.tr("(draft)"),
                Column.DATE: date_text(row.issue_date),
                Column.CLIENT: row.client_name,
                Column.TOTAL: format_amount(row.total_incl),
                Column.LEFT: "" if row.left_to_pay is None else format_amount(row.left_to_pay),
                Column.STATUS: self._status_text(row),
                Column.REMINDER: self._reminder_text(row),
                Column.ENVELOPE: "",
            }
            shown.texts = tuple(texts[c] for c in Column)
        return shown.texts

    def _status_text(self, row: ReportRow) -> str:
        if _disputed(row):  # short: the column is narrow; the tooltip gives the status too
            return self.tr("Disputed")
        return status_text(row, self._query.today or date.today())

    def _reminder_text(self, row: ReportRow) -> str:
        if row.reminder is None:
            return ""
        return self.tr("{level} · {date}").format(
            level=row.reminder.level, date=_reminder_day(row.reminder)
        )

    def _cell_tooltip(self, shown: _Shown, column: int) -> str | None:
        row = shown.row
        if column == Column.STATUS and _disputed(row):
            return self.tr(
                "{status}, disputed: the client disputes this invoice, no reminder goes for it."
            ).format(status=status_text(row, self._query.today or date.today()))
        if column == Column.REMINDER and row.reminder is not None:
            return self.tr("Reminder level {level} sent on {date}").format(
                level=row.reminder.level, date=_reminder_day(row.reminder)
            )
        if column == Column.LEFT and row.left_to_pay is not None:
            return self.tr("Left to pay: total less payments received and credit notes")
        return None

    # --- ticks --------------------------------------------------------------------------

    def _ticked(self) -> set[int]:
        # The kind of the rows shown: while another kind's ids load, ticks stay theirs.
        return self._ticks.setdefault(str(self._shown_query.kind), set())

    def is_checked(self, document_id: int) -> bool:
        return document_id in self._ticked()

    def checked_count(self) -> int:
        return len(self._ticked())

    def checked_ids(self) -> list[int]:
        """Ticked ids: those shown in display order, then those the filter hides."""
        ticked = self._ticked()
        if not ticked:
            return []
        shown = self._ids if ticked >= self._shown_set() else [i for i in self._ids if i in ticked]
        hidden = ticked.difference(self._shown_set())
        return [*shown, *sorted(hidden)] if hidden else list(shown)

    def hidden_checked_count(self) -> int:
        ticked = self._ticked()
        return len(ticked.difference(self._shown_set())) if ticked else 0

    def all_shown_checked(self) -> bool:
        return bool(self._ids) and self._ticked() >= self._shown_set()

    def set_checked(self, document_ids: Iterable[int], checked: bool) -> None:
        ticked = self._ticked()
        ids = set(document_ids)
        changed = ids.difference(ticked) if checked else ids.intersection(ticked)
        if not changed:
            return
        if checked:
            ticked.update(changed)
        else:
            ticked.difference_update(changed)
        self._check_state_changed(list(changed) if len(changed) <= MANY else None)
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

    def row_count(self) -> int:
        return len(self._ids)

    def header_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Client"),
            self.tr("Total incl. VAT"),
            self.tr("Left to pay"),
            self.tr("Status"),
            self.tr("Reminder"),
            self.tr("Sent"),
        )

    def header_tooltip(self, section: int) -> str | None:
        if section == Column.ENVELOPE:
            return self.tr(
                "E-mail or e-invoicing platform: point at an icon to see when and how it was "
                "sent, and the invoice's status on the platform"
            )
        return None

    def cell_flags(self, row: int, column: int) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if column == Column.NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def alignment(self, column: int) -> int | None:
        return _CENTRE if column == Column.ENVELOPE else super().alignment(column)

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if column != Column.NUMBER:
                return None
            ticked = self._ids[row] in self._ticked()
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return self._ids[row]
        if role not in _CONTENT:
            return None
        shown = self._shown(row)
        if shown is None:
            return self._placeholder(column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column == Column.ENVELOPE else self._texts(shown)[column]
        if column == Column.ENVELOPE:
            return self._envelope_data(shown, role)
        if role == ENVELOPE_ROLE:
            return str(shown.row.envelope)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            if _disputed(shown.row):
                return DISPUTED_COLOUR
            return status_colour(shown.row, self._query.today or date.today())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(shown, column)
        return None

    def _placeholder(self, column: int, role: int) -> Any:
        """A row whose page is being read: "…", and "Loading…" for tooltips and readers."""
        if role == Qt.ItemDataRole.DisplayRole:
            return PLACEHOLDER if column == Column.NUMBER else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("Loading…")
        return None

    def _envelope_data(self, shown: _Shown, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            return envelope_icon(shown.row.envelope)
        if role == Qt.ItemDataRole.ToolTipRole:
            if shown.tooltip is None:
                shown.tooltip = TEXTS.tooltip(shown.row)
            return shown.tooltip
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.StatusTipRole):
            return TEXTS.accessible_name(shown.row)
        if role == ENVELOPE_ROLE:
            return str(shown.row.envelope)
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


def _reminder_day(reminder: SentReminder) -> str:
    day = local_datetime(reminder.sent_at).date()  # the user's day, not UTC's
    return date_text(date(day.year(), day.month(), day.day()))


def _disputed(row: ReportRow) -> bool:
    """Disputed and still owed: once paid or credited, the dispute no longer shows."""
    return row.disputed and row.paid_on is None and not row.cancelled


# The roles a row's content answers (others never ask for its page).
_CONTENT = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ENVELOPE_ROLE,
    }
)
