"""The provider's limits against a real SMTP server, counted across runs (time injected)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core_text import set_language
from app.db.archive import utcnow
from app.db.database import Database, open_database
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import prepare_batch
from app.services.outbox import drain, list_outbox, outbox_counts
from app.services.sending_limits import allowance, batch_forecast
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer

DAY_LINE = re.compile(
    r"limite quotidienne du fournisseur atteinte\u00a0: partira le (\d\d/\d\d) à (\d\d:\d\d)"
)


class MovingClock:
    """The drain's time: waits move it on instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.at = start
        self.waits: list[float] = []

    def now(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return (self.at - datetime(2000, 1, 1)).total_seconds()

    def wait(self, seconds: float, cancel: threading.Event) -> None:
        self.waits.append(seconds)
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language(None)


def test_the_day_limit_holds_the_rest_across_runs_until_the_window_frees(
    db_path: Path,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    french: None,
) -> None:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    update_company(db, daily_message_limit=3)
    business = clients(db)
    for amount in range(100, 105):
        invoice(db, business.accented, str(amount))
    forecast = batch_forecast(db, [1] * 5)
    assert (forecast.plan.now, forecast.plan.later, forecast.messages_per_day) == (3, 2, 3)

    code = main(["--db", str(db_path), "send", "--kind", "invoice", "--unsent"])
    out = capsys.readouterr()
    assert code == 3  # messages left held
    assert len(smtp_server.messages) == 3
    lines = out.out.splitlines()
    assert sum("\tenvoyé\t" in line for line in lines) == 3
    waiting = [line for line in lines if "\ten attente\t" in line]
    assert len(waiting) == 2 and all(DAY_LINE.search(line) for line in waiting)
    assert "3 envoyé(s), 2 en attente" in lines[-1] and "0 en pause" in lines[-1]
    assert "limite quotidienne" in out.err

    items = list_outbox(db, include_sent=True)
    sent = sorted(i.sent_at for i in items if i.state == OutboxState.SENT and i.sent_at)
    held = [i for i in items if i.state == OutboxState.HELD]
    assert {i.hold_reason for i in held} == {HoldReason.DAILY_LIMIT}
    # Each waits for its own slot of the rolling day: 24 hours after the 1st and 2nd sends
    # (over several connections a message still being sent counts from its claim, a few
    # milliseconds before its sent date; the gate checks again when the time comes).
    for item, first in zip(held, sent[:2], strict=True):
        assert item.next_attempt_at is not None
        slack = item.next_attempt_at - (first + timedelta(days=1))
        assert timedelta(seconds=-5) <= slack <= timedelta(0)
    shown = held[0].next_attempt_at.replace(tzinfo=UTC).astimezone()  # type: ignore[union-attr]
    match = DAY_LINE.search(waiting[0])
    assert match is not None and match.groups() == (
        shown.strftime("%d/%m"),
        shown.strftime("%H:%M"),
    )
    assert allowance(db).messages_left_today == 0
    counts = outbox_counts(db)  # the window's retry timer is set for the first of them
    assert (counts.held, counts.for_day, counts.next_retry_at) == (2, 2, held[0].next_attempt_at)

    # A second run (its own database connection, as another process) before the window
    # frees: nothing more leaves, the two stay held.
    assert main(["--db", str(db_path), "outbox", "send"]) == 3
    assert len(smtp_server.messages) == 3
    assert len(DAY_LINE.findall(capsys.readouterr().out)) == 2

    # A day later the automatic retry sends them (the user chose to send them already).
    clock = MovingClock(sent[1] + timedelta(days=1, seconds=1))
    result = drain(db, automatic=True, clock=clock)
    assert len(result.sent) == 2 and not result.daily_limit
    assert len(smtp_server.wait_for_messages(5)) == 5
    assert {i.state for i in list_outbox(db, include_sent=True)} == {OutboxState.SENT}
    db.dispose()


def test_recipients_count_the_copy_to_self_and_each_accepted_address(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.domain.kinds import CopyToSelf

    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)
    update_company(db, daily_recipient_limit=7)
    business = clients(db)  # two_addresses: 2 mailing addresses, + the copy = 3 each
    ids = prepare_batch(db, [invoice(db, business.two_addresses) for _ in range(3)]).outbox_ids
    result = drain(db, ids=ids)
    assert len(result.sent) == 2 and result.daily_limit == ids[2:]
    left = allowance(db)
    assert left.recipients_left_today == 1 and left.messages_left_today is None


def test_the_minute_is_shared_by_two_drains(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, smtp_server, monkeypatch)
    update_company(db, rate_per_minute=2)
    business = clients(db)
    ids = prepare_batch(db, [invoice(db, business.accented) for _ in range(3)]).outbox_ids
    clock = MovingClock(utcnow())
    first = drain(db, ids=ids[:2], clock=clock)
    assert first.sent == ids[:2] and clock.waits == [30.0]  # evenly paced: one per 30 s
    # A second sender (a new drain knows nothing of the first's pace) still waits for the
    # rolling minute: the first message must be 60 s old before a third one goes.
    second = drain(db, ids=ids[2:], clock=clock)
    assert second.sent == ids[2:]
    times = {i.id: i.sent_at for i in list_outbox(db, include_sent=True)}
    assert times[ids[2]] - times[ids[0]] >= timedelta(seconds=60)  # type: ignore[operator]
    assert sum(clock.waits) == pytest.approx(60.0)
