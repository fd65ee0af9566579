"""One base for the project's table models: what every ``QAbstractTableModel`` here repeated.

``TableModel`` answers Qt's questions (``rowCount``/``columnCount`` with the parent check,
``headerData``, ``flags``, ``data``'s index check and alignment, ``multiData``) from a few
declarations;
a subclass writes only what is its own. How to use it::

    class Column(IntEnum):
        NAME = 0
        TOTAL = 1

    class MyModel(TableModel):
        COLUMNS = Column                      # the column count is len(COLUMNS)
        RIGHT_ALIGNED = frozenset({Column.TOTAL})  # numbers: cells and header on the right
        NAME, TOTAL = Column                  # optional: MyModel.NAME as before

        def row_count(self) -> int:           # required
            return len(self._rows)

        def header_titles(self) -> tuple[str, ...]:  # required, one per column; literal
            return (self.tr("Name"), self.tr("Total"))  # self.tr() so lupdate finds them

        def cell_data(self, row: int, column: int, role: int) -> Any:  # required
            if role == Qt.ItemDataRole.DisplayRole:
                ...
            return None

Optional hooks: ``header_tooltip(section)``, ``vertical_header(section, role)`` (row
numbers...), ``cell_flags(row, column)`` (editable, checkable; default: selectable and
enabled), ``alignment(column)`` (default: right and vertically centred for
``RIGHT_ALIGNED``). ``cell_data`` is only called for a valid index of an existing row, and
never for ``TextAlignmentRole`` when ``alignment`` answers it. Qt's methods stay
overridable as usual (``setData``, ``sort``...).

``rows_changed(first, last, roles)`` emits ``dataChanged`` for whole rows, with the explicit
role list the house rules ask for. ``RowIds`` maps an id to its row, built when first asked
and dropped whenever the rows change (``clear()``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
Key = TypeVar("Key", bound=Hashable)

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TableModel(QAbstractTableModel):
    """A flat table (no tree): columns declared once, Qt's boilerplate answered here."""

    COLUMNS: ClassVar[type[IntEnum]]
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()

    # --- what a subclass declares ----------------------------------------------------------

    def row_count(self) -> int:
        raise NotImplementedError

    def header_titles(self) -> Sequence[str]:
        """The columns' titles, translated, in column order."""
        raise NotImplementedError

    def cell_data(self, row: int, column: int, role: int) -> Any:
        raise NotImplementedError

    def header_tooltip(self, section: int) -> str | None:
        return None

    def vertical_header(self, section: int, role: int) -> Any:
        return None

    def cell_flags(self, row: int, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def alignment(self, column: int) -> int | None:
        """TextAlignmentRole of the column's cells (None: the view's default)."""
        return _RIGHT if column in self.RIGHT_ALIGNED else None

    # --- helpers ---------------------------------------------------------------------------

    def column_count(self) -> int:
        return len(self.COLUMNS)

    def rows_changed(self, first: int, last: int, roles: Sequence[int]) -> None:
        """``dataChanged`` for rows ``first``..``last`` (all columns), with these roles."""
        if first <= last:
            right = self.index(last, self.column_count() - 1)
            self.dataChanged.emit(self.index(first, 0), right, list(roles))

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self.vertical_header(section, role)
        if not 0 <= section < self.column_count():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT_ALIGNED:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() >= self.row_count():
            return Qt.ItemFlag.NoItemFlags
        return self.cell_flags(index.row(), index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.row_count():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            aligned = self.alignment(index.column())
            if aligned is not None:
                return aligned
        return self.cell_data(index.row(), index.column(), role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role a delegate asks for in one call: painting a cell then crosses from
        Qt into Python once instead of about seven times; each crossing takes the GIL,
        which a busy background thread holds up to a switch interval."""
        valid = index.isValid() and index.row() < self.row_count()
        # A span iterates over its QModelRoleData at run time; the stubs do not say so.
        wanted = (
            [roles] if isinstance(roles, QModelRoleData) else cast(Iterable[QModelRoleData], roles)
        )
        for role_data in wanted:
            if valid:
                role_data.setData(self.data(index, role_data.role()))
            else:
                role_data.clearData()


class RowIds(Generic[Key]):
    """Row of an id, from a dict built on first use; ``clear()`` whenever rows change."""

    def __init__(self, keys: Callable[[], Sequence[Key]]) -> None:
        self._keys = keys
        self._rows: dict[Key, int] | None = None

    def clear(self) -> None:
        self._rows = None

    def row_of(self, key: Key) -> int | None:
        if self._rows is None:
            self._rows = {k: row for row, k in enumerate(self._keys())}
        return self._rows.get(key)
