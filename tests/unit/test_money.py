from decimal import Decimal

import pytest

from app.domain.money import LineAmounts, compute_totals, round_money, to_decimal

D = Decimal


def test_round_half_up_to_the_cent() -> None:
    assert round_money(D("0.005")) == D("0.01")
    assert round_money(D("2.675")) == D("2.68")  # a float would give 2.67
    assert round_money(D("-0.005")) == D("-0.01")


def test_line_total_is_rounded_per_line_with_discount() -> None:
    line = LineAmounts(D("3"), D("33.333"), D("20"), D("10"))
    assert line.total_excl == D("90.00")  # 99.999 * 0.9 = 89.9991
    assert LineAmounts(D("1.5"), D("0.335"), D("20")).total_excl == D("0.50")


def test_vat_is_computed_per_rate_on_the_rounded_line_totals() -> None:
    lines = [
        LineAmounts(D("1"), D("0.04"), D("20")),
        LineAmounts(D("1"), D("0.04"), D("20")),
        LineAmounts(D("3"), D("12.10"), D("5.5")),
    ]
    totals = compute_totals(lines)
    # per rate: 0.08 * 20 % = 0.016 -> 0.02 (per line it would be 0.01 + 0.01)
    assert totals.by_rate[D("20")] == (D("0.08"), D("0.02"))
    assert totals.by_rate[D("5.5")] == (D("36.30"), D("2.00"))  # 1.9965
    assert totals.total_excl == D("36.38")
    assert totals.total_vat == D("2.02")
    assert totals.total_incl == D("38.40")
    assert list(totals.by_rate) == [D("20"), D("5.5")]


def test_vat_exempt_company_charges_no_vat() -> None:
    totals = compute_totals([LineAmounts(D("2"), D("50"), D("20"))], vat_exempt=True)
    assert totals.total_vat == D("0.00")
    assert totals.total_incl == D("100.00")
    assert list(totals.by_rate) == [D("0")]


def test_to_decimal_accepts_french_input_and_refuses_floats() -> None:
    assert to_decimal("1 234,56") == D("1234.56")
    assert to_decimal("1\u202f234,5") == D("1234.5")
    with pytest.raises(TypeError):
        to_decimal(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_decimal("douze")
    with pytest.raises(ValueError):
        to_decimal("NaN")
