"""A client's contact rows (kind, label, value, Mail, To/Cc) as the editor's ``contactTable``
shows them.

Each row is checked as it changes: a value that cannot be saved is marked (icon, background,
the reason as tooltip), and ``problems()`` lists them for the editor's message line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from app.domain.kinds import ContactKind
from app.errors import ValidationError
from app.services.clients import ContactData, SendAs, contact_problem
from ui.client_problems import kind_label, problem_text
from ui.models.client_icons import INVALID_BACKGROUND, error_icon
from ui.models.table_base import TableModel
from ui.models.tracking_delegate import TrackingDelegate

Index = QModelIndex | QPersistentModelIndex
KINDS = (
    ContactKind.EMAIL,
    ContactKind.PHONE,
    ContactKind.MOBILE,
    ContactKind.FAX,
    ContactKind.WEB,
)
MARK_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.CheckStateRole,
]


@dataclass
class _Row:
    kind: ContactKind
    label: str = ""
    value: str = ""
    mail: bool = False
    id: int | None = None
    fresh: bool = False  # added and not edited yet: not marked (save still refuses it)
    send_as: SendAs = SendAs.TO

    def data(self) -> ContactData:
        return ContactData(self.kind, self.value, self.label, self.mail, self.id, self.send_as)


class ContactColumn(IntEnum):
    KIND = 0
    LABEL = 1
    VALUE = 2
    MAIL = 3
    SEND_AS = 4  # a Mail address in To or in Cc


class ContactTableModel(TableModel):
    COLUMNS = ContactColumn
    KIND, LABEL, VALUE, MAIL, SEND_AS = ContactColumn

    changed = Signal()  # any row added, removed or edited

    def __init__(self, contacts: Sequence[ContactData] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._problems: list[ValidationError | None] = []
        self.set_contacts(contacts)

    # --- the rows -----------------------------------------------------------------------

    def set_contacts(self, contacts: Sequence[ContactData]) -> None:
        self.beginResetModel()
        self._rows = [
            _Row(c.kind, c.label, c.value, c.mail, c.id, send_as=c.send_as) for c in contacts
        ]
        self._problems = [self._check(i) for i in range(len(self._rows))]
        self.endResetModel()
        self.changed.emit()

    def contacts(self) -> tuple[ContactData, ...]:
        return tuple(row.data() for row in self._rows)

    def has_mailing_row(self, except_row: int = -1) -> bool:
        return any(
            r.kind == ContactKind.EMAIL and r.mail
            for i, r in enumerate(self._rows)
            if i != except_row
        )

    def add_row(self, kind: ContactKind = ContactKind.EMAIL) -> int:
        """Append a row; a first e-Mail row has Mail ticked. Returns its number."""
        row = len(self._rows)
        mail = kind == ContactKind.EMAIL and not self.has_mailing_row()
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(_Row(kind, mail=mail, fresh=True))
        self._problems.append(self._check(row))
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                del self._problems[row]
                self.endRemoveRows()
        # Problems carry their row number: renumber what follows.
        self._recheck(0, len(self._rows) - 1)
        self.changed.emit()

    def problem(self, row: int) -> ValidationError | None:
        return self._problems[row]

    def problems(self) -> list[tuple[int, ValidationError]]:
        return [(i, p) for i, p in enumerate(self._problems) if p is not None]

    def reveal_problems(self) -> None:
        """Mark fresh rows too (the user tried to save)."""
        fresh = [i for i, r in enumerate(self._rows) if r.fresh]
        for row in fresh:
            self._rows[row].fresh = False
        if fresh:
            self._recheck(min(fresh), max(fresh))

    def is_fresh(self, row: int) -> bool:
        return self._rows[row].fresh

    def problem_column(self, row: int) -> int:
        """The column marked as invalid in ``row``, or -1."""
        problem = self._problems[row]
        if problem is None or self._rows[row].fresh:
            return -1
        return self.LABEL if problem.data.get("field") == "label" else self.VALUE

    def check(self, row: int, kind: ContactKind, value: str) -> ValidationError | None:
        """The problem ``value`` would have in ``row`` (for checking as it is typed)."""
        current = self._rows[row]
        return contact_problem(ContactData(kind, value, current.label, current.mail), row)

    def _check(self, row: int) -> ValidationError | None:
        return contact_problem(self._rows[row].data(), row)

    def _recheck(self, first: int, last: int) -> None:
        if last < first:
            return
        for row in range(first, last + 1):
            self._problems[row] = self._check(row)
        self.rows_changed(first, last, MARK_ROLES)

    # --- Qt model -----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def header_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Kind"),
            self.tr("Label / person"),
            self.tr("Value"),
            self.tr("Mail"),
            self.tr("Send as"),
        )

    def header_tooltip(self, section: int) -> str | None:
        if section == self.MAIL:
            return self.tr("Tick the e-Mail rows that receive the documents sent by e-mail.")
        if section == self.SEND_AS:
            return self.tr(
                "To or Cc: how a ticked address receives the documents (the client's "
                "accounting department in Cc, for example). Both count as delivered."
            )
        return None

    def send_as_text(self, send_as: SendAs) -> str:
        return self.tr("Cc") if send_as == SendAs.CC else self.tr("To")

    def cell_flags(self, row: int, column: int) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if column == self.SEND_AS:
            current = self._rows[row]
            if current.kind == ContactKind.EMAIL and current.mail:
                return base | Qt.ItemFlag.ItemIsEditable
            return Qt.ItemFlag.ItemIsSelectable
        if column != self.MAIL:
            return base | Qt.ItemFlag.ItemIsEditable
        if self._rows[row].kind == ContactKind.EMAIL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsSelectable

    def cell_data(self, number: int, column: int, role: int) -> Any:
        row = self._rows[number]
        marked = column == self.problem_column(number)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.KIND:
                return (
                    kind_label(row.kind) if role == Qt.ItemDataRole.DisplayRole else str(row.kind)
                )
            if column == self.LABEL:
                return row.label
            if column == self.VALUE:
                return row.value
            if column == self.SEND_AS and row.kind == ContactKind.EMAIL and row.mail:
                if role == Qt.ItemDataRole.EditRole:
                    return str(row.send_as)
                return self.send_as_text(row.send_as)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.MAIL:
            if row.kind != ContactKind.EMAIL:
                return None
            return Qt.CheckState.Checked if row.mail else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and marked:
            return error_icon()
        if role == Qt.ItemDataRole.BackgroundRole and marked:
            return INVALID_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = self._problems[number]
            if marked and problem is not None:
                return problem_text(problem)
            if column == self.MAIL:
                if row.kind == ContactKind.EMAIL:
                    return self.tr("Documents e-mailed to this client go to this address.")
                return self.tr("Only e-Mail rows can receive documents.")
            if column == self.SEND_AS and row.kind == ContactKind.EMAIL and row.mail:
                if row.send_as == SendAs.CC:
                    return self.tr("This address receives the documents in copy (Cc).")
                return self.tr("This address receives the documents as a main recipient (To).")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        number, column = index.row(), index.column()
        row = self._rows[number]
        if column == self.MAIL:
            if role != Qt.ItemDataRole.CheckStateRole or row.kind != ContactKind.EMAIL:
                return False
            checked = _is_checked(value)
            if checked == row.mail:
                return False
            row.mail = checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == self.SEND_AS:
            if row.kind != ContactKind.EMAIL:
                return False
            send_as = SendAs.of(str(value))
            if send_as == row.send_as:
                return False
            row.send_as = send_as
        elif column == self.KIND:
            kind = ContactKind(str(value))
            if kind == row.kind:
                return False
            row.kind = kind
            if kind != ContactKind.EMAIL:
                row.mail = False
                row.send_as = SendAs.TO
            elif not self.has_mailing_row(except_row=number):
                row.mail = True
        else:
            text = str(value)
            if text == (row.label if column == self.LABEL else row.value):
                return False
            if column == self.LABEL:
                row.label = text
            else:
                row.value = text
        row.fresh = False
        self._recheck(number, number)
        self.changed.emit()
        return True


def _style(option: QStyleOptionViewItem) -> QStyle:
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    assert style is not None
    return style


def _check_rect(option: QStyleOptionViewItem) -> QRect:
    style = _style(option)
    size = QSize(
        style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, option.widget),
        style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, option.widget),
    )
    return QStyle.alignedRect(option.direction, Qt.AlignmentFlag.AlignCenter, size, option.rect)


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class ContactDelegate(TrackingDelegate):
    """A combo box for the kind and for To/Cc; the value checked as it is typed (``typing``
    signal)."""

    typing = Signal(int, str)  # row, the problem of what is typed ("" when none)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == ContactTableModel.KIND:
            combo = QComboBox(parent)
            combo.setObjectName("contactKindEditor")
            for kind in KINDS:
                combo.addItem(kind_label(kind), str(kind))
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            self.open_editors.append(combo)
            return combo
        if index.column() == ContactTableModel.SEND_AS:
            combo = QComboBox(parent)
            combo.setObjectName("contactSendAsEditor")
            combo.addItem(self.tr("To"), str(SendAs.TO))
            combo.addItem(self.tr("Cc"), str(SendAs.CC))
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            self.open_editors.append(combo)
            return combo
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() == ContactTableModel.VALUE:
            editor.setObjectName("contactValueEditor")
            row = index.row()
            model = index.model()
            kind = ContactKind(str(model.index(row, 0).data(Qt.ItemDataRole.EditRole)))
            if kind == ContactKind.EMAIL:
                editor.setPlaceholderText(self.tr("name@example.fr"))
            editor.textEdited.connect(
                lambda text, e=editor, r=row, k=kind, m=model: self._typed(e, m, r, k, text)
            )
        self.open_editors.append(editor)
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def _typed(
        self, editor: QLineEdit, model: QAbstractItemModel, row: int, kind: ContactKind, text: str
    ) -> None:
        problem = None
        if isinstance(model, ContactTableModel):
            problem = model.check(row, kind, text)
        message = problem_text(problem) if problem is not None and text.strip() else ""
        editor.setProperty("invalid", bool(message))
        editor.setStyleSheet(
            "QLineEdit { border: 2px solid #c62828; background: #fde7e7; }" if message else ""
        )
        editor.setToolTip(message)
        self.typing.emit(row, message)

    # --- the Mail column: a centred checkbox, toggled by a click anywhere in the cell ------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() != ContactTableModel.MAIL:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style = _style(option)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        if state is None:
            return
        check = QStyleOptionViewItem(option)
        check.rect = _check_rect(option)
        check.state = option.state & ~QStyle.StateFlag.State_HasFocus
        check.state |= (
            QStyle.StateFlag.State_On if _is_checked(state) else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, check, painter, option.widget
        )

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if index.column() != ContactTableModel.MAIL:
            return super().editorEvent(event, model, option, index)
        if not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        if isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            if event.type() != QEvent.Type.MouseButtonRelease:
                return event.type() in (
                    QEvent.Type.MouseButtonPress,
                    QEvent.Type.MouseButtonDblClick,
                )
        elif not (
            isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        ):
            return False
        checked = _is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setCurrentIndex(max(0, editor.findData(value)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
