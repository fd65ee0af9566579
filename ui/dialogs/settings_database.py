"""Settings page: the database in use, and moving to a shared PostgreSQL server.

The address of the server is typed without its password, which has a field of its own and
is never shown in clear (a pasted address that holds one has it moved there at once). Its
three actions take effect at once, outside the dialog's Save, each in the background:
test the connection, copy this database into the (empty) shared one, and make this
computer open the shared one from its next start.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.database import (
    Database,
    configured_database,
    local_database_file,
    open_database,
    use_local_file,
)
from app.services.db_copy import (
    PasswordPlace,
    RememberedDatabase,
    TableCopy,
    copy_database,
    server_version,
    use_database,
)
from app.services.settings import Company
from ui.dialogs.settings_texts import database_error_text
from ui.dialogs.settings_widgets import (
    MessageLine,
    SettingsPage,
    add_row,
    chain_tab_order,
    form_box,
    hint,
    line_edit,
    page_layout,
)
from ui.tasks import Task, TaskContext, run_task

T = TypeVar("T")
P = TypeVar("P")
CopyProgress = tuple[str, int]  # a table copied, and its row count

SCHEMES = ("postgresql", "postgresql+psycopg")
EXAMPLE = "postgresql+psycopg://user@server:5432/facturier"
TABLES = 11  # what a copy goes through, for its progress bar (grows if the schema does)
CONNECT_TIMEOUT = "10"  # seconds, so that an unreachable server is told quickly


def split_password(url: str) -> tuple[str, str]:
    """``(url without its password, password)``; the password is decoded."""
    parts = urlsplit(url.strip())
    if parts.password is None or parts.hostname is None:
        return url.strip(), ""
    netloc = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}")), unquote(parts.password)


def join_password(url: str, password: str) -> str:
    """The full address, with the password encoded into it."""
    if not password:
        return url
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    if not at:
        return url
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


def with_connect_timeout(url: str) -> str:
    if "connect_timeout=" in url:
        return url
    return url + ("&" if "?" in url else "?") + f"connect_timeout={CONNECT_TIMEOUT}"


def hide_password(url: str) -> str:
    address, password = split_password(url)
    if not password:
        return address
    parts = urlsplit(address)
    user, _at, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


class DatabasePage(SettingsPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePage")
        self.db = db
        self.task: (
            Task[str, None] | Task[list[TableCopy], CopyProgress] | Task[RememberedDatabase, None]
        ) | None = None
        self._action = ""
        self.current_label = QLabel()
        self.current_label.setObjectName("currentDatabaseLabel")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.configured_label = QLabel()
        self.configured_label.setObjectName("configuredDatabaseLabel")
        self.configured_label.setWordWrap(True)
        self.url = line_edit("databaseUrlEdit", 0, EXAMPLE)
        self.password = QLineEdit()
        self.password.setObjectName("databasePasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.test_button.setObjectName("testDatabaseButton")
        self.copy_button = QPushButton(self.tr("Copy my data into it"))
        self.copy_button.setObjectName("copyDatabaseButton")
        self.use_button = QPushButton(self.tr("Use this database on this computer"))
        self.use_button.setObjectName("useDatabaseButton")
        self.local_button = QPushButton(self.tr("Use the local file again"))
        self.local_button.setObjectName("useLocalDatabaseButton")
        self.progress = QProgressBar()
        self.progress.setObjectName("databaseProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.result = MessageLine("databaseResult")
        self.counts = QTableWidget(0, 4)  # two (table, rows) pairs side by side: compact
        self.counts.setTabKeyNavigation(False)  # Tab leaves the table
        self.counts.setObjectName("copyCountsTable")
        self.counts.setHorizontalHeaderLabels(
            [self.tr("Table"), self.tr("Rows"), self.tr("Table"), self.tr("Rows")]
        )
        self.counts.verticalHeader().setVisible(False)
        self.counts.verticalHeader().setDefaultSectionSize(22)
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts.setAccessibleName(self.tr("Rows copied per table"))
        header = self.counts.horizontalHeader()
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.counts.hide()

        self.url.editingFinished.connect(self._take_password_out)
        self.url.textChanged.connect(self._update_buttons)
        self.test_button.clicked.connect(self.test_connection)
        self.copy_button.clicked.connect(self.copy_data)
        self.use_button.clicked.connect(self.use_database)
        self.local_button.clicked.connect(self.use_local_file)
        self._layout()
        self._show_current()
        self._update_buttons()

    def _layout(self) -> None:
        current = QGroupBox(self.tr("Database in use"))
        box = QVBoxLayout(current)
        box.addWidget(self.current_label)
        box.addWidget(self.configured_label)

        shared, form = form_box(self.tr("Shared database (PostgreSQL)"))
        form.addRow(
            hint(
                self.tr(
                    "Several computers of your business can work on one PostgreSQL database. "
                    "Type its address, test it, copy your data into it, then use it on each "
                    "computer."
                )
            )
        )
        add_row(form, self.tr("Address"), self.url)
        add_row(form, self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.copy_button, self.use_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.progress)
        form.addRow(self.result)
        form.addRow(self.counts)
        form.addRow(
            hint(
                self.tr(
                    "These actions take effect at once; they are not part of Save. Your "
                    "current database is never changed by them."
                )
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.local_button)
        row.addStretch(1)
        box.addLayout(row)
        page_layout(self, current, shared)
        chain_tab_order(
            [
                self.local_button,
                self.url,
                self.password,
                self.test_button,
                self.copy_button,
                self.use_button,
                self.counts,
            ]
        )

    # --- the database in use ------------------------------------------------------------

    def load(self, company: Company) -> None:
        configured = configured_database()
        if "://" in configured and not self.url.text():
            address, password = split_password(configured)
            self.url.setText(address)
            self.password.setText(password)

    def _show_current(self) -> None:
        path = self.db.path
        if path is not None:
            text = self.tr("This computer works on the file {path} (SQLite).").format(path=path)
        else:
            shown = self.db.url.render_as_string(hide_password=True)
            text = self.tr("This computer works on the shared database {address}.").format(
                address=shown
            )
        self.current_label.setText(text)
        configured = configured_database()
        if os.environ.get("FACTURIER_DB"):
            note = self.tr("Chosen by the FACTURIER_DB environment variable.")
        elif configured:
            note = self.tr("At the next start: {address}.").format(
                address=hide_password(configured)
            )
        else:
            note = self.tr("At the next start: the local file {path}.").format(
                path=local_database_file()
            )
        self.configured_label.setText(note)
        self.configured_label.setStyleSheet("color: palette(placeholder-text);")
        self.local_button.setVisible(bool(configured))

    def _take_password_out(self) -> None:
        """A pasted address holding a password: the password goes to its own field."""
        address, password = split_password(self.url.text())
        if password:
            self.url.setText(address)
            self.password.setText(password)

    def full_url(self) -> str:
        address, password = split_password(self.url.text())
        return join_password(address, password or self.password.text())

    def address_parts(self) -> tuple[str, str, str]:
        parts = urlsplit(self.url.text().strip())
        try:
            port = str(parts.port or 5432)
        except ValueError:
            port = "?"
        return parts.hostname or "", port, parts.path.lstrip("/")

    def url_problem(self) -> str:
        text = self.url.text().strip()
        if not text:
            return self.tr("Type the address of the PostgreSQL database.")
        parts = urlsplit(text)
        host, port, name = self.address_parts()
        if parts.scheme not in SCHEMES or not host or not name or port == "?":
            return self.tr("This is not a PostgreSQL address. It looks like: {example}").format(
                example=EXAMPLE
            )
        return ""

    def _update_buttons(self) -> None:
        idle = self.task is None
        for button in (self.test_button, self.copy_button, self.use_button):
            button.setEnabled(idle and bool(self.url.text().strip()))
        self.local_button.setEnabled(idle)

    def is_busy(self) -> bool:
        return self.task is not None

    # --- actions ------------------------------------------------------------------------

    def _start(
        self,
        action: str,
        function: Callable[[TaskContext[P]], T],
        message: str,
        on_success: Callable[[T], None],
        on_progress: Callable[[P], None] | None = None,
    ) -> Task[T, P] | None:
        """Run ``function`` in the background; the task, or None when the address is wrong."""
        problem = self.url_problem()
        if problem:
            self.result.show_message(problem)
            return None
        self._action = action
        self.counts.hide()
        self.result.show_message(message, "info")
        self.progress.setRange(0, 0)
        self.progress.setFormat("")
        self.progress.show()
        task = run_task(
            function, on_progress=on_progress, on_success=on_success, on_error=self._failed
        )
        task.finished.connect(self._finished)
        return task

    def test_connection(self) -> None:
        url = with_connect_timeout(self.full_url())

        def test(_context: TaskContext[None]) -> str:
            db = open_database(url, migrate=False)
            try:
                return server_version(db)
            finally:
                db.dispose()

        self.task = self._start("test", test, self.tr("Connecting…"), self._tested)
        self._update_buttons()

    def copy_data(self) -> None:
        if self.url_problem():
            self.result.show_message(self.url_problem())
            return
        if not self.confirm(
            self.tr("Copy your data?"),
            self.tr(
                "All the data of the database in use (company, clients, documents, outbox and "
                "history) will be copied into {address}. That database must be empty. Your current "
                "database is not changed."
            ).format(address=hide_password(self.full_url())),
        ):
            return
        source, url = self.db, with_connect_timeout(self.full_url())

        def copy(context: TaskContext[CopyProgress]) -> list[TableCopy]:
            return copy_database(
                source, url, progress=lambda table, rows: context.progress((table, rows))
            )

        self.task = self._start(
            "copy", copy, self.tr("Copying…"), self._copied, on_progress=self._progressed
        )
        self._update_buttons()
        self.progress.setRange(0, TABLES)
        self.progress.setValue(0)

    def use_database(self) -> None:
        if self.url_problem():
            self.result.show_message(self.url_problem())
            return
        if not self.confirm(
            self.tr("Use this database?"),
            self.tr(
                "From its next start, Facturier will open {address} on this computer instead of "
                "the database in use now."
            ).format(address=hide_password(self.full_url())),
        ):
            return
        url = self.full_url()
        probe = with_connect_timeout(url)

        def use(_context: TaskContext[None]) -> RememberedDatabase:
            return use_database(url, probe=probe)  # refuses one that cannot be opened

        self.task = self._start("use", use, self.tr("Checking the database…"), self._used)
        self._update_buttons()

    def use_local_file(self) -> None:
        local_file = use_local_file()
        self.result.show_message(
            self.tr("Restart Facturier to work on the local file {path} again.").format(
                path=local_file
            ),
            "success",
        )
        self._show_current()

    def confirm(self, title: str, text: str) -> bool:
        """Ask before an action that writes (overridable in tests)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # --- results ------------------------------------------------------------------------

    def _progressed(self, value: CopyProgress) -> None:
        if self._action == "copy":
            table, rows = value
            done = self.progress.value() + 1
            self.progress.setMaximum(max(self.progress.maximum(), done))
            self.progress.setValue(done)
            self.progress.setFormat(
                self.tr("{table}: {rows} rows").format(
                    table=self.table_label(str(table)), rows=rows
                )
            )

    def _tested(self, version: str) -> None:
        self.result.show_message(
            self.tr("The connection works: {version}.").format(version=version), "success"
        )

    def _copied(self, result: list[TableCopy]) -> None:
        self._show_counts(result)
        total = sum(t.rows for t in result)
        self.result.show_message(
            self.tr(
                "Copy verified: {rows} rows in {tables} tables, identical to the original. "
                "You can now use this database on this computer."
            ).format(rows=total, tables=len(result)),
            "success",
        )

    def _used(self, result: RememberedDatabase) -> None:
        text = self.tr("Done. Restart Facturier to work on the shared database.")
        if result.password is PasswordPlace.KEYRING:
            text += " " + self.tr(
                "Its password is kept in the system's password store (keyring), for "
                "this server only."
            )
        if result.password is PasswordPlace.FILE:
            text += " " + self.tr(
                "Warning: no password store (keyring) is available on this computer, so "
                "the password is written unencrypted in {path}, a file only your user account "
                "can read. To avoid that, leave the password out here and put it in the "
                "~/.pgpass file of this computer instead."
            ).format(path=result.path)
        self.result.show_message(
            text, "warning" if result.password is PasswordPlace.FILE else "success"
        )
        self._show_current()

    def _failed(self, error: BaseException) -> None:
        host, port, name = self.address_parts()
        self.result.show_message(database_error_text(error, host, port, name))

    def _finished(self) -> None:
        self.task = None
        self.progress.hide()
        self._update_buttons()

    def _show_counts(self, copies: list[TableCopy]) -> None:
        rows = (len(copies) + 1) // 2
        self.counts.clearContents()
        self.counts.setRowCount(rows)
        for index, copied in enumerate(copies):
            row, column = index % rows, 2 * (index // rows)
            self.counts.setItem(row, column, QTableWidgetItem(self.table_label(copied.table)))
            count = QTableWidgetItem(f"{copied.rows:,}".replace(",", "\u202f"))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts.setItem(row, column + 1, count)
        height = self.counts.horizontalHeader().height() + rows * 22 + 4
        self.counts.setFixedHeight(height)
        self.counts.show()

    def copied_rows(self) -> dict[str, int]:
        """What the counts table shows: table label -> rows."""
        found: dict[str, int] = {}
        for row in range(self.counts.rowCount()):
            for column in (0, 2):
                label, count = self.counts.item(row, column), self.counts.item(row, column + 1)
                if label is not None and count is not None:
                    found[label.text()] = int(count.text().replace("\u202f", ""))
        return found

    def table_label(self, table: str) -> str:
        labels = {
            "catalog_item": self.tr("Catalogue items"),
            "client": self.tr("Clients"),
            "company_settings": self.tr("Company settings"),
            "email_template": self.tr("E-mail templates"),
            "number_counter": self.tr("Numbering counters"),
            "pdf_archive": self.tr("Archived PDFs"),
            "contact": self.tr("Contacts"),
            "document": self.tr("Documents"),
            "document_line": self.tr("Document lines"),
            "outbox_message": self.tr("Outbox messages"),
            "send_record": self.tr("Send history"),
            "payment": self.tr("Payments"),
            "reminder_level": self.tr("Reminder levels"),
            "reminder": self.tr("Reminders sent"),
            "recurrence": self.tr("Recurring invoices"),
            "recurrence_run": self.tr("Recurring invoices made"),
            "platform_event": self.tr("Platform statuses"),
            "kind_attachment": self.tr("Attachments of the e-mails"),
            "outbox_document": self.tr("Documents of grouped e-mails"),
        }
        return labels.get(table, table)
