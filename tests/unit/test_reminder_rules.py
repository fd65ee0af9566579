"""The reminder rules on plain values: penalties, the rate, when each level falls due."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.reminders import (
    DEFAULT_LEVELS,
    ReminderBase,
    days_late,
    late_penalties,
    next_level,
    penalty_rate,
    recovery_indemnity,
)

DUE = date(2026, 9, 15)


def test_penalties_to_the_cent_for_a_known_case() -> None:
    # 1 250,00 € left, due 15/09/2026, paid 20/11/2026: 66 days late at 12,15 % a year.
    # 1250 × 0.1215 × 66 / 365 = 27.4623… → 27,46 €
    assert days_late(DUE, date(2026, 11, 20)) == 66
    assert late_penalties(Decimal("1250.00"), Decimal("12.15"), DUE, date(2026, 11, 20)) == (
        Decimal("27.46")
    )
    # Half a cent rounds up: 365 € at 1 % for 1 day is 0.01 exactly; 182.50 € gives 0.005.
    assert late_penalties(Decimal("182.50"), Decimal("1"), DUE, DUE + timedelta(days=1)) == (
        Decimal("0.01")
    )


def test_no_penalty_before_or_on_the_due_date() -> None:
    assert late_penalties(Decimal("1000"), Decimal("10"), DUE, DUE) == Decimal("0.00")
    assert late_penalties(Decimal("1000"), Decimal("10"), DUE, DUE - timedelta(days=3)) == (
        Decimal("0.00")
    )
    assert days_late(None, DUE) == 0


def test_the_recovery_indemnity_is_for_late_business_clients_only() -> None:
    assert recovery_indemnity(True, 1) == Decimal("40.00")
    assert recovery_indemnity(False, 30) == Decimal("0.00")
    assert recovery_indemnity(True, 0) == Decimal("0.00")


@pytest.mark.parametrize(
    ("company", "legal", "expected"),
    [
        ("10,5 %", "", "10.5"),
        ("12.15%", "", "12.15"),
        ("", "", "8.28"),  # three times the default legal rate (2,76 %)
        ("", "3,5 %", "10.5"),
        ("taux de la BCE majoré de 10 points", "4", "12"),  # words: the legal minimum
    ],
)
def test_the_penalty_rate(company: str, legal: str, expected: str) -> None:
    assert penalty_rate(company, legal) == Decimal(expected)


def test_the_first_level_falls_due_its_delay_after_the_due_date() -> None:
    first = next_level(DEFAULT_LEVELS, DUE, {})
    assert first.level is not None and first.level.position == 1
    assert first.due_on == DUE + timedelta(days=7)
    assert not first.is_due(DUE + timedelta(days=6))
    assert first.is_due(DUE + timedelta(days=7))


def test_a_level_waits_for_the_one_before_and_keeps_its_distance() -> None:
    # Level 1 sent on time (D+7): level 2 at D+21.
    on_time = next_level(DEFAULT_LEVELS, DUE, {1: DUE + timedelta(days=7)})
    assert on_time.level is not None and on_time.level.position == 2
    assert on_time.due_on == DUE + timedelta(days=21)
    # Level 1 sent late (D+30): level 2 fourteen days later, not the next day.
    late = next_level(DEFAULT_LEVELS, DUE, {1: DUE + timedelta(days=30)})
    assert late.due_on == DUE + timedelta(days=44)
    # After the last level, nothing more.
    done = next_level(DEFAULT_LEVELS, DUE, {1: DUE, 2: DUE, 3: DUE})
    assert done.level is None and not done.is_due(DUE + timedelta(days=999))


def test_a_level_counted_from_the_previous_one() -> None:
    levels = [
        DEFAULT_LEVELS[0],
        replace(DEFAULT_LEVELS[1], after=ReminderBase.PREVIOUS, delay_days=5),
    ]
    sent = DUE + timedelta(days=10)
    following = next_level(levels, DUE, {1: sent})
    assert following.due_on == sent + timedelta(days=5)
