"""Where the database lives: ``--db``, then ``FACTURIER_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

APP_NAME = "Facturier"
DEFAULT_FILE = "facturier.db"


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def resolve_url(db: str | None) -> URL:
    """Turn a ``--db`` value (URL or path), the environment or the default into a URL."""
    value = db or os.environ.get("FACTURIER_DB") or ""
    if not value:
        return sqlite_url(default_sqlite_path())
    if "://" in value:
        return make_url(value)
    return sqlite_url(Path(value).expanduser())


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
