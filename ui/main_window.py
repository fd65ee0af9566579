"""The main window: navigation between the reports, the clients, the outbox and the
payment reminders.

Each view is a widget of its own in ``ui/views``; this window only switches between them.

Dialogs are imported where they open (lazy): the window's first paint does not wait for
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
)

from app.domain.kinds import DocumentKind, report_kinds
from app.errors import FacturierError
from app.services.database import Database
from app.services.platform_account import platform_configured
from app.services.recurring import RunResult, run_due
from app.services.settings import Company
from ui.dialogs.shortcuts_sheet import add_shortcuts_help
from ui.icons import apply_action_icons, icon, page_icon
from ui.messages import error_text
from ui.models.document_table import DocumentTableModel
from ui.outbox_sender import OutboxSender, OutboxStatusButton
from ui.platform_poller import PlatformPoller
from ui.registry_text import pick_text
from ui.shortcut_text import show_shortcuts_in_tooltips
from ui.tasks import Task, run_task
from ui.views.clients_view import ClientsView
from ui.views.outbox_view import OutboxView
from ui.views.reminders_view import RemindersView
from ui.views.report_view import ReportView
from ui.window_memory import remember_geometry, restore_geometry

if TYPE_CHECKING:
    from ui.dialogs.batch_confirm import BatchConfirmDialog


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Facturier"))
        self.resize(1100, 700)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMinimumWidth(140)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        self.navigation.setIconSize(QSize(20, 20))
        for kind in report_kinds():
            self._add_nav(pick_text(kind.spec.tab_title), str(kind))
        self._add_nav(self.tr("Clients"), "clients")
        self._add_nav(self.tr("Outbox"), "outbox")
        self._add_nav(self.tr("Reminders"), "reminders")

        self.report_view = ReportView(db, self)
        self.clients_view = ClientsView(db, self)
        self.outbox_sender = OutboxSender(db, self)  # sending and retrying the outbox
        self.outbox_view = OutboxView(db, self, sender=self.outbox_sender)
        self.reminders_view = RemindersView(db, self)
        self.pages = QStackedWidget()
        for view in (self.report_view, self.clients_view, self.outbox_view, self.reminders_view):
            self.pages.addWidget(view)

        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        # As wide as its longest entry (the report needs the room on a small window); it
        # keeps its width when the window grows.
        navigation_width = max(self.navigation.minimumWidth(), self.navigation_width())
        splitter.setSizes([navigation_width, 1100 - navigation_width])
        self.setCentralWidget(splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.outbox_status = OutboxStatusButton(self.outbox_sender)
        self.statusBar().addPermanentWidget(self.outbox_status)
        self.outbox_status.openRequested.connect(self.show_outbox)
        self.outbox_view.countsChanged.connect(self._outbox_counts_changed)
        self.outbox_view.outboxChanged.connect(self.report_view.documentsChanged)
        self.report_view.documentsChanged.connect(self.outbox_sender.check_pending)
        self.report_view.countsChanged.connect(self._report_counts_changed)
        self.clients_view.countsChanged.connect(self._clients_counts_changed)
        self.reminders_view.countsChanged.connect(self._reminders_counts_changed)
        self.reminders_view.send_action.triggered.connect(self.send_reminders_checked)
        self.document_menu = self.menuBar().addMenu(self.tr("&Document"))
        documents = self.report_view.documents
        self.document_menu.addAction(documents.new_action)
        self.document_menu.addAction(documents.edit_action)
        self.document_menu.addAction(documents.preview_action)
        self.document_menu.addAction(self.report_view.info_action)
        self.document_menu.addSeparator()
        for action in documents.row_actions()[2:]:  # duplicate … client
            self.document_menu.addAction(action)
        self.document_menu.addSeparator()
        self._build_send_control()
        self._build_settings_action()
        add_shortcuts_help(self)  # Help › Keyboard shortcuts (F1)
        apply_action_icons(self)  # the toolbar's and the menus' icons, one set (ui.icons)
        show_shortcuts_in_tooltips(self.findChildren(QAction))
        documents.sendRequested.connect(lambda document_id: self.send_documents([document_id]))
        # Whose invoices these are (the database itself is under Settings › Database).
        self.company_label = QLabel()
        self.company_label.setObjectName("companyLabel")
        where = str(db.path) if db.path else db.url.render_as_string(hide_password=True)
        self.company_label.setToolTip(where)
        self.statusBar().addWidget(self.company_label)
        self.outbox_sender.companyRead.connect(lambda company: self.show_company(company.name))

        self.navigation.currentItemChanged.connect(self._navigate)
        self.navigation.setCurrentRow(0)
        self.outbox_sender.start()  # counts now; retries only what a started batch left due
        # The e-invoicing platform's statuses, read every few minutes when one is set.
        self.platform_poller = PlatformPoller(db, self)
        self.platform_poller.statusesChanged.connect(self.report_view.documentsChanged)
        self.platform_poller.failed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.platform_poller.start()
        self._make_recurring()
        # As big and where it was last time; never so small that the search box goes.
        self.setMinimumSize(self.minimumSizeHint().expandedTo(QSize(720, 480)))
        restore_geometry("mainWindow", self)

    def _make_recurring(self) -> Task[RunResult, None]:
        """The recurring invoices due since the last start, in the background (each
        period once, even when another workstation starts at the same moment)."""

        def made(result: RunResult) -> None:
            if result.made:
                self.report_view.documentsChanged.emit()  # new invoices, maybe messages
                text = self.tr("%n recurring invoice(s) created", "", len(result.made))
                self.statusBar().showMessage(text, 15_000)

        def failed(error: BaseException) -> None:
            if not isinstance(error, FacturierError):
                raise error
            self.statusBar().showMessage(
                self.tr("Recurring invoices not created: {reason}").format(
                    reason=error_text(error)
                ),
                15_000,
            )

        db = self.db
        return run_task(lambda _context: run_due(db), on_success=made, on_error=failed, parent=self)

    def _build_settings_action(self) -> None:
        """Settings… (Ctrl+,): company, sender, mail server, templates, database."""
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        self.tools_menu.addAction(self.settings_action)
        self.export_action = QAction(self.tr("Export for the accountant…"), self)
        self.export_action.setObjectName("exportAction")
        self.export_action.triggered.connect(self.open_export)
        self.tools_menu.addAction(self.export_action)

    def open_export(self) -> None:
        from ui.dialogs.export_dialog import open_export  # lazy: see the docstring

        open_export(self, self.db)

    def open_settings(self) -> bool:
        from ui.dialogs.settings_dialog import open_settings  # lazy: see the docstring

        saved = open_settings(self, self.db)
        if saved:  # new SMTP settings or password: lift a pause, retry what waits
            self.outbox_sender.settings_changed()
        return saved

    def _build_send_control(self) -> None:
        """Envoi Webmail: on every report, enabled while documents are ticked."""
        self.send_action = QAction(icon("send-webmail"), self.tr("Send by e-mail"), self)
        self.send_action.setObjectName("sendWebmailAction")
        self.send_action.setShortcut(QKeySequence("Ctrl+E"))
        self.send_action.setToolTip(
            self.tr("E-mail the ticked documents to their clients (Ctrl+E)")
        )
        self.send_action.setEnabled(False)
        self.send_action.triggered.connect(self.send_checked)
        button = QToolButton()
        button.setObjectName("sendWebmailButton")
        button.setDefaultAction(self.send_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        self.report_view.add_send_control(button)
        self.document_menu.addAction(self.send_action)
        self.report_view.checkedChanged.connect(lambda n: self.send_action.setEnabled(n > 0))
        # The settings, read in the background, say whether a platform takes some of them.
        self.outbox_sender.companyRead.connect(self._show_send_channels)
        self.batch_dialog: BatchConfirmDialog | None = None

    def _show_send_channels(self, company: Company) -> None:
        """ "Send" once an e-invoicing platform is set up (e-mail and the platform),
        "Send by e-mail" (Envoi Webmail) until then."""
        if platform_configured(company):
            self.send_action.setText(self.tr("Send"))
            self.send_action.setToolTip(
                self.tr(
                    "Send the ticked documents to their clients, by e-mail or through the "
                    "platform (Ctrl+E)"
                )
            )
        else:
            self.send_action.setText(self.tr("Send by e-mail"))
            self.send_action.setToolTip(
                self.tr("E-mail the ticked documents to their clients (Ctrl+E)")
            )

    def send_checked(self) -> BatchConfirmDialog | None:
        """Open the confirmation of a batch of the ticked documents (not modal: the window
        stays usable while it sends)."""
        return self.send_documents(self.report_view.checked_ids())

    def send_documents(self, ids: list[int]) -> BatchConfirmDialog | None:
        """The batch confirmation of these documents (the editor's "Validate and send")."""
        if not ids or not self._one_batch_at_a_time():
            return self.batch_dialog if ids else None
        from ui.dialogs.batch_confirm import BatchConfirmDialog  # lazy: see the docstring

        dialog = BatchConfirmDialog(self.db, ids, self)
        dialog.documentsChanged.connect(self.report_view.documentsChanged)
        dialog.documentsUpdated.connect(self.report_view.refresh_documents)
        dialog.documentsDelivered.connect(self._delivered)
        return self._show_batch(dialog)

    def send_reminders_checked(self) -> BatchConfirmDialog | None:
        """Open the confirmation of the reminders of the ticked overdue invoices: the same
        dialog, worker, progress and summary as the documents (one batch at a time)."""
        ids = self.reminders_view.checked_ids()
        if not ids or not self._one_batch_at_a_time():
            return self.batch_dialog if ids else None
        from ui.dialogs.batch_confirm import BatchConfirmDialog  # lazy: see the docstring
        from ui.dialogs.batch_source import ReminderSource

        dialog = BatchConfirmDialog(self.db, ids, self, source=ReminderSource(ids))
        dialog.batchFinished.connect(self.reminders_view.reload)  # levels reached, next ones
        dialog.documentsChanged.connect(self.outbox_sender.check_pending)
        return self._show_batch(dialog)

    def _one_batch_at_a_time(self) -> bool:
        """False while the open batch dialog sends (it is raised); a dialog not sending is
        closed: the new ticks replace it."""
        previous = self.batch_dialog
        if previous is not None:
            if previous.task is not None:
                previous.raise_()
                return False
            previous.close()
        return True

    def _show_batch(self, dialog: BatchConfirmDialog) -> BatchConfirmDialog:
        dialog.batchStarting.connect(lambda: self._batch_running(True))
        dialog.batchFinished.connect(lambda: self._batch_running(False))
        dialog.destroyed.connect(lambda: self._batch_running(False))
        dialog.drainFinished.connect(self.outbox_sender.record_result)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._batch_dialog_gone(dialog))
        self.batch_dialog = dialog
        dialog.show()
        return dialog

    def _delivered(self, document_ids: list[int]) -> None:
        """The client received these: they leave the ticks; the others stay ticked."""
        self.report_view.model.set_checked(document_ids, False)

    def _batch_running(self, running: bool) -> None:
        """While a batch of this window sends, it alone talks to the mail server (automatic
        retries wait) and it alone updates the report's rows (the poll waits)."""
        if running:
            self.outbox_sender.hold()
        else:
            self.outbox_sender.release()
        self.report_view.pause_polling(running)
        self.reminders_view.pause(running)

    def _batch_dialog_gone(self, dialog: BatchConfirmDialog) -> None:
        if self.batch_dialog is dialog:
            self.batch_dialog = None

    @property
    def report_model(self) -> DocumentTableModel:
        return self.report_view.model

    def _add_nav(self, label: str, key: str) -> None:
        item = QListWidgetItem(page_icon(key), label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)

    def navigation_width(self) -> int:
        """Room for the navigation's longest entry, with its icon and padding."""
        return self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 8

    def current_view(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _navigate(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        key = str(current.data(Qt.ItemDataRole.UserRole)) if current else "invoice"
        if key == "clients":
            view: ReportView | ClientsView | OutboxView | RemindersView = self.clients_view
            view.reload()
        elif key == "outbox":
            view = self.outbox_view
            view.reload()
        elif key == "reminders":
            view = self.reminders_view
            view.reload()
        else:
            view = self.report_view
            self.report_view.show_kind(DocumentKind(key))
        self.pages.setCurrentWidget(view)
        self.count_label.setText(view.count_text())

    def show_company(self, name: str) -> None:
        """The status bar names the company, and says when the database is shared."""
        self.company_label.setText(self.company_text(name, shared=self.db.path is None))

    def company_text(self, name: str, *, shared: bool) -> str:
        if not shared:
            return name
        if not name:
            return self.tr("Shared database")
        return self.tr("{company} — shared database").format(company=name)

    def _report_counts_changed(self) -> None:
        if self.pages.currentWidget() is self.report_view:
            self.count_label.setText(self.report_view.count_text())

    def _clients_counts_changed(self) -> None:
        if self.pages.currentWidget() is self.clients_view:
            self.count_label.setText(self.clients_view.count_text())

    def _reminders_counts_changed(self) -> None:
        if self.pages.currentWidget() is self.reminders_view:
            self.count_label.setText(self.reminders_view.count_text())

    def _outbox_counts_changed(self) -> None:
        if self.pages.currentWidget() is self.outbox_view:
            self.count_label.setText(self.outbox_view.count_text())

    def show_outbox(self) -> None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == "outbox":
                self.navigation.setCurrentRow(row)

    def reload(self) -> None:
        self._navigate(self.navigation.currentItem())

    def closeEvent(self, event: QCloseEvent) -> None:
        remember_geometry("mainWindow", self)
        self.report_view.remember_layout()
        self.outbox_sender.shutdown()  # timers off; a drain stops after the current message
        self.platform_poller.stop()
        # A batch stops between two messages; nothing is left half-done. Never dispose of
        # the database under a worker: the mail server's own timeouts bound this wait.
        while not Task.wait_all():
            pass
        self.db.dispose()
        super().closeEvent(event)
