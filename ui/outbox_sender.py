"""Sending what waits in the outbox, from the main window: when the user says so, and the
automatic retries of the batches the user started.

``OutboxSender`` runs every drain the main window starts (the outbox view's "Resume
sending", "Send now", "Send as is", and the automatic retry) in the background through
``ui/tasks.py``, one at a time. It keeps the outbox counts fresh with a cheap poll, read in
a background task like every other database access of the window: the GUI thread only
shows what the last read returned (``counts``, the settings, and after a drain the outbox
rows, in ``DrainReport.items``).

Nothing leaves behind the user's back: messages on hold (stopped, prepared for later,
settings refused, address changed) and queued messages nobody is sending wait for "Resume
sending" (or ``facturier outbox send``). The only automatic sending is the retry of a
batch's temporary failures (4xx, server unreachable): ``drain(automatic=True)``, which takes
only the due ``retry_wait`` messages and nothing when the company setting ``auto_retry`` is
off. The retry timer is set for the earliest ``next_retry_at`` of the outbox, never sooner
than ``RETRY_INTERVAL_MS`` after an unreachable server, never before ``STARTUP_DELAY_MS``
after start, and not at all when no retry waits. Automatic drains never wait for a lock
(``drain(blocking=False)``): when a user's batch is sending, the retry steps aside.

When the account itself is refused (login, TLS, missing password) retrying would only pile
up failed logins (some providers lock the account for that): the problem is told once, the
messages are held, and automatic retries pause until the SMTP settings change.

``OutboxStatusButton`` is the status bar's permanent widget: what the last sending did and
what waits ("12 envoyés, 1 refusé, 30 en pause", "2 en attente d'envoi · prochain essai à
14:05"), clickable to open the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from app.domain.smtp_replies import safe_text
from app.errors import FacturierError
from app.services.database import Database
from app.services.outbox_queue import OutboxCounts, list_outbox
from app.services.outbox_snapshot import (
    OutboxSnapshot,
    OutboxStatus,
    outbox_snapshot,
    outbox_status,
)
from app.services.settings import Company, get_company
from ui.messages import error_text
from ui.models.envelope import icon, local_datetime, plain_tooltip
from ui.models.outbox_model import SENDABLE_STATES, time_text
from ui.tasks import Task, TaskContext, run_task

if TYPE_CHECKING:
    from app.services.outbox import DrainProgress, DrainResult

# The sending engine (SMTP, IMAP, the keyring…) is imported when a drain runs, not when the
# window starts: the first paint does not wait for it.

log = logging.getLogger(__name__)

RETRY_INTERVAL_MS = 3 * 60 * 1000  # after an unreachable server: the least wait (tests shorten)
STARTUP_DELAY_MS = 2000  # no automatic retry before the window is up
POLL_MS = 5000  # the outbox counts' cheap refresh
DRAIN_TIMEOUT_S = 30.0  # per SMTP operation
SHUTDOWN_WAIT_MS = 60_000  # closing waits this long at most for the current message
MAX_TIMER_MS = 24 * 3600 * 1000
NO_COUNTS = OutboxCounts(moving=0, held=0, problems=0, next_retry_at=None)


def utcnow() -> datetime:
    """Now, as the outbox stores times (naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def told(error: FacturierError) -> str:
    """An error's sentence, safe to show (it may quote the server)."""
    return safe_text(error_text(error), 2000)


class Origin(StrEnum):
    USER = "user"  # "Resume sending", "Send now", "Resend", "Send as is" in the outbox view
    AUTOMATIC = "automatic"  # the retry timer


class SenderState(StrEnum):
    IDLE = "idle"  # nothing to say beyond the counts
    SENDING = "sending"
    UNREACHABLE = "unreachable"  # the last attempt could not reach the server
    PAUSED = "paused"  # the account was refused: automatic retries wait for new settings
    NOT_CONFIGURED = "not_configured"  # no SMTP server set


@dataclass(frozen=True)
class DrainReport:
    """How one drain ended: ``result`` when it ran, ``error`` when it could not."""

    origin: Origin
    result: DrainResult | None
    error: BaseException | None
    snapshot: OutboxSnapshot | None = None  # the outbox once it ended (None: not read)


@dataclass(frozen=True)
class _DrainRun:
    """What a drain's background task hands back: the drain, then the outbox as it left it."""

    settings: tuple[object, ...]  # the SMTP settings it ran with
    result: DrainResult
    snapshot: OutboxSnapshot | None


def _fingerprint(company: Company) -> tuple[object, ...]:
    return (
        company.smtp_host,
        company.smtp_port,
        str(company.smtp_security),
        company.smtp_user,
        company.smtp_insecure,
    )


def _problem_key(error: FacturierError) -> tuple[str, str, str]:
    return (error.code, str(error.data.get("reason", "")), str(error.data.get("host", "")))


class OutboxSender(QObject):
    pendingChanged = Signal(int)  # the outbox counts changed: messages waiting or on hold
    statusChanged = Signal()  # state(), counts, progress or next attempt changed
    drainStarted = Signal(str)  # Origin
    drainProgress = Signal(object)  # DrainProgress
    drainFinished = Signal(object)  # DrainReport
    accountProblem = Signal(object)  # FacturierError; once per distinct problem
    companyRead = Signal(object)  # Company: the settings as read, when they changed
    attemptSkipped = Signal(str)  # the retry timer found nothing to do (reason)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.retry_interval_ms = RETRY_INTERVAL_MS
        self._state = SenderState.IDLE
        self._counts = NO_COUNTS
        self._company: Company | None = None
        self._task: Task[_DrainRun, DrainProgress] | None = None
        self._reading: Task[OutboxStatus, None] | None = None  # the counts' background read
        self._read_again = False  # asked while a read ran: read once more after it
        self._after_read: list[Callable[[], None]] = []  # to run after the next read
        self._origin = Origin.AUTOMATIC
        self._progress: DrainProgress | None = None
        self._last_error: FacturierError | None = None
        self._paused_for: tuple[object, ...] | None = None  # settings refused by the server
        self._reported: tuple[str, str, str] | None = None  # the problem already told
        self._closing = False
        self._held = False  # a batch of this window sends: automatic retries wait
        self._not_before: datetime | None = None  # no automatic retry before (naive UTC)
        self._next_try: datetime | None = None  # when the retry timer fires (naive UTC)
        self._summary: DrainResult | None = None  # the last drain, for the status bar
        self._copy_task: Task[None, None] | None = None  # copies to Sent after any drain
        self.refusal_ids: set[int] = set()  # delivered with a client address refused

        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setTimerType(Qt.TimerType.PreciseTimer)  # never before it is due
        self.retry_timer.timeout.connect(self.try_automatic)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.check_pending)

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Count now and poll from now on. The retry timer is set only when a batch's
        retry waits; nothing else is ever sent without the user."""
        self._not_before = utcnow() + timedelta(milliseconds=STARTUP_DELAY_MS)
        self.check_pending()
        self.poll_timer.start()
        self._schedule()

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Stop the timers, cancel a running drain (between messages) and wait for it.

        Returns False when the drain was still running after ``wait_ms``.
        """
        self._closing = True
        self.retry_timer.stop()
        self.poll_timer.stop()
        if self._copy_task is not None:
            self._copy_task.cancel()  # between two copies; waited for below or by Task
        task = self._task
        if task is None or not task.is_running():
            return True
        task.cancel()
        # An event loop rather than Task.wait(): the drain's last signals get delivered.
        loop = QEventLoop()
        task.finished.connect(loop.quit)
        QTimer.singleShot(wait_ms, loop.quit)
        if task.is_running():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return not task.is_running()

    # --- what the window shows ----------------------------------------------------------

    def state(self) -> SenderState:
        return self._state

    @property
    def pending(self) -> int:
        """Messages waiting to go out: on hold, queued, waiting for a retry, being sent."""
        return self._counts.pending

    @property
    def counts(self) -> OutboxCounts:
        """The counts the last background read returned."""
        return self._counts

    @property
    def summary(self) -> DrainResult | None:
        """The last sending's result, until the next one starts or the user looks."""
        return self._summary

    def clear_summary(self) -> None:
        if self._summary is not None:
            self._summary = None
            self.statusChanged.emit()

    @property
    def progress(self) -> DrainProgress | None:
        """The last progress of the running drain, if any."""
        return self._progress

    @property
    def last_error(self) -> FacturierError | None:
        """Why the last attempt stopped (unreachable, account refused), if it did."""
        return self._last_error

    @property
    def origin(self) -> Origin:
        return self._origin

    def is_busy(self) -> bool:
        return self._task is not None

    @property
    def next_try(self) -> datetime | None:
        """When the retry timer will try again (naive UTC), None when it will not."""
        return self._next_try if self.retry_timer.isActive() else None

    @property
    def not_before(self) -> datetime | None:
        """No automatic retry before this time (naive UTC), e.g. after an unreachable
        server: the outbox rows show their retry time accordingly."""
        return self._not_before

    def next_try_text(self) -> str:
        when = self.next_try
        return time_text(when) if when is not None else ""

    def next_attempt_at(self) -> QDateTime | None:
        when = self.next_try
        return local_datetime(when) if when is not None else None

    @property
    def auto_retry(self) -> bool:
        """The company setting: batches' temporary failures are retried on their own."""
        return self._company.auto_retry if self._company is not None else True

    def is_configured(self) -> bool:
        """A mail server is set, as far as the last read knows (not read yet: assumed, the
        drain then says what is missing)."""
        return self._company is None or bool(self._company.smtp_host)

    def is_paused(self) -> bool:
        company = self._company
        return (
            self._paused_for is not None
            and company is not None
            and self._paused_for == _fingerprint(company)
        )

    # --- actions ------------------------------------------------------------------------

    def check_pending(self) -> None:
        """Reread the outbox counts and the settings in the background (two cheap, indexed
        queries); then pendingChanged when they changed, and the retry is rescheduled."""
        self._read_status()

    def _read_status(self, then: Callable[[], None] | None = None) -> None:
        """One background read at a time; ``then`` runs once a read started after this
        call has ended (or failed: it then sees the last known counts)."""
        if self._closing:
            return
        if then is not None:
            self._after_read.append(then)
        if self._reading is not None:
            self._read_again = True
            return
        self._read_again = False
        callbacks, self._after_read = self._after_read, []
        db = self.db
        self._reading = run_task(
            lambda _context: outbox_status(db),
            on_success=lambda status: self._status_read(status, callbacks),
            on_error=lambda _error: self._status_read(None, callbacks),  # locked: next poll
            parent=self,
        )

    def _status_read(
        self, status: OutboxStatus | None, callbacks: list[Callable[[], None]]
    ) -> None:
        self._reading = None
        if self._closing:
            return
        if status is not None:
            self.apply_status(status)
        for callback in callbacks:
            callback()
        if self._read_again or self._after_read:
            self._read_status()

    def apply_status(self, status: OutboxStatus) -> None:
        """Counts and settings read in the background (here or by the outbox view)."""
        before = (self._counts, self._company)
        counts = self._counts = status.counts
        self._company = status.company
        if counts.pending == 0 and self._state in (
            SenderState.UNREACHABLE,
            SenderState.NOT_CONFIGURED,
        ):
            self._state = SenderState.IDLE  # nothing waits: old news
        if counts != before[0]:
            self.pendingChanged.emit(counts.pending)
        if self._company != before[1]:
            self.companyRead.emit(self._company)
        if (counts, self._company) != before:
            self._schedule()

    def send_now(self, ids: list[int] | None = None) -> bool:
        """The user sends ``ids`` now (held ones among them, and waiting retries), or with
        no ids everything the user can send now (held, queued, due retries).

        Also lifts a pause for refused settings: the user asked to try. False when a
        drain of this window is already running.
        """
        return self._user_drain(ids)

    def resume(self) -> bool:
        """ "Resume sending": every message on hold, queued or waiting for a retry."""
        return self._user_drain(None, everything=True)

    def send_as_is(self, ids: list[int]) -> bool:
        """Send these waiting messages to the addresses they were prepared for, although
        the client's addresses changed since."""
        return self._user_drain(list(ids), as_is=list(ids))

    def _user_drain(
        self, ids: list[int] | None, *, everything: bool = False, as_is: list[int] | None = None
    ) -> bool:
        if self._task is not None or self._closing:
            return False
        self._paused_for = None
        self._start(Origin.USER, ids, everything=everything, as_is=as_is or [])
        return True

    def cancel(self) -> None:
        """Stop the running drain after the current message: what is left is held."""
        if self._task is not None:
            self._task.cancel()

    def hold(self) -> None:
        """A batch of this window is about to send: no automatic retry starts until
        ``release()``. A running retry is let finish (it only sends due retries; the
        batch's drain waits for it), so that no retry is held in the user's name."""
        self._held = True
        self._schedule()

    def release(self) -> None:
        if self._held:
            self._held = False
            self._schedule()

    def settings_changed(self) -> None:
        """The settings or the password changed: forget a pause, read auto_retry again,
        and retry the waiting retries when due (held messages still wait for the user)."""
        self._paused_for = None
        self._reported = None
        self._not_before = None
        if self._state in (SenderState.PAUSED, SenderState.UNREACHABLE):
            self._set_state(SenderState.IDLE)
        self.check_pending()
        self._schedule()

    def record_result(self, result: DrainResult) -> None:
        """A drain run elsewhere in this window (the batch dialog) ended: show its news,
        and set the retry for what it left waiting."""
        self._after_result(Origin.USER, result)
        self.check_pending()
        self._schedule()
        if result.sent:
            self._start_copies()

    def _start_copies(self) -> None:
        """The copies in the Sent folder that are due, after any drain of this window (its
        own or the batch dialog's), in a background task of their own."""
        if self._copy_task is not None or self._closing:
            return
        db = self.db

        def work(context: TaskContext[None]) -> None:
            _copy_to_sent(db, context)

        self._copy_task = run_task(work, parent=self)
        self._copy_task.finished.connect(self._copies_finished)

    def _copies_finished(self) -> None:
        self._copy_task = None

    def try_automatic(self) -> None:
        """The retry timer: one automatic drain of the due retries, when there are some,
        automatic retries are on, and nothing else is sending."""
        if self._closing or self._held or self._task is not None:
            return
        self._read_status(then=self._automatic_when_due)

    def _automatic_when_due(self) -> None:
        """The retry timer, once the counts and settings were read again."""
        if self._closing or self._held or self._task is not None:
            return
        company = self._company
        if company is None:
            self._skip(self._state, "database")
            return
        if not company.smtp_host:
            self._skip(SenderState.NOT_CONFIGURED, "not_configured")
            return
        if self.is_paused():
            self._skip(SenderState.PAUSED, "paused")
            return
        if not company.auto_retry:
            self._skip(self._state, "auto_retry_off")
            return
        due = self._counts.next_retry_at
        now = utcnow()
        if due is None or due > now:
            self._skip(self._state, "nothing_due")
            return
        if self._not_before is not None and self._not_before > now:
            self._schedule()
            return
        self._start(Origin.AUTOMATIC, None, company=company)

    # --- running a drain ----------------------------------------------------------------

    def _skip(self, state: SenderState, reason: str) -> None:
        self._set_state(state)
        self._schedule()
        self.attemptSkipped.emit(reason)

    def _retry_time(self) -> datetime | None:
        """When the next automatic retry may run (naive UTC), or None."""
        company = self._company
        due = self._counts.next_retry_at
        if due is None or company is None or not company.auto_retry or not company.smtp_host:
            return None
        if self.is_paused():
            return None
        if self._not_before is not None:
            due = max(due, self._not_before)
        return due

    def _schedule(self) -> None:
        """Set the retry timer for the next due retry, or stop it when none waits."""
        at = None
        if not (self._closing or self._held or self._task is not None):
            at = self._retry_time()
        if at is None:
            self.retry_timer.stop()
        else:
            delay = (at - utcnow()).total_seconds() * 1000
            self.retry_timer.start(int(min(max(delay, 0), MAX_TIMER_MS)))
        self._next_try = at
        if not self._closing:
            self.statusChanged.emit()

    def _start(
        self,
        origin: Origin,
        ids: list[int] | None,
        *,
        everything: bool = False,
        as_is: list[int] | None = None,
        company: Company | None = None,
    ) -> None:
        self.retry_timer.stop()
        self._next_try = None
        self._origin = origin
        self._progress = None
        self._summary = None
        known = company or self._company
        settings = _fingerprint(known) if known is not None else ()
        wanted = list(ids) if ids is not None else None
        confirmed = list(as_is or [])
        refused = set(self.refusal_ids)
        db = self.db

        def work(context: TaskContext[DrainProgress]) -> _DrainRun:
            from app.services.outbox import drain  # lazy: see the imports

            try:
                ran_with = _fingerprint(get_company(db))
            except FacturierError:
                ran_with = settings
            if origin == Origin.AUTOMATIC:
                result = drain(
                    db,
                    automatic=True,
                    progress=context.progress,
                    cancel=context.cancel,
                    timeout=DRAIN_TIMEOUT_S,
                    blocking=False,  # never wait behind (or compete with) another drain
                )
            else:
                chosen = wanted
                if everything:
                    chosen = [item.id for item in list_outbox(db, states=SENDABLE_STATES)]
                result = drain(
                    db,
                    ids=chosen,
                    as_is=confirmed,
                    progress=context.progress,
                    cancel=context.cancel,
                    timeout=DRAIN_TIMEOUT_S,
                    blocking=False,
                )
            # The outbox as the drain left it, read here: the window shows it at once.
            try:
                snapshot: OutboxSnapshot | None = outbox_snapshot(
                    db, refused | set(result.refusals)
                )
            except FacturierError:
                snapshot = None
            return _DrainRun(ran_with, result, snapshot)

        self._task = run_task(
            work,
            on_progress=self._on_progress,
            on_success=lambda run: self._on_done(origin, run.settings, run, None),
            on_error=lambda error: self._on_done(origin, settings, None, error),
            parent=self,
        )
        self._set_state(SenderState.SENDING)
        self.drainStarted.emit(str(origin))

    def _on_progress(self, value: DrainProgress) -> None:
        self._progress = value
        self.drainProgress.emit(value)
        self.statusChanged.emit()

    def _on_done(
        self,
        origin: Origin,
        settings: tuple[object, ...],
        run: _DrainRun | None,
        failure: BaseException | None,
    ) -> None:
        self._task = None
        self._progress = None
        if run is not None:
            result = run.result
            self._after_result(origin, result, settings)
            if origin == Origin.AUTOMATIC and result.total == 0:
                self._wait_a_while()  # nothing was due after all: no busy loop
            report = DrainReport(origin, result, None, run.snapshot)
        else:
            failure = failure or RuntimeError("the drain failed")
            if not isinstance(failure, FacturierError):
                log.error("outbox drain failed", exc_info=failure)
            from app.services.outbox import DrainBusyError  # lazy: see the imports

            if origin == Origin.AUTOMATIC or isinstance(failure, DrainBusyError):
                self._wait_a_while()  # another drain runs, or the database is busy
            self._set_state(SenderState.IDLE)
            report = DrainReport(origin, None, failure)
        if self._closing:
            return
        if run is not None and run.snapshot is not None:
            self.apply_status(run.snapshot.status)  # read by the drain's task, just now
        else:
            self.check_pending()
        self._schedule()
        self.drainFinished.emit(report)
        # The copies in the Sent folder (this drain's, and those waiting for a retry) go
        # in a task of their own: a slow IMAP server never delays the drain's report.
        self._start_copies()

    def _wait_a_while(self) -> None:
        self._not_before = utcnow() + timedelta(milliseconds=self.retry_interval_ms)

    def _after_result(
        self, origin: Origin, result: DrainResult, settings: tuple[object, ...] | None = None
    ) -> None:
        stopped = result.stopped
        self._last_error = stopped
        self.refusal_ids.update(result.refusals)
        if result.total or stopped is not None:
            self._summary = result
        if stopped is None:
            self._reported = None
            self._paused_for = None  # the account works (again)
            self._not_before = None
            self._set_state(SenderState.IDLE)
            return
        if not result.account_refused:
            self._wait_a_while()  # the messages wait for a retry: not sooner than this
            self._set_state(SenderState.UNREACHABLE)
            return
        # The account or its security was refused: tell it once, pause automatic retries.
        if settings is None:  # a drain of the batch dialog: the settings last read
            settings = _fingerprint(self._company) if self._company is not None else ()
        self._paused_for = settings
        self._set_state(SenderState.PAUSED)
        key = _problem_key(stopped)
        if key != self._reported:
            self._reported = key
            if origin == Origin.AUTOMATIC and not self._closing:
                self.accountProblem.emit(stopped)  # the user's own send shows it in place

    def _set_state(self, state: SenderState) -> None:
        if state != self._state:
            self._state = state
            self.statusChanged.emit()


def _copy_to_sent(db: Database, context: TaskContext[None]) -> None:
    """After a drain, in its thread: the copies in the Sent folder that are due (this
    drain's, and those waiting for a retry). A problem stays with each copy (shown in the
    outbox) and never touches the e-mails, which were delivered."""
    from app.services.sent_copies import copy_pending  # lazy: see the imports

    try:
        copy_pending(db, cancel=context.cancel, timeout=DRAIN_TIMEOUT_S)
    except FacturierError as error:  # the database: the next drain tries again
        log.warning("copies to the Sent folder: %s", error.code)


class OutboxStatusButton(QToolButton):
    """The status bar's outbox news: what the last sending did and what waits ("12 envoyés,
    1 refusé, 30 en pause"), hidden when there is nothing to say; a click opens the outbox.
    Tells an account problem once, in a message box."""

    openRequested = Signal()

    def __init__(self, sender: OutboxSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outbox_sender = sender
        self.setObjectName("outboxStatusButton")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.problem_box: QMessageBox | None = None
        self.clicked.connect(self._clicked)
        sender.statusChanged.connect(self.refresh)
        sender.pendingChanged.connect(lambda _count: self.refresh())
        sender.accountProblem.connect(self._account_problem)
        self.refresh()

    def _clicked(self) -> None:
        self.openRequested.emit()
        self.outbox_sender.clear_summary()  # seen: from now on, what waits

    def summary_parts(self) -> tuple[list[str], bool]:
        """The last sending's outcome ("12 sent", "1 refused"…) and whether it had problems."""
        result = self.outbox_sender.summary
        if result is None:
            return [], False
        parts: list[str] = []
        if result.sent:
            parts.append(self.tr("%n sent", "", len(result.sent)))
        if result.failed:
            parts.append(self.tr("%n refused", "", len(result.failed)))
        if result.refusals:
            parts.append(self.tr("%n with a refused address", "", len(result.refusals)))
        uncertain = len(result.unknown) + len(result.recovered_unknown)
        if uncertain:
            parts.append(self.tr("%n uncertain", "", uncertain))
        problems = bool(result.failed or result.refusals or uncertain)
        return parts, problems

    def refresh(self) -> None:
        sender = self.outbox_sender
        state = sender.state()
        counts = sender.counts
        progress = sender.progress
        if state == SenderState.SENDING:
            if progress is not None:
                text = self.tr("Sending… {done}/{total}").format(
                    done=progress.done, total=progress.total
                )
            else:
                text = self.tr("Sending…")
            self._show(text, "envelope-waiting", [self.tr("Messages are being sent.")])
            return
        parts, problems = self.summary_parts()
        if not (counts.pending or problems):
            self.setText("")
            self.setToolTip("")
            self.setVisible(False)
            return
        tips: list[str] = []
        name = "envelope-failed" if problems else "envelope-sent"
        user_held = counts.held - counts.for_day
        if counts.for_day:
            parts.append(self.tr("%n for later (daily limit)", "", counts.for_day))
            tips.append(
                self.tr(
                    "Your mail provider's daily limit was reached: these messages leave on "
                    "their own when it allows."
                )
            )
            name = "envelope-held" if not problems else name
        if user_held:
            parts.append(self.tr("%n on hold", "", user_held))
            tips.append(
                self.tr(
                    "Messages on hold leave only when you press “Resume sending” in the outbox."
                )
            )
            name = "envelope-held" if not problems else name
        if counts.moving:
            parts.append(self.tr("%n message(s) waiting to be sent", "", counts.moving))
            name = "envelope-waiting" if not (problems or counts.held) else name
        text = ", ".join(parts)
        waits_retry = counts.next_retry_at is not None
        when = sender.next_try_text()
        if sender.is_paused() or state == SenderState.PAUSED:
            text += " · " + self.tr("Check the mail settings")
            name = "envelope-uncertain"
            if sender.last_error is not None:
                tips.append(told(sender.last_error))
            tips.append(
                self.tr(
                    "Automatic retries are paused until the mail settings change; then press "
                    "“Resume sending” in the outbox."
                )
            )
        elif counts.pending and not sender.is_configured():
            text += " · " + self.tr("Mail server not set up")
            name = "envelope-uncertain"
            tips.append(self.tr("Set up the mail server in the settings to send them."))
        elif waits_retry and not sender.auto_retry:
            text += " · " + self.tr("automatic retries off")
            tips.append(
                self.tr(
                    "Automatic retries are off in the settings: press “Resume sending” in "
                    "the outbox to send the waiting messages."
                )
            )
        elif state == SenderState.UNREACHABLE and counts.moving:
            if when:
                text += " · " + self.tr("Mail server unreachable, next attempt at {time}").format(
                    time=when
                )
            else:
                text += " · " + self.tr("Mail server unreachable")
            tips.append(self.tr("They will be sent on their own once the server answers."))
            if sender.last_error is not None:
                tips.append(told(sender.last_error))
        elif when:
            text += " · " + self.tr("next attempt at {time}").format(time=when)
            tips.append(
                self.tr(
                    "The mail server asked to try again later: these messages of your sending "
                    "are retried on their own."
                )
            )
        tips.append(self.tr("Click to open the outbox."))
        self._show(text, name, tips)

    def _show(self, text: str, icon_name: str, tips: list[str]) -> None:
        self.setText(text)
        self.setIcon(icon(icon_name))
        self.setToolTip(plain_tooltip(tips))
        self.setAccessibleName(text)
        self.setVisible(True)

    def _account_problem(self, error: object) -> None:
        if isinstance(error, FacturierError):
            self.show_problem(told(error))

    def show_problem(self, text: str) -> None:
        """Tell an account problem, without blocking (overridable in tests)."""
        if self.problem_box is not None:
            self.problem_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Messages not sent"), text, parent=self.window()
        )
        box.setObjectName("outboxProblemBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            self.tr(
                "The messages are on hold in the outbox. Check the mail settings, then press "
                "“Resume sending” in the outbox."
            )
        )
        show = box.addButton(self.tr("Open the outbox"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show.clicked.connect(self.openRequested)
        box.destroyed.connect(lambda: setattr(self, "problem_box", None))
        self.problem_box = box
        box.open()
