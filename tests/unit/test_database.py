"""Opening, migrating and refusing databases: real SQLite files, never mocks."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from app.db.database import alembic_config, open_database
from app.db.location import (
    KEYRING_SERVICE,
    configured_database,
    default_sqlite_path,
    resolve_url,
    set_configured_database,
)
from app.db.revisions import head_revision, known_revisions
from app.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
)
from app.services.clients import ClientData, get_client, save_client
from tests.conftest import MemoryKeyring


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "LANG": "fr_FR.UTF-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
    )


def test_new_database_is_created_migrated_in_wal_with_foreign_keys(db_path: Path) -> None:
    db = open_database(str(db_path))
    try:
        with db.read() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == head_revision()
        assert db.backup_path is None  # nothing to back up in a new file
    finally:
        db.dispose()


def test_location_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    assert resolve_url(None).database == str(default_sqlite_path().resolve())
    monkeypatch.setenv("FACTURIER_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url(str(tmp_path / "arg.db")).database == str(tmp_path / "arg.db")
    url = resolve_url("postgresql+psycopg://u:p@localhost:5432/facturier")
    assert url.get_backend_name() == "postgresql"


def _make_old_database(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.execute(
            text(
                "INSERT INTO client (name, siren, siret, vat_number, street, postal_code, city,"
                " country, notes, created_at, updated_at) VALUES ('Ancien Client', '', '', '',"
                " '', '', 'Lyon', 'France', '', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
    engine.dispose()


def test_upgrade_makes_a_backup_first_and_keeps_data(db_path: Path) -> None:
    _make_old_database(db_path, "0001")
    before = digest(db_path)
    db = open_database(str(db_path))
    try:
        assert db.migrated_from == "0001"
        assert db.backup_path is not None and db.backup_path.exists()
        assert db.backup_path.parent == db_path.parent
        assert digest(db_path) != before  # the file itself was upgraded
        assert get_client(db, 1).name == "Ancien Client"
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM catalog_item")).scalar() == 0
    finally:
        db.dispose()
    with sqlite3.connect(db.backup_path) as old:  # the backup is the old file, whole
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT name FROM client").fetchall() == [("Ancien Client",)]
        assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    old.close()


def test_opening_a_current_database_does_not_back_it_up(db_path: Path) -> None:
    open_database(str(db_path)).dispose()
    db = open_database(str(db_path))
    db.dispose()
    assert db.backup_path is None
    assert sorted(p.name for p in db_path.parent.iterdir() if "backup" in p.name) == []


@pytest.mark.parametrize(
    "content",
    [b"Bonjour, ceci est un texte.\n" * 50, bytes(range(256)) * 20, b"%PDF-1.7\n" + b"\0" * 900],
    ids=["text", "binary", "pdf"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(NotADatabaseError):
        open_database(str(db_path))
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_foreign_sqlite_database_is_refused_untouched(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recettes (nom TEXT)")
    before = digest(db_path)
    with pytest.raises(NotADatabaseError):
        open_database(str(db_path))
    assert digest(db_path) == before


def test_a_damaged_database_is_refused_untouched(db_path: Path) -> None:
    open_database(str(db_path)).dispose()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    db_path.write_bytes(bytes(data))
    for extra in db_path.parent.glob("*-wal"):
        extra.unlink()
    before = digest(db_path)
    with pytest.raises(CorruptDatabaseError):
        open_database(str(db_path))
    assert digest(db_path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerDatabaseError) as caught:
        open_database(str(db_path))
    assert caught.value.data["revision"] == "9999_future"
    assert digest(db_path) == before


@pytest.fixture
def read_only(db_path: Path) -> Iterator[Path]:
    open_database(str(db_path)).dispose()
    db_path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    yield db_path
    db_path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_database_is_refused_untouched(read_only: Path) -> None:
    before = digest(read_only)
    with pytest.raises(ReadOnlyDatabaseError):
        open_database(str(read_only))
    assert digest(read_only) == before


def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ReadOnlyDatabaseError):
            open_database(str(folder / "new.db"))
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_database_locked_by_another_program_is_refused_untouched(db_path: Path) -> None:
    # Another program (not Facturier) holds an exclusive lock on a rollback-journal file.
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0002')")
    conn.close()
    before = digest(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError):
            open_database(str(db_path), timeout=0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert digest(db_path) == before


def test_a_write_while_another_process_holds_the_lock_is_a_typed_error(db_path: Path) -> None:
    db = open_database(str(db_path), timeout=0.3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError):
            save_client(db, ClientData(name="Bloqué"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    save_client(db, ClientData(name="Débloqué"))  # works once the lock is gone
    db.dispose()


def test_cli_reports_bad_databases_in_french_with_exit_status_2(tmp_path: Path) -> None:
    bad = tmp_path / "facture.pdf"
    bad.write_bytes(b"%PDF-1.4 not a database" * 10)
    before = digest(bad)
    result = run_cli("--db", str(bad), "demo", "--documents", "5")
    assert result.returncode == 2
    assert "n’est pas une base de données Facturier" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(bad) == before


def test_cli_version_and_usage_errors() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("facturier 0.")
    result = run_cli("pdf", "--kind", "invoice")
    assert result.returncode == 2


def test_a_server_password_goes_to_the_keyring_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    config = tmp_path / "config" / "settings.json"
    monkeypatch.setenv("FACTURIER_CONFIG", str(config))
    url = "postgresql+psycopg://compta:s3cr%40t@db.local:5432/facturier"
    set_configured_database(url)
    assert "s3cr" not in config.read_text()
    assert memory_keyring.passwords == {
        (KEYRING_SERVICE, "postgresql+psycopg://compta@db.local:5432/facturier"): "s3cr@t"
    }
    assert configured_database() == url
    assert resolve_url(None).password == "s3cr@t"


def test_without_a_keyring_the_password_stays_in_a_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        config = tmp_path / "settings.json"
        monkeypatch.setenv("FACTURIER_CONFIG", str(config))
        url = "postgresql+psycopg://compta:secret@db.local/facturier"
        set_configured_database(url)
        assert configured_database() == url
        if os.name == "posix":
            assert stat.S_IMODE(config.stat().st_mode) == 0o600
    finally:
        keyring.set_keyring(previous)


def test_a_password_dropped_from_the_url_is_forgotten_and_a_null_keyring_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    import keyring
    import keyring.backends.null

    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "settings.json"))
    set_configured_database("postgresql+psycopg://compta:old@db.local/facturier")
    set_configured_database("postgresql+psycopg://compta@db.local/facturier")  # ~/.pgpass now
    assert configured_database() == "postgresql+psycopg://compta@db.local/facturier"
    assert memory_keyring.passwords == {}

    keyring.set_keyring(keyring.backends.null.Keyring())  # accepts and keeps nothing
    url = "postgresql+psycopg://compta:secret@db.local/facturier"
    set_configured_database(url)
    assert configured_database() == url
    (tmp_path / "settings.json").write_text('{"database": "postgresql://:bad:port@x:y/"}')
    assert configured_database() == "postgresql://:bad:port@x:y/"  # told when opened


def test_the_revisions_read_from_file_names_are_alembics() -> None:
    """Opening a current database never imports Alembic: its file names must say what
    Alembic's script directory says (linear, numbered revisions)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
    assert head_revision() == script.get_current_head()


def test_a_current_database_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "facturier.db"
    open_database(str(path)).dispose()
    code = (
        "import sys; from app.db.database import open_database; "
        f"open_database({str(path)!r}).dispose(); "
        "print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
