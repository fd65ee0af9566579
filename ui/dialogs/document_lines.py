"""The document editor's lines: the ``linesTable`` and its buttons (add, remove, move up and
down, add from the catalogue, save a line to the catalogue)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FacturierError
from app.services.database import Database
from ui.dialogs.catalogue_picker import pick_catalogue_lines, save_line_to_catalogue
from ui.dialogs.document_editor_texts import catalogue_error_text
from ui.models.line_delegate import LineDelegate
from ui.models.line_table import LineRow, LineTableModel

# Column widths in average characters: room for "1 000 000,00 €" in the amounts.
WIDTHS = {
    LineTableModel.QUANTITY: 9,
    LineTableModel.UNIT: 9,
    LineTableModel.PRICE: 15,
    LineTableModel.VAT: 8,
    LineTableModel.DISCOUNT: 8,
    LineTableModel.TOTAL: 15,
}


class LinesBox(QGroupBox):
    typing = Signal(int, int, str, str)  # row, column, text of an open editor, its problem
    editing_ended = Signal()  # an editor closed, its text kept or not (Escape)
    notice = Signal(str, str)  # text, tone ("success", "error") for the message line

    def __init__(self, db: Database, vat_exempt: bool, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lines"), parent)
        self.db = db
        self.model = LineTableModel(vat_exempt=vat_exempt, parent=self)
        self.delegate = LineDelegate(self)
        self.delegate.typing.connect(self.typing)
        self.delegate.closeEditor.connect(lambda *_args: self.editing_ended.emit())
        self.table = QTableView()
        # Tab leaves the table, the arrows move inside (while a cell is edited, Tab goes on
        # to the next cell: the delegate ends the edit with EditNextItem).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("linesTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self._setup_table()

        self.add_button = self._button("addLineButton", self.tr("Add a line"))
        self.remove_button = self._button("removeLineButton", self.tr("Remove"))
        self.up_button = self._button("moveLineUpButton", self.tr("Move up"))
        self.down_button = self._button("moveLineDownButton", self.tr("Move down"))
        self.catalogue_button = self._button("fromCatalogueButton", self.tr("From catalogue…"))
        self.keep_button = self._button(
            "saveLineToCatalogueButton", self.tr("Save line to catalogue")
        )
        self.add_button.setToolTip(self.tr("Add an empty line at the end"))
        self.remove_button.setToolTip(self.tr("Remove the selected lines"))
        self.catalogue_button.setToolTip(
            self.tr("Add lines from the catalogue of products and services")
        )
        self.keep_button.setToolTip(
            self.tr(
                "Keep the selected line in the catalogue (its first line of description "
                "names it) to reuse it in other documents"
            )
        )
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_lines)
        self.up_button.clicked.connect(lambda: self.move_line(-1))
        self.down_button.clicked.connect(lambda: self.move_line(1))
        self.catalogue_button.clicked.connect(self.add_from_catalogue)
        self.keep_button.clicked.connect(self.save_to_catalogue)
        self.table.selectionModel().selectionChanged.connect(self.refresh)
        self.table.selectionModel().currentChanged.connect(self.refresh)

        self.exempt_label = QLabel(
            self.tr(
                "VAT-exempt company (art. 293 B of the CGI): no VAT is charged, every line is "
                "at 0 %."
            )
        )
        self.exempt_label.setObjectName("vatExemptNotice")
        self.exempt_label.setWordWrap(True)
        self.exempt_label.setVisible(vat_exempt)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.catalogue_button)
        buttons.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.exempt_label)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _setup_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.setMinimumHeight(180)
        # Row heights follow the descriptions at the description column's current width
        # (the header's ResizeToContents would keep heights computed for another width).
        table.verticalHeader().setMinimumSectionSize(table.fontMetrics().lineSpacing() + 12)
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(table.resizeRowsToContents)
        self.model.changed.connect(self._fit_rows.start)
        self.model.modelReset.connect(self._fit_rows.start)
        table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: (
                self._fit_rows.start() if column == LineTableModel.DESCRIPTION else None
            )
        )
        table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(LineTableModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        average = table.fontMetrics().averageCharWidth()
        for column, characters in WIDTHS.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wide = max(average * characters, table.fontMetrics().horizontalAdvance(title) + 24)
            table.setColumnWidth(column, wide)

    # --- the rows -----------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return rows

    def select_row(self, row: int, column: int = LineTableModel.DESCRIPTION) -> None:
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def focus_cell(self, row: int, column: int) -> None:
        """Show the cell to fix and give it the focus (what it holds is kept)."""
        if not 0 <= row < self.model.rowCount():
            return
        self.select_row(row, column)
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.setFocus()

    def add_line(self, edit: bool = True) -> int:
        """Append an empty line (or take the last one when it is still empty) and
        (``edit``) open its description for typing."""
        self.commit_open_editors()
        count = self.model.rowCount()
        if count and self.model.row(count - 1).is_blank():
            row = count - 1
        elif self.model.can_add():
            row = self.model.insert_row(count)
        else:
            return -1
        self.select_row(row)
        if edit:
            self.table.setFocus()
            self.table.edit(self.model.index(row, LineTableModel.DESCRIPTION))
        return row

    def remove_lines(self) -> None:
        self.commit_open_editors()
        rows = self.selected_rows()
        self.model.remove_rows(rows)
        if self.model.rowCount():
            self.select_row(min(rows[0] if rows else 0, self.model.rowCount() - 1))

    def move_line(self, delta: int) -> None:
        self.commit_open_editors()
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        column = max(self.table.currentIndex().column(), 0)
        self.select_row(self.model.move_row(rows[0], delta), column)

    def add_from_catalogue(self) -> None:
        self.commit_open_editors()
        lines = pick_catalogue_lines(self.window(), self.db, self.model.vat_exempt)
        rows = self.selected_rows()
        at = rows[-1] + 1 if rows else self.model.rowCount()
        last = -1
        for line in lines:
            if not self.model.can_add():
                break
            new = LineRow.from_line(line)
            if 0 < at <= self.model.rowCount() and self.model.row(at - 1).is_blank():
                self.model.replace_row(at - 1, new)  # fill the empty line picked from
                last = at - 1
            else:
                last = self.model.insert_row(at, new)
                at = last + 1
        if last >= 0:
            self.select_row(last, LineTableModel.QUANTITY)
            self.table.setFocus()

    def save_to_catalogue(self) -> None:
        self.commit_open_editors()
        rows = self.selected_rows()
        line = self.model.line(rows[0]) if len(rows) == 1 else None
        if line is None:
            return
        try:
            save_line_to_catalogue(self.db, line)
        except FacturierError as error:
            self.notice.emit(catalogue_error_text(error), "error")
            return
        label = line.description.strip().partition("\n")[0].strip()
        self.notice.emit(
            self.tr("“{description}” is now in the catalogue.").format(description=label), "success"
        )

    def commit_open_editors(self) -> None:
        self.delegate.commit_open_editors()

    # --- state --------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        if read_only:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.catalogue_button,
            self.keep_button,
        ):
            button.setVisible(not read_only)

    def refresh(self) -> None:
        """Enable the buttons that apply to the selection."""
        if self.model.read_only:
            return
        rows = self.selected_rows()
        count = self.model.rowCount()
        one = len(rows) == 1
        self.add_button.setEnabled(self.model.can_add())
        self.catalogue_button.setEnabled(self.model.can_add())
        self.remove_button.setEnabled(bool(rows) and count > 0)
        self.up_button.setEnabled(one and rows[0] > 0)
        self.down_button.setEnabled(one and rows[0] < count - 1)
        line = self.model.line(rows[0]) if one and rows[0] < count else None
        self.keep_button.setEnabled(line is not None and bool(line.description.strip()))
