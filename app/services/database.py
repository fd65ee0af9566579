"""Which database this workstation works on, and opening it: the start-up use case
(locate, check, back up, migrate) as the window and the commands ask for it.

The ``Database`` handle it returns is opaque to ui/: the window only gives it back to
services and disposes of it (ui/ never imports app.db nor SQLAlchemy, so it cannot open
a session on it)."""

from __future__ import annotations

from pathlib import Path

from app.db import database as _database
from app.db import location as _location
from app.db.database import Database as Database
from app.db.revisions import head_revision


def open_database(
    db: str | None = None, *, migrate: bool = True, timeout: float = _database.DEFAULT_TIMEOUT
) -> Database:
    """The database named by ``db`` (a SQLAlchemy URL or a SQLite file), else
    ``FACTURIER_DB``, else the one this workstation is set to, else the local file:
    created if new, its integrity checked after an unclean close, backed up and migrated
    to this program's schema. ``migrate=False`` opens it as it is (testing a connection);
    ``timeout`` is how long a write waits for another program's lock, in seconds."""
    return _database.open_database(db, migrate=migrate, timeout=timeout)


def schema_revision() -> str:
    """The schema revision this program works on (every database is migrated to it)."""
    return head_revision()


def configured_database() -> str:
    """What this workstation opens at its next start ("" for the local file)."""
    return _location.configured_database()


def local_database_file() -> Path:
    """The local SQLite file, opened when nothing else is chosen."""
    return _location.default_sqlite_path()


def use_local_file() -> Path:
    """Make this workstation open its local file again from its next start; that file."""
    _location.set_configured_database("")
    return _location.default_sqlite_path()
