"""What a CSV import did: imported, skipped, or (all or nothing) every rejected row and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.client_import import ImportReport
from ui.client_problems import problem_text
from ui.dialogs.settings_widgets import chain_tab_order
from ui.models.client_icons import envelope_icon, error_icon, missing_icon


class ClientImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("clientImportReport")
        self.setWindowTitle(self.tr("Import of {file}").format(file=path.name))
        icon = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("importSummaryLabel")
        self.summary.setWordWrap(True)
        if report.ok:
            icon.setPixmap(envelope_icon().pixmap(32, 32))
            text = self.tr("%n client(s) imported.", "", report.imported)
            if report.skipped:
                text += " " + self.tr(
                    "%n already in the address book (skipped).", "", len(report.skipped)
                )
        else:
            icon.setPixmap(error_icon().pixmap(32, 32))
            rows = len({p.line for p in report.problems})
            text = self.tr(
                "Nothing was imported: %n row(s) with a problem. Correct the file and "
                "import it again.",
                "",
                rows,
            )
        self.summary.setText(text)
        head = QHBoxLayout()
        head.addWidget(icon)
        head.addWidget(self.summary, 1)

        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setObjectName("importProblemTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Column"), self.tr("Problem")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 60)
        self.table.setColumnWidth(1, 140)
        for problem in report.problems:
            self._add(problem.line, problem.column, problem_text(problem.error), True)
        for skipped in report.skipped:
            message = self.tr("{name} is already in the address book: skipped.").format(
                name=skipped.name
            )
            self._add(skipped.line, "", message, False)
        self.table.resizeRowsToContents()
        self.table.setVisible(self.table.rowCount() > 0)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        if report.encoding and report.encoding != "UTF-8":
            encoding = QLabel(
                self.tr("The file was read as {encoding}.").format(encoding=report.encoding)
            )
            encoding.setObjectName("importEncodingLabel")
            layout.addWidget(encoding)
        if report.ignored_columns:
            ignored = QLabel(
                self.tr("Columns not imported: {columns}").format(
                    columns=", ".join(report.ignored_columns)
                )
            )
            ignored.setObjectName("ignoredColumnsLabel")
            ignored.setWordWrap(True)
            layout.addWidget(ignored)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("importCloseButton")
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.resize(720, 420 if self.table.rowCount() else 160)
        chain_tab_order(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """The focus order: the rejected rows (when there are any), then Close."""
        return [self.table, self.close_button]

    def _add(self, line: int, column: str, message: str, problem: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        number = QTableWidgetItem(str(line))
        number.setIcon(error_icon() if problem else missing_icon())
        self.table.setItem(row, 0, number)
        self.table.setItem(row, 1, QTableWidgetItem(column))
        item = QTableWidgetItem(message)
        item.setToolTip(message)
        self.table.setItem(row, 2, item)

    def lines(self) -> list[tuple[int, str, str]]:
        """(line, column, message) of each row of the report, as shown."""

        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(int(text(r, 0)), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]
