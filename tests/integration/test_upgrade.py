"""Upgrades keep the data: a database of each released schema, opened by today's program.

tests/fixtures/schema-<revision>.db are databases as the released versions left them
(made by tests/fixtures/make_fixture.py, never regenerated). Opening a copy with the
current program must migrate it to the head revision after a backup copy, and leave
every client, contact, document, line, archived PDF, send record and outbox message as it
was; the program then goes on working with them (numbering continues the series).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.db.database import head_revision, open_database
from app.domain.kinds import DocumentKind, DocumentStatus
from app.services.clients import get_client
from app.services.documents import (
    DocumentInput,
    LineInput,
    ensure_archived_pdf,
    find_document,
    get_document,
    save_draft,
    validate_document,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-*.db"))
KEPT_TABLES = (
    "company_settings",
    "client",
    "contact",
    "document",
    "document_line",
    "number_counter",
    "pdf_archive",
    "email_template",
    "outbox_message",
    "send_record",
)

Rows = dict[str, list[tuple[Any, ...]]]


def snapshot(path: Path, columns: dict[str, list[str]] | None = None) -> Rows:
    """Every row of the kept tables, as stored (only ``columns`` when given), sorted."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows: Rows = {}
        for table in KEPT_TABLES:
            names = columns[table] if columns else table_columns(conn, table)
            query = f"SELECT {', '.join(names)} FROM {table}"
            rows[table] = sorted(conn.execute(query).fetchall(), key=repr)
        return rows
    finally:
        conn.close()


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def columns_of(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: table_columns(conn, table) for table in KEPT_TABLES}
    finally:
        conn.close()


def revision_of(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(params=RELEASED, ids=[p.stem for p in RELEASED])
def released(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of one released database (the fixture itself is never opened for writing)."""
    copy = tmp_path / "facturier.db"
    shutil.copyfile(request.param, copy)
    return copy


def test_a_fixture_exists_for_the_first_released_schema() -> None:
    assert FIXTURES / "schema-0001.db" in RELEASED
    for path in RELEASED:
        assert revision_of(path) == path.stem.removeprefix("schema-"), path


def test_every_kind_of_row_is_in_the_fixtures() -> None:
    for path in RELEASED:
        rows = snapshot(path)
        empty = [table for table in KEPT_TABLES if not rows[table]]
        assert empty == [], f"{path.name} has no rows in {empty}: the test would prove nothing"


def test_opening_migrates_to_head_after_a_backup(released: Path) -> None:
    before = snapshot(released)
    old_revision = revision_of(released)
    if old_revision == head_revision():
        pytest.skip(f"{released.name} is at the head revision: nothing to migrate yet")

    db = open_database(str(released), timeout=5)
    db.dispose()

    assert revision_of(released) == head_revision()
    assert db.migrated_from == old_revision
    assert db.backup_path is not None and db.backup_path.is_file()
    assert db.backup_path.parent == released.parent
    assert old_revision in db.backup_path.name
    # The backup is the database as it was: same revision, same rows.
    assert revision_of(db.backup_path) == old_revision
    assert snapshot(db.backup_path) == before


def test_every_stored_row_is_intact_after_the_upgrade(released: Path) -> None:
    old_columns = columns_of(released)
    before = snapshot(released)
    open_database(str(released), timeout=5).dispose()
    # Columns a migration adds may appear; every old column keeps every value.
    assert snapshot(released, old_columns) == before


def test_the_program_reads_the_old_data_after_the_upgrade(released: Path) -> None:
    conn = sqlite3.connect(released)
    stored_pdfs = dict(conn.execute("SELECT sha256, data FROM pdf_archive").fetchall())
    document_ids = [row[0] for row in conn.execute("SELECT id FROM document ORDER BY id")]
    client_ids = [row[0] for row in conn.execute("SELECT id FROM client ORDER BY id")]
    mail_rows = conn.execute("SELECT client_id, value, mail FROM contact ORDER BY id").fetchall()
    conn.close()
    assert stored_pdfs and document_ids and client_ids

    db = open_database(str(released), timeout=5)
    try:
        contacts = {
            (client_id, contact.value, contact.mail)
            for client_id in client_ids
            for contact in get_client(db, client_id).contacts
        }
        assert contacts == {(c, v, bool(m)) for c, v, m in mail_rows}

        archived = 0
        for document_id in document_ids:
            document = get_document(db, document_id)
            assert document.lines, document
            if document.pdf_sha256 is not None:
                data = ensure_archived_pdf(db, document_id)
                assert data == stored_pdfs[document.pdf_sha256]
                assert hashlib.sha256(data).hexdigest() == document.pdf_sha256
                assert data.startswith(b"%PDF-")
                archived += 1
        assert archived == len(stored_pdfs)
    finally:
        db.dispose()


def test_first_release_content_reads_as_it_was_written(tmp_path: Path) -> None:
    """Schema 0001's known content, through today's services (values, not just equality)."""
    path = tmp_path / "facturier.db"
    shutil.copyfile(FIXTURES / "schema-0001.db", path)
    db = open_database(str(path), timeout=5)
    try:
        invoice = find_document(db, DocumentKind.INVOICE, "F-2025-0001")
        assert invoice.client_name == "Boulangerie Éclair"
        assert invoice.status == DocumentStatus.VALIDATED
        assert invoice.sent_at == datetime(2025, 3, 4, 8, 0, 12)  # "envoyé"
        assert (invoice.total_excl, invoice.total_vat, invoice.total_incl) == (
            Decimal("2050.00"),
            Decimal("405.36"),
            Decimal("2455.36"),
        )
        assert [line.description for line in invoice.lines][2] == "Livre « L'art du bois »"
        assert invoice.lines[1].quantity == Decimal("3.5")
        assert invoice.sent_to == "compta@eclair.example"
        assert get_client(db, 2).mailing_addresses == [
            "jean@dupont.example",
            "atelier@dupont.example",
        ]
        assert get_client(db, 3).mailing_addresses == []
        draft = get_document(db, 4)
        assert draft.is_draft and draft.number is None
    finally:
        db.dispose()


def test_numbering_continues_the_old_series_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "facturier.db"
    shutil.copyfile(FIXTURES / "schema-0001.db", path)
    db = open_database(str(path), timeout=5)
    try:
        draft = save_draft(
            db,
            DocumentInput(
                kind=DocumentKind.INVOICE,
                client_id=1,
                issue_date=date(2025, 6, 2),
                lines=(LineInput("Vernis", Decimal("2"), Decimal("19.90"), Decimal("20")),),
            ),
        )
        validated = validate_document(db, draft)
        assert validated.number == "F-2025-0003"
        assert ensure_archived_pdf(db, draft).startswith(b"%PDF-")
    finally:
        db.dispose()
