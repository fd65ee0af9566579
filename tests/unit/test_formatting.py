"""French number, money, rate and date formats."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.formatting import format_amount, format_date, format_decimal, format_rate

NNBSP = "\u202f"  # thousands separator
NBSP = "\u00a0"  # before the unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.56", f"1{NNBSP}234,56{NBSP}€"),
        ("0", f"0,00{NBSP}€"),
        ("5", f"5,00{NBSP}€"),
        ("999.999", f"1{NNBSP}000,00{NBSP}€"),
        ("1000", f"1{NNBSP}000,00{NBSP}€"),
        ("1E+3", f"1{NNBSP}000,00{NBSP}€"),
        ("1234567.891", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        ("2.345", f"2,35{NBSP}€"),  # half-up, not banker's rounding
        ("2.325", f"2,33{NBSP}€"),
        ("-1234.5", f"-1{NNBSP}234,50{NBSP}€"),
        ("-0.001", f"0,00{NBSP}€"),  # no "-0,00"
        ("-0", f"0,00{NBSP}€"),
        ("123456", f"123{NNBSP}456,00{NBSP}€"),
    ],
)
def test_format_amount(value: str, expected: str) -> None:
    assert format_amount(Decimal(value)) == expected


def test_format_amount_without_currency() -> None:
    assert format_amount(Decimal("98765.4"), currency=False) == f"98{NNBSP}765,40"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.500", "2,5"),
        ("2", "2"),
        ("10", "10"),
        ("100.00", "100"),
        ("1E+3", f"1{NNBSP}000"),
        ("0.000", "0"),
        ("0.25", "0,25"),
        ("-3.10", "-3,1"),
        ("1234.5678", f"1{NNBSP}234,5678"),
        ("1250", f"1{NNBSP}250"),
    ],
)
def test_format_decimal_drops_useless_zeros(value: str, expected: str) -> None:
    assert format_decimal(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20", f"20{NBSP}%"),
        ("20.00", f"20{NBSP}%"),
        ("5.5", f"5,5{NBSP}%"),
        ("5.50", f"5,5{NBSP}%"),
        ("2.1", f"2,1{NBSP}%"),
        ("0", f"0{NBSP}%"),
        ("12.5", f"12,5{NBSP}%"),
    ],
)
def test_format_rate(value: str, expected: str) -> None:
    assert format_rate(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 28), "28/11/2026"),
        (date(2026, 1, 5), "05/01/2026"),
        (date(999, 12, 31), "31/12/0999"),
        (datetime(2026, 3, 9, 23, 59), "09/03/2026"),
    ],
)
def test_format_date(value: date, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_non_finite_numbers_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        format_amount(Decimal(value))
    with pytest.raises(ValueError):
        format_decimal(Decimal(value))
    with pytest.raises(ValueError):
        format_rate(Decimal(value))


def test_outputs_never_contain_breakable_spaces() -> None:
    """A line break must never split an amount or a rate on a printed document."""
    for text in (
        format_amount(Decimal("-1234567.89")),
        format_decimal(Decimal("1234567")),
        format_rate(Decimal("5.5")),
    ):
        assert " " not in text
