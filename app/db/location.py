"""Where the database lives: ``--db``, then ``FACTURIER_DB``, then the user data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

APP_NAME = "Facturier"
DEFAULT_FILE = "facturier.db"
KEYRING_SERVICE = "facturier-database"  # the server's password, keyed by the URL without it


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
    if not isinstance(value, str):
        return ""
    url = _parsed(value)
    if url is not None and url.password is None:
        password = _keyring_get(value)
        if password is not None:
            return url.set(password=password).render_as_string(hide_password=False)
    return value


def _parsed(value: str) -> URL | None:
    """The URL in ``value``, or None for a file path or a URL SQLAlchemy cannot read (it is
    then reported when the database is opened, not here)."""
    if "://" not in value:
        return None
    try:
        return make_url(value)
    except Exception:  # sqlalchemy.exc.ArgumentError, ValueError
        return None


def set_configured_database(value: str) -> Path:
    """Remember the database this workstation opens by default ("" for the local file)."""
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["database"] = _without_password(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    # Created readable by this user only: it may hold a password (no keyring).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(json.dumps(data, indent=2))
    temporary.replace(path)  # atomic: a crash never leaves half a file
    return path


def _without_password(value: str) -> str:
    """The URL to write down: its password goes to the system keyring when there is one,
    else it stays in the file, which only this user may read."""
    url = _parsed(value)
    if url is None:
        return value
    if url.password is None:
        _keyring_forget(value)  # a password stored for this URL before no longer applies
        return value
    bare = url._replace(password=None).render_as_string(hide_password=False)  # set() keeps it
    password = str(url.password)
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, bare, password)
        kept = keyring.get_password(KEYRING_SERVICE, bare) == password
    except Exception:  # no keyring on this machine (headless, no backend): keep it in the file
        return value
    return bare if kept else value  # a keyring that stores nothing must not lose it


def _keyring_forget(bare: str) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, bare)
    except Exception:  # nothing stored, or no keyring: nothing to forget
        return


def _keyring_get(bare: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, bare)
    except Exception:  # no keyring: a password may come from PGPASSWORD or ~/.pgpass
        return None


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
