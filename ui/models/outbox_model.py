"""The outbox's table: one row per message waiting, on hold, failed or of uncertain
outcome (and, for this session, the messages delivered with a client address refused).

``set_items`` merges a fresh list into the rows (removes, inserts, ``dataChanged`` with the
roles that changed), so the view's selection and current row survive a reload. The proxy
filters by state (all / waiting or on hold / problems) and sorts.

The server's own words are foreign text: cells show the explained reply
(``ui.smtp_replies``), the words themselves only in tooltips and the details, through
``server_words`` and as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    HoldReason,
    OutboxState,
    accountant_copies,
)
from app.services.outbox_queue import OutboxItem, split_addresses
from app.services.reminder_withdrawal import WITHDRAWN_DISPUTED
from ui.models.envelope import (
    TEXTS,
    addresses_text,
    date_and_time,
    datetime_text,
    icon,
    local_datetime,
    plain_tooltip,
    server_said,
)
from ui.models.table_base import Index, TableModel
from ui.smtp_replies import refusal_text, reply_code, reply_sentence, server_words

ID_ROLE = Qt.ItemDataRole.UserRole  # the outbox message's id, on every cell
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # OutboxState value
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 3  # True: needs the user's decision

# What the user can send from the outbox ("Reprendre l'envoi", "Send now").
SENDABLE_STATES = frozenset({OutboxState.HELD, OutboxState.QUEUED, OutboxState.RETRY_WAIT})
_ICONS = {
    OutboxState.HELD: "envelope-held",
    OutboxState.QUEUED: "envelope-waiting",
    OutboxState.RETRY_WAIT: "envelope-waiting",
    OutboxState.SENDING: "envelope-waiting",
    OutboxState.SENT: "envelope-sent",
    OutboxState.FAILED: "envelope-failed",
    OutboxState.UNKNOWN: "envelope-uncertain",
    OutboxState.CANCELLED: "envelope-held",
}
_STATE_ORDER = {  # problems first when sorted by state
    OutboxState.FAILED: 0,
    OutboxState.UNKNOWN: 1,
    OutboxState.SENT: 2,  # only shown with a refused address
    OutboxState.HELD: 3,
    OutboxState.RETRY_WAIT: 4,
    OutboxState.QUEUED: 5,
    OutboxState.SENDING: 6,
    OutboxState.CANCELLED: 7,
}
_RED, _AMBER, _BLUE = QColor("#b3261e"), QColor("#a35a00"), QColor("#1d4f91")
_INTERRUPTED = "interrupted"  # how the engine's last_error starts after a crash mid-send
_NO_SERVER = "smtp."  # the engine's "smtp.unreachable: …" when the server was not reached
_ALL_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    STATE_ROLE,
    SORT_ROLE,
    ATTENTION_ROLE,
]


class OutboxFilter(StrEnum):
    ALL = "all"
    WAITING = "waiting"  # on hold, queued, waiting for a retry, being sent
    PROBLEMS = "problems"  # failed, uncertain or an address refused: the user decides


def is_held(item: OutboxItem) -> bool:
    """Waits for the user: held, or its client's addresses changed since preparation
    (the sending would hold it rather than send it)."""
    return item.state == OutboxState.HELD or item.address_changed


def address_choice(item: OutboxItem) -> bool:
    """Its client's addresses changed since preparation: "Prepare again" or "Send as is"."""
    return item.state in SENDABLE_STATES and (
        item.address_changed or item.hold_reason == HoldReason.ADDRESS_CHANGED
    )


def has_refusals(item: OutboxItem) -> bool:
    return item.state == OutboxState.SENT and bool(item.client_refusals)


def is_problem(item: OutboxItem) -> bool:
    return item.state in PROBLEM_STATES or has_refusals(item)


def time_text(value: datetime) -> str:
    """A stored (naive UTC) time as the user reads it: "14:05" today, else with the date.
    The status bar and the outbox rows show the next attempt with it, alike."""
    local = local_datetime(value)
    locale = QLocale()
    time = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if local.date() == QDateTime.currentDateTime().date():
        return time
    return locale.toString(local.date(), QLocale.FormatType.ShortFormat) + " " + time


class OutboxColumn(IntEnum):
    STATE = 0
    DOCUMENT = 1
    CLIENT = 2
    RECIPIENTS = 3
    ATTEMPTS = 4
    ERROR = 5
    PREPARED = 6


class OutboxTableModel(TableModel):
    COLUMNS = OutboxColumn
    RIGHT_ALIGNED = frozenset({OutboxColumn.ATTEMPTS})
    STATE, DOCUMENT, CLIENT, RECIPIENTS, ATTEMPTS, ERROR, PREPARED = OutboxColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxItem] = []  # always in id order
        # How the window retries: automatic retries on or off, and the earliest time the
        # next one can happen (the retry timer waits after an unreachable server).
        self._auto_retry = True
        self._not_before: datetime | None = None

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

    def update_items(self, changed: Collection[int], items: Sequence[OutboxItem]) -> None:
        """The messages ``changed`` were reread: ``items`` are those still listed, the
        others leave."""
        kept = [item for item in self._rows if item.id not in changed]
        self.set_items(kept + list(items))

    def set_retry_schedule(self, auto_retry: bool, not_before: datetime | None) -> None:
        """The window's retry timer: the waiting retries' rows show when they really go."""
        if (auto_retry, not_before) == (self._auto_retry, self._not_before):
            return
        self._auto_retry, self._not_before = auto_retry, not_before
        for row, item in enumerate(self._rows):
            if item.state == OutboxState.RETRY_WAIT:
                self._changed(row)

    def apply_progress(self, outbox_id: int, state: OutboxState) -> None:
        """A drain reported this message's outcome: sent rows leave, others change state
        (the reload at the end of the drain brings the details)."""
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
        self.rows_changed(row, row, _ALL_ROLES)

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

    def count_where(self, condition: Callable[[OutboxItem], bool]) -> int:
        return sum(1 for item in self._rows if condition(item))

    # --- Qt model -----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def header_titles(self) -> tuple[str, ...]:
        return (
            self.tr("State"),
            self.tr("Document"),
            self.tr("Client"),
            self.tr("Recipients"),
            self.tr("Attempts"),
            self.tr("Last error"),
            self.tr("Prepared on"),
        )

    def header_tooltip(self, section: int) -> str | None:
        if section == self.ATTEMPTS:
            return self.tr("How many times sending was tried")
        return None

    def cell_data(self, row: int, column: int, role: int) -> Any:
        item = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == ID_ROLE:
            return item.id
        if role == STATE_ROLE:
            return str(item.state)
        if role == ATTENTION_ROLE:
            return is_held(item) or is_problem(item)
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return self.item_icon(item)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.STATE, self.ERROR):
            return self._color(item)
        return None

    @staticmethod
    def state_icon(state: OutboxState) -> QIcon:
        return icon(_ICONS[state])

    def item_icon(self, item: OutboxItem) -> QIcon:
        if has_refusals(item):
            return icon("envelope-refusals")
        if is_held(item):
            return icon("envelope-held")
        return self.state_icon(item.state)

    @staticmethod
    def _color(item: OutboxItem) -> QColor | None:
        if item.state == OutboxState.FAILED:
            return _RED
        if item.state == OutboxState.UNKNOWN or has_refusals(item):
            return _AMBER
        if item.state == OutboxState.SENT and item.copy_state == "failed":
            return _AMBER
        if is_held(item):
            return _BLUE
        return None

    # --- texts --------------------------------------------------------------------------

    def display(self, item: OutboxItem, column: int) -> str:
        if column == self.STATE:
            return self.state_text(item)
        if column == self.DOCUMENT:
            return self.document_text(item)
        if column == self.CLIENT:
            return item.client_name
        if column == self.RECIPIENTS:
            return addresses_text(item.to)
        if column == self.ATTEMPTS:
            return str(item.attempts)
        if column == self.ERROR:
            return self.error_text(item)
        return datetime_text(item.created_at)

    def hold_reason_text(self, item: OutboxItem) -> str:
        """Why a message waits for the user, in a few words ("" when not known)."""
        if address_choice(item):
            return self.tr("address changed since preparation")
        reasons = {
            HoldReason.STOPPED: self.tr("sending stopped by you"),
            HoldReason.LATER: self.tr("prepared for later"),
            HoldReason.SETTINGS: self.tr("settings refused by the server"),
            HoldReason.DAILY_LIMIT: self.tr("your provider's daily limit"),
        }
        return reasons.get(item.hold_reason, "") if item.hold_reason else ""

    def next_try(self, item: OutboxItem) -> datetime | None:
        """When the window will really retry this message (None: not known)."""
        when = item.next_attempt_at
        if when is None or self._not_before is None:
            return when or self._not_before
        return max(when, self._not_before)

    def state_text(self, item: OutboxItem) -> str:
        state = item.state
        for_day = state == OutboxState.HELD and item.hold_reason == HoldReason.DAILY_LIMIT
        if for_day and item.next_attempt_at is not None:  # the provider's day holds it
            return self.tr("Daily limit: leaves at {time}").format(
                time=time_text(item.next_attempt_at)
            )
        if is_held(item):
            reason = self.hold_reason_text(item)
            if not reason:
                return self.tr("On hold")
            return self.tr("On hold ({reason})").format(reason=reason)
        if state == OutboxState.RETRY_WAIT:
            if not self._auto_retry:
                return self.tr("Waiting: automatic retries off")
            when = self.next_try(item)
            if when is None:
                return self.tr("Waiting to retry")
            return self.tr("Retry at {time}").format(time=time_text(when))
        if has_refusals(item):
            refused = len(item.client_refusals)
            if refused == 1:
                return self.tr("Sent, an address refused")
            return self.tr("Sent, {count} addresses refused").format(count=refused)
        names = {
            OutboxState.QUEUED: self.tr("Waiting"),
            OutboxState.SENDING: self.tr("Being sent"),
            OutboxState.SENT: self.tr("E-mailed"),
            OutboxState.FAILED: self.tr("Failed"),
            OutboxState.UNKNOWN: self.tr("Uncertain"),
            OutboxState.CANCELLED: self.tr("Cancelled"),
        }
        return names[state]

    def document_text(self, item: OutboxItem) -> str:
        """The document's number; for a payment reminder, its level and every invoice."""
        if item.reminder_level:
            return self.tr("Reminder {level}: {numbers}").format(
                level=item.reminder_level, numbers=item.number
            )
        return item.number

    def error_text(self, item: OutboxItem) -> str:
        """The last problem in plain words ("" when there was none)."""
        if item.state == OutboxState.CANCELLED:
            if item.last_error == WITHDRAWN_DISPUTED:
                return self.tr("Withdrawn before it left: the invoice is disputed.")
            return self.tr("Withdrawn before it left: the invoice was paid.")
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
        if item.address_changed:
            return self.tr(
                "Prepared for {addresses}; the client's addresses changed since."
            ).format(addresses=", ".join(item.client_addresses) or addresses_text(item.to))
        refused = item.client_refusals
        if refused and item.state in (OutboxState.SENT, OutboxState.FAILED):
            return "; ".join([*(refusal_text(r) for r in refused), *self.copy_parts(item)])
        if item.state == OutboxState.HELD and item.hold_reason == HoldReason.SETTINGS:
            return self.tr(
                "The mail server refused the mail settings: check them, then resume sending."
            )
        reply = item.last_error
        if not reply or item.state == OutboxState.SENT:
            return "; ".join(self.copy_parts(item))
        if reply.startswith(_NO_SERVER):
            sentence = self.tr("The mail server could not be reached.")
        elif item.state == OutboxState.FAILED:  # refused before recipients were recorded
            recipients = ", ".join(
                part for part in (addresses_text(item.to), addresses_text(item.cc)) if part
            )
            sentence = reply_sentence(reply, recipients)
        else:
            sentence = reply_sentence(reply)
        if item.state in (OutboxState.QUEUED, OutboxState.HELD):  # what went wrong last time
            return self.tr("Previous attempt: {reason}").format(reason=sentence)
        return sentence

    def copy_parts(self, item: OutboxItem) -> list[str]:
        """A sent message's copy in the Sent folder, when it waits or failed."""
        if item.state != OutboxState.SENT:
            return []
        if item.copy_state == "pending":
            if not item.copy_error:
                return [self.tr("Copy in Sent: pending")]
            return [
                self.tr("Copy in Sent: pending (last attempt: {reason})").format(
                    reason=self.copy_reason(item.copy_error)
                )
            ]
        if item.copy_state == "failed":
            return [
                self.tr("Copy in Sent failed: {reason}").format(
                    reason=self.copy_reason(item.copy_error)
                )
            ]
        return []

    def copy_reason(self, code: str) -> str:
        """Why a copy in the Sent folder failed (``copy_error``: "code/reason")."""
        reasons = {
            "imap.auth": self.tr("the IMAP server refuses the user name or password"),
            "imap.auth/oauth_token": self.tr("sign in to the mail account again"),
            "imap.tls": self.tr("the secure connection to the IMAP server failed"),
            "imap.unreachable": self.tr("the IMAP server cannot be reached"),
            "imap.password_missing": self.tr("no password for the IMAP account"),
            "imap.no_sent_folder": self.tr("no Sent folder found"),
            "imap.no_sent_folder/configured": self.tr(
                "the folder named in the settings does not exist"
            ),
            "imap.append_refused": self.tr("the server refused to store it (mailbox full?)"),
        }
        key = code
        while key and key not in reasons:
            key = key.rpartition("/")[0] if "/" in key else key.rpartition(".")[0]
        return reasons.get(key, self.tr("unexpected error"))

    def server_reply(self, item: OutboxItem) -> str:
        """The server's own words for this message ("" when it said nothing useful)."""
        if item.state == OutboxState.UNKNOWN and item.last_error.startswith(_INTERRUPTED):
            return ""
        reply = item.last_reply or item.last_error
        if reply.startswith(_NO_SERVER) or not server_said(reply):
            return ""
        return server_words(reply)

    def refusal_lines(self, item: OutboxItem) -> list[str]:
        """Each refused client address with its reason, and each server's words."""
        refused = item.client_refusals
        if not refused:
            return []
        lines = TEXTS.refused_lines(refused)
        for recipient in refused:
            reply = recipient.reply
            if recipient.code is not None and not reply.lstrip().startswith(str(recipient.code)):
                reply = f"{recipient.code} {reply}"
            if server_said(reply):
                lines.append(
                    self.tr("Server reply for {address}: {reply}").format(
                        address=recipient.address, reply=server_words(reply)
                    )
                )
        return lines

    def tooltip(self, item: OutboxItem, column: int) -> str:
        if column == self.STATE:
            return plain_tooltip(self.state_lines(item))
        if column in (self.RECIPIENTS, self.DOCUMENT, self.CLIENT):
            return plain_tooltip(self.message_lines(item))
        if column == self.ERROR:
            # Our own sentence first: Qt reads the first line to choose plain or rich text.
            lines = [self.error_text(item) or self.state_lines(item)[0]]
            lines += self.refusal_lines(item)
            words = self.server_reply(item)
            if words and not item.client_refusals:
                lines.append(self.tr("Server reply: {reply}").format(reply=words))
            return plain_tooltip(lines)
        if column == self.ATTEMPTS:
            return self.tr("Tried %n time(s)", "", item.attempts)
        day, time = date_and_time(item.created_at)
        return self.tr("Prepared on {date} at {time}").format(date=day, time=time)

    def state_lines(self, item: OutboxItem) -> list[str]:
        state = item.state
        if item.address_changed:
            return [
                self.tr("The client's e-mail addresses changed since this message was prepared."),
                self.tr(
                    "It is not sent as it is: choose “Prepare again” to send it to the new "
                    "addresses, or “Send as is” to send it to the old ones."
                ),
            ]
        if state == OutboxState.HELD:
            day, time = date_and_time(item.updated_at or item.created_at)
            return [
                self.tr("On hold since {date} at {time}.").format(date=day, time=time),
                *TEXTS.hold_lines(item.hold_reason, item.next_attempt_at),
            ]
        if state == OutboxState.QUEUED:
            day, time = date_and_time(item.created_at)
            return [
                self.tr("Waiting in the outbox since {date} at {time}.").format(
                    date=day, time=time
                ),
                self.tr("It leaves with the sending that queued it, or when you resume sending."),
            ]
        if state == OutboxState.RETRY_WAIT:
            if item.last_error.startswith(_NO_SERVER):
                lines = [self.tr("The mail server could not be reached.")]
            else:
                lines = [self.tr("The mail server asked to try again later.")]
            when = self.next_try(item)
            if not self._auto_retry:
                lines.append(
                    self.tr(
                        "Automatic retries are off (settings): it leaves when you resume sending."
                    )
                )
            elif when is not None:
                lines.append(self.tr("Next attempt at {time}.").format(time=time_text(when)))
            return lines
        if state == OutboxState.SENDING:
            return [self.tr("Being sent now, by this window or another workstation.")]
        if state == OutboxState.FAILED:
            if item.client_refusals:
                return [
                    self.tr("The mail server refused every address of the client."),
                    self.tr("Nothing was delivered to the client."),
                    self.tr("Fix the addresses in the client's record, then choose “Resend”."),
                ]
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
        if has_refusals(item):
            delivered = [r.address for r in item.recipients if r.client and r.accepted]
            return [
                self.tr("Delivered to: {addresses}").format(addresses=", ".join(delivered)),
                self.tr("Check the refused addresses in the client's record."),
            ]
        return [self.tr("E-mailed")]

    def message_lines(self, item: OutboxItem) -> list[str]:
        lines = [self.tr("To: {addresses}").format(addresses=addresses_text(item.to))]
        if item.cc:
            lines.append(self.tr("Cc: {addresses}").format(addresses=addresses_text(item.cc)))
        accountant = accountant_copies(item.recipients)
        copies = {r.address.lower() for r in accountant}
        bcc = [a for a in split_addresses(item.bcc) if a.lower() not in copies]
        if bcc:
            lines.append(self.tr("Bcc: {addresses}").format(addresses=", ".join(bcc)))
        for copy in accountant:  # a hidden copy, never the client's: said apart
            if copy.refused:
                lines.append(
                    self.tr("Accountant's copy refused: {refusal}").format(
                        refusal=refusal_text(copy)
                    )
                )
            else:
                lines.append(self.tr("Accountant's copy: {address}").format(address=copy.address))
        lines.append(self.tr("Subject: {subject}").format(subject=item.subject))
        lines.append(self.tr("Message-ID: {id}").format(id=item.message_id))
        return lines

    def details_text(self, item: OutboxItem) -> str:
        """Everything about one message, as plain text, for the pane under the table."""
        lines = [f"{self.document_text(item)} · {item.client_name} — {self.state_text(item)}"]
        error = self.error_text(item)
        refusals = self.refusal_lines(item)
        if error and item.state != OutboxState.UNKNOWN and not refusals:
            lines.append(error)
        state = self.state_lines(item)
        if refusals:  # after what happened, before what to do
            state[1:1] = refusals
        lines += state
        words = self.server_reply(item)
        if words and not refusals:
            lines.append(self.tr("Server reply: {reply}").format(reply=words))
        lines.append("  ·  ".join(self.message_lines(item)[:-1]))  # not the Message-ID
        return "\n".join(lines)

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
    """All messages, those waiting or on hold, or the problems (failed, uncertain, or
    delivered with a client address refused)."""

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
        if isinstance(model, OutboxTableModel) and not source_parent.isValid():
            item = model.item_at(source_row)
            if self._filter == OutboxFilter.WAITING:
                return item.state in PENDING_STATES
            return is_problem(item)
        state = OutboxState(model.data(model.index(source_row, 0, source_parent), STATE_ROLE))
        wanted = PENDING_STATES if self._filter == OutboxFilter.WAITING else PROBLEM_STATES
        return state in wanted
