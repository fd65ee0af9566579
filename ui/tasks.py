"""The one way to run work off the GUI thread.

A ``Task`` runs a plain function in a ``QThread``. The function receives a ``TaskContext``
to report progress and to see whether the user cancelled (a cooperative flag the service
checks between documents). Results, errors and progress come back as signals, delivered
on the GUI thread; the worker never touches a widget.

The helper is typed end to end: ``run_task(function, on_success=...)`` checks that the
success callback takes what ``function`` returns (``T``) and that the progress callback takes
what the function reports (``P``), so callbacks never start with ``assert isinstance``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

T = TypeVar("T")  # what the background function returns
P = TypeVar("P")  # what it reports as progress


class TaskContext(Generic[P]):
    """What the background function may use: report progress, see a cancel request."""

    def __init__(self, emit: Callable[[object], None]) -> None:
        self.cancel = threading.Event()
        self._emit = emit

    def progress(self, value: P) -> None:
        self._emit(value)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


class _Worker(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Callable[[TaskContext[Any]], object]) -> None:
        super().__init__()
        self.function = function
        self.context: TaskContext[Any] = TaskContext(self.progressed.emit)

    @Slot()
    def run(self) -> None:
        try:
            result = self.function(self.context)
        except BaseException as error:  # handed to the GUI thread, never lost
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            # The worker ends its own thread: a quit posted from a GUI-thread slot would
            # never run while the GUI thread blocks in wait() (shutdown, tests).
            QThread.currentThread().quit()


class Task(QObject, Generic[T, P]):
    """One background job. Connect to the signals, then ``start()``.

    ``progressed(value)``, then exactly one of ``succeeded(result)`` or ``failed(error)``,
    then ``finished()`` once the thread has stopped. The signals carry Python objects;
    ``on_success``/``on_progress``/``on_error`` give them their types.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    _running: ClassVar[set[Task[Any, Any]]] = set()  # alive until its thread ends

    def __init__(
        self, function: Callable[[TaskContext[P]], T], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(function)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        Task._running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self._worker.context.cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._worker.context.cancelled

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the thread ends (only for shutdown and tests)."""
        return bool(self._thread.wait(milliseconds))

    @classmethod
    def running_count(cls) -> int:
        """How many tasks run now (benchmarks wait for an idle window)."""
        return sum(1 for task in cls._running if task._thread.isRunning())

    @classmethod
    def wait_all(cls, milliseconds: int = 30_000) -> bool:
        """Cancel and wait for every running task (closing the program, ending a test)."""
        for task in list(cls._running):
            task.cancel()
        stopped = all(task.wait(milliseconds) for task in list(cls._running))
        # A task whose parent went first never hears its thread end: forget it here.
        cls._running.difference_update([t for t in cls._running if not t._thread.isRunning()])
        return stopped

    def on_success(self, callback: Callable[[T], None]) -> None:
        self.succeeded.connect(callback)

    def on_progress(self, callback: Callable[[P], None]) -> None:
        self.progressed.connect(callback)

    def on_error(self, callback: Callable[[BaseException], None]) -> None:
        self.failed.connect(callback)

    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    def _on_failed(self, error: object) -> None:
        self.failed.emit(error)

    def _on_thread_finished(self) -> None:
        Task._running.discard(self)
        self.finished.emit()
        # Done, the task leaves its parent and lives only while its caller holds it: a view
        # reading twice a second would otherwise keep every task (thread, worker, callbacks)
        # until it closes. Deferred: an object is never freed inside its own slot.
        QTimer.singleShot(0, self._release)

    def _release(self) -> None:
        if shiboken6.isValid(self) and self.parent() is not None:
            self.setParent(None)


def run_task(
    function: Callable[[TaskContext[P]], T],
    *,
    on_progress: Callable[[P], None] | None = None,
    on_success: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    parent: QObject | None = None,
) -> Task[T, P]:
    """Start ``function`` in the background with the given GUI-thread callbacks."""
    task: Task[T, P] = Task(function, parent)
    if on_progress is not None:
        task.on_progress(on_progress)
    if on_success is not None:
        task.on_success(on_success)
    if on_error is not None:
        task.on_error(on_error)
    task.start()
    return task
