"""French number, money, rate and date formatting, as printed on documents.

Pure functions, no locale state: ``format_amount(Decimal("1234.5"))`` gives
``"1 234,50 €"`` whatever the machine's locale is.

Typography (as CLDR/Babel do for ``fr_FR``): thousands are grouped with a narrow
no-break space (U+202F) and the unit (``€``, ``%``) follows a no-break space
(U+00A0), so that neither an amount nor a rate is ever split across two lines.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

THOUSANDS_SEP = "\u202f"  # NARROW NO-BREAK SPACE
UNIT_SEP = "\u00a0"  # NO-BREAK SPACE
DECIMAL_SEP = ","
CURRENCY = "€"

_CENT = Decimal("0.01")


def _group(digits: str) -> str:
    """Group a string of digits by three from the right: ``"1234567"`` -> ``"1 234 567"``."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return THOUSANDS_SEP.join(groups)


def _format_fixed(value: Decimal) -> str:
    """Format a finite Decimal as written (no exponent), French separators, grouped."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    text = format(abs(value), "f")
    int_part, _, frac_part = text.partition(".")
    result = _group(int_part)
    if frac_part:
        result += DECIMAL_SEP + frac_part
    # No "-0,00": a value that prints as zero has no sign.
    if value.is_signed() and any(ch not in "0" for ch in int_part + frac_part):
        result = "-" + result
    return result


def format_amount(value: Decimal, *, currency: bool = True) -> str:
    """Money, rounded half-up to the cent: ``Decimal("1234.5")`` -> ``"1 234,50 €"``.

    With ``currency=False`` the ``€`` sign is left out (``"1 234,50"``).
    """
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    text = _format_fixed(value.quantize(_CENT, rounding=ROUND_HALF_UP))
    return f"{text}{UNIT_SEP}{CURRENCY}" if currency else text


def format_decimal(value: Decimal) -> str:
    """A quantity without useless zeros: ``2.500`` -> ``"2,5"``, ``1E+3`` -> ``"1 000"``."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if value == value.to_integral_value():
        return _format_fixed(value.quantize(Decimal(1)))
    return _format_fixed(value.normalize())


def format_rate(value: Decimal) -> str:
    """A percentage: ``Decimal("20")`` -> ``"20 %"``, ``Decimal("5.50")`` -> ``"5,5 %"``."""
    return f"{format_decimal(value)}{UNIT_SEP}%"


def format_date(value: date) -> str:
    """``date(2026, 11, 28)`` -> ``"28/11/2026"``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_siren(value: str) -> str:
    """A SIREN (9 digits) or SIRET (14 digits) as printed everywhere: ``"732 829 320"``,
    ``"732 829 320 00074"``; anything else is returned as typed (trimmed)."""
    digits = "".join(c for c in value if not c.isspace() and c not in ".-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in (9, 14):
        return value.strip()
    groups = [digits[0:3], digits[3:6], digits[6:9]] + ([digits[9:]] if len(digits) == 14 else [])
    return UNIT_SEP.join(groups)
