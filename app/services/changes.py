"""Change notifications for the window: what this process committed (pushed to
subscribers after each commit) and whether another process changed the database (a
one-row poll). See app/db/changes.py for how changes are collected."""

from __future__ import annotations

from collections.abc import Callable

from app.db.changes import EVERYTHING, Changes, Subscriber, read_counter
from app.db.database import Database

__all__ = [
    "EVERYTHING",
    "Changes",
    "Subscriber",
    "change_counter",
    "changed_elsewhere",
    "subscribe",
]


def subscribe(db: Database, subscriber: Subscriber) -> Callable[[], None]:
    """``subscriber(changes)`` runs after each commit through ``db``, on the committing
    thread (often a worker); returns the function that unsubscribes."""
    return db.changes.subscribe(subscriber)


def change_counter(db: Database) -> int:
    """The database's change counter: one row read by primary key, cheap to poll."""
    if not db.changes.counting:
        return 0  # a schema older than the counter (opened without migrating)
    with db.read() as session:
        return read_counter(session)


def changed_elsewhere(db: Database, known: int, current: int) -> bool:
    """Whether another process committed changes between two readings of the counter."""
    return db.changes.external_since(known, current)
