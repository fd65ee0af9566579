"""Moving to a shared database: test a connection, copy every table, prove the copy."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from app.db.database import Database, open_database, translate_errors
from app.db.models import Base
from app.db.sequences import reset_sequences
from app.errors import DatabaseNotEmptyError, FacturierError

CHUNK = 2000


class CopyMismatchError(FacturierError):
    """The copy does not hold the same rows as the source (nothing may be trusted)."""

    code = "database.copy_mismatch"


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    digest: str  # sha256 of every row, in primary-key order, identical on both sides


def server_version(db: Database) -> str:
    """A round trip to the server; typed errors when it cannot be reached."""
    with db.read() as session:
        if db.is_sqlite:
            return f"SQLite {session.execute(text('select sqlite_version()')).scalar()}"
        return str(session.execute(text("select version()")).scalar()).split(" on ")[0]


def copy_database(
    source: Database, target_url: str, progress: Callable[[str, int], None] | None = None
) -> list[TableCopy]:
    """Copy every table into an empty database (created and migrated if needed)."""
    target = open_database(target_url)
    try:
        with target.write() as out:
            _refuse_non_empty(out)
            with source.read() as inp:
                for table in Base.metadata.sorted_tables:
                    copied = 0
                    for rows in _chunks(inp, table):
                        out.execute(insert(table), rows)
                        copied += len(rows)
                    if progress is not None:
                        progress(table.name, copied)
            reset_sequences(out)
        expected = table_digests(source)
        found = table_digests(target)
        if expected != found:
            bad = [a.table for a, b in zip(expected, found, strict=True) if a != b]
            raise CopyMismatchError("copy differs", tables=", ".join(bad))
        return found
    finally:
        target.dispose()


def _refuse_non_empty(session: Session) -> None:
    for table in Base.metadata.sorted_tables:
        if session.scalar(select(func.count()).select_from(table)):
            raise DatabaseNotEmptyError("target not empty", table=table.name)


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns)


def _chunks(session: Session, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = session.execute(_ordered(table).execution_options(yield_per=CHUNK))
    for partition in result.mappings().partitions(CHUNK):
        yield [dict(row) for row in partition]


def table_digests(db: Database) -> list[TableCopy]:
    """Row count and content digest of every table, comparable across backends."""
    digests = []
    with translate_errors(db), db.read() as session:
        for table in Base.metadata.sorted_tables:
            digest = hashlib.sha256()
            count = 0
            for row in session.execute(_ordered(table).execution_options(yield_per=CHUNK)):
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += 1
            digests.append(TableCopy(table.name, count, digest.hexdigest()))
    return digests


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value
