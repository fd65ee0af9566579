"""app/files.py: every file the program writes is written whole or not at all, never onto
a database, never onto an existing file unless asked; and how disk-full failures are told
apart from damage (SQLite, PostgreSQL)."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.database import open_database
from app.db.preflight import DamagedDatabaseError, DatabaseDiskFullError, classify_sqlite_error
from app.errors import DatabaseError, DatabaseLockedError
from app.files import (
    PRIVATE,
    DiskFullError,
    FileExistsRefusedError,
    FileWriteError,
    MissingFolderError,
    NotAFileError,
    ProtectedFileError,
    is_disk_full,
    replacing,
    write_file,
)
from app.services.clients import ClientData, list_clients, save_client

DATA = b"%PDF-1.7\n" + bytes(range(256)) * 40


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_a_new_file_is_written_whole_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "F-2026-0001.pdf"
    assert write_file(target, DATA) == target
    assert target.read_bytes() == DATA
    umask = os.umask(0)
    os.umask(umask)
    assert mode_of(target) == 0o666 & ~umask
    assert leftovers(tmp_path, target.name) == []  # no temporary file left behind


def test_a_private_file_is_readable_by_its_user_only(tmp_path: Path) -> None:
    target = write_file(tmp_path / "settings.json", b"{}", mode=PRIVATE)
    if os.name == "posix":
        assert mode_of(target) == 0o600


def test_an_existing_file_is_refused_unless_forced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "devis.pdf"
    target.write_bytes(b"precious")
    target.chmod(0o640)
    with pytest.raises(FileExistsRefusedError) as caught:
        write_file(target, DATA)
    assert caught.value.data["path"] == str(target)
    assert target.read_bytes() == b"precious"
    write_file(target, DATA, force=True)
    assert target.read_bytes() == DATA
    assert mode_of(target) == 0o640
    assert leftovers(tmp_path, target.name) == []


def test_a_folder_a_device_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError):
        write_file(tmp_path, DATA, force=True)
    if Path("/dev/null").exists():
        with pytest.raises(NotAFileError):
            write_file(Path("/dev/null"), DATA, force=True)
    with pytest.raises(MissingFolderError):
        write_file(tmp_path / "no-such-folder" / "x.pdf", DATA)


def test_a_read_only_file_or_folder_is_respected_even_when_forced(tmp_path: Path) -> None:
    target = tmp_path / "archive.pdf"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    with pytest.raises(FileWriteError) as caught:
        write_file(target, DATA, force=True)
    assert caught.value.data["errno"] == "EACCES"
    assert target.read_bytes() == b"keep me"
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FileWriteError):
            write_file(folder / "x.pdf", DATA)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_database_is_never_overwritten_even_when_forced(tmp_path: Path) -> None:
    other = tmp_path / "compta.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = other.read_bytes()
    with pytest.raises(ProtectedFileError) as caught:
        write_file(other, DATA, force=True)
    assert caught.value.data["what"] == "database"
    assert other.read_bytes() == before


def test_the_guard_protects_files_that_do_not_exist_yet(tmp_path: Path) -> None:
    wal = tmp_path / "facturier.db-wal"

    def guard(path: Path) -> str | None:
        return "database" if path == wal else None

    with pytest.raises(ProtectedFileError):
        write_file(wal, DATA, force=True, guard=guard)
    assert not wal.exists()
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_is_written_through_and_checked_at_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    with pytest.raises(FileExistsRefusedError):
        write_file(link, DATA)
    write_file(link, DATA, force=True)
    assert link.is_symlink() and real.read_bytes() == DATA

    database = tmp_path / "facturier.db"
    open_database(str(database)).dispose()
    (tmp_path / "innocent.pdf").symlink_to(database)
    with pytest.raises(ProtectedFileError):
        write_file(tmp_path / "innocent.pdf", DATA, force=True)


def test_a_disk_that_fills_up_mid_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "facture.pdf"
    target.write_bytes(b"the old, complete file")
    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data)[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskFullError) as caught:
        write_file(target, DATA, force=True)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old, complete file"
    assert leftovers(tmp_path, target.name) == []
    error = caught.value
    assert error.data["folder"] == str(tmp_path)
    assert int(error.data["needed"]) >= len(DATA)
    assert "free" in error.data


def test_not_enough_free_space_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.files

    monkeypatch.setattr(app.files, "free_space", lambda folder: 10)
    with pytest.raises(DiskFullError):
        write_file(tmp_path / "x.pdf", DATA)
    assert leftovers(tmp_path) == []


def test_other_write_failures_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "write", refuse)
    with pytest.raises(FileWriteError) as caught:
        write_file(tmp_path / "x.pdf", DATA)
    assert caught.value.data["errno"] == "EACCES"
    monkeypatch.undo()
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "race.pdf"
    with pytest.raises(FileExistsRefusedError), replacing(target) as temporary:
        temporary.write_bytes(DATA)
        target.write_bytes(b"someone else's")  # created after the first check
    assert target.read_bytes() == b"someone else's"
    assert leftovers(tmp_path, target.name) == []


def test_is_disk_full() -> None:
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))


# --- SQLite and PostgreSQL errors: a full disk is not damage -----------------------------


def sqlite_full_error(path: Path) -> sqlite3.Error:
    """A real SQLITE_FULL: the file may not grow past its current size."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE t (x)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.Error) as caught:
            for _ in range(100):
                conn.execute("INSERT INTO t VALUES (randomblob(4000))")
            conn.commit()
        return caught.value
    finally:
        conn.close()


def test_sqlite_full_is_a_full_disk(tmp_path: Path) -> None:
    error = sqlite_full_error(tmp_path / "x.db")
    assert getattr(error, "sqlite_errorname", "") == "SQLITE_FULL"
    typed = classify_sqlite_error(error, tmp_path / "x.db")
    assert isinstance(typed, DatabaseDiskFullError) and isinstance(typed, DiskFullError)
    assert isinstance(typed, DatabaseError)
    assert typed.data["folder"] == str(tmp_path)
    assert int(typed.data["free"]) > 0


def test_sqlite_errors_are_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.db.preflight

    path = tmp_path / "x.db"
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorcode = 11  # type: ignore[attr-defined]
    corrupt.sqlite_errorname = "SQLITE_CORRUPT"  # type: ignore[attr-defined]
    assert isinstance(classify_sqlite_error(corrupt, path), DamagedDatabaseError)
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert isinstance(classify_sqlite_error(locked, path), DatabaseLockedError)
    # An I/O error on a nearly full disk is the full disk (SQLite cannot grow its -shm).
    io_error = sqlite3.OperationalError("disk I/O error")
    io_error.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE  # type: ignore[attr-defined]
    monkeypatch.setattr(app.db.preflight, "free_space", lambda folder: 4096)
    assert isinstance(classify_sqlite_error(io_error, path), DatabaseDiskFullError)
    monkeypatch.setattr(app.db.preflight, "free_space", lambda folder: 10**12)
    assert not isinstance(classify_sqlite_error(io_error, path), DiskFullError)


def test_a_full_disk_while_writing_is_typed_and_changes_nothing(db_path: Path) -> None:
    db = open_database(str(db_path))
    try:
        save_client(db, ClientData(name="Avant"))
        with db.read_sessions() as session:
            pages = session.execute(text("PRAGMA page_count")).scalar()
        # Every pooled connection may not grow the file any more: SQLITE_FULL on write.
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        db.engine.pool.dispose()

        from sqlalchemy import event

        @event.listens_for(db.engine, "connect")
        def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        saved = ["Avant"]
        with pytest.raises(DatabaseDiskFullError) as caught:
            for index in range(100):
                save_client(db, ClientData(name=f"Après {index:02}", notes="x" * 9000))
                saved.append(f"Après {index:02}")
        assert caught.value.data["path"] == str(db_path)
        assert len(saved) < 100
        assert [c.name for c in list_clients(db)] == saved  # the failed one left no trace
    finally:
        db.dispose()


def test_postgresql_disk_full_is_a_full_disk() -> None:
    from app.db.database import classify_server_error

    class Fake(Exception):
        sqlstate = "53100"

    typed = classify_server_error(Fake("could not extend file: No space left on device"), "pg")
    assert isinstance(typed, DatabaseDiskFullError)
