"""The outbox (Boîte d'envoi): prepared messages waiting or on hold, failed, of uncertain
outcome, or (this session) delivered with a client address refused.

"Resume sending" (``resumeSendingButton``) sends every message on hold, queued or waiting
for a retry, in the background through the window's ``OutboxSender``, with progress and a
Stop button here (a stop leaves the rest on hold). Actions (toolbar and context menu):
"Send now" sends the selected waiting messages; "Resend" puts failed or uncertain messages
back in the queue with the same Message-ID and sends them (uncertain ones only after a
confirmation that explains the risk of a duplicate); "Remove from the queue" deletes
messages that were not sent. When a client's addresses changed since a message was
prepared, "Prepare again" makes it anew for the current addresses (held) and "Send as is"
sends it to the old ones. The rows are reread after each action and on ``reload()``,
keeping the selection.

The view never touches the database on the GUI thread: reads and the actions' writes run
in background tasks (``ui/tasks.py``) and the table shows what the last read returned
(``loaded`` says when new rows are shown); a drain hands back the rows it left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.outbox import MOVING_STATES, PENDING_STATES, PROBLEM_STATES, OutboxState
from app.errors import FacturierError
from app.services.changes import Changes
from app.services.database import Database
from app.services.outbox_queue import OutboxItem, remove, resend
from app.services.outbox_snapshot import OutboxSnapshot, outbox_snapshot
from ui.changes import ChangeNotifier
from ui.messages import exception_text
from ui.models.envelope import icon
from ui.models.outbox_model import (
    ID_ROLE,
    SENDABLE_STATES,
    OutboxFilter,
    OutboxFilterProxy,
    OutboxTableModel,
    address_choice,
    is_held,
    is_problem,
)
from ui.outbox_sender import DrainReport, OutboxSender, told
from ui.tasks import Task, TaskContext, run_task
from ui.views.outbox_progress import DrainPanel

if TYPE_CHECKING:
    from app.services.outbox import DrainProgress

log = logging.getLogger(__name__)
CHANGES_MS = 250  # commits closer than this make one reread
T = TypeVar("T")  # what an action's write returns

_SENDABLE = SENDABLE_STATES
_REMOVABLE = frozenset(
    {
        OutboxState.HELD,
        OutboxState.QUEUED,
        OutboxState.RETRY_WAIT,
        OutboxState.FAILED,
        OutboxState.UNKNOWN,
    }
)


class OutboxView(QWidget):
    countsChanged = Signal()  # rows loaded or filtered: count_text() changed
    outboxChanged = Signal()  # messages sent, resent, removed or prepared again here
    loaded = Signal()  # the rows of a background read are shown
    written = Signal()  # an action's write ended (its rows shown, or its error told)

    def __init__(
        self, db: Database, parent: QWidget | None = None, sender: OutboxSender | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("outboxView")
        self.outbox_sender = sender if sender is not None else OutboxSender(db, self)
        self.model = OutboxTableModel(self)
        self.proxy = OutboxFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._loaded = False
        self._reading: Task[OutboxSnapshot, None] | None = None
        self._read_again = False  # asked while a read ran: read all once more after it
        self._writing = False  # an action's write runs in the background
        self._showing = False  # rows read with the counts are being shown
        # Commits of this process that touch the outbox: one reread of the messages they
        # name for a burst of them (``None``: which ones is unknown, reread all).
        self._changed_ids: set[int] | None = set()
        self._changed_soon = QTimer(self)
        self._changed_soon.setSingleShot(True)
        self._changed_soon.setInterval(CHANGES_MS)
        self._changed_soon.timeout.connect(self._outbox_changed)
        self.notifier = ChangeNotifier(db, self)
        self.notifier.changed.connect(self._changes)

        self._build_actions()
        self._build_header()
        self.panel = DrainPanel(self.outbox_sender)
        self.panel.stopRequested.connect(self.outbox_sender.cancel)
        # The panel's parts, by their names (tests, accessibility).
        self.progress_frame = self.panel.progress_frame
        self.progress_bar = self.panel.progress_bar
        self.cancel_button = self.panel.cancel_button
        self.note = self.panel.note
        self._build_table()
        self._layout()

        sender_ = self.outbox_sender
        sender_.drainStarted.connect(self._drain_started)
        sender_.drainProgress.connect(self._drain_progress)
        sender_.drainFinished.connect(self._drain_finished)
        sender_.pendingChanged.connect(self._pending_changed)
        sender_.statusChanged.connect(self._schedule_changed)
        self._schedule_changed()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_details())
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.proxy.modelReset.connect(self._update_counts)
        self._update_counts()
        if sender_.is_busy():
            self._drain_started(str(sender_.origin))

    # --- building -----------------------------------------------------------------------

    def _action(self, name: str, text: str, icon_name: str, slot: object) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setObjectName(name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.send_action = self._action(
            "outboxSendAction", self.tr("Send now"), "outbox-send", self.send_now
        )
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.reprepare_action = self._action(
            "reprepareAction", self.tr("Prepare again"), "outbox-resend", self.prepare_again
        )
        self.send_as_is_action = self._action(
            "sendAsIsAction", self.tr("Send as is"), "outbox-send", self.send_as_is
        )
        self.resend_action = self._action(
            "outboxResendAction", self.tr("Resend"), "outbox-resend", self.resend_selected
        )
        self.remove_action = self._action(
            "outboxRemoveAction",
            self.tr("Remove from the queue"),
            "outbox-remove",
            self.remove_selected,
        )
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.reload_action = QAction(self.tr("Reload"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reload_action.triggered.connect(self.reload)
        self.addAction(self.reload_action)

    def _build_header(self) -> None:
        self.title = QLabel(self.tr("Outbox"))
        self.title.setObjectName("outboxTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(
            self.tr("Prepared e-mails that have not left yet, and those that need your decision.")
        )
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")

        self.toolbar = QToolBar(self.tr("Outbox"))
        self.toolbar.setObjectName("outboxToolBar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.resume_button = QPushButton(icon("outbox-send"), self.tr("Resume sending"))
        self.resume_button.setObjectName("resumeSendingButton")
        self.resume_button.clicked.connect(self.resume)
        self.toolbar.addWidget(self.resume_button)
        self.toolbar.addSeparator()
        for action in (
            self.resend_action,
            self.remove_action,
            self.reprepare_action,
            self.send_as_is_action,
        ):
            self.toolbar.addAction(action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        show_label = QLabel(self.tr("&Show:"))
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("outboxFilter")
        self.filter_box.setAccessibleName(self.tr("Which messages to show"))
        for value in OutboxFilter:
            self.filter_box.addItem("", str(value))
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_box.currentIndexChanged.connect(self._filter_chosen)
        show_label.setBuddy(self.filter_box)
        self.toolbar.addWidget(show_label)
        self.toolbar.addWidget(self.filter_box)

    def _build_table(self) -> None:
        table = self.table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        table.setObjectName("outboxTable")
        table.setAccessibleName(self.tr("Messages in the outbox"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(True)
        table.sortByColumn(OutboxTableModel.PREPARED, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setVisible(False)
        # One line per message (rows sized to their text would cost a layout of every row
        # at each change); the current message's full story is in the details below.
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(28)
        table.setIconSize(QSize(20, 20))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OutboxTableModel.ERROR, QHeaderView.ResizeMode.Stretch)
        widths = ((0, 345), (1, 95), (2, 135), (3, 165), (4, 50), (6, 120))
        for section, width in widths:
            table.setColumnWidth(section, width)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("outboxEmptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 13pt;")
        empty_icon = QLabel()
        empty_icon.setPixmap(icon("outbox-empty").pixmap(QSize(64, 64)))
        empty_icon.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.empty_page = QWidget()
        column = QVBoxLayout(self.empty_page)
        column.addStretch(1)
        column.addWidget(empty_icon)
        column.addWidget(self.empty_label)
        column.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_page)

        self.details = QLabel()
        self.details.setObjectName("outboxDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # it quotes mail servers
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet(
            "QLabel { background: palette(base); border: 1px solid palette(mid); "
            "padding: 6px 8px; }"
        )
        self.details.setVisible(False)

        self.count_label = QLabel()
        self.count_label.setObjectName("outboxCountLabel")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.panel)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.count_label)

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Reread the messages in the background, keeping the selection and the current row
        (``loaded`` once they are shown)."""
        self._read(None)

    def _read(self, changed: frozenset[int] | None) -> None:
        """Reread all the rows, or (``changed``) just those messages'."""
        if self._reading is not None:
            if changed is None:
                self._read_again = True
            else:
                self._note_changed(changed)  # reread once this read is shown
            return
        if not self._loaded:
            changed = None  # nothing shown yet: every row is new
        if changed is None:  # covers every commit made before it starts
            self._read_again = False
            self._changed_ids = set()
            self._changed_soon.stop()
        db, refused = self.db, sorted(self.outbox_sender.refusal_ids)
        self._reading = run_task(
            lambda _context: outbox_snapshot(db, refused, changed),
            on_success=self._rows_read,
            on_error=self._read_failed,
            parent=self,
        )

    def _rows_read(self, snapshot: OutboxSnapshot) -> None:
        self._reading = None
        if self._read_again:
            self.reload()  # something changed meanwhile: only the newest read is shown
            return
        self.show_snapshot(snapshot)
        if self._changed_ids != set() and not self._changed_soon.isActive():
            self._changed_soon.start()  # named while it was read

    def show_snapshot(self, snapshot: OutboxSnapshot) -> None:
        """Rows and counts read in the background; the window's sender learns the counts."""
        self._showing = True  # the counts come with these rows: no reread for them
        try:
            self.outbox_sender.apply_status(snapshot.status)
        finally:
            self._showing = False
        if snapshot.changed is None:
            self.set_items(snapshot.items)
        else:
            self.model.update_items(snapshot.changed, snapshot.items)
            self._shown()

    def _read_failed(self, error: BaseException) -> None:
        self._reading = None
        self._tell(error)
        if self._read_again:
            self.reload()

    def _tell(self, error: BaseException) -> None:
        if isinstance(error, FacturierError):
            self.show_note(told(error), "warning")
        else:
            log.error("outbox view", exc_info=error)
            self.show_note(
                self.tr("An unexpected error occurred: {error}").format(error=exception_text(error))
            )

    def set_items(self, items: list[OutboxItem]) -> None:
        self._loaded = True
        self.model.set_items(items)
        self._shown()

    def _shown(self) -> None:
        self._update_counts()
        self._update_actions()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def _schedule_changed(self) -> None:
        sender = self.outbox_sender
        self.model.set_retry_schedule(sender.auto_retry, sender.not_before)
        self._update_resume()

    def _update_resume(self) -> None:
        """Enabled while something waits: the rows shown, or the window's counts when the
        rows are not loaded yet (the outbox was not opened)."""
        counts = self.outbox_sender.counts
        waiting = max(self.model.count_in(_SENDABLE), counts.held + counts.moving)
        self.resume_button.setEnabled(not self.outbox_sender.is_busy() and waiting > 0)

    def _pending_changed(self, _count: int) -> None:
        # Another window, a batch or the command line changed the outbox.
        if self.isVisible() and not (self.outbox_sender.is_busy() or self._showing):
            self.reload()

    def _changes(self, changes: Changes) -> None:
        """A commit of this process (another window's action, a batch, a copy in Sent)."""
        if changes.outbox == frozenset() and not changes.external:
            return  # the outbox was not touched
        self._note_changed(None if changes.external else changes.outbox)
        if not self._changed_soon.isActive():
            self._changed_soon.start()

    def _note_changed(self, ids: frozenset[int] | None) -> None:
        """Remember what to reread (``None``: which messages is unknown, all of them)."""
        if ids is None or self._changed_ids is None:
            self._changed_ids = None
        else:
            self._changed_ids |= ids

    def _outbox_changed(self) -> None:
        # A drain of this window updates the rows itself, an action shows what it left.
        # Hidden, the view rereads all when shown; busy, when the drain or action ends.
        changed, self._changed_ids = self._changed_ids, set()
        busy = self.outbox_sender.is_busy() or self._writing
        if self.isVisible() and not busy:
            self._read(None if changed is None else frozenset(changed))

    # --- selection ----------------------------------------------------------------------

    def selected_items(self) -> list[OutboxItem]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.item_at(self.proxy.mapToSource(index).row()) for index in rows]

    def selected_ids(self) -> list[int]:
        return sorted(item.id for item in self.selected_items())

    def select_ids(self, ids: list[int]) -> None:
        """Select these messages (those shown by the filter); the first becomes current."""
        selection = QItemSelection()
        first = None
        for outbox_id in ids:
            row = self.model.row_of(outbox_id)
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
            if index is not None and index.isValid():
                selection.select(index, index)
                first = first or index
        model = self.table.selectionModel()
        if first is not None:
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        flags = QItemSelectionModel.SelectionFlag
        model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _selection_changed(self, *_args: object) -> None:
        self._update_actions()

    # --- counts and labels --------------------------------------------------------------

    def count_text(self) -> str:
        total = self.model.rowCount()
        if total == 0:
            return self.tr("Outbox empty")
        return self.tr("%n message(s) in the outbox", "", total)

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        pending = self.model.count_in(PENDING_STATES)
        held = self.model.count_where(is_held)
        moving = self.model.count_where(lambda i: i.state in MOVING_STATES and not is_held(i))
        problems = self.model.count_where(is_problem)
        failed = self.model.count_in(PROBLEM_STATES)
        refusals = problems - failed
        labels = {
            OutboxFilter.ALL: self.tr("All messages ({count})"),
            OutboxFilter.WAITING: self.tr("Waiting or on hold ({count})"),
            OutboxFilter.PROBLEMS: self.tr("Failed, refused or uncertain ({count})"),
        }
        counts = {OutboxFilter.ALL: total, OutboxFilter.WAITING: pending}
        counts[OutboxFilter.PROBLEMS] = problems
        for position in range(self.filter_box.count()):
            value = OutboxFilter(self.filter_box.itemData(position))
            self.filter_box.setItemText(position, labels[value].format(count=counts[value]))
        parts = [self.count_text()]
        if moving:
            parts.append(self.tr("%n waiting", "", moving))
        if held:
            parts.append(self.tr("%n on hold", "", held))
        if failed:
            parts.append(self.tr("%n failed or uncertain", "", failed))
        if refusals:
            parts.append(self.tr("%n with a refused address", "", refusals))
        self.count_label.setText(" · ".join(parts))
        if total == 0:
            self.empty_label.setText(
                self.tr("The outbox is empty: every prepared message has left.")
            )
        elif self.proxy.state_filter == OutboxFilter.PROBLEMS:
            self.empty_label.setText(self.tr("No failed, refused or uncertain message."))
        else:
            self.empty_label.setText(self.tr("No message is waiting to be sent."))
        shown = self.proxy.rowCount() > 0
        self.stack.setCurrentWidget(self.table if shown else self.empty_page)
        self._update_actions()
        self.countsChanged.emit()

    def _update_actions(self) -> None:
        busy = self.outbox_sender.is_busy() or self._writing
        selected = self.selected_items()
        states = {item.state for item in selected}
        waiting = self.model.count_in(_SENDABLE)
        held = self.model.count_where(is_held)
        self._update_resume()
        if held:
            self.resume_button.setToolTip(
                self.tr(
                    "Send the messages on hold and those waiting, now. Messages whose client's "
                    "addresses changed are not sent: prepare them again or send them as they are."
                )
            )
        else:
            self.resume_button.setToolTip(self.tr("Send every waiting message now"))
        self.send_action.setEnabled(not busy and waiting > 0)
        if selected and states & _SENDABLE:
            self.send_action.setToolTip(self.tr("Send the selected waiting messages now"))
        else:
            self.send_action.setToolTip(self.tr("Send every waiting message now"))
        self.resend_action.setEnabled(not busy and bool(states & PROBLEM_STATES))
        self.resend_action.setToolTip(
            self.tr("Send the selected failed or uncertain messages again (same Message-ID)")
        )
        self.remove_action.setEnabled(not busy and bool(states & _REMOVABLE))
        self.remove_action.setToolTip(
            self.tr("Take the selected messages out of the outbox: they will not be sent")
        )
        changed = self.model.count_where(address_choice)
        for action in (self.reprepare_action, self.send_as_is_action):
            action.setVisible(changed > 0)
            action.setEnabled(not busy and changed > 0)
        self.reprepare_action.setToolTip(
            self.tr(
                "Make the message again for the client's current addresses (it waits on hold "
                "until you resume sending)"
            )
        )
        self.send_as_is_action.setToolTip(
            self.tr("Send the message to the addresses it was prepared for, now")
        )
        self._update_details()

    def _update_details(self) -> None:
        """The current message's full story, under the table."""
        index = self.table.currentIndex()
        if not index.isValid() or self.stack.currentWidget() is not self.table:
            self.details.setVisible(False)
            return
        item = self.model.item_at(self.proxy.mapToSource(index).row())
        self.details.setText(self.model.details_text(item))
        self.details.setVisible(True)

    def _filter_chosen(self) -> None:
        self.proxy.set_state_filter(OutboxFilter(self.filter_box.currentData()))
        self._update_counts()

    def set_filter(self, value: OutboxFilter) -> None:
        self.filter_box.setCurrentIndex(self.filter_box.findData(str(value)))

    def show_note(self, text: str, kind: str = "info") -> None:
        self.panel.show_note(text, kind)

    # --- actions ------------------------------------------------------------------------

    def _can_send(self) -> bool:
        if self.outbox_sender.is_busy():
            return False
        if not self.outbox_sender.is_configured():
            self.show_note(
                self.tr(
                    "The mail server is not set up yet: enter it in the settings, then send again."
                ),
                "warning",
            )
            return False
        return True

    def resume(self) -> bool:
        """ "Resume sending": every message on hold, queued or waiting for a retry, in the
        background (those whose client's addresses changed stay on hold)."""
        return self._can_send() and self.outbox_sender.resume()

    def send_now(self) -> bool:
        """Send the selected waiting messages, or all of them, in the background."""
        if not self._can_send():
            return False
        chosen = [item.id for item in self.selected_items() if item.state in _SENDABLE]
        return self.outbox_sender.send_now(chosen or None)

    def address_changed_items(self) -> list[OutboxItem]:
        """The selected messages whose client's addresses changed since preparation, or
        all of them when none is selected."""
        chosen = [item for item in self.selected_items() if address_choice(item)]
        return chosen or [item for item in self.model.items() if address_choice(item)]

    def _write(self, write: Callable[[Database], T], done: Callable[[T], None]) -> bool:
        """Run an action's write in the background, then read the rows it left; ``done``
        runs once they are shown. False when another action is still writing."""
        if self._writing:
            return False
        self._writing = True
        self._update_actions()
        db, refused = self.db, sorted(self.outbox_sender.refusal_ids)

        def work(_context: TaskContext[None]) -> tuple[T, OutboxSnapshot]:
            return write(db), outbox_snapshot(db, refused)

        def succeeded(answer: tuple[T, OutboxSnapshot]) -> None:
            self._writing = False
            self.show_snapshot(answer[1])
            done(answer[0])
            self.written.emit()

        def failed(error: BaseException) -> None:
            self._writing = False
            self._tell(error)
            self.reload()
            self.written.emit()

        run_task(work, on_success=succeeded, on_error=failed, parent=self)
        return True

    def prepare_again(self) -> bool:
        """ "Prepare again": new messages for the clients' current addresses, on hold."""
        items = self.address_changed_items()
        if not items or self.outbox_sender.is_busy():
            return False
        ids = [item.id for item in items]

        def done(pairs: list[tuple[int, int | None]]) -> None:
            self.select_ids([new for _old, new in pairs if new is not None])
            self.show_note(
                self.tr(
                    "%n message(s) prepared again for the client's current addresses: on hold "
                    "until you resume sending.",
                    "",
                    len(pairs),
                )
            )
            self.outboxChanged.emit()
            self.outbox_sender.check_pending()

        # lazy: preparing again loads the batch and the PDF stack (start-up)
        from app.services.prepare_again import prepare_again as prepare_messages_again

        return self._write(lambda db: prepare_messages_again(db, ids), done)

    def send_as_is(self) -> bool:
        """ "Send as is": to the addresses the messages were prepared for, now."""
        items = self.address_changed_items()
        if not items or not self._can_send():
            return False
        return self.outbox_sender.send_as_is([item.id for item in items])

    def resend_selected(self) -> bool:
        items = [item for item in self.selected_items() if item.state in PROBLEM_STATES]
        if not items or self.outbox_sender.is_busy():
            return False
        uncertain = [item for item in items if item.state == OutboxState.UNKNOWN]
        if uncertain and not self.confirm(
            self.tr("Resend uncertain messages?"),
            self.tr(
                "%n message(s) may already have been delivered: the connection was lost "
                "after the mail server received it.",
                "",
                len(uncertain),
            ),
            self.tr(
                "If the server did deliver it, the client will receive it twice. The same "
                "Message-ID is used again, so many mail programs show only one copy. When "
                "in doubt, ask the client first.\n\nDocuments: {numbers}"
            ).format(numbers=", ".join(item.number for item in uncertain)),
            self.tr("Resend"),
        ):
            return False
        ids = [item.id for item in items]

        def done(_resent: list[int]) -> None:
            self.outboxChanged.emit()
            self.outbox_sender.check_pending()
            if self.outbox_sender.is_configured():
                self.outbox_sender.send_now(ids)

        return self._write(lambda db: resend(db, ids), done)

    def remove_selected(self) -> bool:
        items = [item for item in self.selected_items() if item.state in _REMOVABLE]
        if not items or self.outbox_sender.is_busy():
            return False
        if not self.confirm(
            self.tr("Remove from the queue?"),
            self.tr("Remove %n message(s) from the outbox?", "", len(items)),
            self.tr(
                "They will not be sent. The documents stay as they are: you can send them "
                "again from their report.\n\nDocuments: {numbers}"
            ).format(numbers=", ".join(item.number for item in items)),
            self.tr("Remove"),
        ):
            return False
        ids = [item.id for item in items]

        def done(removed: list[int]) -> None:
            self.show_note(self.tr("%n message(s) removed from the outbox.", "", len(removed)))
            self.outboxChanged.emit()
            self.outbox_sender.check_pending()

        return self._write(lambda db: remove(db, ids), done)

    def confirm(self, title: str, text: str, details: str, accept: str) -> bool:
        """Ask before an action; True to go ahead (overridable in tests)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("outboxConfirmBox")
        box.setInformativeText(details)
        yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    # --- a drain running ----------------------------------------------------------------

    def _drain_started(self, origin: str) -> None:
        self.panel.started(origin)
        self._update_actions()

    def _drain_progress(self, progress: DrainProgress) -> None:
        self.panel.progressed(progress)
        self.model.apply_progress(progress.outbox_id, progress.state)
        self._update_counts()

    def _drain_finished(self, report: DrainReport) -> None:
        self.panel.finished(report)
        if report.snapshot is not None:
            self.set_items(report.snapshot.items)  # read by the drain's task as it ended
            if self._reading is not None:
                self._read_again = True  # a read from before the end would show old rows
        else:
            self.reload()
        self.outboxChanged.emit()

    # --- context menu -------------------------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(
            index.row(), index.parent()
        ):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setObjectName("outboxContextMenu")
        for action in (self.send_action, self.resend_action, self.remove_action):
            menu.addAction(action)
        if self.reprepare_action.isVisible():
            menu.addSeparator()
            menu.addAction(self.reprepare_action)
            menu.addAction(self.send_as_is_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None
