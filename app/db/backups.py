"""Backups of a SQLite database, and what says it was closed cleanly.

Beside ``facturier.db`` lives the folder ``facturier-backups/`` (readable by its user only):

- ``facturier-YYYY-MM-DD.db``: the automatic daily backups. Before the first change of a
  day, the program copies the database there (SQLite's online backup API: a consistent
  copy even while other programs write), checks the copy (``PRAGMA quick_check``), and then
  keeps the newest N of them (N: this computer's settings, ``backups``, default 7). A copy
  that is damaged is never kept: the database is then refused for writing.
- ``facturier-YYYY-MM-DD-HHMMSS.db``: made by ``facturier db backup`` (never removed).
- ``closed-cleanly.json``: the database file's size, time and identity when the last program
  using it closed it. Opening a database that does not match it (a crash, a copy, a change
  behind the program's back) runs the integrity check first.

Upgrade backups stay beside the database (``facturier.backup-<revision>-<stamp>.db``).
Each backup keeps the mode of the database file it copies.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.db.preflight import (
    DamagedDatabaseError,
    classify_sqlite_error,
    quick_check,
    wal_size,
)
from app.errors import DatabaseLockedError, FacturierError, NotADatabaseError
from app.files import (
    PRIVATE,
    TEMPORARY_SUFFIX,
    Guard,
    disk_full,
    make_private_folder,
    replacing,
    write_file,
)

CLEAN_RECORD = "closed-cleanly.json"
BACKUP_CHECK_SECONDS = 10.0  # the check of a fresh backup; longer: the copy is kept unchecked
MARGIN = 1024 * 1024  # a backup never leaves the disk with less free space than this
COMPANIONS = ("-wal", "-shm", "-journal")
_STAMP = r"\d{4}-\d{2}-\d{2}"


def backups_folder(database: Path) -> Path:
    return database.with_name(f"{database.stem}-backups")


def daily_path(database: Path, day: date) -> Path:
    return backups_folder(database) / f"{database.stem}-{day.isoformat()}{_suffix(database)}"


def manual_path(database: Path, when: datetime) -> Path:
    name = f"{database.stem}-{when.strftime('%Y-%m-%d-%H%M%S')}{_suffix(database)}"
    return backups_folder(database) / name


def upgrade_path(database: Path, revision: str, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    return database.with_name(f"{database.stem}.backup-{revision}-{stamp}{_suffix(database)}")


def _suffix(database: Path) -> str:
    return database.suffix or ".db"


def daily_backups(database: Path) -> list[Path]:
    """The automatic daily backups, oldest first."""
    pattern = re.compile(rf"{re.escape(database.stem)}-{_STAMP}{re.escape(_suffix(database))}")
    return sorted(p for p in _listing(backups_folder(database)) if pattern.fullmatch(p.name))


def all_backups(database: Path) -> list[Path]:
    """Every backup of this database (daily, manual, before an upgrade), newest first."""
    stem, suffix = re.escape(database.stem), re.escape(_suffix(database))
    inside = re.compile(rf"{stem}-{_STAMP}(-\d{{6}})?{suffix}")
    beside = re.compile(rf"{stem}\.backup-.+{suffix}")
    found = [p for p in _listing(backups_folder(database)) if inside.fullmatch(p.name)]
    found += [p for p in _listing(database.parent) if beside.fullmatch(p.name)]
    return sorted(found, key=_modified, reverse=True)


def latest_backup(database: Path) -> Path | None:
    backups = all_backups(database)
    return backups[0] if backups else None


def _listing(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


# --- what must never be overwritten -----------------------------------------------------


def guard_for(database: Path | None) -> Guard:
    """Refuses the database, its companion files and every backup of it (by name, whether
    they exist or not), for ``app.files.write_file``."""
    if database is None:
        return lambda _path: None
    real = database.resolve()
    folder = backups_folder(real)
    names = {real, *(Path(f"{real}{suffix}") for suffix in COMPANIONS)}
    upgrade = re.compile(rf"{re.escape(real.stem)}\.backup-.*")

    def guard(path: Path) -> str | None:
        candidate = path.absolute()
        with suppress(OSError):
            candidate = candidate.resolve()
        if candidate in names or _same_file(candidate, real):
            return "database"
        if candidate.parent == folder or (
            candidate.parent == real.parent and upgrade.fullmatch(candidate.name)
        ):
            return "backup"
        return None

    return guard


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --- copies -----------------------------------------------------------------------------


def online_backup(
    source: Path,
    target: Path,
    *,
    force: bool = False,
    guard: Guard | None = None,
    check: bool = True,
    check_seconds: float | None = BACKUP_CHECK_SECONDS,
    timeout: float = 15.0,
    replace_copy: bool = False,
) -> Path:
    """A consistent copy of ``source`` (SQLite's online backup API, so other programs may go
    on writing), written whole to ``target`` or not at all, with the source's mode.

    The copy is a single file (no -wal), checked before it takes its name:
    ``DamagedDatabaseError`` (nothing kept) when SQLite finds damage in it.
    ``replace_copy`` (with ``force``): ``target`` may be an older copy, a SQLite file that
    no program has open (no -wal, -shm or -journal beside it).
    """
    size = source.stat().st_size + wal_size(source)
    mode = stat.S_IMODE(source.stat().st_mode)
    in_use = any(Path(f"{target}{suffix}").exists() for suffix in COMPANIONS)
    allow = replace_copy and force and not in_use
    with replacing(
        target, force=force, guard=guard, mode=mode, needed=size + MARGIN, allow_database=allow
    ) as part:
        try:
            with (
                closing(_read_only(source, timeout)) as reader,
                closing(sqlite3.connect(part, isolation_level=None)) as copy,
            ):
                reader.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        except sqlite3.Error as exc:
            typed = classify_sqlite_error(exc, source)
            if typed is not None and "disk_full" in typed.code:
                raise disk_full(part.parent, size + MARGIN, path=str(target)) from exc
            raise typed or DamagedDatabaseError(str(exc), path=str(source)) from exc
        if check:
            result = quick_check(part, check_seconds)
            if result.damaged:
                raise DamagedDatabaseError(
                    result.problems[0], path=str(source), problem=result.problems[0]
                )
    return target


def _read_only(path: Path, timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def daily_backup(database: Path, keep: int, today: date | None = None) -> Path | None:
    """Today's backup, made if missing, then only the ``keep`` newest daily ones are kept.
    None when ``keep`` is 0 (automatic backups off: the existing ones are left alone)."""
    if keep <= 0:
        return None
    target = daily_path(database, today or date.today())
    if target.exists():
        return target
    make_private_folder(target.parent)
    _remove_leftovers(target.parent)
    online_backup(database, target, guard=None)
    for old in daily_backups(database)[:-keep]:
        with suppress(OSError):
            old.unlink()
    return target


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a backup that was interrupted (an hour old at least)."""
    for path in _listing(folder):
        old = time.time() - _modified(path) > 3600
        if path.name.startswith(".") and TEMPORARY_SUFFIX in path.name and old:
            with suppress(OSError):
                path.unlink()


# --- closed cleanly ---------------------------------------------------------------------


def _identity(database: Path) -> dict[str, int]:
    info = database.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "inode": info.st_ino}


def record_clean_close(database: Path, *, create: bool) -> None:
    """After the program closed the database: when nobody else has it open (no -wal left),
    remember what the file looks like; else forget it (whoever closes last records it).
    ``create``: make the backups folder when it does not exist yet."""
    record = backups_folder(database) / CLEAN_RECORD
    if not record.parent.is_dir() and not create:
        return
    with suppress(OSError, FacturierError):  # a full disk: the next opening checks, that's all
        if Path(f"{database}-wal").exists():
            record.unlink(missing_ok=True)
            return
        make_private_folder(record.parent)
        data = json.dumps(_identity(database)).encode()
        write_file(record, data, force=True, mode=PRIVATE)


def closed_cleanly(database: Path) -> bool:
    """True when the file is exactly as the last program that used it left it."""
    try:
        recorded = json.loads((backups_folder(database) / CLEAN_RECORD).read_text("utf-8"))
        return bool(recorded == _identity(database))
    except (OSError, ValueError):
        return False


def forget_clean_close(database: Path) -> None:
    with suppress(OSError):
        (backups_folder(database) / CLEAN_RECORD).unlink(missing_ok=True)


# --- restore ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    source: Path  # the backup put back
    kept: Path | None  # where the database that was replaced now is (None: there was none)
    damaged: bool  # the replaced database was damaged


def restore(database: Path, source: Path, *, timeout: float = 2.0) -> Restored:
    """Put the backup ``source`` back in place of ``database``. The database replaced is
    kept aside (``<name>.damaged-<stamp>.db`` or ``<name>.replaced-<stamp>.db``), never
    deleted; refused while another program has the database open."""
    result = quick_check(source, None)
    if result.damaged:
        raise DamagedDatabaseError(result.problems[0], path=str(source))
    _require_facturier(source, timeout)
    if database.exists():
        _require_unused(database, timeout)
    mode = stat.S_IMODE(database.stat().st_mode) if database.exists() else PRIVATE
    damaged = database.exists() and quick_check(database, None).damaged
    kept: Path | None = None
    with replacing(database, force=True, mode=mode, allow_database=True) as part:
        with (
            closing(_read_only(source, timeout)) as reader,
            closing(sqlite3.connect(part, isolation_level=None)) as copy,
        ):
            reader.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        if database.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kind = "damaged" if damaged else "replaced"
            kept = database.with_name(f"{database.stem}.{kind}-{stamp}{_suffix(database)}")
            for suffix in ("", *COMPANIONS):
                old = Path(f"{database}{suffix}")
                if old.exists():
                    old.rename(Path(f"{kept}{suffix}"))
    forget_clean_close(database)
    return Restored(source, kept, damaged)


def _require_facturier(path: Path, timeout: float) -> None:
    with closing(_read_only(path, timeout)) as conn:
        try:
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise NotADatabaseError(str(exc), path=str(path)) from exc


def _require_unused(database: Path, timeout: float) -> None:
    """In WAL mode every program that has the database open holds a shared lock on it: an
    exclusive lock is only granted when nobody else has it open."""
    conn = sqlite3.connect(database, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(text, path=str(database)) from exc
        # Too damaged to be locked: nobody can be using it either.
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
