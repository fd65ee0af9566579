"""Export for the accountant: the sales journal of a period (FEC or CSV) in a folder,
optionally with the period's PDFs in a zip file; the window's face of ``facturier export``.

The period defaults to the last calendar year during the first three months of a year
(closing season) and to the current year so far afterwards. The export runs in the
background; the line under the form tells what is being done, then which files were
written, or why nothing was. An existing file is replaced only after asking.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_amount
from app.errors import FacturierError
from app.services.accountant_export import (
    ExportFormat,
    ExportResult,
    ExportStep,
    export_for_accountant,
)
from app.services.database import Database
from ui.dialogs.document_dates import date_edit
from ui.dialogs.settings_widgets import MessageLine, chain_tab_order
from ui.messages import error_text, exception_text
from ui.tasks import Task, TaskContext, run_task

CLOSING_SEASON_MONTHS = 3  # January to March: last year's accounts are being closed


def default_period(today: date) -> tuple[date, date]:
    if today.month <= CLOSING_SEASON_MONTHS:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return date(today.year, 1, 1), today


class ExportDialog(QDialog):
    """``exportDialog``: ``exportFromEdit``, ``exportToEdit``, ``exportFormatCombo``,
    ``exportFolderEdit`` (+ ``exportBrowseButton``), ``exportPdfsCheck``, ``exportButton``,
    ``exportResult``. ``exportFinished(ok)`` once a run is over."""

    exportFinished = Signal(bool)

    def __init__(
        self, db: Database, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export for the accountant"))
        self.db = db
        self.task: Task[ExportResult, ExportStep] | None = None
        start, end = default_period(today or date.today())
        self.from_edit = date_edit("exportFromEdit")
        self.to_edit = date_edit("exportToEdit")
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormatCombo")
        self.format_combo.addItem(self.tr("FEC (the tax administration's format)"), "fec")
        self.format_combo.addItem(self.tr("CSV (for a spreadsheet)"), "csv")
        self.folder_edit = QLineEdit(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        self.folder_edit.setObjectName("exportFolderEdit")
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("exportBrowseButton")
        self.pdfs_check = QCheckBox(self.tr("Also the PDFs of the period, in a zip file"))
        self.pdfs_check.setObjectName("exportPdfsCheck")
        self.result_line = MessageLine("exportResult")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setObjectName("exportButton")
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        self.close_button = close
        self.close_button.setObjectName("exportCloseButton")
        self.export_button.setDefault(True)

        self.browse_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        self._layout()
        chain_tab_order(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """The focus order, as the fields read (chained once, in __init__)."""
        return [
            self.from_edit,
            self.to_edit,
            self.format_combo,
            self.folder_edit,
            self.browse_button,
            self.pdfs_check,
            self.export_button,
            self.close_button,
        ]

    def _layout(self) -> None:
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(self.to_edit)
        period.addStretch(1)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Period (from, to)"), period)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Folder"), folder)
        form.addRow("", self.pdfs_check)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.result_line)
        box.addStretch(1)
        box.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    # --- choices ------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the accountant's files"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def period(self) -> tuple[date, date]:
        return _date(self.from_edit), _date(self.to_edit)

    def export_format(self) -> ExportFormat:
        return ExportFormat(str(self.format_combo.currentData()))

    # --- running ------------------------------------------------------------------------

    def start(self, replace: bool = False) -> None:
        if self.task is not None:
            return
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            self.result_line.show_message(self.tr("Choose the folder to write the files in."))
            return
        db, (start, end), fmt = self.db, self.period(), self.export_format()
        folder, pdfs = Path(folder_text).expanduser(), self.pdfs_check.isChecked()

        def work(context: TaskContext[ExportStep]) -> ExportResult:
            return export_for_accountant(
                db, start, end, fmt, folder, pdfs=pdfs, replace=replace, progress=context.progress
            )

        self._set_running(True)
        self.task = run_task(
            work, on_progress=self._progress, on_success=self._done, on_error=self._failed
        )

    def _progress(self, step: ExportStep) -> None:
        texts = {
            ExportStep.JOURNAL: self.tr("Reading the documents of the period…"),
            ExportStep.PDFS: self.tr("Gathering the PDFs…"),
        }
        self.result_line.show_message(texts[step], "info")

    def _done(self, result: ExportResult) -> None:
        self.task = None
        self._set_running(False)
        lines = [
            self.tr(
                "Written: {path} (documents: {documents}; debit {debit} = credit {credit})"
            ).format(
                path=result.journal_path,
                documents=result.documents,
                debit=format_amount(result.debit),
                credit=format_amount(result.credit),
            )
        ]
        if result.pdfs_path is not None:
            lines.append(self.tr("Written: {path}").format(path=result.pdfs_path))
        if not result.documents:
            lines.append(self.tr("No validated invoice or credit note is dated in this period."))
        self.result_line.show_message("\n".join(lines), "success" if result.documents else "info")
        self.exportFinished.emit(True)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self._set_running(False)
        if isinstance(error, FacturierError) and error.code == "file.exists":
            path = str(error.data.get("path", ""))
            if self.ask_replace(path):
                self.start(replace=True)
                return
            self.result_line.show_message(
                self.tr("Nothing was written: {path} already exists.").format(path=path), "info"
            )
        elif isinstance(error, FacturierError):
            self.result_line.show_message(error_text(error))
        else:
            self.result_line.show_message(
                self.tr("The export stopped on an unexpected error: {error}").format(
                    error=exception_text(error)
                )
            )
        self.exportFinished.emit(False)

    def ask_replace(self, path: str) -> bool:
        """Whether to replace an existing file (overridable in tests)."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("{path} already exists. Replace it?").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _set_running(self, running: bool) -> None:
        for widget in self.tab_order():
            if widget is not self.close_button:  # Close stays: it says to wait (reject)
                widget.setEnabled(not running)

    def reject(self) -> None:
        if self.task is not None:  # the files are being written: let it finish
            self.result_line.show_message(self.tr("Wait until the export is over."), "info")
            return
        super().reject()


def _date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def open_export(parent: QWidget, db: Database) -> ExportDialog:
    """Open the dialog, window-modal; it deletes itself when closed."""
    dialog = ExportDialog(db, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
