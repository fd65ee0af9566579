"""Gap-free sequences: the counter row is locked by the validating transaction."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.db.models import NumberCounter


def next_sequence(session: Session, kind: str, year: int) -> int:
    """Take the next number of ``kind`` in ``year``; rolled back with the transaction."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(NumberCounter)
        .values(kind=kind, year=year, last_value=0)
        .on_conflict_do_nothing(index_elements=["kind", "year"])
    )
    value = session.execute(
        update(NumberCounter)
        .where(NumberCounter.kind == kind, NumberCounter.year == year)
        .values(last_value=NumberCounter.last_value + 1)
        .returning(NumberCounter.last_value)
    ).scalar_one()
    return int(value)


def set_counter(session: Session, kind: str, year: int, last_value: int) -> None:
    """Used by bulk loaders (demo data) that number documents themselves."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(NumberCounter).values(kind=kind, year=year, last_value=last_value)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["kind", "year"], set_={"last_value": stmt.excluded.last_value}
        )
    )
