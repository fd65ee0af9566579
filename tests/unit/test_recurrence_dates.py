"""The issue dates of a recurring invoice (app.domain.recurrence): plain dates."""

from __future__ import annotations

from datetime import date

from app.domain.recurrence import Frequency, due_periods, next_period, period_slot

MONTHLY, QUARTERLY, YEARLY = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY


def test_monthly_on_the_31st_uses_each_month_s_last_day() -> None:
    due = due_periods(MONTHLY, 31, date(2026, 1, 1), None, date(2026, 5, 31))
    assert due == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]


def test_february_of_a_leap_year_has_29_days() -> None:
    due = due_periods(MONTHLY, 30, date(2028, 1, 15), None, date(2028, 3, 30))
    assert due == [date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30)]
    # Yearly on 29 February: the 28th in other years.
    yearly = due_periods(YEARLY, 29, date(2028, 2, 1), None, date(2031, 3, 1))
    assert yearly == [date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28)]


def test_the_first_period_is_on_or_after_the_start() -> None:
    # Started on the 20th for the 5th: the first invoice is next month's.
    assert due_periods(MONTHLY, 5, date(2026, 1, 20), None, date(2026, 3, 5)) == [
        date(2026, 2, 5),
        date(2026, 3, 5),
    ]
    # Started on the day itself: that day is the first period.
    assert due_periods(MONTHLY, 20, date(2026, 1, 20), None, date(2026, 1, 20)) == [
        date(2026, 1, 20)
    ]


def test_nothing_is_due_before_its_day() -> None:
    assert due_periods(MONTHLY, 10, date(2026, 1, 1), None, date(2026, 1, 9)) == []
    assert next_period(MONTHLY, 10, date(2026, 1, 1), None, date(2026, 1, 9)) == date(2026, 1, 10)


def test_quarterly_runs_every_three_months_from_the_start_month() -> None:
    due = due_periods(QUARTERLY, 15, date(2026, 2, 1), None, date(2027, 2, 14))
    assert due == [date(2026, 2, 15), date(2026, 5, 15), date(2026, 8, 15), date(2026, 11, 15)]
    # Started after the day in its month: the grid keeps the start month, the first
    # invoice is three months later.
    late = due_periods(QUARTERLY, 15, date(2026, 2, 20), None, date(2026, 9, 1))
    assert late == [date(2026, 5, 15), date(2026, 8, 15)]


def test_yearly_keeps_the_start_month() -> None:
    due = due_periods(YEARLY, 1, date(2026, 9, 1), None, date(2029, 8, 31))
    assert due == [date(2026, 9, 1), date(2027, 9, 1), date(2028, 9, 1)]


def test_the_end_date_is_respected() -> None:
    end = date(2026, 3, 14)
    due = due_periods(MONTHLY, 15, date(2026, 1, 1), end, date(2026, 12, 31))
    assert due == [date(2026, 1, 15), date(2026, 2, 15)]
    assert next_period(MONTHLY, 15, date(2026, 1, 1), end, date(2026, 2, 15)) is None
    # The end date itself is included.
    assert due_periods(MONTHLY, 15, date(2026, 1, 1), date(2026, 3, 15), date(2026, 12, 31))[
        -1
    ] == date(2026, 3, 15)


def test_a_period_is_its_month_on_the_grid() -> None:
    start = date(2026, 1, 1)
    assert period_slot(MONTHLY, start, date(2026, 1, 5)) == period_slot(
        MONTHLY, start, date(2026, 1, 10)
    )
    assert period_slot(MONTHLY, start, date(2026, 2, 1)) == 1
    assert period_slot(QUARTERLY, start, date(2026, 3, 31)) == 0
    assert period_slot(QUARTERLY, start, date(2026, 4, 1)) == 1
    assert period_slot(YEARLY, start, date(2027, 1, 1)) == 1
