"""The table models' base: a painted cell costs one call from Qt into Python."""

from __future__ import annotations

from collections import Counter
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from ui.models.table_base import Index, TableModel


class Column(IntEnum):
    NAME = 0
    VALUE = 1


class Numbers(TableModel):
    COLUMNS = Column
    RIGHT_ALIGNED = frozenset({Column.VALUE})

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()
        self._inside = False

    def row_count(self) -> int:
        return 40

    def header_titles(self) -> tuple[str, ...]:
        return ("Name", "Value")

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"n° {row}" if column == Column.NAME else str(row * 7)
        if role == Qt.ItemDataRole.ForegroundRole and row % 3 == 0:
            return QColor("darkred")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"row {row}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._inside:
            self.calls["data"] += 1  # asked by Qt itself
        return super().data(index, role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan | QModelRoleData) -> None:
        self.calls["multiData"] += 1
        self._inside = True
        try:
            super().multiData(index, roles)
        finally:
            self._inside = False


class PerRole(Numbers):
    """The same model answering role by role (Qt's own multiData)."""

    multiData = QAbstractTableModel.multiData  # type: ignore[assignment]


def painted(qtbot: QtBot, model: Numbers) -> QImage:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(420, 360)
    view.show()
    qtbot.waitExposed(view)
    model.calls.clear()
    return view.viewport().grab().toImage()


def test_a_painted_cell_asks_python_once_and_looks_the_same(qtbot: QtBot) -> None:
    model, reference = Numbers(), PerRole()
    image = painted(qtbot, model)
    expected = painted(qtbot, reference)

    assert image == expected  # same texts, colours and alignment
    assert model.calls["data"] == 0 and model.calls["multiData"] >= 20  # one per cell
    assert reference.calls["data"] >= 5 * 20  # role by role: several per cell


def test_multi_data_clears_what_an_invalid_index_asks_for() -> None:
    model = Numbers()
    role = QModelRoleData(Qt.ItemDataRole.DisplayRole)
    role.setData("left over")
    model.multiData(model.index(99, 0), QModelRoleDataSpan(role))
    assert role.data() is None
    model.multiData(model.index(2, 1), QModelRoleDataSpan(role))
    assert role.data() == "14"
