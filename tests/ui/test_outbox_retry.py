"""The status bar's outbox news and the automatic retry, in the real main window.

Real SQLite file, real aiosmtpd servers; the retry interval is shortened for the tests
and every wait is on a condition or a signal. Only the retries of a batch the user
started (``retry_wait``) are ever sent on their own; see also test_outbox_trust.py.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QTableView
from pytestqt.qtbot import QtBot

import ui.outbox_sender as outbox_sender
from app.db.database import Database
from app.domain.kinds import ContactKind
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, save_client
from app.services.outbox import DrainBusyError, drain, list_outbox, pending_count
from app.services.outbox_queue import defer
from app.services.settings import update_company
from tests.integration.sending_helpers import configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.document_table import ENVELOPE_ROLE, Column
from ui.outbox_sender import DrainReport, OutboxSender, SenderState


def english(text: str) -> str:
    """English plural forms, with or without the new strings in the English catalogue."""
    return re.sub(
        r"\b(\d+)(\D*?)\(s\)",
        lambda m: m.group(1) + m.group(2) + ("" if m.group(1) == "1" else "s"),
        text,
    )


def hold(event: threading.Event) -> None:
    """The test server's message hook: keep the reply back until the test says so."""
    event.wait(10)


def queue(db: Database, count: int) -> list[int]:
    """``count`` invoices to as many clients, prepared: their outbox ids."""
    ids: list[int] = []
    for n in range(count):
        client_id = save_client(
            db,
            ClientData(
                name=f"Client {n}",
                contacts=(ContactData(ContactKind.EMAIL, f"client{n}@example.com", mail=True),),
            ),
        )
        ids += prepare_batch(db, [invoice(db, client_id)]).outbox_ids
    return ids


def states(db: Database) -> dict[int, OutboxState]:
    return {item.id: item.state for item in list_outbox(db, include_sent=True)}


def waiting_for_a_retry(db: Database, count: int) -> list[int]:
    """``count`` messages of a batch that found the server unreachable: retried on their
    own (``retry_wait``, due now)."""
    ids = queue(db, count)
    assert defer(db, ids, "smtp.unreachable: test") == ids
    return ids


@pytest.fixture
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox_sender, "STARTUP_DELAY_MS", 50)
    monkeypatch.setattr(outbox_sender, "RETRY_INTERVAL_MS", 400)
    monkeypatch.setattr(outbox_sender, "POLL_MS", 50)


@pytest.fixture
def slow_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No automatic attempt during the test; the count is polled quickly."""
    monkeypatch.setattr(outbox_sender, "STARTUP_DELAY_MS", 600_000)
    monkeypatch.setattr(outbox_sender, "POLL_MS", 50)


@pytest.fixture
def open_window(qtbot: QtBot, db: Database, db_path: Path) -> Iterator[Callable[[], MainWindow]]:
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


def status_text(window: MainWindow) -> str:
    button = window.outbox_status
    return english(button.text()) if button.isVisible() else ""


def test_the_status_bar_counts_waiting_messages_and_opens_the_outbox(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    slow_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    queue(db, 2)
    window = open_window()
    assert window.outbox_status.objectName() == "outboxStatusButton"
    qtbot.waitUntil(lambda: status_text(window) == "2 messages waiting to be sent")
    assert "Click to open the outbox" in window.outbox_status.toolTip()

    queue(db, 1)  # prepared elsewhere (a batch, another window, the command line)
    qtbot.waitUntil(lambda: status_text(window) == "3 messages waiting to be sent")
    held = prepare_batch(
        db,
        [
            invoice(
                db,
                save_client(
                    db,
                    ClientData(
                        name="Later",
                        contacts=(ContactData(ContactKind.EMAIL, "later@example.com", mail=True),),
                    ),
                ),
            )
        ],
        later=True,
    )
    assert len(held.outbox_ids) == 1
    qtbot.waitUntil(lambda: status_text(window) == "1 on hold, 3 messages waiting to be sent")
    assert "Resume sending" in window.outbox_status.toolTip()

    window.outbox_status.click()
    assert window.current_view() == "outbox"
    table = window.findChild(QTableView, "outboxTable")
    assert table is not None
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() == 4)
    assert english(window.count_label.text()) == "4 messages in the outbox"

    window.outbox_view.select_ids([item.id for item in window.outbox_view.model.items()])
    window.outbox_view.confirm = lambda *_args: True  # type: ignore[method-assign]
    assert window.outbox_view.remove_selected()
    # nothing waits: no noise in the status bar
    qtbot.waitUntil(lambda: not window.outbox_status.isVisible())
    assert smtp_server.messages == []


def test_sending_from_the_outbox_updates_the_count_and_the_report(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    slow_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    queue(db, 2)
    window = open_window()
    report = window.report_model

    def envelopes() -> set[str]:
        return {
            str(report.index(row, Column.ENVELOPE).data(ENVELOPE_ROLE))
            for row in range(report.rowCount())
        }

    wait_report_loaded(qtbot, window.report_view)
    assert envelopes() == {"waiting"}
    window.show_outbox()
    with qtbot.waitSignal(window.outbox_sender.drainFinished, timeout=15_000):
        assert window.outbox_view.send_now()
    assert len(smtp_server.messages) == 2
    assert not window.outbox_status.isVisible()
    # The report was told, not left to its next poll.
    qtbot.waitUntil(lambda: envelopes() == {"sent"}, timeout=5000)


def test_automatic_retry_waits_for_the_server_then_delivers(
    qtbot: QtBot,
    db: Database,
    smtp_server_factory: Callable[..., SmtpTestServer],
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    down = smtp_server_factory(tls="starttls")
    configure(db, down, monkeypatch)
    down.stop()  # the laptop is offline: nothing answers on that port
    ids = waiting_for_a_retry(db, 2)  # the user's batch met the unreachable server
    window = open_window()
    sender = window.outbox_sender
    attempts: list[DrainReport] = []
    sender.drainFinished.connect(attempts.append)
    origins: list[str] = []
    sender.drainStarted.connect(origins.append)

    # The first retry finds the server unreachable: the messages wait for the next one.
    qtbot.waitUntil(lambda: len(attempts) >= 1, timeout=10_000)
    assert attempts[0].result is not None and attempts[0].result.stopped is not None
    assert sender.state() == SenderState.UNREACHABLE
    text = status_text(window)
    assert re.fullmatch(
        r"2 messages waiting to be sent · Mail server unreachable, next attempt at \d\d:\d\d", text
    ), text
    assert text.endswith(sender.next_try_text())
    assert states(db) == {ids[0]: OutboxState.RETRY_WAIT, ids[1]: OutboxState.RETRY_WAIT}
    assert window.outbox_status.problem_box is None  # calm: no dialog for this

    # It keeps trying on its own.
    qtbot.waitUntil(lambda: len(attempts) >= 2, timeout=10_000)

    # The server comes back (here: on another port, as the settings now say).
    up = smtp_server_factory(tls="starttls")
    update_company(db, smtp_port=up.port)
    qtbot.waitUntil(lambda: len(up.messages) == 2, timeout=15_000)  # the GUI keeps running
    qtbot.waitUntil(lambda: not window.outbox_status.isVisible(), timeout=10_000)
    assert states(db) == {ids[0]: OutboxState.SENT, ids[1]: OutboxState.SENT}
    assert len(up.messages) == 2
    assert sender.state() == SenderState.IDLE
    assert set(origins) == {"automatic"}
    assert not sender.retry_timer.isActive()  # nothing waits: no timer


def test_a_refused_login_is_told_once_holds_the_messages_and_pauses_the_retries(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    smtp_server.behavior.reject_auth = True
    waiting_for_a_retry(db, 1)
    told: list[str] = []
    window = open_window()
    window.outbox_status.show_problem = told.append  # type: ignore[method-assign,assignment]
    sender = window.outbox_sender
    origins: list[str] = []
    sender.drainStarted.connect(origins.append)

    qtbot.waitUntil(lambda: len(told) == 1, timeout=10_000)
    assert "refuses the user name or password" in told[0]
    assert sender.state() == SenderState.PAUSED
    assert status_text(window) == "1 on hold · Check the mail settings"
    refused = smtp_server.handler.failed_logins  # smtplib tries each AUTH mechanism once
    connections = smtp_server.handler.connections
    assert refused >= 1 and connections == 1
    (item,) = list_outbox(db)
    assert (item.state, item.hold_reason) == (OutboxState.HELD, HoldReason.SETTINGS)
    assert not sender.retry_timer.isActive()  # nothing is left for the retry

    # Later, nothing logs in again (providers lock accounts for that), nor tells again.
    later = QTimer()
    later.setSingleShot(True)
    with qtbot.waitSignal(later.timeout, timeout=5_000):
        later.start(1_500)  # several poll and retry intervals
    assert smtp_server.handler.failed_logins == refused
    assert smtp_server.handler.connections == connections
    assert len(told) == 1 and origins == ["automatic"]

    # The password is fixed in the settings: the held message still waits for the user…
    smtp_server.behavior.reject_auth = False
    sender.settings_changed()
    assert sender.state() == SenderState.IDLE
    assert status_text(window) == "1 on hold"
    assert not sender.retry_timer.isActive() and not sender.is_busy()
    assert pending_count(db) == 1 and smtp_server.messages == []

    # … who resumes the sending.
    window.show_outbox()
    with qtbot.waitSignal(sender.drainFinished, timeout=15_000):
        window.outbox_view.resume_button.click()
    assert len(smtp_server.messages) == 1
    qtbot.waitUntil(lambda: pending_count(db) == 0 and not window.outbox_status.isVisible())
    assert len(told) == 1


def test_the_problem_box_does_not_block_and_opens_the_outbox(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    smtp_server.behavior.reject_auth = True
    waiting_for_a_retry(db, 1)
    window = open_window()
    qtbot.waitUntil(lambda: window.outbox_status.problem_box is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "outboxProblemBox")
    assert box is not None and box.isVisible()
    assert "refuses the user name or password" in box.text()
    assert "Resume sending" in box.informativeText()
    open_button = next(b for b in box.buttons() if b.text() == "Open the outbox")
    open_button.click()
    assert window.current_view() == "outbox"


def test_the_retry_steps_aside_while_another_drain_runs(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Callable[[], MainWindow],
) -> None:
    monkeypatch.setattr(outbox_sender, "STARTUP_DELAY_MS", 50)
    configure(db, smtp_server, monkeypatch)
    ids = queue(db, 2)
    defer(db, [ids[1]], "smtp.unreachable: test")  # a retry is due
    go = threading.Event()
    smtp_server.behavior.on_message = lambda _message: hold(go)
    batch = threading.Thread(target=lambda: drain(db, ids=[ids[0]]))  # a user's batch
    batch.start()
    try:
        smtp_server.wait_for_messages(1)
        window = open_window()  # its first retry comes while the batch sends
        sender = window.outbox_sender
        with qtbot.waitSignal(sender.drainFinished, timeout=10_000) as finished:
            pass
        report = finished.args[0]
        assert report.origin == "automatic"
        assert isinstance(report.error, DrainBusyError)
        assert smtp_server.handler.connections == 1  # the retry did not even connect
        assert sender.state() == SenderState.IDLE
        assert sender.retry_timer.isActive()  # it tries again later, not in a busy loop
        assert sender.retry_timer.remainingTime() > 60_000
    finally:
        go.set()
        batch.join(10)
    assert states(db)[ids[1]] == OutboxState.RETRY_WAIT
    assert len(smtp_server.messages) == 1


def test_closing_the_window_stops_the_drain_after_the_current_message(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    slow_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    configure(db, smtp_server, monkeypatch)
    update_company(db, smtp_connections=1)  # exact counts: one message in flight at Stop
    queue(db, 3)
    window = open_window()
    sender = window.outbox_sender
    go = threading.Event()
    smtp_server.behavior.on_message = lambda _message: hold(go)
    try:
        assert sender.send_now()
        smtp_server.wait_for_messages(1)
        assert sender.is_busy()
        # Closing cancels first; then, while the window waits, the server answers the
        # message in flight. The drain stops there: nothing is left "sending".
        QTimer.singleShot(0, go.set)
        window.close()
        after_close = sorted(states(db).values())  # before the finally could free the server
        assert not sender.is_busy()
    finally:
        go.set()
    assert not sender.retry_timer.isActive() and not sender.poll_timer.isActive()
    assert after_close == [OutboxState.HELD] * 2 + [OutboxState.SENT]  # until the user says
    assert len(smtp_server.messages) == 1


def test_no_automatic_attempt_without_a_mail_server(
    qtbot: QtBot,
    db: Database,
    fast_timers: None,
    open_window: Callable[[], MainWindow],
) -> None:
    update_company(db, sender_address="contact@atelier.example", name="Atelier", siren="732829320")
    waiting_for_a_retry(db, 1)
    window = open_window()
    started: list[str] = []
    window.outbox_sender.drainStarted.connect(started.append)
    qtbot.waitUntil(
        lambda: status_text(window) == "1 message waiting to be sent · Mail server not set up"
    )
    assert not window.outbox_sender.retry_timer.isActive()
    later = QTimer()
    later.setSingleShot(True)
    with qtbot.waitSignal(later.timeout, timeout=5_000):
        later.start(500)
    assert started == [] and not window.outbox_sender.is_busy()


def test_a_result_from_the_batch_dialog_updates_the_status(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    slow_timers: None,
) -> None:
    configure(db, smtp_server, monkeypatch)
    queue(db, 1)
    smtp_server.stop()
    sender = OutboxSender(db)
    sender.start()
    try:
        sender.record_result(drain(db))
        assert sender.state() == SenderState.UNREACHABLE
        qtbot.waitUntil(lambda: sender.pending == 1 and sender.retry_timer.isActive())
        # The retry waits the interval after an unreachable server, though the message
        # is due at once.
        assert sender.retry_timer.isActive()
        assert sender.retry_timer.remainingTime() > outbox_sender.RETRY_INTERVAL_MS - 10_000
    finally:
        sender.shutdown()
