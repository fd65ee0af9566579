"""A document's lines as the editor's ``linesTable`` shows them (``LineTableModel``).

Each row is checked as it changes (``ui.models.line_rows``). A value that cannot be saved is
marked (icon, background, the reason as tooltip); a missing value (no description, no price)
only once the user has tried to save. Totals follow the rows, and what an open editor holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.formatting import format_amount, format_decimal, format_rate
from app.domain.money import LineAmounts, Totals, compute_totals
from app.errors import ValidationError
from app.services.document_data import LineInput
from app.services.documents import MAX_LINES
from ui.line_problems import line_problem_text
from ui.models.client_icons import INVALID_BACKGROUND, error_icon
from ui.models.line_rows import (
    DEFAULT_VAT,
    UNIT_LENGTH,
    Checked,
    LineRow,
    check_row,
    is_required,
    parse_number,
    price_text,
)
from ui.models.table_base import TableModel

__all__ = ["UNIT_LENGTH", "LineRow", "LineTableModel", "parse_number"]

Index = QModelIndex | QPersistentModelIndex


class LineColumn(IntEnum):
    DESCRIPTION = 0
    QUANTITY = 1
    UNIT = 2
    PRICE = 3
    VAT = 4
    DISCOUNT = 5
    TOTAL = 6


class LineTableModel(TableModel):
    COLUMNS = LineColumn
    DESCRIPTION, QUANTITY, UNIT, PRICE, VAT, DISCOUNT, TOTAL = LineColumn
    NUMERIC = (QUANTITY, PRICE, VAT, DISCOUNT, TOTAL)
    RIGHT_ALIGNED = frozenset(NUMERIC)
    FIELDS: ClassVar[dict[str, int]] = {
        "description": DESCRIPTION,
        "quantity": QUANTITY,
        "unit": UNIT,
        "unit_price": PRICE,
        "vat_rate": VAT,
        "discount_percent": DISCOUNT,
        "total": TOTAL,
    }

    changed = Signal()  # any row added, removed, moved or edited

    def __init__(
        self,
        lines: Sequence[LineInput] = (),
        vat_exempt: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vat_exempt = vat_exempt
        self.deductions = False  # a final invoice: negative quantities deduct its deposits
        self.read_only = False
        self.reveal_required = False
        self._rows: list[LineRow] = []
        self._checked: list[Checked] = []
        self.set_lines(lines)

    # --- the rows -----------------------------------------------------------------------

    def set_lines(self, lines: Sequence[LineInput]) -> None:
        self.set_rows([LineRow.from_line(line) for line in lines])

    def set_rows(self, rows: Sequence[LineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = [self._check(i) for i in range(len(self._rows))]
        self.endResetModel()
        self.changed.emit()

    def rows(self) -> tuple[LineRow, ...]:
        return tuple(self._rows)

    def row(self, number: int) -> LineRow:
        return self._rows[number]

    def line(self, number: int) -> LineInput | None:
        """The row as a line the service accepts (None when a value is missing or invalid)."""
        return self._checked[number].line

    def filled_rows(self) -> list[int]:
        """The rows to save: all but the blank ones."""
        return [i for i, r in enumerate(self._rows) if not r.is_blank()]

    def problem(self, number: int) -> ValidationError | None:
        if self._rows[number].is_blank():
            return None
        return self._checked[number].problem

    def problems(self) -> list[tuple[int, ValidationError]]:
        """Every problem of the rows to save, required values included."""
        found = [(i, self.problem(i)) for i in self.filled_rows()]
        return [(i, p) for i, p in found if p is not None]

    def shown_problems(self) -> list[tuple[int, ValidationError]]:
        """The first problem of each row worth saying now."""
        found = [(i, self.shown_problem(i)) for i in range(len(self._rows))]
        return [(i, p) for i, p in found if p is not None]

    def shown_problem(self, number: int) -> ValidationError | None:
        """The first problem of the row worth saying now (missing values once revealed)."""
        if self._rows[number].is_blank():
            return None
        for problem in self._checked[number].problems.values():
            if not is_required(problem) or self.reveal_required:
                return problem
        return None

    def cell_problem(self, number: int, column: int) -> ValidationError | None:
        """The problem marked in this cell (a missing value only once revealed)."""
        if self._rows[number].is_blank():
            return None
        for problem in self._checked[number].problems.values():
            if self.column_of(problem) == column:
                if is_required(problem) and not self.reveal_required:
                    return None
                return problem
        return None

    def column_of(self, problem: ValidationError) -> int:
        return self.FIELDS.get(str(problem.data.get("field", "")), self.DESCRIPTION)

    def set_reveal_required(self, reveal: bool) -> None:
        if reveal != self.reveal_required:
            self.reveal_required = reveal
            self._emit_rows(0, len(self._rows) - 1)

    def insert_row(self, at: int, row: LineRow | None = None) -> int:
        """Insert a row (a blank one by default) before ``at``; returns its number."""
        at = max(0, min(at, len(self._rows)))
        new = row or LineRow(vat_rate=Decimal(0) if self.vat_exempt else DEFAULT_VAT)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, new)
        self._checked.insert(at, self._check_row(new, at))
        self.endInsertRows()
        self._recheck(at + 1, len(self._rows) - 1)  # problems carry their row number
        self.changed.emit()
        return at

    def replace_row(self, number: int, row: LineRow) -> None:
        self._rows[number] = row
        self._recheck(number, number)
        self.changed.emit()

    def remove_rows(self, numbers: Sequence[int]) -> None:
        for number in sorted(set(numbers), reverse=True):
            if 0 <= number < len(self._rows):
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                del self._checked[number]
                self.endRemoveRows()
        self._recheck(0, len(self._rows) - 1)
        self.changed.emit()

    def move_row(self, number: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns where it is now."""
        target = number + delta
        if not (0 <= number < len(self._rows) and 0 <= target < len(self._rows)) or not delta:
            return number
        # Qt's destination is the row *before which* it goes, in the old numbering.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), number, number, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(number))
        self._checked.insert(target, self._checked.pop(number))
        self.endMoveRows()
        self._recheck(min(number, target), max(number, target))
        self.changed.emit()
        return target

    def can_add(self) -> bool:
        return len(self._rows) < MAX_LINES

    # --- totals -------------------------------------------------------------------------

    def totals(self, typing: tuple[int, int, str] | None = None) -> Totals:
        """Totals of the rows that can be counted; ``typing`` = (row, column, text) counts
        what an open editor holds instead of the row's value (totals follow the keyboard)."""
        amounts: list[LineAmounts] = []
        for number, row in enumerate(self._rows):
            line = self._checked[number].line
            if typing is not None and typing[0] == number:
                line = self._check_row(self._with(row, typing[1], typing[2]), number).line
            if line is not None:
                amounts.append(line.amounts)
        return compute_totals(amounts, vat_exempt=self.vat_exempt)

    def check_typed(self, number: int, column: int, text: str) -> ValidationError | None:
        """The problem the row would have with ``text`` in ``column`` (for the open editor)."""
        row = self._with(self._rows[number], column, text)
        for problem in self._check_row(row, number).problems.values():
            if self.column_of(problem) == column and not is_required(problem):
                return problem
        return None

    def _with(self, row: LineRow, column: int, text: str) -> LineRow:
        if column == self.DESCRIPTION:
            return replace(row, description=text)
        if column == self.QUANTITY:
            return replace(row, quantity=text)
        if column == self.UNIT:
            return replace(row, unit=text)
        if column == self.PRICE:
            return replace(row, unit_price=text)
        if column == self.DISCOUNT:
            return replace(row, discount=text)
        if column == self.VAT:
            try:
                return replace(row, vat_rate=parse_number(text))
            except ValueError:
                return row
        return row

    def _check_row(self, row: LineRow, number: int) -> Checked:
        return check_row(row, number, self.vat_exempt, self.deductions)

    def _check(self, number: int) -> Checked:
        return self._check_row(self._rows[number], number)

    def _recheck(self, first: int, last: int) -> None:
        if last < first:
            return
        for number in range(first, last + 1):
            self._checked[number] = self._check(number)
        self._emit_rows(first, last)

    def _emit_rows(self, first: int, last: int) -> None:
        self.rows_changed(
            first,
            last,
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.BackgroundRole,
            ],
        )

    # --- Qt model -----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def header_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Description"),
            self.tr("Quantity"),
            self.tr("Unit"),
            self.tr("Unit price excl. VAT"),
            self.tr("VAT"),
            self.tr("Discount"),
            self.tr("Total excl. VAT"),
        )

    def vertical_header(self, section: int, role: int) -> Any:
        return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None

    def header_tooltip(self, section: int) -> str | None:
        if section == self.DESCRIPTION:
            return self.tr("Enter starts a new line in the description; Tab goes to the next cell.")
        if section == self.VAT and self.vat_exempt:
            return self.tr("VAT-exempt company (art. 293 B of the CGI): no VAT is charged.")
        if section == self.DISCOUNT:
            return self.tr("Discount in percent of the line's amount (0 to 100).")
        return None

    def cell_flags(self, row: int, column: int) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.read_only or column == self.TOTAL:
            return base
        if column == self.VAT and self.vat_exempt:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def alignment(self, column: int) -> int:
        # Top: a description may take several lines.
        side = Qt.AlignmentFlag.AlignRight if column in self.NUMERIC else Qt.AlignmentFlag.AlignLeft
        return int(side | Qt.AlignmentFlag.AlignTop)

    def cell_data(self, number: int, column: int, role: int) -> Any:
        row = self._rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(number, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        problem = self.cell_problem(number, column)
        if role == Qt.ItemDataRole.DecorationRole and problem is not None:
            return error_icon()
        if role == Qt.ItemDataRole.BackgroundRole and problem is not None:
            return INVALID_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem is not None:
                return line_problem_text(problem)
            if column == self.DESCRIPTION and row.description:
                return row.description
        return None

    def _display(self, number: int, column: int) -> str:
        row = self._rows[number]
        line = self._checked[number].line
        if column == self.DESCRIPTION:
            return row.description
        if column == self.UNIT:
            return row.unit
        if column == self.VAT:
            return format_rate(Decimal(0) if self.vat_exempt else row.vat_rate)
        if column == self.TOTAL:
            if line is None:
                return "" if row.is_blank() else "—"
            return format_amount(line.amounts.total_excl)
        text = (row.quantity, row.unit_price, row.discount)[
            (self.QUANTITY, self.PRICE, self.DISCOUNT).index(column)
        ]
        try:
            value = parse_number(text)
        except ValueError:
            return text  # shown as typed, and marked
        if column == self.QUANTITY:
            return format_decimal(value)
        if column == self.PRICE:
            return price_text(value)
        return format_rate(value) if value else ""

    def _edit_value(self, row: LineRow, column: int) -> Any:
        if column == self.VAT:
            return row.vat_rate
        values: dict[int, str] = {
            self.DESCRIPTION: row.description,
            self.QUANTITY: row.quantity,
            self.UNIT: row.unit,
            self.PRICE: row.unit_price,
            self.DISCOUNT: row.discount,
        }
        return values.get(column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        number, column = index.row(), index.column()
        row = self._rows[number]
        if column == self.VAT:
            try:
                rate = value if isinstance(value, Decimal) else parse_number(str(value))
            except ValueError:
                return False
            new = replace(row, vat_rate=rate.normalize())
        elif column == self.UNIT:
            new = replace(row, unit=str(value)[:UNIT_LENGTH])
        elif column == self.TOTAL:
            return False
        else:
            new = self._with(row, column, str(value))
        if new == row:
            return False
        self.replace_row(number, new)
        return True
