"""The background task helper: results, errors, progress and cancel come back on the GUI
thread; the GUI thread is never the one doing the work."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from ui.tasks import Task, TaskContext, run_task


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = QThread.currentThread()
    seen: list[tuple[object, bool]] = []
    workers: list[int] = []

    def work(context: TaskContext) -> int:
        workers.append(threading.get_ident())
        for step in range(3):
            context.progress(step)
        return 42

    task = run_task(work, on_progress=lambda v: seen.append((v, QThread.currentThread() is gui)))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
        pass
    assert result.args == [42]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(0, True), (1, True), (2, True)]
    assert workers and workers[0] != threading.get_ident()
    qtbot.waitUntil(lambda: not task.is_running())


def test_errors_are_handed_over_not_lost(qtbot: QtBot) -> None:
    def work(context: TaskContext) -> None:
        raise ValueError("boom")

    task = run_task(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as failure:
        pass
    assert isinstance(failure.args[0], ValueError)


def test_cancel_is_a_cooperative_flag(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(context: TaskContext) -> str:
        started.set()
        context.cancel.wait(10)
        return "cancelled" if context.cancelled else "timed out"

    task = run_task(work)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
        pass
    assert result.args == ["cancelled"]
    with qtbot.waitSignal(task.finished, timeout=5000, raising=False):
        pass
    assert task.wait(5000)


@pytest.mark.parametrize("count", [5])
def test_several_tasks_at_once(qtbot: QtBot, count: int) -> None:
    results: list[object] = []
    tasks = [run_task(lambda c, i=i: i * 2, on_success=results.append) for i in range(count)]
    qtbot.waitUntil(lambda: len(results) == count, timeout=5000)
    assert sorted(results) == [0, 2, 4, 6, 8]  # type: ignore[type-var]
    for task in tasks:
        assert task.wait(5000)


def test_wait_from_the_gui_thread_returns_without_the_event_loop(qtbot: QtBot) -> None:
    """Closing the window blocks the GUI thread in wait(): the thread must still end."""
    release = threading.Event()

    def work(context: TaskContext) -> str:
        release.wait(5)
        return "done"

    task = run_task(work)
    release.set()
    assert task.wait(5000)  # no event processed in between
    assert not task.is_running()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass


def test_finished_tasks_do_not_pile_up_under_their_parent(qtbot: QtBot) -> None:
    """A view reads in the background many times an hour: each finished task must go
    (its thread, worker and callbacks), not stay a child of the view until it closes."""
    parent = QObject()
    results: list[int] = []
    kept = run_task(lambda _context: 0, parent=parent)  # still referenced: still usable
    for n in range(30):
        run_task(lambda _context, n=n: n, on_success=results.append, parent=parent)
    qtbot.waitUntil(lambda: len(results) == 30 and not Task.running_count(), timeout=10_000)
    qtbot.waitUntil(lambda: not parent.findChildren(Task), timeout=5_000)
    gc.collect()
    assert sorted(results) == list(range(30))
    assert not kept.is_running() and not kept.cancel_requested
