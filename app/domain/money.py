"""Money and VAT arithmetic on ``Decimal``, never float.

French practice: each line's amount excl. VAT is rounded to the cent, VAT is
computed once per rate on the sum of that rate's lines and rounded to the cent,
and the total incl. VAT is the sum of the rounded parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# The rates a French business uses; 0 also covers VAT-exempt companies.
VAT_RATES = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal("0"))


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Parse a user or database value; floats are refused to avoid binary noise."""
    if isinstance(value, float):
        raise TypeError("money is never a float")
    try:
        result = Decimal(
            str(value).strip().replace(",", ".").replace("\u202f", "").replace(" ", "")
        )
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    discount_percent: Decimal = ZERO

    @property
    def total_excl(self) -> Decimal:
        gross = self.quantity * self.unit_price
        net = gross * (HUNDRED - self.discount_percent) / HUNDRED
        return round_money(net)


@dataclass(frozen=True)
class Totals:
    total_excl: Decimal
    total_vat: Decimal
    total_incl: Decimal
    # rate -> (base excl. VAT, VAT amount), rates in descending order
    by_rate: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)


def compute_totals(lines: Iterable[LineAmounts], vat_exempt: bool = False) -> Totals:
    bases: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = ZERO if vat_exempt else line.vat_rate.normalize()
        bases[rate] = bases.get(rate, ZERO) + line.total_excl
    by_rate: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for rate in sorted(bases, reverse=True):
        base = bases[rate]
        by_rate[rate] = (base, round_money(base * rate / HUNDRED))
    total_excl = sum((b for b, _ in by_rate.values()), ZERO)
    total_vat = sum((v for _, v in by_rate.values()), ZERO)
    return Totals(total_excl, total_vat, total_excl + total_vat, by_rate)
