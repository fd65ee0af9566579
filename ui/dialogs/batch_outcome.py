"""After a batch: what happened to each document, category by category.

Each category that holds documents (sent, refused, uncertain, waiting, paused…) is a
heading with its count, its documents listed under it, one plain line each; an empty
category is not shown at all. The summary's count links lead here (``reveal``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.dialogs.batch_summary import BatchReport, Group, plain


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as high as their text wrapped to the view's width (a tree does not do it)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        view = self._view
        width = view.viewport().width() - view.indentation() * (depth + 1) - 8
        if width <= 0:
            return size
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), rect.height() + 4))


class BatchOutcomeView(QTreeWidget):
    """The categories of a batch's report, expanded, each with its documents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchOutcomeTree")
        self.setAccessibleName(self.tr("Outcome of the batch, by category"))
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        # Long lines (a refusal's reason) wrap instead of hiding behind a scroll bar.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(_WrappingDelegate(self))
        self._width = 0
        self._headings: dict[Group, QTreeWidgetItem] = {}

    def show_report(self, report: BatchReport, heading: Callable[[Group, int], str]) -> None:
        """One heading per non-empty category (in the report's order), its lines below."""
        self.clear()
        self._headings = {}
        bold = self.font()
        bold.setBold(True)
        for group in Group:
            count = report.counts.get(group, 0)
            if not count:
                continue
            top = QTreeWidgetItem([heading(group, count)])
            top.setFont(0, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, str(group))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for line in report.details[str(group)]:
                child = QTreeWidgetItem([plain(line)])
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                top.addChild(child)
            self.addTopLevelItem(top)
            top.setExpanded(True)
            self._headings[group] = top

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._width:  # wrapped rows change height
            self._width = self.viewport().width()
            self.scheduleDelayedItemsLayout()

    def groups(self) -> list[Group]:
        """The categories shown, in their order."""
        return list(self._headings)

    def lines(self, group: Group) -> list[str]:
        """The documents listed under a category ([] when it is not shown)."""
        top = self._headings.get(group)
        if top is None:
            return []
        children = (top.child(i) for i in range(top.childCount()))
        return [child.text(0) for child in children if child is not None]

    def reveal(self, group: str) -> bool:
        """Bring a category into view, selected (a count's link in the summary)."""
        try:
            top = self._headings.get(Group(group))
        except ValueError:
            return False
        if top is None:
            return False
        top.setExpanded(True)
        self.setCurrentItem(top)
        self.scrollToItem(top, QAbstractItemView.ScrollHint.PositionAtTop)
        return True
