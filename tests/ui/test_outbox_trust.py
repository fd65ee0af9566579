"""Issue 14, "Stop means stop; later means when I say", in the real main window.

Real SQLite file, real aiosmtpd servers. Messages are put in each state by the real
engine: ``prepare_batch(..., later=True)`` (held for later), a drain cancelled before it
starts (held, stopped by the user), a plain ``prepare_batch`` nobody drains (queued and
orphaned), a user's drain against a server answering 451 or not answering at all
(``retry_wait``). Waits are on signals and conditions; a stretch of window life is a
single-shot QTimer waited for with ``qtbot.waitSignal``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

import app.services.outbox as outbox_service
import ui.outbox_sender as outbox_sender
from app.db.database import Database
from app.domain.kinds import ContactKind
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, get_client, save_client
from app.services.outbox import OutboxItem, drain, list_outbox
from app.services.settings import update_company
from tests.integration.sending_helpers import configure, invoice
from tests.smtp_server import SmtpTestServer
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.outbox_model import OutboxTableModel, time_text
from ui.outbox_sender import DrainReport

C = OutboxTableModel


def english(text: str) -> str:
    """English plural forms, with or without the new strings in the English catalogue."""
    return re.sub(
        r"\b(\d+)(\D*?)\(s\)",
        lambda m: m.group(1) + m.group(2) + ("" if m.group(1) == "1" else "s"),
        text,
    )


def client(db: Database, name: str, *addresses: str) -> int:
    return save_client(
        db,
        ClientData(
            name=name,
            contacts=tuple(ContactData(ContactKind.EMAIL, a, mail=True) for a in addresses),
        ),
    )


def prepared(db: Database, client_id: int, *, later: bool = False) -> int:
    """A validated invoice for the client, prepared: its outbox message's id."""
    return prepare_batch(db, [invoice(db, client_id)], later=later).outbox_ids[0]


def stopped(db: Database, client_id: int) -> int:
    """Prepared, then the user's sending stopped before it: held, "stopped by you"."""
    outbox_id = prepared(db, client_id)
    cancel = threading.Event()
    cancel.set()
    result = drain(db, ids=[outbox_id], cancel=cancel)
    assert result.held == [outbox_id]
    return outbox_id


def items(db: Database) -> dict[int, OutboxItem]:
    return {item.id: item for item in list_outbox(db, include_sent=True)}


def states(db: Database) -> dict[int, OutboxState]:
    return {outbox_id: item.state for outbox_id, item in items(db).items()}


def live(qtbot: QtBot, milliseconds: int) -> None:
    """Let the window live this long (its timers run), then go on."""
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=milliseconds + 10_000):
        timer.start(milliseconds)


def cell(window: MainWindow, outbox_id: int, column: int, role: int = 0) -> str:
    model = window.outbox_view.model
    row = model.row_of(outbox_id)
    assert row >= 0, f"message {outbox_id} not shown"
    return str(model.data(model.index(row, column), role or Qt.ItemDataRole.DisplayRole))


def show_outbox(qtbot: QtBot, window: MainWindow) -> None:
    """Open the outbox and wait for its rows (read in the background)."""
    with qtbot.waitSignal(window.outbox_view.loaded, timeout=10_000):
        window.show_outbox()


def status_text(window: MainWindow) -> str:
    button = window.outbox_status
    return english(button.text()) if button.isVisible() else ""


@pytest.fixture
def open_window(qtbot: QtBot, db_path: Path) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = create_main_window(str(db_path))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox_sender, "STARTUP_DELAY_MS", 20)
    monkeypatch.setattr(outbox_sender, "RETRY_INTERVAL_MS", 1_500)
    monkeypatch.setattr(outbox_sender, "POLL_MS", 50)


def retry_after(monkeypatch: pytest.MonkeyPatch, seconds: int) -> None:
    """A 4xx reply is retried after ``seconds`` instead of minutes."""
    monkeypatch.setattr(outbox_service, "retry_delay_seconds", lambda _attempts: seconds)


def temporary_failure(db: Database, server: SmtpTestServer, client_id: int) -> int:
    """The user's batch met a 451 after the final dot: the message waits for a retry."""
    outbox_id = prepared(db, client_id)
    server.behavior.data_reply = "451 4.3.0 Try again later"
    result = drain(db, ids=[outbox_id])
    server.behavior.data_reply = None
    assert result.retry == [outbox_id] and server.messages == []
    return outbox_id


def track(window: MainWindow) -> tuple[list[tuple[str, float]], list[DrainReport]]:
    """The drains the window starts (origin, monotonic time) and their reports."""
    started: list[tuple[str, float]] = []
    finished: list[DrainReport] = []
    sender = window.outbox_sender
    sender.drainStarted.connect(lambda origin: started.append((origin, time.monotonic())))
    sender.drainFinished.connect(finished.append)
    return started, finished


# --- nothing leaves behind the user's back ----------------------------------------------------


@pytest.mark.parametrize("intervals", ["as shipped", "shortened"])
def test_nothing_held_or_orphaned_leaves_on_its_own(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Callable[[], MainWindow],
    intervals: str,
) -> None:
    if intervals == "shortened":
        monkeypatch.setattr(outbox_sender, "STARTUP_DELAY_MS", 10)
        monkeypatch.setattr(outbox_sender, "RETRY_INTERVAL_MS", 100)
        monkeypatch.setattr(outbox_sender, "POLL_MS", 20)
    configure(db, smtp_server, monkeypatch)
    later = prepared(db, client(db, "Boulangerie Éclair", "compta@eclair.example"), later=True)
    stop = stopped(db, client(db, "Garage Martin", "atelier@garage.example"))
    orphan = prepared(db, client(db, "Fleurs Anne", "anne@fleurs.example"))
    before = states(db)
    assert before == {
        later: OutboxState.HELD,
        stop: OutboxState.HELD,
        orphan: OutboxState.QUEUED,
    }

    window = open_window()
    started, _finished = track(window)
    # The counts are read in the background.
    qtbot.waitUntil(lambda: status_text(window) == "2 on hold, 1 message waiting to be sent")
    live(qtbot, 15_000)

    assert smtp_server.messages == []
    assert smtp_server.handler.connections == 0  # not even a connection
    assert started == []
    assert states(db) == before
    assert not window.outbox_sender.retry_timer.isActive()  # nothing to retry: no timer
    assert status_text(window) == "2 on hold, 1 message waiting to be sent"
    assert "Resume sending" in window.outbox_status.toolTip()

    show_outbox(qtbot, window)
    assert cell(window, later, C.STATE) == "On hold (prepared for later)"
    assert cell(window, stop, C.STATE) == "On hold (sending stopped by you)"
    assert cell(window, orphan, C.STATE) == "Waiting"


@pytest.mark.parametrize("outbox_open", [True, False])
def test_resume_sending_sends_the_held_messages(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
    outbox_open: bool,
) -> None:
    configure(db, smtp_server, monkeypatch)
    later = prepared(db, client(db, "Boulangerie Éclair", "compta@eclair.example"), later=True)
    stop = stopped(db, client(db, "Garage Martin", "atelier@garage.example"))
    orphan = prepared(db, client(db, "Fleurs Anne", "anne@fleurs.example"))
    window = open_window()
    started, _finished = track(window)
    view = window.outbox_view
    button = window.findChild(QPushButton, "resumeSendingButton")
    assert button is not None and button is view.resume_button
    assert button.text() == "Resume sending"
    # The window's counts (read in the background) say what waits, outbox open or not.
    qtbot.waitUntil(button.isEnabled)
    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=20_000) as done:
        if outbox_open:
            show_outbox(qtbot, window)
            assert button.isVisible() and view.table.isVisible()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            button.click()
    report = done.args[0]
    assert report.result is not None and sorted(report.result.sent) == sorted([later, stop, orphan])
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == [
        "anne@fleurs.example",
        "atelier@garage.example",
        "compta@eclair.example",
    ]
    assert states(db) == dict.fromkeys((later, stop, orphan), OutboxState.SENT)
    assert started == [("user", started[0][1])]
    assert view.model.rowCount() == 0
    assert english(view.note.text()) == "3 messages sent."
    assert not button.isEnabled()  # nothing left to resume
    qtbot.waitUntil(lambda: not window.outbox_status.isVisible())  # nothing left to tell


# --- the automatic retry: only a started batch's temporary failures -------------------------


def test_a_451_is_retried_on_its_own_when_due_and_the_time_is_shown(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    retry_after(monkeypatch, 3)
    outbox_id = temporary_failure(db, smtp_server, client(db, "Un", "un@example.com"))
    due = items(db)[outbox_id].next_attempt_at
    assert due is not None
    window = open_window()
    started, finished = track(window)
    show_outbox(qtbot, window)

    when = time_text(due)
    assert cell(window, outbox_id, C.STATE) == f"Retry at {when}"
    assert status_text(window) == f"1 message waiting to be sent · next attempt at {when}"
    assert window.outbox_sender.next_try == due
    assert cell(window, outbox_id, C.ERROR) == "451 4.3.0 the mail server has a problem"

    qtbot.waitUntil(lambda: len(smtp_server.messages) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: len(finished) == 1)
    assert [origin for origin, _at in started] == ["automatic"]
    assert states(db) == {outbox_id: OutboxState.SENT}
    assert smtp_server.messages[0].rcpt_tos == ["un@example.com"]
    assert due <= outbox_sender.utcnow()  # not before it was due
    qtbot.waitUntil(lambda: window.outbox_view.model.rowCount() == 0)
    assert not window.outbox_status.isVisible()


def test_an_unreachable_server_is_retried_at_the_interval_shown(
    qtbot: QtBot,
    db: Database,
    smtp_server_factory: Callable[..., SmtpTestServer],
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    down = smtp_server_factory(tls="starttls")
    configure(db, down, monkeypatch)
    down.stop()
    outbox_id = prepared(db, client(db, "Un", "un@example.com"))
    assert drain(db, ids=[outbox_id]).deferred == [outbox_id]  # the user's batch, offline
    window = open_window()
    sender = window.outbox_sender
    started, finished = track(window)
    show_outbox(qtbot, window)

    qtbot.waitUntil(lambda: len(finished) >= 1, timeout=10_000)  # the first retry
    assert states(db) == {outbox_id: OutboxState.RETRY_WAIT}
    when = sender.next_try_text()
    assert when and cell(window, outbox_id, C.STATE) == f"Retry at {when}"
    assert status_text(window) == (
        f"1 message waiting to be sent · Mail server unreachable, next attempt at {when}"
    )
    assert cell(window, outbox_id, C.ERROR) == "The mail server could not be reached."

    qtbot.waitUntil(lambda: len(finished) >= 2, timeout=10_000)  # and the next one
    gap = started[1][1] - started[0][1]
    assert gap >= 1.4, f"retried after {gap:.2f} s, not after the interval"

    up = smtp_server_factory(tls="starttls")
    update_company(db, smtp_port=up.port)
    qtbot.waitUntil(lambda: len(up.messages) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: states(db) == {outbox_id: OutboxState.SENT})
    assert {origin for origin, _at in started} == {"automatic"}


@pytest.mark.parametrize("when_off", ["before the window opens", "while the retry waits"])
def test_with_automatic_retries_off_nothing_is_retried(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
    when_off: str,
) -> None:
    configure(db, smtp_server, monkeypatch)
    retry_after(monkeypatch, 2)
    outbox_id = temporary_failure(db, smtp_server, client(db, "Un", "un@example.com"))
    if when_off == "before the window opens":
        update_company(db, auto_retry=False)
    window = open_window()
    sender = window.outbox_sender
    started, _finished = track(window)
    if when_off == "while the retry waits":
        qtbot.waitUntil(sender.retry_timer.isActive)  # once the counts are read
        update_company(db, auto_retry=False)  # another workstation, or the settings
    live(qtbot, 4_000)  # well past the due time and the poll

    assert smtp_server.messages == [] and started == []
    assert states(db) == {outbox_id: OutboxState.RETRY_WAIT}
    assert not sender.retry_timer.isActive()
    show_outbox(qtbot, window)
    assert cell(window, outbox_id, C.STATE) == "Waiting: automatic retries off"
    assert status_text(window) == "1 message waiting to be sent · automatic retries off"

    # Back on (what saving the settings does): the retry goes.
    update_company(db, auto_retry=True)
    window.outbox_sender.settings_changed()
    qtbot.waitUntil(lambda: len(smtp_server.messages) == 1, timeout=15_000)
    assert [origin for origin, _at in started] == ["automatic"]


# --- addresses changed after preparation ------------------------------------------------------


def change_address(db: Database, client_id: int, address: str) -> None:
    data = get_client(db, client_id)
    save_client(db, replace(data, contacts=(ContactData(ContactKind.EMAIL, address, mail=True),)))


def test_a_held_message_whose_address_changed_waits_for_a_choice(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    eclair = client(db, "Boulangerie Éclair", "old@eclair.example")
    changed = prepared(db, eclair, later=True)
    other = prepared(db, client(db, "Garage Martin", "atelier@garage.example"), later=True)
    change_address(db, eclair, "new@eclair.example")  # corrected while it was held

    window = open_window()
    show_outbox(qtbot, window)
    view = window.outbox_view
    assert cell(window, changed, C.STATE) == "On hold (address changed since preparation)"
    assert "address changed since preparation" in cell(window, changed, C.STATE)
    assert "old@eclair.example" in cell(window, changed, C.ERROR)
    assert cell(window, other, C.STATE) == "On hold (prepared for later)"
    reprepare = view.findChild(QAction, "reprepareAction")
    as_is = view.findChild(QAction, "sendAsIsAction")
    assert reprepare is not None and as_is is not None
    assert reprepare.isEnabled() and reprepare.isVisible() and as_is.isEnabled()

    # Resume sends the others, not this one: it stays on hold, and says why.
    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=20_000) as done:
        view.resume_button.click()
    result = done.args[0].result
    assert result.sent == [other] and result.address_changed == [changed]
    assert [m.rcpt_tos for m in smtp_server.messages] == [["atelier@garage.example"]]
    item = items(db)[changed]
    assert (item.state, item.hold_reason) == (OutboxState.HELD, HoldReason.ADDRESS_CHANGED)
    assert "address changed since preparation" in cell(window, changed, C.STATE)
    assert "Prepare again" in view.note.text() and "Send as is" in view.note.text()

    # "Prepare again": a new message for the new address, held until the user resumes.
    view.table.selectionModel().clearSelection()
    with qtbot.waitSignal(view.written, timeout=10_000):  # prepared, then the rows reread
        reprepare.trigger()
    waiting = list_outbox(db)
    assert len(waiting) == 1 and waiting[0].id != changed
    fresh = waiting[0]
    assert fresh.state == OutboxState.HELD and fresh.client_addresses == ["new@eclair.example"]
    assert not fresh.address_changed
    assert cell(window, fresh.id, C.STATE) == "On hold (prepared for later)"
    assert not reprepare.isVisible()
    assert len(smtp_server.messages) == 1  # preparing sends nothing

    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=20_000):
        view.resume_button.click()
    assert [m.rcpt_tos for m in smtp_server.messages][1:] == [["new@eclair.example"]]
    assert states(db)[fresh.id] == OutboxState.SENT


def test_send_as_is_sends_to_the_address_it_was_prepared_for(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    eclair = client(db, "Boulangerie Éclair", "old@eclair.example")
    held = prepared(db, eclair, later=True)
    queued = prepared(db, client(db, "Fleurs Anne", "anne@fleurs.example"))
    change_address(db, eclair, "new@eclair.example")
    anne = next(i for i in items(db).values() if i.id == queued).client_id
    change_address(db, anne, "anne@fleurs-anne.example")  # a queued one changed too

    window = open_window()
    show_outbox(qtbot, window)
    view = window.outbox_view
    assert "address changed since preparation" in cell(window, held, C.STATE)
    assert "address changed since preparation" in cell(window, queued, C.STATE)
    view.select_ids([held])
    action = view.findChild(QAction, "sendAsIsAction")
    assert action is not None
    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=20_000):
        action.trigger()
    assert [m.rcpt_tos for m in smtp_server.messages] == [["old@eclair.example"]]
    assert states(db) == {held: OutboxState.SENT, queued: OutboxState.QUEUED}
    assert "address changed since preparation" in cell(window, queued, C.STATE)


# --- what the server said: explained, its own words as plain text -------------------------


NASTY = "550 5.1.1 <b>Boom</b> \x1b[31mred\x1b[0m <a href='http://x'>click</a>"


def test_server_replies_are_plain_text_and_refusals_are_explained(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    ok = prepared(db, client(db, "Un", "un@example.com"))
    partly = prepared(db, client(db, "Deux", "deux@example.com", "compta@deux.example"))
    refused = prepared(db, client(db, "Trois", "trois@example.com"))
    later = prepared(db, client(db, "Quatre", "quatre@example.com"), later=True)
    smtp_server.behavior.rcpt_replies = {"compta@deux.example": NASTY, "trois@example.com": NASTY}
    window = open_window()
    show_outbox(qtbot, window)
    view = window.outbox_view
    view.select_ids([ok, partly, refused])
    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=20_000):
        assert view.send_now()

    assert states(db) == {
        ok: OutboxState.SENT,
        partly: OutboxState.SENT,
        refused: OutboxState.FAILED,
        later: OutboxState.HELD,
    }
    # The status bar sums the sending up, and what still waits.
    assert status_text(window) == "2 sent, 1 refused, 1 with a refused address, 1 on hold"
    # The message delivered with a refused address stays in sight, with the failed one.
    assert cell(window, partly, C.STATE) == "Sent, an address refused"
    assert cell(window, partly, C.ERROR) == "compta@deux.example: 550 5.1.1 unknown address"
    assert cell(window, refused, C.STATE) == "Failed"
    assert english(view.count_label.text()) == (
        "3 messages in the outbox · 1 on hold · 1 failed or uncertain · 1 with a refused address"
    )
    assert cell(window, refused, C.ERROR) == "trois@example.com: 550 5.1.1 unknown address"

    model = view.model
    for outbox_id in (partly, refused):
        row = model.row_of(outbox_id)
        for column in range(model.columnCount()):
            shown = str(model.data(model.index(row, column)))
            assert "Boom" not in shown and "<" not in shown and "\x1b" not in shown
            tip = str(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) or "")
            assert "\x1b" not in tip
            assert not QtGui.Qt.mightBeRichText(tip), tip  # Qt shows it as it is
        tip = cell(window, outbox_id, C.ERROR, Qt.ItemDataRole.ToolTipRole)
        assert "<b>Boom</b>" in tip and "red" in tip  # the server's words, as they are
        view.select_ids([outbox_id])
        details = view.details.text()
        assert view.details.textFormat() == Qt.TextFormat.PlainText
        assert "<b>Boom</b>" in details and "\x1b" not in details
        assert "550 5.1.1 unknown address" in details
    for text in (view.note.text(), window.outbox_status.text(), window.outbox_status.toolTip()):
        assert "Boom" not in text and "\x1b" not in text
