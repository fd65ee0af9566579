"""No command can destroy data (issue 15, points 1, 2, 3 and 9), run as real processes.

- `pdf --out` never writes onto the database, its companions or backups, nor onto an existing
  file without --force; the write is atomic.
- A full disk (a small tmpfs, when this machine lets us mount one) is reported as a full
  disk, on opening and while writing, and the database is left untouched.
- A damaged page is found before anything is written; `db check`, `db backup`, `db restore`
  and the automatic daily backups.
- Databases, backups and the settings file are readable by their user only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.db.database import open_database
from app.db.preflight import DamagedDatabaseError
from app.domain.kinds import DocumentKind
from app.services.clients import ClientData, save_client
from app.services.demo import fill_demo
from app.services.documents import ensure_archived_pdf, find_document

NUMBER_QUERY = "SELECT number FROM document WHERE kind='invoice' AND number IS NOT NULL LIMIT 1"


def facturier(
    db: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LANG": "fr_FR.UTF-8", **(env or {})},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small real database: demo data, one invoice with its archived PDF."""
    path = tmp_path_factory.mktemp("template") / "facturier.db"
    db = open_database(str(path))
    try:
        fill_demo(db, clients=6, documents=60)
        with db.read() as session:
            from sqlalchemy import text

            number = str(session.execute(text(NUMBER_QUERY)).scalar())
        ensure_archived_pdf(db, find_document(db, DocumentKind.INVOICE, number).id)
    finally:
        db.dispose()
    return path, number


@pytest.fixture
def database(template: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "facturier.db"
    shutil.copy(template[0], path)
    return path, template[1]


def csv_file(folder: Path, rows: int = 2, notes: int = 0) -> Path:
    path = folder / "clients.csv"
    lines = ["Nom;Ville;E-mail;Notes"]
    lines += [f"Client {i};Lyon;client{i}@exemple.fr;{'n' * notes}" for i in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


# --- 1. pdf --out ----------------------------------------------------------------------


def test_pdf_refuses_to_overwrite_the_open_database(database: tuple[Path, str]) -> None:
    path, number = database
    before = digest(path)
    for force in ([], ["--force"]):
        result = facturier(
            path, "pdf", "--kind", "invoice", "--number", number, "--out", str(path), *force
        )
        assert_refused(result, "base de données")
        assert digest(path) == before
    open_database(str(path)).dispose()  # still a database


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_pdf_refuses_the_database_companion_files(database: tuple[Path, str], suffix: str) -> None:
    path, number = database
    target = Path(f"{path}{suffix}")
    result = facturier(
        path, "pdf", "--kind", "invoice", "--number", number, "--out", str(target), "--force"
    )
    assert_refused(result, str(target))
    assert not target.exists()


def test_pdf_refuses_backups_of_the_database(database: tuple[Path, str], tmp_path: Path) -> None:
    path, number = database
    assert facturier(path, "import-clients", str(csv_file(tmp_path))).returncode == 0
    daily = path.parent / "facturier-backups" / f"facturier-{date.today().isoformat()}.db"
    assert daily.is_file()
    upgrade = path.with_name("facturier.backup-0004-20260101-120000.db")
    upgrade.write_bytes(b"not yet")  # a name the program gives its upgrade backups
    for target in (daily, upgrade):
        before = digest(target)
        result = facturier(
            path, "pdf", "--kind", "invoice", "--number", number, "--out", str(target), "--force"
        )
        assert_refused(result, "sauvegarde")
        assert digest(target) == before


def test_pdf_refuses_an_existing_file_unless_forced(database: tuple[Path, str]) -> None:
    path, number = database
    target = path.parent / "facture.pdf"
    target.write_bytes(b"precious work")
    target.chmod(0o640)
    args = ("pdf", "--kind", "invoice", "--number", number, "--out", str(target))
    result = facturier(path, *args)
    assert_refused(result, "existe déjà", "--force")
    assert target.read_bytes() == b"precious work"
    result = facturier(path, *args, "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert mode_of(target) == 0o640  # the replaced file keeps its mode
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def test_pdf_refuses_a_folder_and_a_missing_folder(database: tuple[Path, str]) -> None:
    path, number = database
    args = ("pdf", "--kind", "invoice", "--number", number, "--out")
    assert_refused(facturier(path, *args, str(path.parent), "--force"), "dossier")
    assert_refused(facturier(path, *args, str(path.parent / "absent" / "x.pdf")), "absent")


def test_pdf_writes_a_new_file_whole(database: tuple[Path, str]) -> None:
    path, number = database
    target = path.parent / "nouvelle.pdf"
    result = facturier(path, "pdf", "--kind", "invoice", "--number", number, "--out", str(target))
    assert result.returncode == 0, result.stderr
    db = open_database(str(path))
    try:
        assert target.read_bytes() == ensure_archived_pdf(
            db, find_document(db, DocumentKind.INVOICE, number).id
        )
    finally:
        db.dispose()


# --- 2. a full disk ----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs; skipped where this machine does not let us mount one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (to fill a real disk safely)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """A filler file that leaves about ``leave`` bytes free on the disk."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        try:
            handle.write(b"\0" * max(free - leave, 0))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            pass
    return filler


def small_database(folder: Path) -> Path:
    path = folder / "facturier.db"
    db = open_database(str(path))
    try:
        save_client(db, ClientData(name="Déjà là"))
    finally:
        db.dispose()
    shutil.rmtree(folder / "facturier-backups", ignore_errors=True)  # room for the test
    return path


def test_a_full_disk_is_reported_as_such_on_opening(small_disk: Path, tmp_path: Path) -> None:
    path = small_database(small_disk)
    before, names = digest(path), sorted(p.name for p in small_disk.iterdir())
    filler = fill(small_disk)
    for args in (("outbox", "list"), ("import-clients", str(csv_file(tmp_path)))):
        result = facturier(path, *args)
        assert_refused(result, "plein", str(small_disk))
        assert "endommagée" not in result.stderr and "sauvegarde" not in result.stderr
    assert digest(path) == before
    assert sorted(p.name for p in small_disk.iterdir()) == sorted([*names, "filler"])
    filler.unlink()
    result = facturier(path, "import-clients", str(csv_file(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert count(path, "client") == 3


def test_a_full_disk_while_writing_changes_nothing(small_disk: Path, tmp_path: Path) -> None:
    path = small_database(small_disk)
    fill(small_disk, leave=1_300_000)  # enough to open, not for 3 MB of clients
    result = facturier(path, "import-clients", str(csv_file(tmp_path, rows=1500, notes=1500)))
    assert_refused(result, "plein", str(small_disk))
    assert "endommagée" not in result.stderr
    (small_disk / "filler").unlink()
    assert count(path, "client") == 1
    check = facturier(path, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_pdf_on_a_full_disk_leaves_no_half_file(
    database: tuple[Path, str], small_disk: Path
) -> None:
    path, number = database
    existing = small_disk / "facture.pdf"
    existing.write_bytes(b"the complete old file")
    fill(small_disk, leave=2048)
    args = ("pdf", "--kind", "invoice", "--number", number, "--out")
    assert_refused(facturier(path, *args, str(small_disk / "new.pdf")), "plein")
    assert not (small_disk / "new.pdf").exists()
    assert_refused(facturier(path, *args, str(existing), "--force"), "plein")
    assert existing.read_bytes() == b"the complete old file"
    assert sorted(p.name for p in small_disk.iterdir()) == ["facture.pdf", "filler"]


# --- 3. damage, db check, db backup, automatic backups, db restore -----------------------


def damage(path: Path, table: str = "document") -> None:
    """Overwrite one leaf page of ``table``'s b-tree in the middle of the file."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()
    page = pages[len(pages) // 2]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes([0x0D, 0x00, 0x00, 0x00, 0xFF, 0xFF]) + b"\xa5" * (size - 6))


def test_a_damaged_database_refuses_writes_in_french(
    database: tuple[Path, str], tmp_path: Path
) -> None:
    path, _number = database
    damage(path)
    before, clients = digest(path), count(path, "client")
    result = facturier(path, "import-clients", str(csv_file(tmp_path)))
    assert_refused(result, "endommagée", "facturier db check")
    assert count(path, "client") == clients
    assert digest(path) == before
    for args in (("send", "--kind", "invoice", "--unsent", "--later"), ("outbox", "list")):
        result = facturier(path, *args)
        assert "Traceback" not in result.stderr
        assert count(path, "client") == clients


def test_db_check(database: tuple[Path, str]) -> None:
    path, _number = database
    result = facturier(path, "db", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "intacte" in result.stdout
    damage(path)
    before = digest(path)
    result = facturier(path, "db", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "endommagée" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert digest(path) == before


def test_an_unclean_close_is_checked_on_opening(database: tuple[Path, str]) -> None:
    path, _number = database
    # A process killed while it had the database open leaves its -wal behind.
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(\"UPDATE client SET notes = 'x'\"); c.commit()\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert Path(f"{path}-wal").stat().st_size > 0
    damage(path)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path))
    assert caught.value.data["path"] == str(path)


def test_a_database_changed_behind_the_programs_back_is_checked(
    database: tuple[Path, str], tmp_path: Path
) -> None:
    path, _number = database
    # Used (and backed up today), closed cleanly, then damaged on disk.
    assert facturier(path, "import-clients", str(csv_file(tmp_path))).returncode == 0
    damage(path)
    clients = count(path, "client")
    result = facturier(path, "import-clients", str(csv_file(tmp_path, rows=3)))
    assert_refused(result, "endommagée")
    assert count(path, "client") == clients


def test_db_backup_is_a_consistent_copy_while_another_program_writes(
    database: tuple[Path, str], tmp_path: Path
) -> None:
    path, _number = database
    path.chmod(0o640)
    # Another process is in the middle of a write transaction.
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('BEGIN IMMEDIATE')\n"
            "c.execute(\"UPDATE client SET name = 'pas encore'\")\n"
            "print('ready', flush=True); time.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        target = tmp_path / "copie.db"
        result = facturier(path, "db", "backup", "--to", str(target))
        assert result.returncode == 0, result.stderr
        assert str(target) in result.stdout
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = [r[0] for r in conn.execute("SELECT name FROM client")]
    finally:
        conn.close()
    assert "pas encore" not in names and len(names) == count(path, "client")
    assert mode_of(target) == 0o640  # a backup keeps its database's mode
    # Never onto the database itself nor onto an existing file without --force.
    assert_refused(facturier(path, "db", "backup", "--to", str(path), "--force"), "base")
    assert_refused(facturier(path, "db", "backup", "--to", str(target)), "--force")
    assert facturier(path, "db", "backup", "--to", str(target), "--force").returncode == 0
    result = facturier(path, "db", "backup")
    assert result.returncode == 0, result.stderr
    assert list((path.parent / "facturier-backups").glob("facturier-*.db"))


def test_automatic_daily_backups_keep_the_last_n(
    database: tuple[Path, str], tmp_path: Path
) -> None:
    path, _number = database
    folder = path.parent / "facturier-backups"
    folder.mkdir()
    today = date.today()
    for days in range(1, 11):
        old = folder / f"facturier-{(today - timedelta(days=days)).isoformat()}.db"
        shutil.copy(path, old)
    manual = folder / "facturier-2020-01-01-120000.db"  # made by `db backup`: kept
    shutil.copy(path, manual)
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"backups": 3}), encoding="utf-8")
    env = {"FACTURIER_CONFIG": str(config)}
    result = facturier(path, "import-clients", str(csv_file(tmp_path)), env=env)
    assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in folder.glob("facturier-*.db"))
    expected = [f"facturier-{(today - timedelta(days=d)).isoformat()}.db" for d in (2, 1, 0)]
    assert kept == sorted([manual.name, *expected])
    newest = folder / expected[-1]
    assert count(newest, "client") == count(path, "client") - 2  # taken before the import
    assert mode_of(newest) == mode_of(path)


def test_db_restore_puts_back_the_last_automatic_backup(
    database: tuple[Path, str], tmp_path: Path
) -> None:
    path, _number = database
    assert facturier(path, "import-clients", str(csv_file(tmp_path))).returncode == 0
    good_clients = count(path, "client") - 2  # the backup was taken before the import
    damage(path)
    result = facturier(path, "db", "restore")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    kept = list(path.parent.glob("facturier.damaged-*.db"))
    assert len(kept) == 1  # the damaged file is kept aside, never deleted
    assert count(path, "client") == good_clients
    assert facturier(path, "db", "check").returncode == 0


def test_db_commands_on_postgresql_say_what_they_do() -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", url, "db", "backup"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )
    assert_refused(result, "pg_dump")


# --- 9. files readable by their user only ----------------------------------------------


def test_new_databases_and_their_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "nouvelle.db"
    db = open_database(str(path))
    try:
        save_client(db, ClientData(name="Privé"))
        assert mode_of(path) == 0o600
        assert mode_of(Path(f"{path}-wal")) == 0o600
    finally:
        db.dispose()
    daily = tmp_path / "nouvelle-backups" / f"nouvelle-{date.today().isoformat()}.db"
    assert mode_of(daily) == 0o600
    assert mode_of(daily.parent) == 0o700


def test_an_upgrade_backup_keeps_the_mode_of_its_database(tmp_path: Path) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures"
    path = tmp_path / "ancienne.db"
    shutil.copy(fixtures / "schema-0001.db", path)
    path.chmod(0o640)
    db = open_database(str(path))
    db.dispose()
    assert db.backup_path is not None
    assert mode_of(db.backup_path) == 0o640


def test_the_settings_file_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.db.location import set_configured_database

    config = tmp_path / "settings.json"
    config.write_text("{}", encoding="utf-8")
    config.chmod(0o644)
    monkeypatch.setenv("FACTURIER_CONFIG", str(config))
    set_configured_database(str(tmp_path / "f.db"))
    assert mode_of(config) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_version_stays_fast() -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert time.perf_counter() - start < 5
