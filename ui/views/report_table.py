"""The report's table view: Space ticks, icons are centred, and the place is kept.

"The place" is the current document, the selected documents and the document at the
top of the view. The model resets when the filter, order or data change; the table
remembers its place by document id just before and puts it back just after.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models.document_table import SORT_KEYS, Column, DocumentTableModel

MAX_KEPT_SELECTION = 5000  # selected rows put back after a reset (the current row always is)
COLUMN_WIDTHS = {
    Column.NUMBER: 150,
    Column.DATE: 100,
    Column.CLIENT: 320,
    Column.TOTAL: 120,
    Column.STATUS: 100,
    Column.ENVELOPE: 64,
}
Index = QModelIndex | QPersistentModelIndex


class CenteredIconDelegate(QStyledItemDelegate):
    """Paints the cell as usual, with its icon centred (the envelope column)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        item_icon = QIcon(opt.icon)  # type: ignore[attr-defined]  # a copy: cleared below
        opt.icon = QIcon()  # type: ignore[attr-defined]
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not item_icon.isNull():
            size = opt.decorationSize  # type: ignore[attr-defined]
            rect = opt.rect  # type: ignore[attr-defined]
            x = rect.x() + (rect.width() - size.width()) // 2
            y = rect.y() + (rect.height() - size.height()) // 2
            item_icon.paint(painter, x, y, size.width(), size.height())


@dataclass
class _Place:
    current_id: int | None
    current_column: int
    top_id: int | None
    scroll: int
    selected_ids: list[int]
    keep_top: bool


class ReportTable(QTableView):
    spacePressed = Signal()  # Space ticks rows instead of selecting them

    def __init__(self, model: DocumentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._place: _Place | None = None
        self.keep_top = False  # set while refreshing: the top document stays at the top
        self._press_on_check = False
        self.setModel(model)
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setIconSize(QSize(20, 20))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegateForColumn(Column.ENVELOPE, CenteredIconDelegate(self))
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # instant with 100,000 rows
        rows.setDefaultSectionSize(max(26, self.fontMetrics().height() + 10))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(Column.CLIENT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)  # the model sorts in SQL (DocumentTableModel.sort)
        # Left to pay and the reminder are read per page, never sorted over every document:
        # a click on their header leaves the order, and its arrow, as they were.
        self._sorted_by = (Column.DATE, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(Column) and Column(column) in SORT_KEYS:
            self._sorted_by = (Column(column), order)
            return
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(*self._sorted_by)
        header.blockSignals(blocked)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        zone = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 10
        self._press_on_check = (
            index.isValid()
            and index.column() == Column.NUMBER
            and event.position().x() - self.visualRect(index).x() < zone
        )
        super().mousePressEvent(event)

    def last_click_on_checkbox(self) -> bool:
        """Whether the last activation came from clicks on a tick box (a quick double
        tick is not a request to open the document)."""
        return self._press_on_check

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._press_on_check = False
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and not plain:
            self.spacePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_rows(self, limit: int | None = None) -> list[int]:
        """Rows of the selection, sorted; [] when there are more than ``limit``."""
        rows: list[int] = []
        selection = self.selectionModel().selection()
        for number in range(selection.count()):
            selected = selection.at(number)
            rows.extend(range(selected.top(), selected.bottom() + 1))
            if limit is not None and len(rows) > limit:
                return []
        return sorted(set(rows))

    # --- keeping the place across resets ------------------------------------------------

    def _remember(self) -> None:
        current = self.currentIndex()
        top = self.rowAt(0)
        ids = self._model.shown_ids()
        rows = self.selected_rows(limit=MAX_KEPT_SELECTION)
        self._place = _Place(
            current_id=ids[current.row()] if current.isValid() else None,
            current_column=current.column() if current.isValid() else 0,
            top_id=ids[top] if 0 <= top < len(ids) else None,
            scroll=self.verticalScrollBar().value(),
            selected_ids=[ids[r] for r in rows if r < len(ids)],
            # A refresh of the same filter and order: the top document stays at the top.
            keep_top=self.keep_top or self._model.keeps_top,
        )

    def _restore(self) -> None:
        place, self._place = self._place, None
        if place is None:
            return
        model = self._model
        self.updateGeometries()  # the scroll bar's new range, before scrolling
        rows = sorted(r for r in map(model.row_of, place.selected_ids) if r is not None)
        selection = QItemSelection()
        last = model.columnCount() - 1
        start = 0
        for i in range(1, len(rows) + 1):  # one range per run of consecutive rows
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                selection.select(model.index(rows[start], 0), model.index(rows[i - 1], last))
                start = i
        selection_model = self.selectionModel()
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        current = model.row_of(place.current_id) if place.current_id is not None else None
        if current is not None:
            selection_model.setCurrentIndex(
                model.index(current, place.current_column),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
        if not place.keep_top:
            # A new filter or order: show the current document if it is still there.
            if current is not None:
                self.scrollTo(
                    model.index(current, 0), QAbstractItemView.ScrollHint.PositionAtCenter
                )
            return
        top = model.row_of(place.top_id) if place.top_id is not None else None
        if top is not None:
            self.scrollTo(model.index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.verticalScrollBar().setValue(place.scroll)
