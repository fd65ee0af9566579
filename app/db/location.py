"""Where the database lives: ``--db``, then ``FACTURIER_DB``, then the user data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

APP_NAME = "Facturier"
DEFAULT_FILE = "facturier.db"


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def config_path() -> Path:
    """This workstation's own settings (which database to open); not in the database."""
    given = os.environ.get("FACTURIER_CONFIG")
    if given:
        return Path(given)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def configured_database() -> str:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    value = data.get("database", "") if isinstance(data, dict) else ""
    return value if isinstance(value, str) else ""


def set_configured_database(value: str) -> Path:
    """Remember the database this workstation opens by default ("" for the local file)."""
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["database"] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2), encoding="utf-8")
    temporary.replace(path)  # atomic: a crash never leaves half a file
    return path


def resolve_url(db: str | None) -> URL:
    """``--db`` (URL or path), then FACTURIER_DB, then this workstation's setting, then the
    default file in the user data folder."""
    value = db or os.environ.get("FACTURIER_DB") or configured_database()
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
