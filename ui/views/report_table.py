"""The report's table view: Space ticks, icons are centred, and the place is kept.

"The place" is the current document, the selected documents and the document at the
top of the view. The model resets when the filter, order or data change; the table
remembers its place by document id just before and puts it back just after.
"""

from __future__ import annotations

import math
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
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QPainter, QResizeEvent
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
# What the widest usual cell of each column holds: widths follow the font, not pixels.
WIDTH_SAMPLES = {
    Column.NUMBER: "F-2026-0000",
    Column.DATE: "00/00/0000",
    Column.TOTAL: "000 000,00 €",
    Column.LEFT: "000 000,00 €",
    Column.STATUS: "Payée en partie",
    Column.REMINDER: "3 · 00/00/0000",
}
CLIENT_CHARS = (22, 60)  # the Client column's least and greatest width, in characters
# On a small window the columns give up width (their text elided) before a horizontal
# scroll bar appears: the others in proportion, down to their narrowest (their title, and
# NARROW_SAMPLES), then the Client column, down to this many characters.
CLIENT_NARROW_CHARS = 10
NARROW_SAMPLES = {  # None: never narrower than its content
    Column.NUMBER: None,  # the number and its tick box
    Column.DATE: None,
    Column.TOTAL: "00 000,00 €",
    Column.LEFT: "00 000,00 €",
    Column.STATUS: "En retard",
    Column.REMINDER: "3 · 00/00",
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
        # The columns fit the window until the user sizes one (then they keep that size).
        self.user_sized = False
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.fit_columns()
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)  # the model sorts in SQL (DocumentTableModel.sort)
        # Left to pay and the reminder are read per page, never sorted over every document:
        # a click on their header leaves the order, and its arrow, as they were.
        self._sorted_by = (Column.DATE, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    # --- column widths ------------------------------------------------------------------

    def natural_width(self, column: Column) -> int:
        """Room for the column's title and its usual content."""
        header = self.horizontalHeader()
        title = header.sectionSizeHint(column)
        metrics = self.fontMetrics()
        if column == Column.ENVELOPE:
            return max(title, self.iconSize().width() + 20)
        if column == Column.CLIENT:
            return max(title, metrics.averageCharWidth() * CLIENT_CHARS[0])
        content = metrics.horizontalAdvance(WIDTH_SAMPLES[column]) + 16
        if column == Column.NUMBER:  # and its tick box
            content += self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        return max(title, content)

    def fit_columns(self) -> None:
        """Each column as wide as its content; the Client column takes the room left, up
        to a limit; past it, the other columns share what remains in proportion, each up
        to 60 % more (no wide empty band in the middle of a large screen)."""
        if self.user_sized:
            return
        shown = [c for c in Column if not self.isColumnHidden(c)]
        widths = {c: self.natural_width(c) for c in shown}
        room = self.viewport().width() - sum(widths.values())
        if room < 0:
            self._shrink(widths, -room)
        if Column.CLIENT in widths and room > 0:
            most = self.fontMetrics().averageCharWidth() * CLIENT_CHARS[1]
            grow = min(room, max(0, most - widths[Column.CLIENT]))
            widths[Column.CLIENT] += grow
            room -= grow
        others = [c for c in shown if c != Column.CLIENT]
        natural = sum(widths[c] for c in others)
        if room > 0 and natural > 0:
            share = min(0.6, room / natural)
            for other in others:
                widths[other] += int(widths[other] * share)
        self._fitting = True
        try:
            for column, width in widths.items():
                self.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def narrowest_width(self, column: Column) -> int:
        """The least width a column is given on a small window (its text elided)."""
        metrics = self.fontMetrics()
        if column == Column.CLIENT:
            return metrics.averageCharWidth() * CLIENT_NARROW_CHARS
        # The header's title stays whole (its sort arrow may go).
        title = self.model().headerData(column, Qt.Orientation.Horizontal)
        least = metrics.horizontalAdvance(str(title or "")) + 14
        if column == Column.ENVELOPE:
            return max(least, self.iconSize().width() + 12)
        sample = NARROW_SAMPLES[column]
        if sample is None:
            return self.natural_width(column)
        return max(least, metrics.horizontalAdvance(sample) + 16)

    def _shrink(self, widths: dict[Column, int], deficit: int) -> None:
        """Take ``deficit`` pixels from the columns: the others in proportion to what each
        can give, then the Client column (the one most worth reading)."""
        spare = {
            c: max(0, w - self.narrowest_width(c)) for c, w in widths.items() if c != Column.CLIENT
        }
        total = sum(spare.values())
        if total > 0:
            part = min(1.0, deficit / total)
            for column, can_give in spare.items():
                given = min(deficit, math.ceil(can_give * part))
                widths[column] -= given
                deficit -= given
        if Column.CLIENT in widths and deficit > 0:
            least = self.narrowest_width(Column.CLIENT)
            widths[Column.CLIENT] -= min(deficit, max(0, widths[Column.CLIENT] - least))

    def column_widths(self) -> dict[int, int] | None:
        """The widths the user gave the shown columns; None while they fit the window."""
        if not self.user_sized:
            return None
        return {int(c): self.columnWidth(c) for c in Column if not self.isColumnHidden(c)}

    def set_column_widths(self, widths: dict[int, int] | None) -> None:
        """The user's widths back (None: the columns fit the window)."""
        self.user_sized = False
        if widths is None:
            self.fit_columns()
            return
        self.fit_columns()  # a column never sized before keeps a sensible width
        self._fitting = True
        try:
            for column, width in widths.items():
                if 0 <= column < len(Column):
                    self.setColumnWidth(column, width)
        finally:
            self._fitting = False
        self.user_sized = True

    def _section_resized(self, _column: int, old: int, new: int) -> None:
        if not self._fitting and old > 0 and new > 0:  # not a column hidden or shown
            self.user_sized = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

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
