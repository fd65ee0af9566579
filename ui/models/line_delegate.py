"""Editors of the ``linesTable`` cells: a multi-line description, numbers checked as they
are typed (the totals follow the keyboard), a list of VAT rates."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.domain.formatting import format_rate
from app.domain.money import VAT_RATES
from ui.line_problems import line_problem_text
from ui.models.line_table import UNIT_LENGTH, LineTableModel
from ui.models.tracking_delegate import TrackingDelegate

Index = QModelIndex | QPersistentModelIndex
INVALID_EDITOR = "QLineEdit { border: 2px solid #c62828; background: #fde7e7; }"
EDITOR_NAMES: dict[int, str] = {
    LineTableModel.DESCRIPTION: "lineDescriptionEditor",
    LineTableModel.QUANTITY: "lineQuantityEditor",
    LineTableModel.UNIT: "lineUnitEditor",
    LineTableModel.PRICE: "linePriceEditor",
    LineTableModel.VAT: "lineVatEditor",
    LineTableModel.DISCOUNT: "lineDiscountEditor",
}
DESCRIPTION_LINES = 4  # the description editor shows at least this many lines


class LineDelegate(TrackingDelegate):
    """``typing(row, column, text, problem)`` on each key stroke: what the open editor holds
    and what is wrong with it ("" when nothing)."""

    typing = Signal(int, int, str, str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column, row = index.column(), index.row()
        editor: QWidget
        if column == LineTableModel.DESCRIPTION:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            text.textChanged.connect(
                lambda t=text, r=row: self.typing.emit(r, column, t.toPlainText(), "")
            )
            editor = text
        elif column == LineTableModel.VAT:
            combo = QComboBox(parent)
            for rate in VAT_RATES:
                combo.addItem(format_rate(rate), str(rate))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, r=row: self.typing.emit(r, column, str(c.currentData()), "")
            )
            editor = combo
        else:
            line = QLineEdit(parent)
            if column == LineTableModel.UNIT:
                line.setMaxLength(UNIT_LENGTH)
            else:
                line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            model = index.model()
            line.textEdited.connect(
                lambda t, e=line, m=model, r=row: self._typed(e, m, r, column, t)
            )
            editor = line
        editor.setObjectName(EDITOR_NAMES.get(column, "lineEditor"))
        self.open_editors.append(editor)
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the description, Enter starts a new line; Tab and Shift+Tab go to the next or
        previous cell and Ctrl+Enter ends the editing, as in the other cells."""
        if (
            isinstance(watched, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            hint = _description_key(event)
            if hint is not None:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, hint)
                return True
        return super().eventFilter(watched, event)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QPlainTextEdit):  # room for a few lines, over the rows below
            height = editor.fontMetrics().lineSpacing() * DESCRIPTION_LINES + 10
            rect = option.rect
            editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), height))

    def _typed(
        self, editor: QLineEdit, model: QAbstractItemModel, row: int, column: int, text: str
    ) -> None:
        message = ""
        if isinstance(model, LineTableModel):
            found = model.check_typed(row, column, text)
            message = line_problem_text(found) if found is not None else ""
        editor.setProperty("invalid", bool(message))
        editor.setStyleSheet(INVALID_EDITOR if message else "")
        editor.setToolTip(message)
        self.typing.emit(row, column, text, message)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = [i for i in range(editor.count()) if str(editor.itemData(i)) == str(value)]
            editor.setCurrentIndex(found[0] if found else 0)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _description_key(event: QKeyEvent) -> QStyledItemDelegate.EndEditHint | None:
    """How a key ends the description's editing (None: the key is typed)."""
    Hint = QStyledItemDelegate.EndEditHint
    modifiers = event.modifiers()
    if modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    key = event.key()
    if key == Qt.Key.Key_Backtab or (
        key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier
    ):
        return Hint.EditPreviousItem
    if key == Qt.Key.Key_Tab:
        return Hint.EditNextItem
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
        modifiers & Qt.KeyboardModifier.ControlModifier
    ):
        return Hint.SubmitModelCache
    return None
