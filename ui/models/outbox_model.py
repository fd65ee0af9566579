"""The outbox's table: one row per message waiting, failed or of uncertain outcome.

``set_items`` merges a fresh list into the rows (removes, inserts, ``dataChanged`` with the
roles that changed), so the view's selection and current row survive a reload. The proxy
filters by state (all / waiting / problems) and sorts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from app.domain.outbox import PENDING_STATES, PROBLEM_STATES, OutboxState
from app.services.outbox import OutboxItem
from ui.models.envelope import addresses_text, datetime_text, icon, local_datetime
from ui.smtp_replies import reply_code, reply_sentence

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole  # the outbox message's id, on every cell
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # OutboxState value
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_TIP = 400  # characters of a server reply in a tooltip

_ICONS = {
    OutboxState.QUEUED: "envelope-waiting",
    OutboxState.RETRY_WAIT: "envelope-waiting",
    OutboxState.SENDING: "envelope-waiting",
    OutboxState.SENT: "envelope-sent",
    OutboxState.FAILED: "envelope-failed",
    OutboxState.UNKNOWN: "envelope-uncertain",
}
_STATE_ORDER = {  # problems first when sorted by state
    OutboxState.FAILED: 0,
    OutboxState.UNKNOWN: 1,
    OutboxState.RETRY_WAIT: 2,
    OutboxState.QUEUED: 3,
    OutboxState.SENDING: 4,
    OutboxState.SENT: 5,
}
_COLORS = {OutboxState.FAILED: QColor("#b3261e"), OutboxState.UNKNOWN: QColor("#a35a00")}
_INTERRUPTED = "interrupted"  # how the engine's last_error starts after a crash mid-send
_ALL_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    STATE_ROLE,
    SORT_ROLE,
]


class OutboxFilter(StrEnum):
    ALL = "all"
    WAITING = "waiting"  # queued, waiting for a retry, being sent
    PROBLEMS = "problems"  # failed or uncertain: the user has to decide


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TIP else text[: MAX_TIP - 1] + "…"


def _time_text(value: datetime) -> str:
    local = local_datetime(value)
    locale = QLocale()
    time = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if local.date() == QDateTime.currentDateTime().date():
        return time
    return locale.toString(local.date(), QLocale.FormatType.ShortFormat) + " " + time


class OutboxTableModel(QAbstractTableModel):
    STATE, DOCUMENT, CLIENT, RECIPIENTS, ATTEMPTS, ERROR, PREPARED = range(7)
    COLUMNS = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxItem] = []  # always in id order

    # --- content ------------------------------------------------------------------------

    def set_items(self, items: Sequence[OutboxItem]) -> None:
        """Make the rows equal to ``items``, touching only what changed."""
        new = sorted(items, key=lambda item: item.id)
        wanted = {item.id for item in new}
        self._remove_where(lambda item: item.id not in wanted)
        position = 0
        pending: list[OutboxItem] = []  # consecutive new rows, inserted in one go
        for item in new:
            if position < len(self._rows) and self._rows[position].id == item.id:
                position = self._insert(position, pending)
                pending = []
                if self._rows[position] != item:
                    self._rows[position] = item
                    self._changed(position)
                position += 1
            else:
                pending.append(item)
        self._insert(position, pending)

    def apply_progress(self, outbox_id: int, state: OutboxState) -> None:
        """A drain reported this message's outcome: sent rows leave, others change state."""
        row = self.row_of(outbox_id)
        if row < 0:
            return
        if state == OutboxState.SENT:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            return
        item = self._rows[row]
        self._rows[row] = replace(item, state=state, attempts=item.attempts + 1)
        self._changed(row)

    def _remove_where(self, condition: Callable[[OutboxItem], bool]) -> None:
        row = len(self._rows) - 1
        while row >= 0:
            if condition(self._rows[row]):
                last = row
                while row > 0 and condition(self._rows[row - 1]):
                    row -= 1
                self.beginRemoveRows(QModelIndex(), row, last)
                del self._rows[row : last + 1]
                self.endRemoveRows()
            row -= 1

    def _insert(self, position: int, items: list[OutboxItem]) -> int:
        if items:
            self.beginInsertRows(QModelIndex(), position, position + len(items) - 1)
            self._rows[position:position] = items
            self.endInsertRows()
        return position + len(items)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1), _ALL_ROLES)

    def item_at(self, row: int) -> OutboxItem:
        return self._rows[row]

    def items(self) -> list[OutboxItem]:
        return list(self._rows)

    def row_of(self, outbox_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == outbox_id:
                return row
        return -1

    def count_in(self, states: frozenset[OutboxState]) -> int:
        return sum(1 for item in self._rows if item.state in states)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("State"),
                self.tr("Document"),
                self.tr("Client"),
                self.tr("Recipients"),
                self.tr("Attempts"),
                self.tr("Last error"),
                self.tr("Prepared on"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.ATTEMPTS:
            return self.tr("How many times sending was tried")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == ID_ROLE:
            return item.id
        if role == STATE_ROLE:
            return str(item.state)
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return self.state_icon(item.state)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.STATE, self.ERROR):
            return _COLORS.get(item.state)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def state_icon(state: OutboxState) -> QIcon:
        return icon(_ICONS[state])

    # --- texts --------------------------------------------------------------------------

    def display(self, item: OutboxItem, column: int) -> str:
        if column == self.STATE:
            return self.state_text(item)
        if column == self.DOCUMENT:
            return item.number
        if column == self.CLIENT:
            return item.client_name
        if column == self.RECIPIENTS:
            return addresses_text(item.to)
        if column == self.ATTEMPTS:
            return str(item.attempts)
        if column == self.ERROR:
            return self.error_text(item)
        return datetime_text(item.created_at)

    def state_text(self, item: OutboxItem) -> str:
        state = item.state
        if state == OutboxState.RETRY_WAIT:
            if item.next_attempt_at is None:
                return self.tr("Waiting to retry")
            return self.tr("Retry at {time}").format(time=_time_text(item.next_attempt_at))
        names = {
            OutboxState.QUEUED: self.tr("Waiting"),
            OutboxState.SENDING: self.tr("Being sent"),
            OutboxState.SENT: self.tr("E-mailed"),
            OutboxState.FAILED: self.tr("Failed"),
            OutboxState.UNKNOWN: self.tr("Uncertain"),
        }
        return names[state]

    def error_text(self, item: OutboxItem) -> str:
        """The last problem in plain words ("" when there was none)."""
        if item.state == OutboxState.UNKNOWN:
            if item.last_error.startswith(_INTERRUPTED):
                return self.tr(
                    "Facturier stopped while the message was being sent: it may have been "
                    "delivered."
                )
            return self.tr(
                "The connection was lost after the message was handed over: it may have "
                "been delivered."
            )
        reply = item.last_error
        if not reply:
            return ""
        recipients = ", ".join(
            part for part in (addresses_text(item.to), addresses_text(item.cc)) if part
        )
        sentence = reply_sentence(reply, recipients)
        if item.state == OutboxState.QUEUED:  # resent: what went wrong last time
            return self.tr("Previous attempt: {reason}").format(reason=sentence)
        return sentence

    def tooltip(self, item: OutboxItem, column: int) -> str:
        if column == self.STATE:
            return "\n".join(self.state_lines(item))
        if column in (self.RECIPIENTS, self.DOCUMENT, self.CLIENT):
            return "\n".join(self.message_lines(item))
        if column == self.ERROR:
            lines = [self.error_text(item)] if self.error_text(item) else []
            reply = item.last_reply or item.last_error
            if reply and not reply.startswith(_INTERRUPTED):
                lines.append(self.tr("Server reply: {reply}").format(reply=_short(reply)))
            return "\n".join(lines)
        if column == self.ATTEMPTS:
            return self.tr("Tried %n time(s)", "", item.attempts)
        return self.tr("Prepared on {date}").format(date=datetime_text(item.created_at))

    def state_lines(self, item: OutboxItem) -> list[str]:
        state = item.state
        if state == OutboxState.QUEUED:
            return [
                self.tr("Waiting in the outbox since {date}.").format(
                    date=datetime_text(item.created_at)
                ),
                self.tr("It leaves with the next sending (“Send now” or the automatic retry)."),
            ]
        if state == OutboxState.RETRY_WAIT:
            lines = [self.tr("The mail server asked to try again later.")]
            if item.next_attempt_at is not None:
                lines.append(
                    self.tr("Next attempt from {date}.").format(
                        date=datetime_text(item.next_attempt_at)
                    )
                )
            return lines
        if state == OutboxState.SENDING:
            return [self.tr("Being sent now, by this window or another workstation.")]
        if state == OutboxState.FAILED:
            return [
                self.tr("The mail server refused this message: it will not be retried."),
                self.tr("Fix the cause (the address, for example), then choose “Resend”."),
            ]
        if state == OutboxState.UNKNOWN:
            return [
                self.tr(
                    "The connection was lost after the message was handed over to the mail "
                    "server: nobody knows whether it was delivered."
                ),
                self.tr(
                    "Check with the client before choosing “Resend”: they may receive it twice."
                ),
            ]
        return [self.tr("E-mailed")]

    def message_lines(self, item: OutboxItem) -> list[str]:
        lines = [self.tr("To: {addresses}").format(addresses=addresses_text(item.to))]
        if item.cc:
            lines.append(self.tr("Cc: {addresses}").format(addresses=addresses_text(item.cc)))
        if item.bcc:
            lines.append(self.tr("Bcc: {addresses}").format(addresses=addresses_text(item.bcc)))
        lines.append(self.tr("Subject: {subject}").format(subject=item.subject))
        lines.append(self.tr("Message-ID: {id}").format(id=item.message_id))
        return lines

    def details_html(self, item: OutboxItem) -> str:
        """Everything about one message, for the pane under the table."""
        head = f"<b>{escape(item.number)} · {escape(item.client_name)}</b>"
        lines = [f"{head} — {escape(self.state_text(item))}"]
        error = self.error_text(item)
        if error and item.state != OutboxState.UNKNOWN:  # its state lines say it all
            lines.append(f"<b>{escape(error)}</b>")
        lines += [escape(line) for line in self.state_lines(item)]
        lines.append(escape("  ·  ".join(self.message_lines(item)[:-1])))  # not the Message-ID
        return "<br>".join(lines)

    def _sort_key(self, item: OutboxItem, column: int) -> Any:
        if column == self.STATE:
            return f"{_STATE_ORDER[item.state]} {item.id:012d}"
        if column == self.ATTEMPTS:
            return item.attempts
        if column == self.PREPARED:
            return item.id  # prepared in id order
        if column == self.ERROR:
            code = reply_code(item.last_error) or 0
            return f"{code:03d} {self.error_text(item).casefold()}"
        return self.display(item, column).casefold()


class OutboxFilterProxy(QSortFilterProxyModel):
    """All messages, those waiting, or the problems (failed or uncertain)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = OutboxFilter.ALL
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def state_filter(self) -> OutboxFilter:
        return self._filter

    def set_state_filter(self, value: OutboxFilter) -> None:
        if value == self._filter:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._filter = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._filter = value
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._filter == OutboxFilter.ALL:
            return True
        model = self.sourceModel()
        state = OutboxState(model.data(model.index(source_row, 0, source_parent), STATE_ROLE))
        wanted = PENDING_STATES if self._filter == OutboxFilter.WAITING else PROBLEM_STATES
        return state in wanted
