"""The catalogue of products and services, as the document editor uses it: pick items to
add as lines (``cataloguePickerDialog``), or keep a line as a new item."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_amount, format_rate
from app.services.catalogue import CatalogItemData, CatalogItemInput, list_items, save_item
from app.services.database import Database
from app.services.document_data import LineInput
from ui.dialogs.settings_widgets import chain_tab_order

ITEM_ROLE = Qt.ItemDataRole.UserRole


def item_line(item: CatalogItemData, vat_exempt: bool) -> LineInput:
    """A document line from an item: its label, then its description on the next lines."""
    description = item.label
    if item.description.strip():
        description = f"{item.label}\n{item.description.strip()}"
    return LineInput(
        description=description,
        quantity=Decimal(1),
        unit_price=item.unit_price,
        vat_rate=Decimal(0) if vat_exempt else item.vat_rate,
        unit=item.unit,
    )


def line_item(line: LineInput) -> CatalogItemInput:
    """An item from a line: the description's first line names it, the rest describes it."""
    label, _, rest = line.description.strip().partition("\n")
    return CatalogItemInput(
        label=label.strip(),
        unit_price=line.unit_price,
        vat_rate=line.vat_rate,
        description=rest.strip(),
        unit=line.unit,
    )


def save_line_to_catalogue(db: Database, line: LineInput) -> int:
    """Keep a line as a new catalogue item; its id (``ValidationError`` when refused)."""
    return save_item(db, line_item(line))


class CataloguePickerDialog(QDialog):
    LABEL, UNIT, PRICE, VAT = range(4)

    def __init__(self, db: Database, vat_exempt: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.vat_exempt = vat_exempt
        self.setObjectName("cataloguePickerDialog")
        self.setWindowTitle(self.tr("Add from the catalogue"))
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(self.tr("Search the catalogue"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setObjectName("catalogueTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Unit"), self.tr("Unit price excl. VAT"), self.tr("VAT")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (self.UNIT, self.PRICE, self.VAT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("catalogueEmptyLabel")
        self.empty_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(
            self.tr("Add to the document"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setObjectName("catalogueAddButton")
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("catalogueCancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.resize(640, 420)
        self.refresh()
        chain_tab_order(self.tab_order())
        self.search.setFocus()  # typing filters the list at once

    def tab_order(self) -> list[QWidget]:
        """The focus order: the search, the list it filters, then the buttons."""
        return [self.search, self.table, self.add_button, self.cancel_button]

    def refresh(self) -> None:
        items = list_items(self.db, self.search.text())
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            label = QTableWidgetItem(item.label)
            label.setData(ITEM_ROLE, item)
            if item.description:
                label.setToolTip(item.description)
            rate = Decimal(0) if self.vat_exempt else item.vat_rate
            cells = [
                label,
                QTableWidgetItem(item.unit),
                QTableWidgetItem(format_amount(item.unit_price)),
                QTableWidgetItem(format_rate(rate)),
            ]
            for column, cell in enumerate(cells):
                if column in (self.PRICE, self.VAT):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        if items:
            self.table.selectRow(0)
        if not items and self.search.text().strip():
            self.empty_label.setText(self.tr("No item matches this search."))
        elif not items:
            self.empty_label.setText(
                self.tr(
                    "The catalogue is empty. Select a line of a document and press "
                    "“Save line to catalogue” to keep it here."
                )
            )
        self.empty_label.setVisible(not items)
        self._update_button()

    def _update_button(self) -> None:
        self.add_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def chosen(self) -> list[CatalogItemData]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        cells = [self.table.item(row, self.LABEL) for row in rows]
        found = [cell.data(ITEM_ROLE) for cell in cells if cell is not None]
        return [item for item in found if isinstance(item, CatalogItemData)]


def pick_catalogue_lines(parent: QWidget | None, db: Database, vat_exempt: bool) -> list[LineInput]:
    """Open the picker modally; the lines of the items chosen (none when cancelled)."""
    dialog = CataloguePickerDialog(db, vat_exempt, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [item_line(item, vat_exempt) for item in dialog.chosen()]
    finally:
        dialog.deleteLater()
