"""Opening, checking, migrating and using the database.

``open_database`` is the one entry point: it refuses bad files before writing
anything, backs an existing SQLite file up before migrating it, then hands out
two session factories: ``read`` (plain transactions) and ``write`` (on SQLite,
``BEGIN IMMEDIATE``, so a writer waits for the lock up front instead of failing
half-way when another process writes at the same time).

A SQLite database is checked (``PRAGMA quick_check``, bounded in time) when it was not
closed cleanly (a -wal left with content, or the file differs from what the last program
that closed it recorded: see app/db/backups.py) and before an upgrade; a damaged one is
refused. Before the first change of each day a checked backup copy is made
(``backups.daily_backup``). A full disk is told as a full disk, never as damage. A new
database file is readable by its user only.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from alembic.config import Config

from app.db import backups
from app.db.changes import ChangeBus, track_changes
from app.db.location import backup_count, resolve_url, sqlite_path
from app.db.models import declare_postgresql_options
from app.db.preflight import (
    DamagedDatabaseError,
    DatabaseDiskFullError,
    check_room,
    classify_sqlite_error,
    inspect_sqlite,
    quick_check,
    wal_size,
)
from app.db.revisions import MIGRATIONS, head_revision, known_revisions
from app.errors import (
    DatabaseError,
    DatabaseLockedError,
    DatabaseUnavailableError,
    FacturierError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
)
from app.files import PRIVATE, Guard

DEFAULT_TIMEOUT = 15.0  # seconds a writer waits for another one (SQLite busy timeout)
OPEN_CHECK_SECONDS = 5.0  # the check after an unclean close (100,000 documents: ~0.6 s)
UPGRADE_CHECK_SECONDS = 60.0  # the check before an upgrade, which rewrites tables
PG_DISK_FULL = "53100"  # PostgreSQL's SQLSTATE disk_full

log = logging.getLogger(__name__)


@dataclass
class Database:
    url: URL
    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None
    migrated_from: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    # What each commit changed, for the window's views (app/db/changes.py).
    changes: ChangeBus = field(default_factory=ChangeBus)
    # Damage found since opening (a read, or the daily backup's check): writes are refused.
    damage: DamagedDatabaseError | None = None
    _backup_day: date | None = field(default=None, repr=False)  # a window left open overnight
    _wrote: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with translate_errors(self), self.read_sessions.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction per user action: committed at the end, rolled back on error.

        Refused (``DamagedDatabaseError``) once damage was found; the first write of the day
        on a SQLite file makes the automatic backup first."""
        self._before_write()
        with translate_errors(self), self.write_sessions.begin() as session:
            yield session

    def _before_write(self) -> None:
        if self.damage is not None:
            raise _damaged(self.damage.data.get("path", str(self.path)), self.damage)
        today = date.today()
        if self._backup_day == today or self.path is None:
            return
        with self._lock:
            if self._backup_day == today:
                return
            try:
                backups.daily_backup(self.path, backup_count())
            except DamagedDatabaseError as error:
                self.damage = error
                raise _damaged(str(self.path), error) from None
            except (FacturierError, OSError, sqlite3.Error) as error:
                # A backup that cannot be made (full disk…) never stops the user's work;
                # the write says for itself if the disk is full.
                log.warning("automatic backup of %s not made: %s", self.path, error)
            self._backup_day, self._wrote = today, True

    def output_guard(self) -> Guard:
        """For ``app.files.write_file``: this database's files and backups are never
        written over (the window's "Save as…", ``facturier pdf --out``)."""
        return backups.guard_for(self.path)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.path is not None and self.path.exists():
            backups.record_clean_close(self.path, create=self._wrote)


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Database driver failures become the core's typed errors."""
    try:
        yield
    except OperationalError as exc:
        raise _typed(db, exc) from exc
    except DBAPIError as exc:
        typed = _classified(db, exc)
        if typed is not None:
            raise typed from exc
        if exc.connection_invalidated:
            raise DatabaseUnavailableError(str(exc.orig), url=_safe_url(db.url)) from exc
        raise


def _classified(db: Database, exc: DBAPIError) -> DatabaseError | None:
    """A full disk, a lock, damage…; damage found is remembered: no more writes."""
    path = db.path
    if path is not None and isinstance(exc.orig, sqlite3.Error):
        typed = classify_sqlite_error(exc.orig, path)
    elif path is None:
        typed = classify_server_error(exc.orig, _safe_url(db.url))
    else:
        typed = None
    if isinstance(typed, DamagedDatabaseError):
        db.damage = typed
        return _damaged(str(path), typed)
    return typed


def _typed(db: Database, exc: OperationalError) -> DatabaseError:
    typed = _classified(db, exc)
    if typed is not None:
        return typed
    text = str(exc.orig).lower()
    where = str(db.path or _safe_url(db.url))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(text, path=where)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(text, path=where)
    return DatabaseUnavailableError(text, url=where)


def classify_server_error(error: BaseException | None, where: str) -> DatabaseError | None:
    """A database server's failure that is a full disk (PostgreSQL: SQLSTATE 53100)."""
    if getattr(error, "sqlstate", None) == PG_DISK_FULL:
        return DatabaseDiskFullError(
            str(error), path=where, folder=where, server=True, reason="server"
        )
    return None


def _damaged(path: str, found: FacturierError | None = None) -> DamagedDatabaseError:
    """The refusal to write to a damaged database, naming the last automatic backup."""
    problem = str(found.data.get("problem", found.detail)) if found is not None else ""
    latest = backups.latest_backup(Path(path)) if path else None
    return DamagedDatabaseError(
        problem or "damaged",
        path=path,
        problem=problem,
        backup=str(latest) if latest is not None else "",
        reason="backup" if latest is not None else "",
    )


def _safe_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def open_database(
    db: str | None = None, *, timeout: float = DEFAULT_TIMEOUT, migrate: bool = True
) -> Database:
    """Open (creating or upgrading as needed) the database named by ``db`` or the defaults."""
    url = resolve_url(db)
    path = sqlite_path(url)
    revision: str | None = None
    existed = False
    if path is not None:
        try:
            state = inspect_sqlite(path, timeout)
        except DamagedDatabaseError as error:
            raise _damaged(str(path), error) from error  # naming the last backup
        revision, existed = state.revision, state.exists
        _check_known(revision, path)
        if existed:
            _check_integrity(path, revision, state.unclean, timeout)
        else:
            _create_private(path)
    database = _connect(url, timeout)
    try:
        with translate_errors(database):
            if migrate:
                _migrate(database, revision, existed)
            # Only a schema at the head has the change counter to raise.
            database.changes.counting = migrate or revision == head_revision()
            if path is not None:
                # One connection of ours from the start: when the last one closes, SQLite
                # removes the -wal and -shm files that the read-only checks above created.
                database.engine.connect().close()
    except BaseException:
        database.dispose()
        raise
    return database


def _check_integrity(path: Path, revision: str | None, unclean: bool, timeout: float) -> None:
    """``PRAGMA quick_check`` when the file was not closed cleanly or is about to be
    upgraded; a check that runs out of time proves nothing and refuses nothing."""
    upgrade = revision is not None and revision != head_revision()
    if upgrade:
        # The backup copy, then tables rebuilt: about twice the file, before touching it.
        check_room(path, 2 * (path.stat().st_size + wal_size(path)) + backups.MARGIN)
    if not (upgrade or unclean or not backups.closed_cleanly(path)):
        return
    seconds = UPGRADE_CHECK_SECONDS if upgrade else OPEN_CHECK_SECONDS
    result = quick_check(path, seconds, timeout=timeout)
    if result.damaged:
        found = DamagedDatabaseError(result.problems[0], problem=result.problems[0])
        raise _damaged(str(path), found)
    if not result.finished:
        log.warning("integrity check of %s stopped after %.1f s", path, result.seconds)


def _create_private(path: Path) -> None:
    """A new database file readable by its user only (SQLite gives its -wal and -shm files
    the database file's mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def _connect(url: URL, timeout: float) -> Database:
    if url.get_backend_name() == "sqlite":
        # A pool: opening a SQLite file and setting its pragmas per transaction is slow.
        engine = create_engine(url, connect_args={"timeout": timeout}, pool_size=5)
        _sqlite_events(engine, wal=True)
    else:
        declare_postgresql_options()
        engine = create_engine(url, pool_pre_ping=True)
    immediate = engine.execution_options(sqlite_immediate=True)
    database = Database(
        url=url,
        engine=engine,
        read_sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(immediate, expire_on_commit=False),
    )
    for sessions in (database.read_sessions, database.write_sessions):
        track_changes(sessions, database.changes)
    return database


def _sqlite_events(engine: Engine, *, wal: bool, foreign_keys: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below), so pysqlite must not.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if wal:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config() -> Config:
    from alembic.config import Config  # lazy: only to upgrade (see known_revisions)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _check_known(revision: str | None, path: Path) -> None:
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError(revision, path=str(path), revision=revision)


def _stored_revision(conn: Connection) -> str | None:
    """The revision a server database is at (None: a new, empty database)."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(database: Database, revision: str | None, existed: bool) -> None:
    path = database.path
    if path is None:
        with database.engine.connect() as conn:
            revision = _stored_revision(conn)
        _check_known(revision, Path(_safe_url(database.url)))
    head = head_revision()
    if revision == head:
        return
    if path is not None and existed and revision is not None:
        database.backup_path = backup_sqlite(path, revision)
    database.migrated_from = revision
    # Migrations rebuild SQLite tables; foreign keys must be off while they do.
    if database.is_sqlite:
        engine = create_engine(database.url, poolclass=NullPool, connect_args={"timeout": 60})
        _sqlite_events(engine, wal=True, foreign_keys=False)
        immediate: Engine = engine.execution_options(sqlite_immediate=True)
    else:
        engine = immediate = database.engine
    from alembic import command  # lazy: see known_revisions

    try:
        with translate_errors(database), immediate.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    finally:
        if engine is not database.engine:
            engine.dispose()


def backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy beside the file (SQLite's online backup), before it is upgraded;
    it keeps the database file's mode. The file was checked just before."""
    target = backups.upgrade_path(path, revision, datetime.now())
    return backups.online_backup(path, target, check=False)
