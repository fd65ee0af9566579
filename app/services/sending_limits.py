"""The provider's sending limits against what this database handed to the mail server.

What counts is read from the database, so every run and every process (two ``facturier
outbox send`` in a row, the window and the command line, two workstations) shares one
count. A message counts once the server took it or may have: ``sent`` (``sent_at``, with
each recipient it accepted, the copy to self included), ``sending`` (claimed right now, all
its recipients) and ``unknown`` (the link broke after the final dot: the server may have it).
Refused (``failed``) and temporary failures (``retry_wait``) did not go out and do not count.
Windows are rolling (app/domain/sending_limits.py): 24 hours for the day, 60 s for the
minute.

The drain asks a ``SendingGate`` before each claim, in the claim's own transaction (on
SQLite a write transaction is ``BEGIN IMMEDIATE``, so two senders' checks never interleave;
on PostgreSQL two workstations claiming at the same instant may overshoot by one).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import OutboxMessage
from app.domain.kinds import CopyToSelf
from app.domain.outbox import (
    HoldReason,
    OutboxState,
    Recipient,
    legacy_recipients,
    recipients_from_json,
)
from app.domain.sending_limits import (
    DAY,
    MINUTE,
    Allowance,
    DayPlan,
    Handed,
    Limits,
    departures,
    plan_day,
)
from app.domain.sending_limits import allowance as allowance_at
from app.services.outbox_queue import split_addresses
from app.services.settings import Company, get_company

__all__ = [
    "Allowance",
    "BatchForecast",
    "Clock",
    "DayPlan",
    "SendingGate",
    "SystemClock",
    "allowance",
    "batch_forecast",
    "handed_since",
    "limits_of",
]


class Clock(Protocol):
    """The time the outbox goes by: injectable, so tests move it instead of sleeping."""

    def now(self) -> datetime:  # naive UTC, as the database stores times
        ...

    def monotonic(self) -> float: ...

    def wait(self, seconds: float, cancel: threading.Event) -> None:
        """Wait that long, or less when ``cancel`` is set."""


class SystemClock:
    def now(self) -> datetime:
        return utcnow()

    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, seconds: float, cancel: threading.Event) -> None:
        cancel.wait(seconds)


def limits_of(company: Company) -> Limits:
    return Limits(
        per_minute=company.rate_per_minute,
        messages_per_day=company.daily_message_limit,
        recipients_per_day=company.daily_recipient_limit,
    )


def _envelope(recipients: str, to: str, cc: str, bcc: str) -> list[Recipient]:
    if recipients:
        return recipients_from_json(recipients)
    return legacy_recipients(*(split_addresses(a) for a in (to, cc, bcc)))


def _counted(recipients: str, to: str, cc: str, bcc: str) -> int:
    """Recipients a message consumed: those the server accepted when it answered, else
    every envelope recipient (not answered yet, or prepared before answers were kept)."""
    found = _envelope(recipients, to, cc, bcc)
    answered = [r for r in found if r.code is not None]
    return sum(r.accepted for r in answered) if answered else len(found)


def _to_send(recipients: str, to: str, cc: str, bcc: str) -> int:
    """Recipients a message about to go will consume: every envelope recipient."""
    return len(_envelope(recipients, to, cc, bcc))


def handed_since(session: Session, since: datetime, recipients: bool = True) -> list[Handed]:
    """What the server took, or may have, after ``since`` (``recipients``: count them;
    otherwise each counts as one, which saves reading them)."""
    m = OutboxMessage
    sent = and_(m.state == str(OutboxState.SENT), m.sent_at > since)
    taking = and_(
        m.state.in_([str(OutboxState.SENDING), str(OutboxState.UNKNOWN)]), m.updated_at > since
    )
    if recipients:
        query = select(m.sent_at, m.updated_at, m.recipients, m.to_addrs, m.cc_addrs, m.bcc_addrs)
        return [
            Handed(sent_at or updated_at, _counted(json, to, cc, bcc))
            for sent_at, updated_at, json, to, cc, bcc in session.execute(
                query.where(or_(sent, taking))
            )
        ]
    times = select(m.sent_at, m.updated_at).where(or_(sent, taking))
    return [Handed(sent_at or updated_at, 1) for sent_at, updated_at in session.execute(times)]


def _handed(session: Session, limits: Limits, now: datetime) -> list[Handed]:
    since = now - (DAY if limits.daily else MINUTE)
    return handed_since(session, since, recipients=limits.recipients_per_day > 0)


def allowance(
    db: Database, company: Company | None = None, now: datetime | None = None
) -> Allowance:
    """What the provider's limits let leave now, counted over every sender of this database."""
    company = company or get_company(db)
    now = now or utcnow()
    limits = limits_of(company)
    with db.read() as session:
        handed = _handed(session, limits, now) if limits.any else []
    return allowance_at(limits, handed, now)


@dataclass(frozen=True)
class BatchForecast:
    """What the confirmation dialog says of a batch against the provider's day."""

    plan: DayPlan
    messages_per_day: int  # 0: none
    recipients_per_day: int


def batch_forecast(
    db: Database, client_addresses: Sequence[int], now: datetime | None = None
) -> BatchForecast:
    """A batch whose messages go to these numbers of client addresses (each one also to
    the sender when the copy to self is on): how many leave now, when the rest may."""
    company = get_company(db)
    now = now or utcnow()
    limits = limits_of(company)
    copy = 0 if company.copy_to_self == CopyToSelf.NONE else 1
    counts = [count + copy for count in client_addresses]
    with db.read() as session:
        handed = _handed(session, limits, now) if limits.daily else []
    return BatchForecast(
        plan_day(limits, handed, now, counts),
        company.daily_message_limit,
        company.daily_recipient_limit,
    )


@dataclass(frozen=True)
class Verdict:
    """May the candidate leave now? ``until``: not before then; ``daily``: the day is full
    (the rest is held), else the minute is (the drain waits)."""

    until: datetime | None = None
    daily: bool = False


GO = Verdict()


class SendingGate:
    """The drain's check before each claim (and before it connects at all)."""

    def __init__(self, company: Company, clock: Clock) -> None:
        self.limits = limits_of(company)
        self.clock = clock

    @property
    def active(self) -> bool:
        return self.limits.any

    def verdict(self, session: Session, recipients: int) -> Verdict:
        """For a message of ``recipients`` envelope recipients, in the claim's transaction."""
        if not self.active:
            return GO
        now = self.clock.now()
        handed = _handed(session, self.limits, now)
        if self.limits.daily:
            at = departures(self.limits.day_only, handed, now, [recipients], spaced=False)[0]
            if at > now:
                return Verdict(at, daily=True)
        if self.limits.per_minute > 0:
            at = departures(self.limits.minute_only, handed, now, [recipients], spaced=False)[0]
            if at > now:
                return Verdict(at)
        return GO

    def hold_if_day_full(self, db: Database, wanted: Collection[int]) -> list[int]:
        """Before connecting: when the oldest queued message among ``wanted`` may not leave
        today, every queued one is held for the provider's day; their ids."""
        if not self.limits.daily:
            return []
        with db.write() as session:
            row = session.scalar(
                select(OutboxMessage)
                .where(OutboxMessage.state == str(OutboxState.QUEUED))
                .where(OutboxMessage.id.in_(list(wanted)))
                .order_by(OutboxMessage.id)
                .limit(1)
            )
            if row is None or not self.check(session, row).daily:
                return []
            return self.hold_for_day(session, wanted)

    def hold_for_day(self, session: Session, wanted: Collection[int]) -> list[int]:
        """The day is full: the queued messages among ``wanted`` wait, held, each until the
        rolling window frees room for it (its ``next_attempt_at``)."""
        m = OutboxMessage
        rows = list(
            session.execute(
                select(m.id, m.recipients, m.to_addrs, m.cc_addrs, m.bcc_addrs)
                .where(m.id.in_(list(wanted)), m.state == str(OutboxState.QUEUED))
                .order_by(m.id)
            )
        )
        if not rows:
            return []
        now = self.clock.now()
        counts = [_to_send(json, to, cc, bcc) for _id, json, to, cc, bcc in rows]
        times = departures(self.limits, _handed(session, self.limits, now), now, counts)
        for (outbox_id, *_rest), at in zip(rows, times, strict=True):
            session.execute(
                update(m)
                .where(m.id == outbox_id, m.state == str(OutboxState.QUEUED))
                .values(
                    state=str(OutboxState.HELD),
                    hold_reason=str(HoldReason.DAILY_LIMIT),
                    # never "due now": the window was full when this was decided
                    next_attempt_at=max(at, now + timedelta(seconds=1)),
                    updated_at=now,
                )
            )
        return [row[0] for row in rows]

    def check(self, session: Session, row: OutboxMessage) -> Verdict:
        """May this queued message leave now?"""
        if not self.active:
            return GO
        return self.verdict(
            session, _to_send(row.recipients, row.to_addrs, row.cc_addrs, row.bcc_addrs)
        )
