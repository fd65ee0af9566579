"""Where the database lives: ``--db``, then ``FACTURIER_DB``, then the user data folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.files import PRIVATE, write_file
from app.resources import APP_NAME, config_path

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# SQLAlchemy is imported only to read or build a URL: `facturier outbox send` answers a
# local file with nothing to send without it (app.db.quick_look).

DEFAULT_FILE = "facturier.db"
KEYRING_SERVICE = "facturier-database"  # the server's password, keyed by the URL without it


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


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
    from sqlalchemy.engine import make_url  # lazy: see above

    try:
        return make_url(value)
    except Exception:  # sqlalchemy.exc.ArgumentError, ValueError
        return None


class PasswordPlace(StrEnum):
    """Where ``remember_database`` put the password of the URL it was given."""

    NONE = "none"  # the URL holds no password (e.g. ~/.pgpass or PGPASSWORD provide it)
    KEYRING = "keyring"  # the system keyring, for this exact URL (user, host, port, database)
    FILE = "file"  # no keyring: in clear in the settings file, readable by this user only


@dataclass(frozen=True)
class RememberedDatabase:
    path: Path  # the settings file
    password: PasswordPlace
    keyring_error: str = ""  # why the keyring could not keep it (PasswordPlace.FILE)


def set_configured_database(value: str) -> Path:
    """Remember the database this workstation opens by default ("" for the local file)."""
    return remember_database(value).path


def remember_database(value: str) -> RememberedDatabase:
    """``set_configured_database``, telling where the URL's password went: the keyring when
    there is one, else the settings file (unencrypted; the caller must say so)."""
    bare, place, keyring_error = _without_password(value)
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["database"] = bare
    _write_settings(path, data)
    return RememberedDatabase(path, place, keyring_error)


def _without_password(value: str) -> tuple[str, PasswordPlace, str]:
    """The URL to write down and where its password went: to the system keyring when there
    is one, keyed by the whole URL without the password (user, host, port, database and
    options: another server never gets it), else it stays in the file, which only this
    user may read."""
    url = _parsed(value)
    if url is None:
        return value, PasswordPlace.NONE, ""
    if url.password is None:
        _keyring_forget(value)  # a password stored for this URL before no longer applies
        return value, PasswordPlace.NONE, ""
    bare = url._replace(password=None).render_as_string(hide_password=False)  # set() keeps it
    password = str(url.password)
    try:
        # lazy: keyring adds 18 ms of CPU to every database command (52 ms alone), and only
        # a server URL with a password uses it
        import keyring

        keyring.set_password(KEYRING_SERVICE, bare, password)
        kept = keyring.get_password(KEYRING_SERVICE, bare) == password
    except Exception as exc:  # no keyring here (headless, no backend): keep it in the file
        return value, PasswordPlace.FILE, f"{type(exc).__name__}: {exc}"
    if not kept:  # a keyring that stores nothing must not lose it
        return value, PasswordPlace.FILE, "the keyring did not keep it"
    return bare, PasswordPlace.KEYRING, ""


def _keyring_forget(bare: str) -> None:
    try:
        import keyring  # lazy: as _without_password

        keyring.delete_password(KEYRING_SERVICE, bare)
    except Exception:  # nothing stored, or no keyring: nothing to forget
        return


def _keyring_get(bare: str) -> str | None:
    try:
        import keyring  # lazy: as _without_password

        return keyring.get_password(KEYRING_SERVICE, bare)
    except Exception:  # no keyring: a password may come from PGPASSWORD or ~/.pgpass
        return None


def chosen_database(db: str | None) -> str:
    """``--db`` (URL or path), then FACTURIER_DB, then this workstation's setting; "" for
    the default file in the user data folder."""
    return db or os.environ.get("FACTURIER_DB") or configured_database()


def local_file(value: str) -> Path | None:
    """The SQLite file ``chosen_database`` names as a path or by default (None for a URL)."""
    if "://" in value:
        return None
    return Path(value).expanduser().resolve() if value else default_sqlite_path().resolve()


def resolve_url(db: str | None) -> URL:
    """The URL of ``chosen_database``."""
    from sqlalchemy.engine import make_url  # lazy: see above

    value = chosen_database(db)
    path = local_file(value)
    return make_url(value) if path is None else sqlite_url(path)


def sqlite_url(path: Path) -> URL:
    from sqlalchemy.engine import URL  # lazy: see above

    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


# --- this workstation's settings file: written whole, readable by this user only -------


def _write_settings(path: Path, data: dict[str, object]) -> None:
    """Atomic (a crash never leaves half a file) and created readable by this user only
    (0600): it may hold a password when there is no keyring."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, json.dumps(data, indent=2).encode("utf-8"), force=True, mode=PRIVATE)


def _read_settings() -> dict[str, object]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


DEFAULT_BACKUP_COUNT = 7


def backup_count() -> int:
    """How many daily automatic backups of a SQLite database are kept (0: none made)."""
    value = _read_settings().get("backups", DEFAULT_BACKUP_COUNT)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return DEFAULT_BACKUP_COUNT
    return value


def set_backup_count(count: int) -> Path:
    data = _read_settings()
    data["backups"] = max(int(count), 0)
    path = config_path()
    _write_settings(path, data)
    return path
