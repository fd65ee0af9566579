"""The schema revisions this program knows, read from its migration files' names.

Not through Alembic, nor SQLAlchemy: learning that a database is current must cost a
command or the window nothing (importing Alembic's script machinery cost about 0.5 s at
every start); Alembic is imported only to upgrade. tests/unit/test_database.py checks that
the file names and Alembic's revisions agree.
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def known_revisions() -> frozenset[str]:
    """The ids of the migration files ("0001_…py")."""
    return frozenset(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def head_revision() -> str:
    """The newest revision (they are numbered in order, one after the other)."""
    return max(known_revisions())
