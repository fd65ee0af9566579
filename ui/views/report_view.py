"""The report of one document kind: the table users find, tick and check documents in.

Keyboard: Space ticks or unticks the current row (or every selected row); Ctrl+Shift+A
ticks every document the filter shows (again: unticks them); Ctrl+A keeps its usual
meaning, selecting rows; Ctrl+F goes to the search box (Escape clears it); Ctrl+I opens
the current document's Information; F5 reloads. Double-clicking an envelope opens the
Information too.

Nothing here reads the database on the GUI thread: the model reads ids and pages in the
background (ui/models/document_table.py), and so do the polls.

Live updates: ``refresh()`` (or emitting ``documentsChanged``) rereads the rows while
keeping ticks, current row, selection and scroll position. What this process commits is
pushed (``ui.changes.ChangeNotifier``): the changed rows are reread, and the ids too when
a change may move a document in or out of the filter or in the order. Only other
processes' changes are polled: a timer reads the database's change counter (one row) in
the background.

Dialogs are imported where they open (lazy): the window's first paint does not wait for
them.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import DocumentKind, kind_spec
from app.errors import FacturierError, NotFoundError
from app.services.changes import Changes, change_counter, changed_elsewhere
from app.services.database import Database
from app.services.reports import (
    PaymentFilter,
    ReportQuery,
    ReportRow,
    SentFilter,
    SortKey,
)
from ui.changes import ChangeNotifier
from ui.messages import error_text
from ui.models.document_table import Column, DocumentTableModel
from ui.models.envelope import icon
from ui.tasks import TaskContext, run_task
from ui.toolbar_fit import fit_toolbar
from ui.views.document_actions import DocumentActions
from ui.views.report_table import ReportTable
from ui.window_memory import remember_widths, remembered_widths

if TYPE_CHECKING:
    from ui.dialogs.document_info import DocumentInfoDialog

POLL_MS = 3000  # how often the database's change counter is checked
SEARCH_DELAY_MS = 250  # typing pause before the search runs
FRESH_S = 1.0  # a counter read younger than this is not read again when the view is shown
# Orders a send or an edit of a shown document leaves alone (its row is reread in place).
STABLE_SORTS = frozenset({SortKey.NUMBER, SortKey.DATE, SortKey.CLIENT})


def _layout_name(kind: DocumentKind) -> str:
    return f"report-{kind}"


class ReportView(QWidget):
    checkedChanged = Signal(int)  # number of ticked documents
    documentsChanged = Signal()  # emit it after changing documents: the rows are reread
    countsChanged = Signal()  # count_text() changed (rows shown or ticked)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._counter: int | None = None  # the change counter when last polled
        self._polled_at = 0.0
        self._polling = False
        self._select_after: int | None = None  # a new document, current once its ids arrive
        self._row_actions: list[QAction] = []
        self.polling_paused = False
        self._read_again_when_shown = False  # a read failed while the report was hidden
        self.model = DocumentTableModel(db, ReportQuery(DocumentKind.INVOICE), self)
        self.documents = DocumentActions(db, self.current_row, lambda: self.model.query.kind, self)
        self._build_actions()
        self._build_toolbar()
        self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)
        self.setTabOrder(self.select_all_button, self.sent_filter)
        self.setTabOrder(self.sent_filter, self.search_box)
        self.setTabOrder(self.search_box, self.table)

        self.model.checkedChanged.connect(self._checked_changed)
        self.model.idsLoaded.connect(self._ids_loaded)
        self.model.rowsLoaded.connect(self._rows_loaded)
        self.model.loadFailed.connect(self._load_failed)
        self.documentsChanged.connect(self.refresh)
        self.notifier = ChangeNotifier(db, self)
        self.notifier.changed.connect(self._changes_committed)
        self._refresh_timer = QTimer(self)  # a burst of commits: one refresh
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self._poll)
        self.poll_timer.start()
        self.check_for_changes()  # the counter's starting point
        self._update_actions()

    # --- building -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.info_action = QAction(icon("information"), self.tr("&Information…"), self)
        self.info_action.setObjectName("documentInfoAction")
        self.info_action.setShortcut(QKeySequence("Ctrl+I"))
        self.info_action.setToolTip(
            self.tr("Key facts and send history of the current document (Ctrl+I)")
        )
        self.info_action.triggered.connect(self._information_asked)

        self.tick_all_action = QAction(icon("tick-all"), self.tr("Tick all"), self)
        self.tick_all_action.setObjectName("tickAllAction")
        self.tick_all_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.tick_all_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tick_all_action.triggered.connect(self.tick_all)

        self.refresh_action = QAction(self.tr("Reload"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.tick_all_action)
        self.addAction(self.refresh_action)
        self.addActions(self.documents.shortcut_actions())
        self._row_actions.extend(self.documents.row_actions())
        self.documents.documentsChanged.connect(self.documentsChanged)
        self.documents.documentCreated.connect(self._select_when_shown)

        self._row_menu = QMenu(self)
        self._row_menu.setObjectName("reportRowMenu")
        self._menu_ids: list[int] = []
        self._menu_tick = True
        self._toggle_action = QAction(self.tr("Tick"), self)
        self._toggle_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self._toggle_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._toggle_action.triggered.connect(self._toggle_menu_rows)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Report"))
        self.toolbar.setObjectName("reportToolBar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)

        self.select_all_button = QToolButton()
        self.select_all_button.setObjectName("selectAllButton")
        self.select_all_button.setDefaultAction(self.tick_all_action)
        self.select_all_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.select_all_button.setAutoRaise(True)
        self.select_all_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toolbar.addWidget(self.select_all_button)
        # The batch-sending feature puts its "Envoi Webmail" button here (add_send_control).
        self._send_slot = self.toolbar.addSeparator()
        self.toolbar.addAction(self.documents.new_action)
        self.toolbar.addAction(self.documents.edit_action)
        self.toolbar.addAction(self.documents.convert_action)
        self.toolbar.addAction(self.documents.preview_action)
        self.toolbar.addAction(self.info_action)

        # Filters and search on a row of their own, in a plain layout: the actions never
        # push them out of sight and nothing here hides in a "»" menu (the window's
        # minimum width keeps them all).
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("reportFilterBar")
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(6, 2, 6, 4)
        show_label = QLabel(self.tr("&Show:"))
        self.sent_filter = QComboBox()
        self.sent_filter.setObjectName("sentFilter")
        self.sent_filter.setAccessibleName(self.tr("Show sent or unsent documents"))
        self.sent_filter.addItem(self.tr("All documents"), str(SentFilter.ALL))
        self.sent_filter.addItem(self.tr("Sent documents"), str(SentFilter.SENT))
        self.sent_filter.addItem(self.tr("Unsent documents"), str(SentFilter.UNSENT))
        # "Unsent" leaves these out: only an explicit choice sends them again.
        self.sent_filter.addItem(self.tr("Uncertain sending"), str(SentFilter.UNCERTAIN))
        self.sent_filter.addItem(self.tr("Failed sending"), str(SentFilter.FAILED))
        self._sent_filter_tips()
        self.sent_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sent_filter.currentIndexChanged.connect(self._filter_chosen)
        show_label.setBuddy(self.sent_filter)
        filters.addWidget(show_label)
        filters.addWidget(self.sent_filter)
        self.payment_filter = QComboBox()  # invoices only: paid / unpaid / overdue
        self.payment_filter.setObjectName("paymentFilter")
        self.payment_filter.setAccessibleName(self.tr("Show paid or unpaid invoices"))
        self.payment_filter.addItem(self.tr("Paid or not"), str(PaymentFilter.ALL))
        self.payment_filter.addItem(self.tr("Paid invoices"), str(PaymentFilter.PAID))
        self.payment_filter.addItem(self.tr("Unpaid invoices"), str(PaymentFilter.UNPAID))
        self.payment_filter.addItem(self.tr("Overdue invoices"), str(PaymentFilter.OVERDUE))
        self.payment_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.payment_filter.currentIndexChanged.connect(self._filter_chosen)
        filters.addWidget(self.payment_filter)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Number or client (Ctrl+F)"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        # As wide as 360 px when there is room; 160 px on the smallest window.
        self.search_box.setMinimumWidth(160)
        self.search_box.setMaximumWidth(360)
        self.search_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search_box.textChanged.connect(self._search_typed)
        self.search_box.returnPressed.connect(self.apply_search)
        filters.addStretch(1)
        filters.addWidget(self.search_box, 2)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_box)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._search_escape)

    def _sent_filter_tips(self) -> None:
        tips = {
            SentFilter.ALL: self.tr("Every document of this report"),
            SentFilter.SENT: self.tr("Documents the client received by e-mail"),
            SentFilter.UNSENT: self.tr(
                "Documents not sent yet, leaving out those whose sending failed or is uncertain"
            ),
            SentFilter.UNCERTAIN: self.tr(
                "The connection was lost after the message was handed over: it may have "
                "arrived. Check with the client before sending again."
            ),
            SentFilter.FAILED: self.tr(
                "The mail server refused the last message: correct the address or the "
                "settings, then resend it."
            ),
        }
        for position in range(self.sent_filter.count()):
            tip = tips[SentFilter(self.sent_filter.itemData(position))]
            self.sent_filter.setItemData(position, tip, Qt.ItemDataRole.ToolTipRole)

    def _build_table(self) -> None:
        self.table = ReportTable(self.model)
        self.table.setObjectName("reportTable")
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.spacePressed.connect(self.toggle_current)
        self.table.activated.connect(self._activated)  # double-click or Enter
        self.table.addAction(self.documents.delete_action)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.set_column_widths(remembered_widths(_layout_name(self.model.query.kind)))
        selection = self.table.selectionModel()
        selection.currentChanged.connect(self._current_changed)

    # --- public API ---------------------------------------------------------------------

    def show_kind(self, kind: DocumentKind) -> None:
        if kind == self.model.query.kind:
            if time.monotonic() - self._polled_at > FRESH_S:
                self.check_for_changes()
            return
        self.remember_layout()  # each report keeps the widths the user gave its columns
        self.model.set_query(replace(self.model.query, kind=kind))
        self._update_actions()
        payable = kind_spec(kind).payable
        self.payment_filter.setVisible(payable)
        for column in (Column.LEFT, Column.REMINDER):  # only what can be paid has them
            self.table.setColumnHidden(column, not payable)
        self.table.set_column_widths(remembered_widths(_layout_name(kind)))
        self.documents.update()

    def remember_layout(self) -> None:
        """The column widths of the report shown, for the next time it is (even after a
        restart); forgotten while they simply fit the window."""
        remember_widths(_layout_name(self.model.query.kind), self.table.column_widths())

    def kind(self) -> DocumentKind:
        return self.model.query.kind

    def checked_ids(self) -> list[int]:
        """Ticked document ids: those shown in display order, then those filtered out."""
        return self.model.checked_ids()

    def refresh(self) -> None:
        """Reread the rows in the background, keeping ticks, current row, selection and
        scroll position (the model's reset says it keeps the top document in place)."""
        self._refresh_timer.stop()
        self.model.refresh()

    def check_for_changes(self) -> None:
        """Read the change counter in the background; refresh when another process
        changed the database since the last look (the poll timer's job)."""
        if self._polling:
            return
        self._polling = True
        self._polled_at = time.monotonic()
        db = self.db

        def read(_context: TaskContext[None]) -> int:
            return change_counter(db)

        run_task(read, on_success=self._counter_read, on_error=self._counter_failed, parent=self)

    def _counter_read(self, value: int) -> None:
        self._polling = False
        known, self._counter = self._counter, value
        if known is not None and changed_elsewhere(self.db, known, value):
            self.refresh()

    def _counter_failed(self, error: BaseException) -> None:
        self._polling = False
        if not isinstance(error, FacturierError):
            raise error
        # Locked or unreachable for now: the next poll tries again.

    def _poll(self) -> None:
        if self.isVisible() and not self.polling_paused:
            self.check_for_changes()

    def _changes_committed(self, changes: Changes) -> None:
        """This process committed changes: reread the rows they touch, and the ids when a
        document may have entered or left the filter or moved in the order."""
        documents = changes.documents
        if documents is None or changes.clients is None or changes.clients:
            self._refresh_timer.start()  # unknown documents, or client names: everything
        elif documents:
            if not self.polling_paused and self._may_move(documents):
                self._refresh_timer.start()
            self.model.refresh_rows(documents)

    def _may_move(self, documents: frozenset[int]) -> bool:
        query = self.model.query
        return (
            query.sent != SentFilter.ALL
            or query.payment != PaymentFilter.ALL
            or bool(query.search)
            or query.sort not in STABLE_SORTS
            or any(self.model.row_of(i) is None for i in documents)
        )

    def pause_polling(self, paused: bool) -> None:
        """While a batch of this window updates its rows itself, rereading the ids after
        each message would be wasted; a full refresh follows when it ends."""
        self.polling_paused = paused

    def refresh_documents(self, document_ids: list[int]) -> None:
        """Reread these documents' rows in the background, then show them (a batch's
        progress: the window never waits for the database meanwhile)."""
        self.model.refresh_rows(document_ids)

    def add_send_control(self, widget: QWidget) -> None:
        """Put a control (the "Envoi Webmail" button) right after the tick-all button."""
        self.toolbar.insertWidget(self._send_slot, widget)
        self.setTabOrder(self.select_all_button, widget)
        self.setTabOrder(widget, self.sent_filter)

    def current_document_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.document_id(index.row()) if index.isValid() else None

    def set_sent_filter(self, value: SentFilter) -> None:
        self.sent_filter.setCurrentIndex(self.sent_filter.findData(str(value)))

    def apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if text != self.model.query.search:
            self.model.set_query(replace(self.model.query, search=text))

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def tick_all(self) -> None:
        self.model.tick_all_shown()

    def toggle_current(self) -> None:
        """Space: tick or untick the selected rows (at least the current one)."""
        rows = self.table.selected_rows()
        current = self.table.currentIndex()
        if current.isValid() and current.row() not in rows:
            rows = [current.row()]
        if rows:
            self.model.toggle_rows(rows)

    def open_information(self, document_id: int | None = None) -> DocumentInfoDialog | None:
        """The Information dialog of a document (default: the current row's)."""
        if document_id is None:
            if self.isHidden():
                return None
            document_id = self.current_document_id()
        if document_id is None:
            return None
        try:
            from ui.dialogs.document_info import DocumentInfoDialog  # lazy: see the docstring

            dialog = DocumentInfoDialog(self.db, document_id, self)
        except NotFoundError:
            self._warn(self.tr("This document no longer exists: it was deleted meanwhile."))
            self.refresh()
            return None
        except FacturierError as error:
            self._warn(error_text(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reload(self) -> None:
        self.refresh()

    def is_loading(self) -> bool:
        """Whether the report still reads ids or rows in the background."""
        return self.model.is_loading()

    def count_text(self) -> str:
        text = self.tr("%Ln document(s)", "", self.model.total_count())
        ticked = self.model.checked_count()
        if ticked:
            text += " · " + self.tr("%Ln ticked", "", ticked)
            hidden = self.model.hidden_checked_count()
            if hidden:
                text += " " + self.tr("(%Ln not shown by the filter)", "", hidden)
        return text

    # --- behaviour ----------------------------------------------------------------------

    def _ids_loaded(self) -> None:
        self._counts_changed()
        document_id, self._select_after = self._select_after, None
        row = self.model.row_of(document_id) if document_id is not None else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, Column.NUMBER))

    def _rows_loaded(self, first: int, last: int) -> None:
        if first <= self.table.currentIndex().row() <= last:
            self._update_info_action()  # the current document's actions can now be judged

    def _load_failed(self, error: BaseException) -> None:
        """A background read failed: told once (not per page), never raised to the user.
        A report that is not on screen (another page shown, the window closing) says
        nothing: the read it needs is made again when it shows."""
        if not isinstance(error, FacturierError):
            raise error
        if not self.isVisible():
            self._read_again_when_shown = True
        elif self.findChild(QMessageBox, "reportErrorBox") is None:
            self._warn(error_text(error))
        self._update_actions()

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Facturier"), text, parent=self)
        box.setObjectName("reportErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _filter_chosen(self) -> None:
        sent = SentFilter(self.sent_filter.currentData())
        payment = PaymentFilter(self.payment_filter.currentData())
        self.model.set_query(replace(self.model.query, sent=sent, payment=payment))

    def _search_escape(self) -> None:
        if self.search_box.text():
            self.search_box.clear()
            self.apply_search()
        else:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _checked_changed(self, count: int) -> None:
        self._update_actions()
        self.checkedChanged.emit(count)
        self._counts_changed()

    def _counts_changed(self) -> None:
        self._update_actions()
        self.countsChanged.emit()

    def _update_actions(self) -> None:
        self._update_info_action()
        all_ticked = self.model.all_shown_checked()
        self.tick_all_action.setText(self.tr("Untick all") if all_ticked else self.tr("Tick all"))
        self.tick_all_action.setToolTip(
            self.tr("Untick every document shown (Ctrl+Shift+A)")
            if all_ticked
            else self.tr("Tick every document the filter shows (Ctrl+Shift+A)")
        )
        self.tick_all_action.setEnabled(self.model.total_count() > 0)

    def _update_info_action(self) -> None:
        shown = not self.isHidden()  # another page of the main window hides this one
        self.info_action.setEnabled(shown and self.table.currentIndex().isValid())
        self.documents.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_info_action()
        if self._read_again_when_shown:
            self._read_again_when_shown = False
            self.model.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_info_action()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_toolbar()

    def fit_toolbar(self) -> None:
        """Every action in sight: icons only on a narrow window (ui.toolbar_fit)."""
        fit_toolbar(self.toolbar, self.toolbar.width())

    def _activated(self, index: QModelIndex) -> None:
        """The envelope opens the send history; any other cell opens the document."""
        if not index.isValid():
            return
        if index.column() == Column.ENVELOPE:
            self.open_information(self.model.document_id(index.row()))
        elif index.column() != Column.NUMBER or not self.table.last_click_on_checkbox():
            self.documents.edit_current()

    def current_row(self) -> ReportRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.isHidden():
            return None
        return self.model.row_data(index.row())

    def _select_when_shown(self, document_id: int) -> None:
        self._select_after = document_id  # current once the ids with it arrive
        self.refresh()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.setCurrentIndex(index)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        rows = self.table.selected_rows() or [index.row()]
        self._menu_ids = [self.model.document_id(r) for r in rows]
        all_ticked = all(self.model.is_checked(i) for i in self._menu_ids)
        self._menu_tick = not all_ticked
        self._toggle_action.setText(self.tr("Untick") if all_ticked else self.tr("Tick"))
        menu = self._row_menu  # one menu, refilled each time
        menu.clear()
        menu.addAction(self.info_action)
        for action in self._row_actions:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self._toggle_action)
        menu.addAction(self.tick_all_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _toggle_menu_rows(self) -> None:
        self.model.set_checked(self._menu_ids, self._menu_tick)

    def _information_asked(self) -> None:
        self.open_information()

    def _search_typed(self, _text: str) -> None:
        self._search_timer.start()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_info_action()
