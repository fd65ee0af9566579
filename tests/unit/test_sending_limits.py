"""The provider's limits over rolling windows: messages, recipients, minute and day."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.sending_limits import (
    DAY,
    Handed,
    Limits,
    allowance,
    departures,
    plan_day,
)

NOW = datetime(2026, 12, 3, 15, 0)


def ago(**delta: float) -> datetime:
    return NOW - timedelta(**delta)


def test_no_limits_means_everything_now() -> None:
    handed = [Handed(ago(seconds=1), 50)] * 1000
    left = allowance(Limits(), handed, NOW)
    assert left.messages_left_today is None and left.recipients_left_today is None
    assert left.messages_left_this_minute is None and left.next_free_at == NOW
    assert departures(Limits(), handed, NOW, [1, 1, 1]) == [NOW] * 3
    plan = plan_day(Limits(per_minute=30), handed, NOW, [2] * 600)
    assert (plan.now, plan.later, plan.later_at) == (600, 0, None)


def test_the_day_is_rolling_24_hours() -> None:
    limits = Limits(messages_per_day=3)
    handed = [Handed(ago(hours=25), 1), Handed(ago(hours=23), 1), Handed(ago(hours=1), 1)]
    left = allowance(limits, handed, NOW)
    assert left.messages_left_today == 1  # the one of 25 hours ago no longer counts
    assert left.next_free_at == NOW
    handed.append(Handed(ago(minutes=5), 1))
    left = allowance(limits, handed, NOW)
    assert left.messages_left_today == 0
    assert left.next_free_at == ago(hours=23) + DAY  # when the oldest counted one expires


def test_recipients_count_apart_from_messages() -> None:
    limits = Limits(messages_per_day=100, recipients_per_day=10)
    handed = [Handed(ago(hours=20), 4), Handed(ago(hours=10), 4)]
    left = allowance(limits, handed, NOW)
    assert (left.messages_left_today, left.recipients_left_today) == (98, 2)
    # Two of 1 fit, a third waits for the first 4 to expire; a message of 3 waits too.
    assert departures(limits, handed, NOW, [1, 1, 1]) == [NOW, NOW, ago(hours=20) + DAY]
    assert departures(limits, handed, NOW, [3]) == [ago(hours=20) + DAY]
    # More recipients than the whole limit: goes once nothing else counts.
    assert departures(limits, handed, NOW, [11]) == [ago(hours=10) + DAY]


def test_the_minute_is_rolling_60_seconds_and_paced() -> None:
    limits = Limits(per_minute=2)
    handed = [Handed(ago(seconds=50), 1), Handed(ago(seconds=10), 1)]
    left = allowance(limits, handed, NOW)
    assert left.messages_left_this_minute == 0
    assert left.next_free_at == NOW + timedelta(seconds=10)
    times = departures(limits, handed, NOW, [1, 1, 1])
    # the first when the 50 s old one expires, then one every 30 s (the even pace)
    assert times == [NOW + timedelta(seconds=s) for s in (10, 50, 80)]
    assert departures(limits, [], NOW, [1, 1], spaced=False) == [NOW, NOW]


def test_a_batch_beyond_the_day_says_how_many_wait_and_until_when() -> None:
    limits = Limits(per_minute=30, messages_per_day=500)
    handed = [Handed(ago(hours=20) + timedelta(seconds=i), 1) for i in range(20)]
    plan = plan_day(limits, handed, NOW, [2] * 600)
    assert (plan.now, plan.later) == (480, 120)
    # the 481st leaves when the oldest of the 20 expires (4 hours from now)
    assert plan.later_at == ago(hours=20) + DAY
    fresh = plan_day(limits, [], NOW, [1] * 501)
    assert (fresh.now, fresh.later) == (500, 1)
    assert fresh.later_at == NOW + DAY  # the batch's first message then expires


def test_a_recipient_limit_stops_the_batch_in_order() -> None:
    limits = Limits(recipients_per_day=10)
    plan = plan_day(limits, [], NOW, [4, 4, 4, 1])
    assert (plan.now, plan.later, plan.later_at) == (2, 2, NOW + DAY)
