"""Running a drain's senders side by side: one per SMTP connection, each claiming messages
from the outbox on its own (the claim is atomic, so no message goes out twice).

The first sender connects alone; the others start once it is logged in, so that a wrong
password or an unreachable server is met once, not by every connection at the same time.
A sender that fails for good (its error is kept) halts the others after the message each
is sending; a stop from the user (the ``cancel`` event) or Ctrl+C does the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class SenderControl:
    """What one sender is told and tells: its place, whether to stop, when it is ready."""

    def __init__(self, index: int, halt: threading.Event, ready: threading.Event) -> None:
        self.index = index
        self._halt = halt
        self._ready = ready
        self.has_connected = False

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def halted(self) -> bool:
        return self._halt.is_set()

    def connected(self) -> None:
        """Logged in: the other senders may start."""
        self.has_connected = True
        self._ready.set()


def run_senders(count: int, work: Callable[[SenderControl], None]) -> list[BaseException]:
    """Run ``work`` for ``count`` senders and wait for all; the errors they ended with, the
    first sender's first. One sender runs in the calling thread, as before there were more."""
    halt, ready = threading.Event(), threading.Event()
    if count <= 1:
        try:
            work(SenderControl(0, halt, ready))
        except Exception as error:
            return [error]
        return []
    errors: list[tuple[int, BaseException]] = []
    lock = threading.Lock()

    def body(control: SenderControl) -> None:
        try:
            work(control)
        except BaseException as error:  # kept, and re-raised by the caller
            with lock:
                errors.append((control.index, error))
            halt.set()
        finally:
            if control.first:
                ready.set()  # it ended without connecting: nobody else starts

    threads: list[threading.Thread] = []
    first = SenderControl(0, halt, ready)

    def start(control: SenderControl) -> None:
        thread = threading.Thread(
            target=body, args=(control,), name=f"smtp-sender-{control.index}", daemon=False
        )
        threads.append(thread)
        thread.start()

    try:
        start(first)
        ready.wait()
        if first.has_connected and not halt.is_set():
            for index in range(1, count):
                start(SenderControl(index, halt, ready))
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)  # short joins: Ctrl+C is still heard in this thread
    except BaseException:
        halt.set()  # each sender ends the message it is sending and records it
        for thread in threads:
            thread.join()
        raise
    return [error for _index, error in sorted(errors, key=lambda item: item[0])]


def halting(control: SenderControl, cancel: threading.Event) -> bool:
    """Whether a sender must stop before claiming another message."""
    return cancel.is_set() or control.halted
