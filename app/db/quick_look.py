"""A glance at the outbox of a local database, without SQLAlchemy nor the models.

``facturier outbox send`` run by a scheduled task finds, most of the time, nothing to do;
importing SQLAlchemy and mapping the models to learn it cost 0.5 s at each run. The glance
reads the file with ``sqlite3`` alone, and only answers when the full opening would have
nothing to do either: a local SQLite file at this program's schema, closed cleanly (no
integrity check due), readable now. Anything else (a server, a new, damaged, locked, older
or newer file, an unclean close) gives None: the command then opens the database as usual,
with its checks, upgrade and error messages. What "waiting" and "listed" mean is the
outbox's own definition (``app.services.outbox_queue``); tests/integration/
test_quick_look.py checks that both agree on every state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from contextlib import closing

from app.db import backups
from app.db.location import chosen_database, local_file
from app.db.preflight import inspect_sqlite
from app.db.revisions import head_revision
from app.domain.outbox import PENDING_STATES, OutboxState
from app.errors import FacturierError

GLANCE_TIMEOUT = 1.0  # seconds: a file busy longer than this is opened the usual way


def nothing_to_send(db: str | None) -> bool | None:
    """True when nothing waits nor is being sent and no copy to the Sent folder is pending;
    None when only the usual opening can tell."""
    waiting = sorted(str(s) for s in PENDING_STATES)
    marks = ", ".join("?" * len(waiting))
    return _no_row(
        db,
        f"SELECT 1 FROM outbox_message WHERE state IN ({marks}) OR copy_state = 'pending'",
        waiting,
    )


def nothing_listed(
    db: str | None, *, states: Collection[OutboxState] | None, include_sent: bool
) -> bool | None:
    """True when ``facturier outbox list`` with these filters would print no line."""
    where, params = ["1 = 1"], list[str]()
    if not include_sent:
        where.append("state != ?")
        params.append(str(OutboxState.SENT))
    if states is not None:
        where.append(f"state IN ({', '.join('?' * len(states))})")
        params.extend(sorted(str(s) for s in states))
    return _no_row(db, f"SELECT 1 FROM outbox_message WHERE {' AND '.join(where)}", params)


def _no_row(db: str | None, query: str, params: list[str]) -> bool | None:
    try:
        path = local_file(chosen_database(db))
        if path is None:
            return None
        state = inspect_sqlite(path, GLANCE_TIMEOUT)
        if not state.exists or state.unclean or state.revision != head_revision():
            return None
        if not backups.closed_cleanly(path):
            return None
        # Read-write, as the usual opening: the last connection to close removes the -wal
        # and -shm files that reading a WAL database creates.
        with closing(sqlite3.connect(path, timeout=GLANCE_TIMEOUT)) as conn:
            conn.execute("PRAGMA query_only = ON")
            found = conn.execute(f"{query} LIMIT 1", params).fetchone()
        backups.record_clean_close(path, create=False)
    except (FacturierError, OSError, sqlite3.Error):
        return None
    return found is None
