"""The window's paced poll of the approved e-invoicing platform.

When a platform is set, shortly after start and then every ``INTERVAL_MS``, one background
task sends the lifecycle statuses waiting in the outbox (e.g. 212 "Encaissée" queued when a
platform invoice was paid; only those: the user's e-mails are never sent by this timer),
then reads the statuses that are new since the last time. Never two polls at once; a
drain already running (a batch, the outbox) leaves the waiting statuses to the next poll.
Failures are not dialogs: a short message on the status bar, and the next poll tries again.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import FacturierError
from app.services.database import Database
from app.services.platform_account import platform_configured
from app.services.settings import get_company
from ui.messages import error_text
from ui.tasks import Task, TaskContext, run_task

INTERVAL_MS = 10 * 60 * 1000  # the platform's statuses change over days: no need to hurry
FIRST_MS = 30 * 1000  # once shortly after start, when the window has settled


@dataclass(frozen=True)
class PollOutcome:
    configured: bool  # False: no platform set, nothing was asked
    statuses: int = 0  # statuses recorded by this poll (read, or sent by us)


def poll_platform(db: Database) -> PollOutcome:
    """One poll (background thread): send the waiting statuses, then read the new ones."""
    if not platform_configured(get_company(db)):
        return PollOutcome(configured=False)
    # lazy: the sending engine and the platform's client load when a platform is set up,
    # not at the window's start
    from app.services.outbox import DrainBusyError, drain
    from app.services.platform_outbox import waiting_statuses
    from app.services.platform_sync import sync_statuses

    sent = 0
    waiting = waiting_statuses(db)
    if waiting:
        # Another drain running (a batch, the outbox): the next poll sends them.
        with suppress(DrainBusyError):
            sent = len(drain(db, ids=waiting, blocking=False).sent)
    return PollOutcome(configured=True, statuses=sent + len(sync_statuses(db).statuses))


class PlatformPoller(QObject):
    statusesChanged = Signal(int)  # how many new statuses a poll recorded
    failed = Signal(str)  # a poll's failure, in a sentence for the status bar
    finished = Signal()  # after each poll, whatever its outcome

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._task: Task[PollOutcome, None] | None = None
        self._stopped = False
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(FIRST_MS)
        self._first.timeout.connect(self.poll_now)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.poll_now)

    def start(self) -> None:
        self._stopped = False
        self._first.start()
        self._timer.start()

    def stop(self) -> None:
        """No poll starts any more (a poll under way ends on its own)."""
        self._stopped = True
        self._first.stop()
        self._timer.stop()

    def is_polling(self) -> bool:
        return self._task is not None

    def poll_now(self) -> bool:
        """Poll at once, unless a poll is under way or the poller was stopped."""
        if self._stopped or self._task is not None:
            return False
        db = self._db

        def poll(_context: TaskContext[None]) -> PollOutcome:
            return poll_platform(db)

        self._task = run_task(poll, on_success=self._done, on_error=self._failed, parent=self)
        return True

    def _done(self, outcome: PollOutcome) -> None:
        self._task = None
        if outcome.statuses:
            self.statusesChanged.emit(outcome.statuses)
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        try:
            if not isinstance(error, FacturierError):
                raise error  # a bug: not hidden
            self.failed.emit(
                self.tr("E-invoicing platform not reached: {reason}").format(
                    reason=error_text(error)
                )
            )
        finally:
            self.finished.emit()
