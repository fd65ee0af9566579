"""Checks an existing SQLite file *read-only* before anything may write to it.

A file that is not a database, is damaged, comes from a newer Facturier, is
read-only or locked must be refused with a typed error and left byte-for-byte
untouched; so nothing here opens it for writing. A disk with no room left is
told as such (never as damage), before SQLite would leave half-made files.

``quick_check`` is SQLite's ``PRAGMA quick_check`` (or the full ``integrity_check``)
bounded in time, on a read-only connection: the opening runs it after an unclean
close and before an upgrade, ``facturier db check`` runs the full check.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
)
from app.files import DiskFullError, disk_full, free_space

MIN_FREE_TO_OPEN = 1024 * 1024  # bytes: below this, opening is refused as a full disk
LOW_SPACE = 8 * 1024 * 1024  # an I/O error with less free than this is the full disk
WRITE_ROOM = 32 * 1024 * 1024  # what to ask for when a write found the disk full

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


class DatabaseDiskFullError(DiskFullError, DatabaseError):
    """No room left where the database lives (``data['folder']``) or, for a server, on the
    server (``data['server']`` true). Nothing was changed: the transaction was undone."""

    code = "database.disk_full"


class DamagedDatabaseError(CorruptDatabaseError):
    """SQLite found damage (``data['problem']``: its first finding). Nothing is written to
    it any more; ``data['backup']`` names the last automatic backup, when there is one."""


SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class SqliteState:
    path: Path
    exists: bool  # False: a new database will be created
    revision: str | None  # Alembic revision found, None for a new or empty file
    unclean: bool = False  # a -wal file with content: not closed cleanly (or in use)


def inspect_sqlite(path: Path, timeout: float) -> SqliteState:
    folder = path.parent
    if not path.exists() or path.stat().st_size == 0:
        if path.exists() and not _writable(path):
            raise ReadOnlyDatabaseError(str(path), path=str(path))
        if folder.exists() and not _writable(folder):
            raise ReadOnlyDatabaseError(str(folder), path=str(path))
        check_room(path, MIN_FREE_TO_OPEN)
        return SqliteState(path, exists=False, revision=None)
    if path.is_dir():
        raise NotADatabaseError("is a folder", path=str(path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotADatabaseError("no SQLite header", path=str(path))
    # WAL mode needs the -wal and -shm files beside the database, hence the folder check.
    if not _writable(path) or not _writable(folder):
        raise ReadOnlyDatabaseError(str(path), path=str(path))
    # Before SQLite creates its -shm file: on a full disk it would fail half-way.
    check_room(path, MIN_FREE_TO_OPEN)
    revision = _read_revision(path, timeout)
    return SqliteState(path, exists=True, revision=revision, unclean=wal_size(path) > 0)


def wal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


def check_room(path: Path, needed: int) -> None:
    """``DatabaseDiskFullError`` when the database's folder has less than ``needed`` free."""
    folder = path.parent if path.parent.exists() else path.parent.parent
    free = free_space(folder)
    if 0 <= free < needed:
        raise _disk_full(path, needed)


def _disk_full(path: Path, needed: int) -> DatabaseDiskFullError:
    folder = path.parent
    temporary = Path(tempfile.gettempdir())
    # SQLite also writes temporary files (big sorts): the fuller of the two is the culprit.
    if free_space(folder) >= LOW_SPACE and 0 <= free_space(temporary) < LOW_SPACE:
        folder = temporary
    error = disk_full(folder, needed, DatabaseDiskFullError, path=str(path), server=False)
    assert isinstance(error, DatabaseDiskFullError)
    return error


def classify_sqlite_error(error: sqlite3.Error, path: Path) -> DatabaseError | None:
    """The core's typed error for a SQLite failure on the database at ``path``, or None when
    it is none of: a full disk, a lock, a read-only file, damage."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary == SQLITE_FULL or "database or disk is full" in text:
        return _disk_full(path, WRITE_ROOM)
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN) or "disk i/o error" in text:
        if 0 <= free_space(path.parent) < LOW_SPACE:
            return _disk_full(path, WRITE_ROOM)
        return None
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return DatabaseLockedError(text, path=str(path))
    if primary == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(text, path=str(path))
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return DamagedDatabaseError(str(error), path=str(path), problem=str(error))
    return None


def _writable(path: Path) -> bool:
    """Writable for us *and* not marked read-only by its owner (root ignores the bits)."""
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _read_revision(path: Path, timeout: float) -> str | None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    except sqlite3.Error as exc:  # pragma: no cover - the header was readable just before
        raise classify_sqlite_error(exc, path) or CorruptDatabaseError(
            str(exc), path=str(path)
        ) from exc
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
    except sqlite3.DatabaseError as exc:
        typed = classify_sqlite_error(exc, path)
        if typed is not None and not isinstance(typed, DamagedDatabaseError):
            raise typed from exc  # a lock or a full disk is not damage
        raise DamagedDatabaseError(str(exc), path=str(path), problem=str(exc)) from exc
    finally:
        conn.close()


# --- integrity ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    path: Path
    finished: bool  # False: the time ran out before SQLite was done (nothing is known)
    problems: list[str] = field(default_factory=list)  # SQLite's findings, [] when intact
    seconds: float = 0.0

    @property
    def damaged(self) -> bool:
        return bool(self.problems)


def quick_check(
    path: Path, seconds: float | None, *, full: bool = False, timeout: float = 15.0
) -> CheckResult:
    """SQLite's own check of every page, read-only: ``quick_check`` (b-trees, records, free
    list; linear in the file's size) or, with ``full``, ``integrity_check`` (indexes too).
    ``seconds`` bounds it: when the time runs out the result is "not finished"."""
    start = time.monotonic()
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        return _failed_check(exc, path, start)
    try:
        if seconds is not None:
            deadline = start + seconds
            conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        rows = conn.execute(f"PRAGMA {pragma}(20)").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return CheckResult(path, finished=False, seconds=time.monotonic() - start)
        return _failed_check(exc, path, start)
    except sqlite3.DatabaseError as exc:
        return _failed_check(exc, path, start)
    finally:
        conn.close()
    found = [str(row[0]) for row in rows if str(row[0]) != "ok"]
    problems = [line for text in found for line in text.splitlines() if line.strip()]
    return CheckResult(path, finished=True, problems=problems, seconds=time.monotonic() - start)


def _failed_check(exc: sqlite3.Error, path: Path, start: float) -> CheckResult:
    typed = classify_sqlite_error(exc, path)
    if typed is not None and not isinstance(typed, DamagedDatabaseError):
        raise typed from exc  # a lock or a full disk is not damage
    return CheckResult(path, finished=True, problems=[str(exc)], seconds=time.monotonic() - start)
