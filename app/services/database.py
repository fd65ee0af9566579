"""The database handle as the user interface sees it (ui/ never imports app.db)."""

from __future__ import annotations

from app.db.database import Database, head_revision, open_database
from app.db.location import (
    config_path,
    configured_database,
    default_sqlite_path,
    set_configured_database,
)

__all__ = [
    "Database",
    "config_path",
    "configured_database",
    "default_sqlite_path",
    "head_revision",
    "open_database",
    "set_configured_database",
]
