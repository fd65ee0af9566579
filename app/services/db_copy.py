"""Moving to a shared database: test a connection, copy every table, prove the copy."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String, Table, func, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.db.database import Database, open_database, translate_errors
from app.db.location import PasswordPlace, RememberedDatabase, remember_database
from app.db.models import Base, ChangeCounter
from app.db.sequences import reset_sequences
from app.domain.smtp_replies import safe_text
from app.errors import DatabaseNotEmptyError, FacturierError

__all__ = [
    "CopyMismatchError",
    "CopyRowError",
    "PasswordPlace",
    "RememberedDatabase",
    "TableCopy",
    "copy_database",
    "server_version",
    "table_digests",
    "use_database",
]

CHUNK = 2000


class CopyMismatchError(FacturierError):
    """The copy does not hold the same rows as the source (nothing may be trusted)."""

    code = "database.copy_mismatch"


class CopyRowError(FacturierError):
    """A row of the source cannot go into the target; nothing was copied. Data: ``table``,
    ``id`` (the row's key, e.g. "12" or "kind=invoice, year=2026"), ``column`` ("" when the
    target's own refusal names none), ``reason``: "too_long" (``length``, ``limit``),
    "nul" (a NUL character, which PostgreSQL text cannot hold), "out_of_range" (a whole
    number beyond the column's type) or "refused" (``detail``: the target's words)."""

    code = "database.copy_row"


_INT32 = (-(2**31), 2**31 - 1)


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


def use_database(url: str, *, probe: str | None = None) -> RememberedDatabase:
    """Make this computer open ``url`` from its next start ("" for the local file), once
    it opened (``probe``: the same database with connection options, e.g. a timeout);
    typed errors when it cannot be opened, and then nothing is changed. The result tells
    where the URL's password went: the keyring, or (no keyring) the settings file in clear,
    which the caller must say."""
    if url:
        open_database(probe or url).dispose()
    return remember_database(url)


def copy_database(
    source: Database, target_url: str, progress: Callable[[str, int], None] | None = None
) -> list[TableCopy]:
    """Copy every table into an empty database (created and migrated if needed).

    A row the target cannot hold (a text longer than its column, which SQLite stored
    anyway...) stops the copy with ``CopyRowError`` naming it; the target is left empty.
    """
    target = open_database(target_url)
    try:
        with target.write() as out:
            _refuse_non_empty(out)
            with source.read() as inp:
                for table in _data_tables():
                    copied = 0
                    for rows in _chunks(inp, table):
                        _check_rows(table, rows, postgresql=not target.is_sqlite)
                        _insert(out, table, rows)
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


def _row_id(table: Table, row: dict[str, Any]) -> str:
    keys = [column.name for column in table.primary_key.columns]
    if len(keys) == 1:
        return str(row[keys[0]])
    return ", ".join(f"{key}={row[key]}" for key in keys)


def _check_rows(table: Table, rows: list[dict[str, Any]], *, postgresql: bool) -> None:
    """What the target would refuse, named before anything is written."""
    texts = [c for c in table.columns if isinstance(c.type, String)]
    numbers = [c for c in table.columns if type(c.type) is Integer]
    limits = {c.name: getattr(c.type, "length", None) for c in texts}
    for row in rows:
        for name, limit in limits.items():
            value = row[name]
            if not isinstance(value, str):
                continue
            if limit and len(value) > limit:
                raise CopyRowError(
                    "too long",
                    reason="too_long",
                    length=len(value),
                    limit=limit,
                    **_where(table, row, name),
                )
            if postgresql and "\x00" in value:
                raise CopyRowError("NUL character", reason="nul", **_where(table, row, name))
        for column in numbers:
            value = row[column.name]
            if postgresql and isinstance(value, int) and not _INT32[0] <= value <= _INT32[1]:
                raise CopyRowError(
                    "out of range",
                    reason="out_of_range",
                    value=value,
                    **_where(table, row, column.name),
                )


def _where(table: Table, row: dict[str, Any], column: str) -> dict[str, str]:
    return {"table": table.name, "id": _row_id(table, row), "column": column}


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows; when the target refuses them, find the row it refuses (one by one,
    each in a savepoint) and raise ``CopyRowError``."""
    try:
        with session.begin_nested():
            session.execute(insert(table), rows)
        return
    except (DataError, IntegrityError) as exc:
        refusal = exc
    for row in rows:
        try:
            with session.begin_nested():
                session.execute(insert(table), [row])
        except (DataError, IntegrityError) as exc:
            refusal = exc
            raise CopyRowError(
                _first_line(exc),
                reason="refused",
                table=table.name,
                id=_row_id(table, row),
                column=str(getattr(getattr(exc.orig, "diag", None), "column_name", "") or ""),
            ) from exc
    raise CopyRowError(  # refused together, accepted one by one: name the table
        _first_line(refusal), reason="refused", table=table.name, id="", column=""
    ) from refusal


def _first_line(exc: DataError | IntegrityError) -> str:
    """The target's refusal, one line (it may repeat values of the row: no control
    characters, no second line)."""
    lines = str(exc.orig).strip().splitlines()
    return safe_text(lines[0]) if lines else type(exc.orig).__name__


def _data_tables() -> list[Table]:
    """Every table but the change counter: each database keeps its own (its value only
    tells other windows of that database that something changed)."""
    return [t for t in Base.metadata.sorted_tables if t.name != ChangeCounter.__tablename__]


def _refuse_non_empty(session: Session) -> None:
    for table in _data_tables():
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
        for table in _data_tables():
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
