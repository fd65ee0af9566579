"""A document's lines as typed in the editor, and what is wrong with them.

Numbers are kept exactly as typed ("12,5", "1 234.50") so that nothing typed is ever lost;
``check_row`` parses a row and applies the documents service's own rules (``check_lines``) to
each of its values. Plain Python: the Qt model is ``ui.models.line_table``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.domain.formatting import format_amount, format_decimal
from app.errors import ValidationError
from app.services.document_data import LineInput
from app.services.documents import MAX_AMOUNT, check_lines

DEFAULT_VAT = Decimal("20")
UNIT_LENGTH = 20  # the database's column
# The database keeps 4 decimals for quantities and prices, 2 for rates: refuse more rather
# than let it round what the user sees.
DECIMALS = {"quantity": 4, "unit_price": 4, "discount_percent": 2}
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")


def parse_number(text: str) -> Decimal:
    """A number as a French or English user types it: "12,5", "12.5", "1 234,50 €", "10 %".

    Raises ``ValueError`` for anything else (letters, exponents, two separators...).
    """
    cleaned = text.strip().removesuffix("€").removesuffix("%").translate(_SPACES)
    if cleaned.count(",") + cleaned.count(".") > 1:
        # "1.234,56" or "1,234.56": the last separator is the decimal one.
        cut = max(cleaned.rfind(","), cleaned.rfind("."))
        head, tail = cleaned[:cut], cleaned[cut + 1 :]
        if not re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", head) or not tail.isdigit():
            raise ValueError(text)
        cleaned = head.replace(",", "").replace(".", "") + "." + tail
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    return Decimal(cleaned.replace(",", "."))


def price_text(value: Decimal) -> str:
    """A unit price: two decimals at least ("48,90"), up to four when typed ("0,1250")."""
    if value == value.quantize(Decimal("0.01")):
        return format_amount(value, currency=False)
    return format_decimal(value)


@dataclass(frozen=True)
class LineRow:
    """One row as typed. The VAT rate comes from a list, so it is always a number."""

    description: str = ""
    quantity: str = "1"
    unit: str = ""
    unit_price: str = ""
    vat_rate: Decimal = DEFAULT_VAT
    discount: str = ""

    @classmethod
    def from_line(cls, line: LineInput) -> LineRow:
        return cls(
            description=line.description,
            quantity=format_decimal(line.quantity),
            unit=line.unit,
            unit_price=price_text(line.unit_price),
            vat_rate=line.vat_rate.normalize(),
            discount="" if not line.discount_percent else format_decimal(line.discount_percent),
        )

    def is_blank(self) -> bool:
        """A row added and left empty: not saved, never an error."""
        return (
            not self.description.strip()
            and self.quantity.strip() in ("", "1")
            and not self.unit.strip()
            and not self.unit_price.strip()
            and self.discount.strip() in ("", "0")
        )


@dataclass(frozen=True)
class Checked:
    """What a row means: its line (None when a value is missing or invalid) and what is
    wrong with each value, by field name, left to right."""

    line: LineInput | None
    problems: dict[str, ValidationError] = field(default_factory=dict)

    @property
    def problem(self) -> ValidationError | None:
        """The first problem, left to right."""
        return next(iter(self.problems.values()), None)


def _number(
    row: int, name: str, text: str, default: Decimal | None = None
) -> tuple[Decimal | None, ValidationError | None]:
    if not text.strip():
        if default is not None:
            return default, None
        return None, ValidationError("required", field=name, row=row, reason="required")
    try:
        value = parse_number(text)
    except ValueError:
        return None, ValidationError("number", field=name, row=row, reason="number", value=text)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMALS[name]:
        return None, ValidationError(
            "decimals", field=name, row=row, reason="decimals", limit=DECIMALS[name]
        )
    return value, None


# Harmless values that let one value be checked by the service's rules on its own.
_NEUTRAL = {"quantity": Decimal(1), "unit_price": Decimal(0), "discount_percent": Decimal(0)}


def _service_problem(
    index: int, name: str, value: Decimal, deductions: bool = False
) -> ValidationError | None:
    """What the documents service (``check_lines``) says of this one value."""
    values = {**_NEUTRAL, name: value}
    line = LineInput("", values["quantity"], values["unit_price"], Decimal(0))
    line = replace(line, discount_percent=values["discount_percent"])
    try:
        check_lines((line,), deductions=deductions)
    except ValidationError as error:
        return ValidationError(error.detail, **{**error.data, "row": index})
    return None


def check_row(row: LineRow, index: int, vat_exempt: bool, deductions: bool = False) -> Checked:
    """Parse a row and apply the documents service's rules to each of its values."""
    problems: dict[str, ValidationError] = {}
    if not row.description.strip():
        problems["description"] = ValidationError("required", field="description", row=index)
    values: dict[str, Decimal] = {}
    for name, text in (
        ("quantity", row.quantity),
        ("unit_price", row.unit_price),
        ("discount_percent", row.discount),
    ):
        value, problem = _number(
            index, name, text, Decimal(0) if name == "discount_percent" else None
        )
        if problem is None and value is not None:
            problem = _service_problem(index, name, value, deductions)
        if problem is not None:
            problems[name] = problem
        elif value is not None:
            values[name] = value
    if len(values) < 3:
        return Checked(None, problems)
    line = LineInput(
        description=row.description,
        quantity=values["quantity"],
        unit_price=values["unit_price"],
        vat_rate=Decimal(0) if vat_exempt else row.vat_rate,
        unit=row.unit.strip(),
        discount_percent=values["discount_percent"],
    )
    try:
        check_lines(
            (line,), deductions=deductions
        )  # the whole line, should the service check more one day
    except ValidationError as error:
        problems.setdefault(
            str(error.data.get("field", "")),
            ValidationError(error.detail, **{**error.data, "row": index}),
        )
        return Checked(None, problems)
    if line.amounts.total_excl > MAX_AMOUNT:
        problems["total"] = ValidationError("total", field="total", row=index, reason="total")
        return Checked(None, problems)
    return Checked(line, problems)


def is_required(problem: ValidationError) -> bool:
    """A value left empty (shown only once the user tried to save)."""
    return problem.detail == "required"
