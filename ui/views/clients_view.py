"""The address book: every client, and whether documents can be e-mailed to it.

Searchable (name, postal code, city, e-mail), sortable, with a "without mailing address"
filter so that clients who cannot receive documents can all be fixed in one pass. New /
Edit / Delete / Import are toolbar actions, also in the context menu; a double-click or
Enter edits the client.

Dialogs, the import and the statement are imported where they are used (lazy): the
window's first paint does not wait for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.errors import FacturierError
from app.files import write_file
from app.services.clients import ClientSummary, delete_client, list_clients
from app.services.database import Database
from ui.client_problems import problem_text
from ui.icons import icon
from ui.models.client_table import ID_ROLE, ClientFilterProxy, ClientTableModel
from ui.tasks import Task, run_task
from ui.toolbar_fit import fit_toolbar

if TYPE_CHECKING:
    from app.services.client_import import ImportReport
    from ui.dialogs.client_import_report import ClientImportReportDialog


class ClientsView(QWidget):
    countsChanged = Signal()  # clients added, removed or filtered
    importFinished = Signal()  # a CSV import ended (report shown, or the reason told)
    statementSaved = Signal(str)  # the path an account statement was written to

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("clientsView")
        self.model = ClientTableModel(self)
        self.proxy = ClientFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.import_report: ClientImportReportDialog | None = None
        self.import_task: Task[ImportReport, None] | None = None
        self.statement_task: Task[bytes, None] | None = None
        # Where to save a statement: the file dialog (tests put a function of their own).
        self.choose_path: Callable[[str], Path | None] = self.choose_statement_path
        self.encoding_question: QMessageBox | None = None

        self.title = QLabel(self.tr("Address book"))
        self.title.setObjectName("clientsTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("clientCountLabel")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")

        self.new_action = self._action("newClientAction", self.tr("New client"), self.new_client)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.edit_action = self._action("editClientAction", self.tr("Edit…"), self.edit_selected)
        self.delete_action = self._action(
            "deleteClientAction", self.tr("Delete"), self.delete_selected
        )
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.import_action = self._action(
            "importClientsAction", self.tr("Import a CSV file…"), self.import_clients
        )
        self.import_action.setToolTip(
            self.tr("Add clients from a CSV file (name, address, e-mail, phone…)")
        )
        self.statement_action = self._action(
            "clientStatementAction", self.tr("Account statement…"), self.save_statement
        )
        self.statement_action.setToolTip(
            self.tr("The client's open invoices and what is left to pay, as a PDF to save")
        )
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("clientToolbar")
        self.toolbar.setIconSize(QSize(20, 20))  # the icons: ui.icons, by action name
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.edit_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.statement_action)
        self.toolbar.addAction(self.import_action)
        self.toolbar.widgetForAction(self.import_action).setObjectName("importClientsButton")

        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(self.tr("Search: name, city or e-mail"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.addAction(
            icon("search"),
            QLineEdit.ActionPosition.LeadingPosition,
        )
        self.without_mail = QCheckBox(self.tr("Without mailing address only"))
        self.without_mail.setObjectName("withoutMailFilter")
        self.without_mail.setToolTip(
            self.tr("Show only the clients to whom documents cannot be e-mailed yet")
        )

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setObjectName("clientTable")
        self.table.setModel(self.proxy)
        self._setup_table()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("clientEmptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 13pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self._layout()

        self.search.textChanged.connect(self._search_changed)
        self.without_mail.toggled.connect(self._filter_changed)
        self.table.activated.connect(self._activated)  # double-click or Enter
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self._update_count()
        self._update_actions()

    def _action(self, name: str, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _setup_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(True)
        table.sortByColumn(ClientTableModel.NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ClientTableModel.MAILING, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 230), (1, 180), (2, 120), (4, 90)):
            table.setColumnWidth(column, width)

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.search)
        tools = QHBoxLayout()
        tools.addWidget(self.toolbar)
        tools.addStretch(1)
        tools.addWidget(self.without_mail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.addLayout(head)
        layout.addLayout(tools)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        self._tools, self._page = tools, layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The toolbar shares its row with the filter: its room is what the filter leaves.
        margins = self.contentsMargins() + self._page.contentsMargins()
        room = (
            event.size().width()
            - margins.left()
            - margins.right()
            - self.without_mail.sizeHint().width()
            - 2 * self._tools.spacing()
        )
        fit_toolbar(self.toolbar, room)

    # --- loading, filtering, counting ---------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.selected_id()
        self.model.set_clients(list_clients(self.db))
        if current is not None:
            self.select_client(current)
        self._update_count()
        self._update_actions()

    def select_client(self, client_id: int) -> bool:
        row = self.model.row_of(client_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(ID_ROLE))

    def selected_client(self) -> ClientSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.client_at(self.proxy.mapToSource(rows[0]).row())

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _filter_changed(self, only: bool) -> None:
        self.proxy.set_without_mail_only(only)
        self._update_count()

    def count_text(self) -> str:
        return self.tr("%n client(s)", "", self.model.rowCount())

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.proxy.is_filtered():
            text = self.tr("%n client(s) shown out of {total}", "", shown).format(total=total)
        else:
            text = self.count_text()
        without = self.model.without_mail_count()
        if without:
            text += " · " + self.tr("%n without mailing address", "", without)
        self.count_label.setText(text)
        if total == 0:
            self.empty_label.setText(
                self.tr("No client yet. Create one with “New client” or import a CSV file.")
            )
        else:
            self.empty_label.setText(self.tr("No client matches the search."))
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)
        self.countsChanged.emit()

    def _update_actions(self) -> None:
        selected = self.selected_id() is not None
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.statement_action.setEnabled(selected and self.statement_task is None)

    # --- actions ------------------------------------------------------------------------

    def open_editor(self, client_id: int | None) -> int | None:
        """The editor, modal; the saved client's id or None (overridable in tests)."""
        from ui.dialogs.client_editor import open_client_editor  # lazy: see the docstring

        return open_client_editor(self, self.db, client_id)

    def new_client(self) -> None:
        saved = self.open_editor(None)
        if saved is not None:
            self._after_change(saved)

    def edit_selected(self) -> None:
        client_id = self.selected_id()
        if client_id is None:
            return
        self.open_editor(client_id)
        self.reload(client_id)  # also when it was deleted or changed elsewhere

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.edit_selected()

    def delete_selected(self) -> None:
        client = self.selected_client()
        if client is None or not self.confirm_delete(client):
            return
        try:
            delete_client(self.db, client.id)
        except FacturierError as error:
            self.inform(problem_text(error))
        self.reload()

    def confirm_delete(self, client: ClientSummary) -> bool:
        """Ask before deleting (overridable in tests)."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete a client"),
            self.tr("Delete {name} and its contact rows? This cannot be undone.").format(
                name=client.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, text: str) -> None:
        """Tell the user why something was refused (overridable in tests)."""
        QMessageBox.warning(self, self.tr("Address book"), text)

    def _after_change(self, client_id: int) -> None:
        self.reload(client_id)
        if not self.select_client(client_id):  # hidden by the search or the filter
            self.search.clear()
            self.without_mail.setChecked(False)
            self.select_client(client_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setObjectName("clientContextMenu")
        for action in (self.edit_action, self.new_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.statement_action)
        menu.addAction(self.import_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # --- statement ----------------------------------------------------------------------

    def choose_statement_path(self, name: str) -> Path | None:
        """Where to save the statement (the file dialog asks before replacing a file)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the account statement"),
            str(Path(folder or Path.home()) / name),
            self.tr("PDF documents (*.pdf)"),
        )
        return Path(path) if path else None

    def save_statement(self) -> Task[bytes, None] | None:
        """Render the selected client's statement in the background, then save it where
        the user chooses (asked once it is ready: nothing to save, nothing asked)."""
        client = self.selected_client()
        if client is None or self.statement_task is not None:
            return None
        db, client_id, today = self.db, client.id, date.today()
        name = statement_file_name(client.name, today)

        def rendered(pdf: bytes) -> None:
            self.statement_task = None
            self._update_actions()
            path = self.choose_path(name)
            if path is None:
                return
            confirmed = bool(path.suffix)  # a name completed here was not asked about
            if not confirmed:
                path = path.with_suffix(".pdf")
            try:
                write_file(path, pdf, force=confirmed, guard=db.output_guard())
            except FacturierError as error:
                self.inform(problem_text(error))
                return
            self.statementSaved.emit(str(path))

        def failed(error: BaseException) -> None:
            self.statement_task = None
            self._update_actions()
            if not isinstance(error, FacturierError):
                raise error
            self.inform(problem_text(error))

        from app.services.reminders import statement_pdf  # lazy: see the docstring

        self.statement_task = run_task(
            lambda _context: statement_pdf(db, client_id, today),
            on_success=rendered,
            on_error=failed,
            parent=self,
        )
        self._update_actions()
        return self.statement_task

    # --- import -------------------------------------------------------------------------

    def choose_import_file(self) -> Path | None:
        """The CSV file to import (overridable in tests)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import clients"),
            str(Path.home()),
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        return Path(name) if name else None

    def import_clients(self) -> None:
        """Read, check and import the file in the background (a big file takes a while);
        ``importFinished`` when the report or the reason is shown. A file that is not UTF-8
        is read as Windows-1252 only when the user says so (``encoding_question``)."""
        path = self.choose_import_file()
        if path is None or self.import_task is not None:
            return
        self._import(path, None)

    def _import(self, path: Path, encoding: str | None) -> None:
        db = self.db
        self.import_action.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done() -> None:
            QGuiApplication.restoreOverrideCursor()
            self.import_task = None
            self.import_action.setEnabled(True)

        def imported(report: ImportReport) -> None:
            done()
            self.reload()
            self.show_import_report(report, path)
            self.importFinished.emit()

        def refused(error: BaseException) -> None:
            done()
            if not isinstance(error, FacturierError):
                raise error
            if error.code == "import.not_utf8" and encoding is None:
                self.ask_encoding(path, error)  # importFinished once answered
                return
            self.inform(self.import_problem_text(error))
            self.importFinished.emit()

        from app.services.client_import import import_clients_file  # lazy: see the docstring

        self.import_task = run_task(
            lambda _context: import_clients_file(db, path, encoding=encoding),
            on_success=imported,
            on_error=refused,
            parent=self,
        )

    def ask_encoding(self, path: Path, error: FacturierError) -> None:
        """The file is not UTF-8: show its first such line read as Windows-1252 and ask
        whether that is its encoding (window-modal, does not block: tests find it in
        ``encoding_question``). Yes imports it so; No imports nothing."""
        box = QMessageBox(self)
        box.setObjectName("importEncodingQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Import clients"))
        box.setText(
            self.tr(
                "Line {line} of “{file}” is not UTF-8 text. Read as Windows-1252 (the encoding "
                "of files saved by Excel or older programs), it says:"
            ).format(line=error.data.get("line", ""), file=path.name)
        )
        box.setInformativeText(
            self.tr(
                "“{sample}”\n\nIs this right? If it is not, nothing is imported: save the file "
                "again as CSV UTF-8."
            ).format(sample=error.data.get("sample", ""))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Yes, read it as Windows-1252"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("No, import nothing"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.encoding_question = None
            if box.clickedButton() is yes:
                self._import(path, "cp1252")
            else:
                self.importFinished.emit()

        box.finished.connect(answered)
        self.encoding_question = box
        box.open()

    def import_problem_text(self, error: FacturierError) -> str:
        """Why a file cannot be imported at all."""
        if error.code == "import.mixed_encoding":
            return self.tr(
                "The file mixes two encodings: line {utf8_line} is UTF-8 text, line {line} is "
                "not. Read either way, some names would be garbled: save the file again as "
                "CSV UTF-8. Nothing was imported."
            ).format(utf8_line=error.data.get("utf8_line", ""), line=error.data.get("line", ""))
        if error.code == "import.encoding":
            return self.tr(
                "Line {line} of the file is neither UTF-8 nor Windows-1252 text: save the file "
                "again as CSV UTF-8. Nothing was imported."
            ).format(line=error.data.get("line", ""))
        return problem_text(error)

    def show_import_report(self, report: ImportReport, path: Path) -> None:
        """The report dialog, window-modal (does not block: tests find it in
        ``import_report``)."""
        from ui.dialogs.client_import_report import (
            ClientImportReportDialog,  # lazy: see the docstring
        )

        self.import_report = ClientImportReportDialog(report, path, self)
        self.import_report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_report.open()


def statement_file_name(client_name: str, today: date) -> str:
    """« releve-<client>-<date>.pdf », with only characters every system accepts."""
    folded = unicodedata.normalize("NFKD", client_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-").lower()[:60] or "client"
    return f"releve-{slug}-{today.isoformat()}.pdf"
