"""Counting the SQL statements that run on the GUI thread (there must be none).

Every engine's ``before_cursor_execute`` event records the statements executed while the
current thread is the main (GUI) thread, with the stack that ran them, so that a failing
test names the code to move into a background task. Use the fixture::

    def test_x(gui_thread_queries: GuiThreadQueries) -> None:
        ...  # open windows, click
        assert gui_thread_queries.statements == [], gui_thread_queries.report()

or ``counting_gui_thread_queries()`` as a context manager.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ui.tasks import Task


@dataclass
class GuiThreadQueries:
    statements: list[tuple[str, str]] = field(default_factory=list)  # (SQL, stack)
    any_thread: int = 0  # every statement seen, whichever thread ran it

    def record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.any_thread += 1
        if threading.current_thread() is threading.main_thread():
            stack = "".join(traceback.format_stack(limit=30)[:-1])
            self.statements.append((statement, stack))

    def take(self) -> list[tuple[str, str]]:
        """The statements recorded so far; counting goes on from zero."""
        taken, self.statements = self.statements, []
        self.any_thread = 0
        return taken

    def report(self, statements: list[tuple[str, str]] | None = None) -> str:
        found = self.statements if statements is None else statements
        parts = [f"{len(found)} statement(s) on the GUI thread:"]
        for sql, stack in found[:5]:
            parts.append(f"--- {' '.join(sql.split())[:200]}\n{stack}")
        return "\n".join(parts)


@contextmanager
def counting_gui_thread_queries() -> Iterator[GuiThreadQueries]:
    """Listen on the ``Engine`` class; enter it before a window starts its tasks.

    Adding or removing a listener while a worker runs a statement mutates the list that
    worker iterates ("deque mutated during iteration"): the tasks stop before removal.
    """
    counter = GuiThreadQueries()
    event.listen(Engine, "before_cursor_execute", counter.record)
    try:
        yield counter
    finally:
        Task.wait_all()
        event.remove(Engine, "before_cursor_execute", counter.record)


@pytest.fixture
def gui_thread_queries() -> Iterator[GuiThreadQueries]:
    with counting_gui_thread_queries() as counter:
        yield counter
