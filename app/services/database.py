"""The database handle as the user interface sees it (ui/ never imports app.db)."""

from __future__ import annotations

from app.db.database import Database, head_revision, open_database
from app.db.location import default_sqlite_path

__all__ = ["Database", "default_sqlite_path", "head_revision", "open_database"]
