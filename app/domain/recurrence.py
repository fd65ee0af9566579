"""The dates of a recurring invoice: which issue dates are due, from the recurrence's
frequency, day of the month, start and end (plain functions, no database).

The periods lie on a grid of months that begins at the start's month: every month,
every three months (quarterly) or every twelve (yearly). In each period's month the
invoice is dated the recurrence's day, or the month's last day when the month is shorter
(the 31st: 28 or 29 February, 30 April). The first period is the first such date on or
after the start; none is after the end date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from enum import StrEnum

__all__ = [
    "MAX_DAY",
    "Frequency",
    "RecurrenceMode",
    "due_periods",
    "issue_dates",
    "next_period",
    "period_slot",
]

MAX_DAY = 31


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        return _MONTHS[self]


_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


class RecurrenceMode(StrEnum):
    DRAFT = "draft"  # a draft to check and validate by hand
    SEND = "send"  # validated and held in the outbox for the next batch


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _dated(month_index: int, day: int) -> date:
    """``day`` of that month, or its last day when the month is shorter."""
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def issue_dates(frequency: Frequency, day: int, start: date, end: date | None) -> Iterator[date]:
    """Every issue date of the recurrence, in order (endless without an end date)."""
    step = Frequency(frequency).months
    month = _month_index(start)
    while True:
        issued = _dated(month, day)
        month += step
        if issued < start:  # the start's month, before the start: its period is skipped
            continue
        if end is not None and issued > end:
            return
        yield issued


def due_periods(
    frequency: Frequency, day: int, start: date, end: date | None, today: date
) -> list[date]:
    """The issue dates due on ``today``: those from the start up to today (and the end)."""
    due: list[date] = []
    for issued in issue_dates(frequency, day, start, end):
        if issued > today:
            break
        due.append(issued)
    return due


def next_period(
    frequency: Frequency, day: int, start: date, end: date | None, today: date
) -> date | None:
    """The first issue date after ``today``; None once the end date is passed."""
    for issued in issue_dates(frequency, day, start, end):
        if issued > today:
            return issued
    return None


def period_slot(frequency: Frequency, start: date, issued: date) -> int:
    """Which period of the grid ``issued`` falls in (0 = the one of the start's month).

    Two dates in the same slot are the same period: when the day of an existing
    recurrence changes (the 5th becomes the 10th), the month already invoiced is not
    invoiced again under its new date."""
    return (_month_index(issued) - _month_index(start)) // Frequency(frequency).months
