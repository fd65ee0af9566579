"""Commits of this process, told to the window on the GUI thread.

``app.services.changes.subscribe`` calls back on the committing thread (often a worker);
``ChangeNotifier.changed`` re-emits each ``Changes`` as a Qt signal, which Qt queues to
the notifier's (GUI) thread. Views connect to it and refresh just the rows that changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes, subscribe
from app.services.database import Database


class ChangeNotifier(QObject):
    changed = Signal(object)  # a Changes, on the GUI thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._alive = True
        self._unsubscribe = subscribe(db, self._relay)
        self.destroyed.connect(self._unsubscribe)

    def close(self) -> None:
        """Stop listening (also done when the notifier is destroyed)."""
        self._alive = False
        self._unsubscribe()

    def _relay(self, changes: Changes) -> None:
        if not self._alive:
            return
        try:
            self.changed.emit(changes)
        except RuntimeError:  # destroyed meanwhile, on the GUI thread
            self._alive = False
