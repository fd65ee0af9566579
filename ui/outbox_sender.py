"""Sending what waits in the outbox, from the main window: on demand and on its own.

``OutboxSender`` runs every drain the main window starts (the outbox view's "Send now" and
the automatic retry) in the background through ``ui/tasks.py``, one at a time. It keeps
the pending count fresh with a cheap poll, and retries on its own at start-up and every
``RETRY_INTERVAL_MS`` while messages wait. Automatic drains never wait for a lock
(``drain(blocking=False)``): when a user's batch is sending, the retry simply steps aside.

When the server is unreachable the messages stay queued and the status bar says so
calmly. When the account itself is refused (login, TLS, missing password, insecure
setting) retrying would only pile up failed logins (some providers lock the account for
that): the problem is told once, and automatic sending pauses until the SMTP settings
change, ``settings_changed()`` is called (settings dialog) or the user sends by hand.

``OutboxStatusButton`` is the status bar's permanent widget: "3 en attente d'envoi",
clickable to open the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QDateTime, QEventLoop, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from app.errors import FacturierError
from app.mail.errors import SmtpError, SmtpUnreachableError
from app.services.database import Database
from app.services.outbox import DrainProgress, DrainResult, drain, pending_count
from app.services.settings import Company, get_company
from ui.messages import error_text
from ui.models.envelope import icon
from ui.tasks import Task, TaskContext, run_task

log = logging.getLogger(__name__)

RETRY_INTERVAL_MS = 3 * 60 * 1000  # automatic retry while messages wait (tests shorten it)
STARTUP_DELAY_MS = 2000  # the first automatic attempt, once the window is up
POLL_MS = 5000  # the pending count's cheap refresh
DRAIN_TIMEOUT_S = 30.0  # per SMTP operation
SHUTDOWN_WAIT_MS = 60_000  # closing waits this long at most for the current message


class Origin(StrEnum):
    USER = "user"  # "Send now" or "Resend" in the outbox view
    AUTOMATIC = "automatic"  # start-up and the retry timer


class SenderState(StrEnum):
    IDLE = "idle"  # nothing to say beyond the count
    SENDING = "sending"
    UNREACHABLE = "unreachable"  # the last attempt could not reach the server
    PAUSED = "paused"  # the account was refused: automatic sending waits for new settings
    NOT_CONFIGURED = "not_configured"  # no SMTP server set


@dataclass(frozen=True)
class DrainReport:
    """How one drain ended: ``result`` when it ran, ``error`` when it could not."""

    origin: Origin
    result: DrainResult | None
    error: BaseException | None


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
    pendingChanged = Signal(int)  # messages waiting (queued, retry_wait, sending)
    statusChanged = Signal()  # state(), progress or next attempt changed
    drainStarted = Signal(str)  # Origin
    drainProgress = Signal(object)  # DrainProgress
    drainFinished = Signal(object)  # DrainReport
    accountProblem = Signal(object)  # FacturierError; once per distinct problem
    attemptSkipped = Signal(str)  # an automatic attempt found nothing to do (reason)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.retry_interval_ms = RETRY_INTERVAL_MS
        self._state = SenderState.IDLE
        self._pending = 0
        self._task: Task | None = None
        self._origin = Origin.AUTOMATIC
        self._progress: DrainProgress | None = None
        self._last_error: FacturierError | None = None
        self._paused_for: tuple[object, ...] | None = None  # settings refused by the server
        self._reported: tuple[str, str, str] | None = None  # the problem already told
        self._closing = False
        self._held = False  # a batch of this window sends: automatic retries wait

        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.try_automatic)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.check_pending)

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Count now, poll from now on, and make the first automatic attempt soon."""
        self.check_pending()
        self.poll_timer.start()
        self.retry_timer.start(STARTUP_DELAY_MS)

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Stop the timers, cancel a running drain (between messages) and wait for it.

        Returns False when the drain was still running after ``wait_ms``.
        """
        self._closing = True
        self.retry_timer.stop()
        self.poll_timer.stop()
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
        return self._pending

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

    def next_attempt_at(self) -> QDateTime | None:
        if not self.retry_timer.isActive():
            return None
        return QDateTime.currentDateTime().addMSecs(max(self.retry_timer.remainingTime(), 0))

    def is_configured(self) -> bool:
        try:
            return bool(get_company(self.db).smtp_host)
        except FacturierError:
            return False

    # --- actions ------------------------------------------------------------------------

    def check_pending(self) -> int:
        """Reread the pending count (one cheap query); emits pendingChanged on change."""
        if self._closing:
            return self._pending
        try:
            count = pending_count(self.db)
        except FacturierError:
            return self._pending  # locked or unreachable for now: the next poll tries again
        if count != self._pending:
            self._pending = count
            if count == 0 and self._state in (SenderState.UNREACHABLE, SenderState.NOT_CONFIGURED):
                self._state = SenderState.IDLE  # nothing waits: old news
            self.pendingChanged.emit(count)
            self.statusChanged.emit()
        return count

    def send_now(self, ids: list[int] | None = None) -> bool:
        """The user's "Send now": drain ``ids`` (or all queued) in the background.

        Also lifts a pause for refused settings: the user asked to try. False when a
        drain of this window is already running.
        """
        if self._task is not None or self._closing:
            return False
        self._paused_for = None
        self._start(Origin.USER, ids)
        return True

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def hold(self) -> None:
        """A batch of this window is about to send: stop a running automatic drain (between
        messages) and make no automatic attempt until ``release()``, so the batch's own
        messages are sent, shown and cancellable by the batch."""
        self._held = True
        self.retry_timer.stop()
        self.cancel()

    def release(self) -> None:
        if self._held:
            self._held = False
            self._schedule()

    def settings_changed(self) -> None:
        """The SMTP settings or the password changed: forget a pause and retry soon."""
        self._paused_for = None
        self._reported = None
        if self._state == SenderState.PAUSED:
            self._set_state(SenderState.IDLE)
        if not self._closing and self._task is None:
            self.retry_timer.start(0)

    def record_result(self, result: DrainResult) -> None:
        """A drain run elsewhere in this window (the batch dialog) ended: show its news."""
        self._after_result(Origin.USER, result)
        self.check_pending()

    def try_automatic(self) -> None:
        """One automatic attempt, when something waits and nothing else is sending."""
        if self._closing or self._held:
            return
        if self._task is not None:
            self._schedule()
            return
        if self.check_pending() == 0:
            self._skip(SenderState.IDLE, "nothing_pending")
            return
        try:
            company = get_company(self.db)
        except FacturierError:
            self._skip(self._state, "database")
            return
        if not company.smtp_host:
            self._skip(SenderState.NOT_CONFIGURED, "not_configured")
            return
        if self._paused_for is not None:
            if self._paused_for == _fingerprint(company):
                self._skip(SenderState.PAUSED, "paused")
                return
            self._paused_for = None  # new settings: try them
        self._start(Origin.AUTOMATIC, None, company)

    # --- running a drain ----------------------------------------------------------------

    def _skip(self, state: SenderState, reason: str) -> None:
        self._set_state(state)
        self._schedule()
        self.attemptSkipped.emit(reason)

    def _schedule(self) -> None:
        if not self._closing:
            self.retry_timer.start(self.retry_interval_ms)
            self.statusChanged.emit()

    def _start(self, origin: Origin, ids: list[int] | None, company: Company | None = None) -> None:
        self.retry_timer.stop()
        self._origin = origin
        self._progress = None
        try:
            settings = _fingerprint(company or get_company(self.db))
        except FacturierError:
            settings = ()
        wanted = list(ids) if ids is not None else None
        db = self.db

        def work(context: TaskContext) -> DrainResult:
            return drain(
                db,
                ids=wanted,
                progress=context.progress,
                cancel=context.cancel,
                timeout=DRAIN_TIMEOUT_S,
                blocking=False,  # never wait behind (or compete with) another drain
            )

        self._task = run_task(
            work,
            on_progress=self._on_progress,
            on_success=lambda result: self._on_done(origin, settings, result, None),
            on_error=lambda error: self._on_done(origin, settings, None, error),
            parent=self,
        )
        self._set_state(SenderState.SENDING)
        self.drainStarted.emit(str(origin))

    def _on_progress(self, value: object) -> None:
        if isinstance(value, DrainProgress):
            self._progress = value
            self.drainProgress.emit(value)
            self.statusChanged.emit()

    def _on_done(
        self,
        origin: Origin,
        settings: tuple[object, ...],
        result: object,
        error: object,
    ) -> None:
        self._task = None
        self._progress = None
        if isinstance(result, DrainResult):
            self._after_result(origin, result, settings)
            report = DrainReport(origin, result, None)
        else:
            failure = error if isinstance(error, BaseException) else RuntimeError(str(error))
            if not isinstance(failure, FacturierError):
                log.error("outbox drain failed", exc_info=failure)
            self._set_state(SenderState.IDLE)
            report = DrainReport(origin, None, failure)
        if self._closing:
            return
        self.check_pending()
        self._schedule()
        self.drainFinished.emit(report)

    def _after_result(
        self, origin: Origin, result: DrainResult, settings: tuple[object, ...] | None = None
    ) -> None:
        stopped = result.stopped
        self._last_error = stopped
        if stopped is None:
            self._reported = None
            self._paused_for = None  # the account works (again)
            self._set_state(SenderState.IDLE)
            return
        if isinstance(stopped, SmtpUnreachableError) or not isinstance(stopped, SmtpError):
            self._set_state(SenderState.UNREACHABLE)
            return
        # The account or its security was refused: tell it once, pause automatic retries.
        if settings is None:
            try:
                settings = _fingerprint(get_company(self.db))
            except FacturierError:
                settings = ()
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


class OutboxStatusButton(QToolButton):
    """The status bar's "3 en attente d'envoi": hidden when nothing waits; click opens
    the outbox. Tells an account problem once, in a message box."""

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
        self.clicked.connect(self.openRequested)
        sender.statusChanged.connect(self.refresh)
        sender.pendingChanged.connect(lambda _count: self.refresh())
        sender.accountProblem.connect(self._account_problem)
        self.refresh()

    def refresh(self) -> None:
        sender = self.outbox_sender
        state, pending = sender.state(), sender.pending
        progress = sender.progress
        if state == SenderState.SENDING:
            if progress is not None:
                text = self.tr("Sending… %1/%2").replace("%1", str(progress.done))
                text = text.replace("%2", str(progress.total))
            else:
                text = self.tr("Sending…")
            self._show(text, "envelope-waiting", self.tr("Messages are being sent."))
            return
        if pending == 0:
            self.setText("")
            self.setToolTip("")
            self.setVisible(False)
            return
        text = self.tr("%n message(s) waiting to be sent", "", pending)
        tips = [self.tr("Messages are prepared and waiting in the outbox.")]
        name = "envelope-waiting"
        if state == SenderState.UNREACHABLE:
            when = sender.next_attempt_at()
            if when is not None:
                text += " · " + self.tr("Mail server unreachable, next attempt at {time}").format(
                    time=QLocale().toString(when.time(), QLocale.FormatType.ShortFormat)
                )
            else:
                text += " · " + self.tr("Mail server unreachable")
            tips.append(self.tr("They will be sent on their own once the server answers."))
            if sender.last_error is not None:
                tips.append(error_text(sender.last_error))
        elif state == SenderState.PAUSED:
            text += " · " + self.tr("Check the mail settings")
            name = "envelope-uncertain"
            if sender.last_error is not None:
                tips.append(error_text(sender.last_error))
            tips.append(
                self.tr(
                    "Automatic sending is paused until the mail settings change; "
                    "“Send now” in the outbox tries again."
                )
            )
        elif state == SenderState.NOT_CONFIGURED:
            text += " · " + self.tr("Mail server not set up")
            name = "envelope-uncertain"
            tips.append(self.tr("Set up the mail server in the settings to send them."))
        tips.append(self.tr("Click to open the outbox."))
        self._show(text, name, "\n".join(tips))

    def _show(self, text: str, icon_name: str, tooltip: str) -> None:
        self.setText(text)
        self.setIcon(icon(icon_name))
        self.setToolTip(tooltip)
        self.setAccessibleName(text)
        self.setVisible(True)

    def _account_problem(self, error: object) -> None:
        if isinstance(error, FacturierError):
            self.show_problem(error_text(error))

    def show_problem(self, text: str) -> None:
        """Tell an account problem, without blocking (overridable in tests)."""
        if self.problem_box is not None:
            self.problem_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Messages not sent"), text, parent=self.window()
        )
        box.setObjectName("outboxProblemBox")
        box.setInformativeText(
            self.tr(
                "The messages stay in the outbox. Automatic sending is paused until the mail "
                "settings change; “Send now” in the outbox tries again."
            )
        )
        show = box.addButton(self.tr("Open the outbox"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show.clicked.connect(self.openRequested)
        box.destroyed.connect(lambda: setattr(self, "problem_box", None))
        self.problem_box = box
        box.open()
