"""The reminders report ("Relances"): the overdue invoices, the level each has reached,
its last reminder and its next level; tick the rows due now and "Send reminders" opens
the batch confirmation (the main window's ``send_reminders_checked``).

Keyboard: Space ticks or unticks the current row (or every selected row); Ctrl+Shift+A
ticks every invoice due now (again: unticks them); F5 reloads.

Nothing is read on the GUI thread: ``reload()`` reads the overdue invoices in a background
task. The view rereads when it is shown (the main window's navigation), after a batch,
and when this process commits while it is on screen (``ui.changes.ChangeNotifier``; a
burst of commits makes one reread). While a batch runs, its end rereads instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FacturierError
from app.services.changes import Changes
from app.services.database import Database
from ui.changes import ChangeNotifier
from ui.messages import error_text
from ui.models.envelope import icon
from ui.models.reminder_table import Column, ReminderFilter, ReminderTableModel
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.services.reminders import OverdueInvoice

CHANGES_MS = 250  # commits closer than this make one reread
CHECK_WIDTH = 32
# Fitted to their contents after each read (a few hundred rows at most; beyond this many
# rows the widths stay as they are); the last column takes what is left. A long client
# name is cut (its tooltip is whole) rather than pushing the next level out of sight.
FIT_ROWS = 500
CLIENT_WIDTHS = (120, 260)
FITTED = (
    Column.NUMBER,
    Column.DUE_DATE,
    Column.DAYS_LATE,
    Column.LEFT,
    Column.LEVEL,
    Column.LAST,
    Column.NEXT,
    Column.STATE,
)


class ReminderTable(QTableView):
    spacePressed = Signal()  # Space ticks rows instead of selecting them

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and not plain:
            self.spacePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class RemindersView(QWidget):
    checkedChanged = Signal(int)  # number of ticked invoices
    countsChanged = Signal()  # count_text() changed
    loaded = Signal()  # a read was shown (or failed)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("remindersView")
        self.model = ReminderTableModel(self)
        self._reading: Task[list[OverdueInvoice], None] | None = None
        self._read_again = False
        self.paused = False  # a batch runs: its end rereads
        self._client_wanted = CLIENT_WIDTHS[1]
        self._build_actions()
        self._build_toolbar()
        self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table)
        self.setTabOrder(self.select_all_button, self.send_button)
        self.setTabOrder(self.send_button, self.filter)
        self.setTabOrder(self.filter, self.table)

        self.model.checkedChanged.connect(self._checked_changed)
        self.model.modelReset.connect(self._update_actions)
        self.notifier = ChangeNotifier(db, self)
        self.notifier.changed.connect(self._changes_committed)
        self._changes_timer = QTimer(self)
        self._changes_timer.setSingleShot(True)
        self._changes_timer.setInterval(CHANGES_MS)
        self._changes_timer.timeout.connect(self.reload)
        self._update_actions()

    # --- building -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.tick_all_action = QAction(icon("tick-all"), self.tr("Tick all"), self)
        self.tick_all_action.setObjectName("tickAllRemindersAction")
        self.tick_all_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.tick_all_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tick_all_action.triggered.connect(self.model.tick_all_due)
        self.send_action = QAction(icon("send-webmail"), self.tr("Send reminders"), self)
        self.send_action.setObjectName("sendRemindersAction")
        self.send_action.setToolTip(self.tr("E-mail a reminder for the ticked invoices"))
        self.send_action.setEnabled(False)
        self.refresh_action = QAction(self.tr("Reload"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.reload)
        self.addAction(self.tick_all_action)
        self.addAction(self.refresh_action)

    def _tool_button(self, name: str, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toolbar.addWidget(button)
        return button

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Reminders"))
        self.toolbar.setObjectName("remindersToolBar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setMovable(False)
        self.select_all_button = self._tool_button("selectAllRemindersButton", self.tick_all_action)
        self.send_button = self._tool_button("sendRemindersButton", self.send_action)
        self.toolbar.addSeparator()
        show_label = QLabel(self.tr("&Show:"))
        self.filter = QComboBox()
        self.filter.setObjectName("reminderFilter")
        self.filter.setAccessibleName(
            self.tr("Show the reminders due now or every overdue invoice")
        )
        self.filter.addItem(self.tr("Reminders due now"), ReminderFilter.DUE)
        self.filter.addItem(self.tr("All overdue invoices"), ReminderFilter.ALL)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.currentIndexChanged.connect(self._filter_chosen)
        show_label.setBuddy(self.filter)
        self.toolbar.addWidget(show_label)
        self.toolbar.addWidget(self.filter)

    def _build_table(self) -> None:
        self.table = ReminderTable()
        self.table.setObjectName("remindersTable")
        self.table.setAccessibleName(self.tr("Overdue invoices and their reminders"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        # An amount (right-aligned) never touches the level name beside it.
        self.table.setStyleSheet("QTableView#remindersTable::item { padding: 0 6px; }")
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(26, self.table.fontMetrics().height() + 10))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(CHECK_WIDTH)
        self.table.setColumnWidth(Column.CHECK, CHECK_WIDTH)
        header.setSectionResizeMode(Column.CHECK, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.table.spacePressed.connect(self.toggle_current)

    # --- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the overdue invoices again in the background (``loaded`` once shown)."""
        self._changes_timer.stop()
        if self._reading is not None:
            self._read_again = True  # only the newest read is shown
            return
        db = self.db
        self._reading = run_task(
            lambda _context: _overdue(db),
            on_success=self._read,
            on_error=self._read_failed,
            parent=self,
        )

    def is_loading(self) -> bool:
        return self._reading is not None

    def _read(self, invoices: list[OverdueInvoice]) -> None:
        self._reading = None
        if self._read_again:
            self._read_again = False
            self.reload()
            return
        self.model.set_invoices(invoices)
        self._fit_columns()
        self._counts_changed()
        self.loaded.emit()

    def _filter_chosen(self) -> None:
        self.model.set_filter(str(self.filter.currentData()))
        self._fit_columns()

    def _fit_columns(self) -> None:
        if self.model.rowCount() > FIT_ROWS:
            return
        for column in FITTED:
            self.table.resizeColumnToContents(column)
        self._client_wanted = self.table.sizeHintForColumn(Column.CLIENT)
        self._fit_client()

    def _fit_client(self) -> None:
        """The client's column: its names' width, within bounds and the room left."""
        others = sum(
            self.table.columnWidth(c) for c in Column if c not in (Column.CLIENT, Column.STATE)
        )
        state = self.table.sizeHintForColumn(Column.STATE)
        room = self.table.viewport().width() - others - state
        low, high = CLIENT_WIDTHS
        self.table.setColumnWidth(Column.CLIENT, max(low, min(self._client_wanted, high, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_client()

    def _read_failed(self, error: BaseException) -> None:
        self._reading = None
        self._read_again = False
        self.loaded.emit()
        if not isinstance(error, FacturierError):
            raise error
        if self.isVisible():
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Facturier"), error_text(error), parent=self
            )
            box.setObjectName("remindersErrorBox")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _changes_committed(self, changes: Changes) -> None:
        """A commit of this process: reread once the burst is over, if anyone looks (the
        navigation rereads when the view is shown again)."""
        if changes.empty or self.paused or not self.isVisible():
            return
        self._changes_timer.start()

    def pause(self, paused: bool) -> None:
        """While a batch runs, its messages' commits are not reread one by one; the
        batch's end rereads."""
        self.paused = paused
        if paused:
            self._changes_timer.stop()

    # --- ticks --------------------------------------------------------------------------

    def checked_ids(self) -> list[int]:
        return self.model.checked_ids()

    def toggle_current(self) -> None:
        """Space: tick or untick the selected rows (at least the current one)."""
        selection = self.table.selectionModel()
        rows = sorted({index.row() for index in selection.selectedRows()})
        current = self.table.currentIndex()
        if current.isValid() and current.row() not in rows:
            rows = [current.row()]
        if rows:
            self.model.toggle_rows(rows)

    def _checked_changed(self, count: int) -> None:
        self._update_actions()
        self.checkedChanged.emit(count)
        self._counts_changed()

    def _update_actions(self) -> None:
        all_ticked = self.model.all_due_checked()
        self.tick_all_action.setText(self.tr("Untick all") if all_ticked else self.tr("Tick all"))
        self.tick_all_action.setToolTip(
            self.tr("Untick every invoice (Ctrl+Shift+A)")
            if all_ticked
            else self.tr("Tick every invoice whose reminder is due now (Ctrl+Shift+A)")
        )
        self.tick_all_action.setEnabled(self.model.due_count() > 0)
        self.send_action.setEnabled(self.model.checked_count() > 0)

    def _counts_changed(self) -> None:
        self.countsChanged.emit()  # the window's status bar shows count_text()

    def count_text(self) -> str:
        text = self.tr("%n overdue invoice(s)", "", self.model.total_count())
        due = self.model.due_count()
        if due:
            text += " · " + self.tr("%n to remind now", "", due)
        ticked = self.model.checked_count()
        if ticked:
            text += " · " + self.tr("%n invoice(s) ticked", "", ticked)
        return text


def _overdue(db: Database) -> list[OverdueInvoice]:
    # lazy: the reminders' service brings the batch and the PDF stack; the window imports
    # it when the view first reads, not before its first paint
    from app.services.reminders import overdue_invoices

    return overdue_invoices(db)
