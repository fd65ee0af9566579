"""Checks an existing SQLite file *read-only* before anything may write to it.

A file that is not a database, is damaged, comes from a newer Facturier, is
read-only or locked must be refused with a typed error and left byte-for-byte
untouched; so nothing here opens it for writing.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from app.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
)

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class SqliteState:
    path: Path
    exists: bool  # False: a new database will be created
    revision: str | None  # Alembic revision found, None for a new or empty file


def inspect_sqlite(path: Path, timeout: float) -> SqliteState:
    folder = path.parent
    if not path.exists() or path.stat().st_size == 0:
        if path.exists() and not _writable(path):
            raise ReadOnlyDatabaseError(str(path), path=str(path))
        if folder.exists() and not _writable(folder):
            raise ReadOnlyDatabaseError(str(folder), path=str(path))
        return SqliteState(path, exists=False, revision=None)
    if path.is_dir():
        raise NotADatabaseError("is a folder", path=str(path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotADatabaseError("no SQLite header", path=str(path))
    # WAL mode needs the -wal and -shm files beside the database, hence the folder check.
    if not _writable(path) or not _writable(folder):
        raise ReadOnlyDatabaseError(str(path), path=str(path))
    revision = _read_revision(path, timeout)
    return SqliteState(path, exists=True, revision=revision)


def _writable(path: Path) -> bool:
    """Writable for us *and* not marked read-only by its owner (root ignores the bits)."""
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _read_revision(path: Path, timeout: float) -> str | None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    except sqlite3.Error as exc:  # pragma: no cover - the header was readable just before
        raise CorruptDatabaseError(str(exc), path=str(path)) from exc
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise NotADatabaseError("not a Facturier database", path=str(path), foreign=True)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseLockedError(str(exc), path=str(path)) from exc
        raise CorruptDatabaseError(str(exc), path=str(path)) from exc
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(str(exc), path=str(path)) from exc
    finally:
        conn.close()
