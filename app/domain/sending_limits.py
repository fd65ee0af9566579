"""A mail provider's sending limits and the arithmetic of their rolling windows.

Providers count what their server accepted over a *rolling* window, not per calendar day:
Gmail "2,000 messages per day" (500 for a free account) and Microsoft 365 "10,000
recipients per day" are both counted over the last 24 hours, and Microsoft's "30 messages
per minute" over the last 60 seconds. So a message counts from the moment the server took
it until 24 hours (60 seconds) later, whichever program or workstation sent it.

No I/O here: the outbox reads what was handed to the server (``Handed``) and asks these
functions when more may go.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DAY = timedelta(hours=24)
MINUTE = timedelta(seconds=60)


@dataclass(frozen=True)
class Limits:
    """0 means no limit."""

    per_minute: int = 0
    messages_per_day: int = 0
    recipients_per_day: int = 0

    @property
    def daily(self) -> bool:
        return self.messages_per_day > 0 or self.recipients_per_day > 0

    @property
    def any(self) -> bool:
        return self.daily or self.per_minute > 0

    @property
    def day_only(self) -> Limits:
        return Limits(0, self.messages_per_day, self.recipients_per_day)

    @property
    def minute_only(self) -> Limits:
        return Limits(self.per_minute, 0, 0)

    @property
    def spacing(self) -> timedelta:
        """The pace between two messages of one sender (the per-minute limit, evenly)."""
        return MINUTE / self.per_minute if self.per_minute > 0 else timedelta(0)


@dataclass(frozen=True)
class Handed:
    """A message the server took (or may have taken): when, and for how many recipients."""

    at: datetime
    recipients: int


@dataclass(frozen=True)
class Allowance:
    """What may still leave now (None: no such limit) and when one more message may."""

    messages_left_today: int | None
    recipients_left_today: int | None
    messages_left_this_minute: int | None
    next_free_at: datetime  # ``now`` when a one-recipient message may leave at once


@dataclass(frozen=True)
class DayPlan:
    """A batch against the rolling day: how many fit now, when the first of the rest may go."""

    total: int
    now: int
    later_at: datetime | None  # None when every message fits

    @property
    def later(self) -> int:
        return self.total - self.now


class _Window:
    """What counts in one rolling window at a moving time (events in time order)."""

    def __init__(self, span: timedelta, messages: int, recipients: int) -> None:
        self.span, self.messages, self.recipients = span, messages, recipients
        self.events: deque[Handed] = deque()
        self.total = 0

    def add(self, event: Handed) -> None:
        self.events.append(event)
        self.total += event.recipients

    def expire(self, at: datetime) -> None:
        while self.events and self.events[0].at <= at - self.span:
            self.total -= self.events.popleft().recipients

    def full_for(self, recipients: int) -> bool:
        over_messages = self.messages > 0 and len(self.events) + 1 > self.messages
        over_recipients = self.recipients > 0 and self.total + recipients > self.recipients
        return over_messages or over_recipients

    def room_at(self, at: datetime, recipients: int) -> datetime:
        """The earliest time from ``at`` when one more message of ``recipients`` fits.

        A message with more recipients than the whole limit goes once the window is empty
        (the provider then answers for it, and the outbox reports that answer)."""
        self.expire(at)
        while self.full_for(recipients) and self.events:
            at = max(at, self.events[0].at + self.span)
            self.expire(at)
        return at


def _windows(limits: Limits, handed: Iterable[Handed]) -> list[_Window]:
    windows = []
    if limits.daily:
        windows.append(_Window(DAY, limits.messages_per_day, limits.recipients_per_day))
    if limits.per_minute > 0:
        windows.append(_Window(MINUTE, limits.per_minute, 0))
    for event in sorted(handed, key=lambda e: e.at):
        for window in windows:
            window.add(event)
    return windows


def departures(
    limits: Limits,
    handed: Iterable[Handed],
    now: datetime,
    recipients: Sequence[int],
    *,
    spaced: bool = True,
) -> list[datetime]:
    """When each of these messages (their recipient counts, in sending order) may leave at
    the earliest, each leaving as soon as it may; ``spaced``: one sender's even pace too."""
    windows = _windows(limits, handed)
    spacing = limits.spacing if spaced else timedelta(0)
    times: list[datetime] = []
    at = now
    for count in recipients:
        if times:
            at = max(at, times[-1] + spacing)
        # Expiry only frees room: a later window moving the time on never undoes an earlier.
        for window in windows:
            at = window.room_at(at, count)
        for window in windows:
            window.add(Handed(at, count))
        times.append(at)
    return times


def allowance(limits: Limits, handed: Sequence[Handed], now: datetime) -> Allowance:
    day = [e for e in handed if e.at > now - DAY]
    minute = [e for e in day if e.at > now - MINUTE]

    def left(limit: int, used: int) -> int | None:
        return max(limit - used, 0) if limit > 0 else None

    return Allowance(
        messages_left_today=left(limits.messages_per_day, len(day)),
        recipients_left_today=left(limits.recipients_per_day, sum(e.recipients for e in day)),
        messages_left_this_minute=left(limits.per_minute, len(minute)),
        next_free_at=departures(limits, handed, now, [1], spaced=False)[0],
    )


def plan_day(
    limits: Limits, handed: Sequence[Handed], now: datetime, recipients: Sequence[int]
) -> DayPlan:
    """How many of these messages, in order, the rolling day lets leave now; the rest wait
    for the window to free room (the first of them at ``later_at``, pace included)."""
    total = len(recipients)
    if not limits.daily:
        return DayPlan(total, total, None)
    today = allowance(limits.day_only, handed, now)
    messages = today.messages_left_today
    room = today.recipients_left_today
    fits = 0
    used = 0
    for count in recipients:
        if messages is not None and fits + 1 > messages:
            break
        if room is not None and used + count > room:
            break
        fits, used = fits + 1, used + count
    if fits == total:
        return DayPlan(total, total, None)
    times = departures(limits, handed, now, recipients[: fits + 1])
    return DayPlan(total, fits, times[-1])
