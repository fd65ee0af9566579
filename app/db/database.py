"""Opening, checking, migrating and using the database.

``open_database`` is the one entry point: it refuses bad files before writing
anything, backs an existing SQLite file up before migrating it, then hands out
two session factories: ``read`` (plain transactions) and ``write`` (on SQLite,
``BEGIN IMMEDIATE``, so a writer waits for the lock up front instead of failing
half-way when another process writes at the same time).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.db.location import resolve_url, sqlite_path
from app.db.preflight import inspect_sqlite
from app.errors import (
    DatabaseError,
    DatabaseLockedError,
    DatabaseUnavailableError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
)

DEFAULT_TIMEOUT = 15.0  # seconds a writer waits for another one (SQLite busy timeout)
MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass
class Database:
    url: URL
    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None
    migrated_from: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

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
        """One transaction per user action: committed at the end, rolled back on error."""
        with translate_errors(self), self.write_sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Database driver failures become the core's typed errors."""
    try:
        yield
    except OperationalError as exc:
        raise _typed(db, exc) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise DatabaseUnavailableError(str(exc.orig), url=_safe_url(db.url)) from exc
        raise


def _typed(db: Database, exc: OperationalError) -> DatabaseError:
    text = str(exc.orig).lower()
    where = str(db.path or _safe_url(db.url))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(text, path=where)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(text, path=where)
    return DatabaseUnavailableError(text, url=where)


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
        state = inspect_sqlite(path, timeout)
        revision, existed = state.revision, state.exists
        _check_known(revision, path)
        path.parent.mkdir(parents=True, exist_ok=True)
    database = _connect(url, timeout)
    if migrate:
        try:
            with translate_errors(database):
                _migrate(database, revision, existed)
        except BaseException:
            database.dispose()
            raise
    return database


def _connect(url: URL, timeout: float) -> Database:
    if url.get_backend_name() == "sqlite":
        # A pool: opening a SQLite file and setting its pragmas per transaction is slow.
        engine = create_engine(url, connect_args={"timeout": timeout}, pool_size=5)
        _sqlite_events(engine, wal=True)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    immediate = engine.execution_options(sqlite_immediate=True)
    return Database(
        url=url,
        engine=engine,
        read_sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(immediate, expire_on_commit=False),
    )


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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_known(revision: str | None, path: Path) -> None:
    if revision is None:
        return
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise NewerDatabaseError(revision, path=str(path), revision=revision) from exc


def _migrate(database: Database, revision: str | None, existed: bool) -> None:
    path = database.path
    if path is None:
        with database.engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
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
    try:
        with translate_errors(database), immediate.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    finally:
        if engine is not database.engine:
            engine.dispose()


def backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy beside the file (SQLite's online backup), before it is upgraded."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix or '.db'}")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
