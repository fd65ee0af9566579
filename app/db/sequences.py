"""After rows were inserted with explicit ids (bulk loads, copies), PostgreSQL's
sequences must be moved past them or the next ordinary insert collides."""

from __future__ import annotations

from sqlalchemy import Integer, text
from sqlalchemy.orm import Session

from app.db.models import Base


def reset_sequences(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite's rowids follow the largest id by themselves
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, Integer):
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            )
        )
