"""Upgrades keep the data: a database of each released schema, opened by today's program.

tests/fixtures/schema-<revision>.db are databases as the released versions left them
(made by tests/fixtures/make_fixture.py, never regenerated). Opening a copy with the
current program must migrate it to the head revision after a backup copy, and leave
every client, contact, document, line, archived PDF, catalogue item, send record and outbox
message as it was; the program then goes on working with them (numbering continues the
series, the outbox lists every message in the state it had, the send history is whole).

A later migration may add columns (and states): the checks compare the columns each
fixture's schema had, never today's full column list.
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
from alembic.script import ScriptDirectory

from app.db.database import alembic_config, open_database
from app.db.revisions import head_revision
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.outbox import HoldReason, OutboxState, recipients_from_json
from app.pdf.facturx import facturx_profile
from app.services.catalogue import list_items
from app.services.clients import get_client
from app.services.document_data import LineInput
from app.services.documents import (
    DocumentInput,
    ensure_archived_pdf,
    find_document,
    get_document,
    save_draft,
    validate_document,
)
from app.services.history import document_info
from app.services.outbox import list_outbox
from app.services.outbox_queue import due_retries, outbox_counts
from app.services.settings import get_company

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-*.db"))
# The fixtures from this revision on hold a message in every outbox state (make_fixture.py).
VARIED_OUTBOX = "0002"
LATER = [p for p in RELEASED if p.stem.removeprefix("schema-") >= VARIED_OUTBOX]
# The fixtures from this revision on hold messages held for the user (with their reason)
# and each recipient's outcome, in the outbox and in the send history (make_fixture.py).
TRUSTED_SENDING = "0005"
TRUSTED = [p for p in RELEASED if p.stem.removeprefix("schema-") >= TRUSTED_SENDING]
# Revisions no release ever left a user's database at, so no fixture can stand for one:
# 0006 (mail accounts), 0007 (e-invoicing reform), 0008 (late-payment terms), 0009 (change
# counter), 0010 (payment reminders), 0011 (recurring invoices, the accountant's copy) and
# 0012 (the e-invoicing platform) and 0013 (deposit invoices, attachments, grouped e-mails)
# land in the same release as 0014 (parallel SMTP connections, pipelining), the head, which
# takes a user's 0005 database to 0014.
NEVER_RELEASED = frozenset({"0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013"})
# The states and send results that existed when 0002-0004 were released.
OLD_STATES = {"queued", "sending", "sent", "retry_wait", "failed", "unknown"}
PENDING = {"queued", "sending", "retry_wait"}
OLD_RESULTS = {"sent", "retry", "failed", "unknown"}
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
    "catalog_item",  # from 0002
)
# What a user's outbox message is: none of these may change through an upgrade.
OUTBOX_FACTS = (
    "document_id",
    "state",
    "attempts",
    "message_id",
    "envelope_from",
    "to_addrs",
    "cc_addrs",
    "bcc_addrs",
    "subject",
    "raw",
    "next_attempt_at",
    "claimed_by",
    "claim_expires_at",
    "last_error",
    "last_reply",
    "created_at",
    "updated_at",
    "sent_at",
)

Rows = dict[str, list[tuple[Any, ...]]]


def snapshot(path: Path, columns: dict[str, list[str]] | None = None) -> Rows:
    """Every row of the kept tables, as stored (only ``columns`` when given), sorted.

    Only the tables the file has (a table is in ``columns`` when given): catalog_item
    came with 0002."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows: Rows = {}
        for table in columns or tables_of(conn):
            names = columns[table] if columns else table_columns(conn, table)
            query = f"SELECT {', '.join(names)} FROM {table}"
            rows[table] = sorted(conn.execute(query).fetchall(), key=repr)
        return rows
    finally:
        conn.close()


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def tables_of(conn: sqlite3.Connection) -> list[str]:
    """The kept tables this database has."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    return [table for table in KEPT_TABLES if table in present]


def columns_of(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: table_columns(conn, table) for table in tables_of(conn)}
    finally:
        conn.close()


def rows_by_id(path: Path, table: str, columns: list[str]) -> dict[int, dict[str, Any]]:
    """``table``'s rows as stored, by id, with only ``columns``."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id"
        return {row[0]: dict(zip(columns, row[1:], strict=True)) for row in conn.execute(query)}
    finally:
        conn.close()


def stored_time(value: str | None) -> datetime | None:
    """A DateTime column's value as SQLAlchemy stores it on SQLite, as a datetime."""
    return None if value is None else datetime.fromisoformat(value)


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


@pytest.fixture(params=LATER, ids=[p.stem for p in LATER])
def later(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of one released database whose outbox has a message in every state."""
    copy = tmp_path / "facturier.db"
    shutil.copyfile(request.param, copy)
    return copy


def test_a_fixture_exists_for_every_released_schema() -> None:
    """Every revision but the head and NEVER_RELEASED was released (a fixture is made
    before the next migration lands); the head may be unreleased still."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = {rev.revision for rev in script.walk_revisions()}
    fixtures = {p.stem.removeprefix("schema-") for p in RELEASED}
    unknown = sorted(NEVER_RELEASED - (revisions - {head_revision()}))
    assert unknown == [], f"NEVER_RELEASED names {unknown}: not a revision before the head"
    assert NEVER_RELEASED.isdisjoint(fixtures), "a fixture for a revision no release shipped"
    missing = sorted(revisions - {head_revision()} - NEVER_RELEASED - fixtures)
    assert missing == [], f"make tests/fixtures/schema-REV.db for {missing} (make_fixture.py)"
    assert FIXTURES / "schema-0001.db" in RELEASED
    for path in RELEASED:
        assert revision_of(path) == path.stem.removeprefix("schema-"), path


def test_every_kind_of_row_is_in_the_fixtures() -> None:
    for path in RELEASED:
        rows = snapshot(path)
        empty = [table for table in rows if not rows[table]]
        assert empty == [], f"{path.name} has no rows in {empty}: the test would prove nothing"
        if path in LATER:
            assert "catalog_item" in rows, path.name


def test_the_later_fixtures_have_a_message_in_every_outbox_state() -> None:
    assert LATER, "no fixture from 0002 on"
    for path in LATER:
        columns = columns_of(path)
        outbox = rows_by_id(path, "outbox_message", columns["outbox_message"]).values()
        by_state = {state: [m for m in outbox if m["state"] == state] for state in OLD_STATES}
        assert all(by_state.values()), f"{path.name}: {sorted(by_state)}"
        assert all(m["claimed_by"] and m["claim_expires_at"] for m in by_state["sending"])
        assert all(m["sent_at"] for m in by_state["sent"])
        assert all(m["next_attempt_at"] and m["attempts"] > 1 for m in by_state["retry_wait"])
        assert all(m["last_error"] and m["last_reply"] for m in by_state["failed"])
        assert all(m["last_error"] for m in by_state["unknown"])
        # Revision 0003's unique index: one waiting message per document at most (from
        # 0005 on, held messages are waiting too).
        waiting = [m["document_id"] for m in outbox if m["state"] in PENDING | {"held"}]
        assert len(waiting) == len(set(waiting)) >= 3, path.name

        history = rows_by_id(path, "send_record", columns["send_record"]).values()
        assert {r["result"] for r in history} == OLD_RESULTS, path.name
        assert any(r["refused_addrs"] for r in history if r["result"] == "sent"), path.name
        assert any(r["outbox_id"] is None for r in history), path.name  # message removed


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


def test_every_outbox_message_and_send_record_is_intact_after_the_upgrade(
    released: Path,
) -> None:
    """Message by message, column by column (the columns of the fixture's schema)."""
    old_columns = columns_of(released)
    assert set(OUTBOX_FACTS) <= set(old_columns["outbox_message"])
    outbox = rows_by_id(released, "outbox_message", old_columns["outbox_message"])
    history = rows_by_id(released, "send_record", old_columns["send_record"])
    assert outbox and history

    open_database(str(released), timeout=5).dispose()

    after = rows_by_id(released, "outbox_message", old_columns["outbox_message"])
    assert after.keys() == outbox.keys()
    for outbox_id, message in outbox.items():
        changed = {k: (v, after[outbox_id][k]) for k, v in message.items() if k != "raw"}
        changed = {k: pair for k, pair in changed.items() if pair[0] != pair[1]}
        assert changed == {}, f"outbox message {outbox_id} ({message['state']})"
        assert after[outbox_id]["raw"] == message["raw"], f"outbox message {outbox_id}: raw"
    assert rows_by_id(released, "send_record", old_columns["send_record"]) == history


def test_the_program_lists_the_old_outbox_after_the_upgrade(released: Path) -> None:
    """Every message in the state it had, through the program's own read functions; and
    every document's send history."""
    old_columns = columns_of(released)
    stored = rows_by_id(released, "outbox_message", list(OUTBOX_FACTS))
    history = rows_by_id(released, "send_record", old_columns["send_record"])

    db = open_database(str(released), timeout=5)
    try:
        items = {item.id: item for item in list_outbox(db, include_sent=True)}
        assert items.keys() == stored.keys()
        for outbox_id, row in stored.items():
            item = items[outbox_id]
            listed = {
                "document_id": item.document_id,
                "state": item.state,
                "attempts": item.attempts,
                "message_id": item.message_id,
                "to_addrs": item.to,
                "cc_addrs": item.cc,
                "bcc_addrs": item.bcc,
                "subject": item.subject,
                "last_error": item.last_error,
                "last_reply": item.last_reply,
                "next_attempt_at": item.next_attempt_at,
                "created_at": item.created_at,
                "sent_at": item.sent_at,
            }
            times = ("next_attempt_at", "created_at", "sent_at")
            expected = {k: stored_time(row[k]) if k in times else row[k] for k in listed}
            expected["state"] = OutboxState(row["state"])
            assert listed == expected, f"outbox message {outbox_id}"
        unsent = [item.id for item in list_outbox(db)]
        assert unsent == sorted(i for i, row in stored.items() if row["state"] != "sent")

        for document_id in {record["document_id"] for record in history.values()}:
            records = [  # newest first, as the program shows them
                record
                for _id, record in sorted(
                    history.items(), key=lambda item: (item[1]["at"], item[0]), reverse=True
                )
                if record["document_id"] == document_id
            ]
            entries = list(document_info(db, document_id).history)
            assert [
                (e.at, e.to_addrs, e.cc_addrs, e.bcc_addrs, e.subject, e.message_id)
                for e in entries
            ] == [
                (
                    stored_time(r["at"]),
                    r["to_addrs"],
                    r["cc_addrs"],
                    r["bcc_addrs"],
                    r["subject"],
                    r["message_id"],
                )
                for r in records
            ], f"document {document_id}"
            assert [(e.result, e.server_reply, e.refused_addrs) for e in entries] == [
                (r["result"], r["server_reply"], r["refused_addrs"]) for r in records
            ], f"document {document_id}"
    finally:
        db.dispose()


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


def test_later_release_content_reads_as_it_was_written(later: Path) -> None:
    """The known content of the fixtures from 0002 on, through today's services."""
    revision = revision_of(later)
    db = open_database(str(later), timeout=5)
    try:
        states = {item.id: item.state for item in list_outbox(db, include_sent=True)}
        held = {9: OutboxState.HELD, 10: OutboxState.HELD} if revision >= "0005" else {}
        assert states == {
            1: OutboxState.SENT,
            2: OutboxState.QUEUED,
            3: OutboxState.SENT,
            4: OutboxState.RETRY_WAIT,
            5: OutboxState.FAILED,
            6: OutboxState.UNKNOWN,
            7: OutboxState.SENDING,
            8: OutboxState.QUEUED,
            **held,
        }
        items = {item.id: item for item in list_outbox(db, include_sent=True)}
        refused = "compta@example.fr (550 5.1.1 user unknown)"
        assert items[3].number == "F-2025-0006" and items[3].client_name == "SCI Les Acacias"
        assert (items[3].to, items[3].cc) == ("compta@example.fr", "gerance@example.fr")
        assert items[3].last_error == f"refused: {refused}"
        assert items[3].sent_at == datetime(2025, 3, 6, 17, 0, 31)
        assert items[4].attempts == 2
        assert items[4].next_attempt_at == datetime(2025, 3, 7, 8, 32, 6)
        assert items[5].last_reply.startswith("552 5.3.4")
        assert items[6].number == "D-2025-0002" and items[6].subject == "Devis D-2025-0002"
        sent = list(document_info(db, 8).history)
        assert [(e.result, e.refused_addrs) for e in sent] == [("sent", refused)]
        assert [e.result for e in list(document_info(db, 6).history)] == ["retry", "retry"]
        assert [e.result for e in list(document_info(db, 2).history)] == ["retry", "failed"]
        again = ["retry"] if revision >= "0005" else []  # F-2025-0001 sent again, "Stop"
        assert [e.result for e in list(document_info(db, 1).history)] == [*again, "sent"]
        invoice = get_document(db, 8)
        assert invoice.sent_at == datetime(2025, 3, 6, 17, 0, 31)
        assert invoice.sent_to == "compta@example.fr, gerance@example.fr"

        catalogue = {item.label: item for item in list_items(db, include_archived=True)}
        assert len(catalogue) == 5
        assert catalogue["Livre « L'art du bois »"].unit_price == Decimal("30.3318")
        assert catalogue["Livre « L'art du bois »"].vat_rate == Decimal("5.5")
        assert catalogue["Parquet chêne massif"].unit == "m²"
        assert [i.label for i in catalogue.values() if i.archived] == ["Vernis incolore 1 L"]
        assert "Vernis incolore 1 L" not in {i.label for i in list_items(db)}

        if revision >= "0004":
            assert get_company(db).facturx_enabled is False
            facturx = document_info(db, 10).facts
            assert (facturx.facturx_profile, facturx.facturx_reasons) == ("en16931", ())
            assert facturx_profile(ensure_archived_pdf(db, 10)) == "en16931"
            plain = document_info(db, 11).facts
            assert (plain.facturx_profile, plain.facturx_reasons) == (None, ("facturx_disabled",))
            old = document_info(db, 1).facts
            assert (old.facturx_profile, old.facturx_reasons) == (None, ())

        # Numbering continues each series where the fixture left it.
        draft = save_draft(
            db,
            DocumentInput(
                kind=DocumentKind.INVOICE,
                client_id=4,
                issue_date=date(2025, 6, 2),
                lines=(LineInput("Vernis", Decimal("2"), Decimal("19.90"), Decimal("20")),),
            ),
        )
        expected = "F-2025-0009" if revision >= "0004" else "F-2025-0007"
        assert validate_document(db, draft).number == expected
    finally:
        db.dispose()


@pytest.fixture(params=TRUSTED, ids=[p.stem for p in TRUSTED])
def trusted(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of one released database with held messages and recorded recipients."""
    copy = tmp_path / "facturier.db"
    shutil.copyfile(request.param, copy)
    return copy


def test_there_is_a_fixture_with_held_messages() -> None:
    assert FIXTURES / f"schema-{TRUSTED_SENDING}.db" in TRUSTED


def test_held_messages_and_recipients_are_kept_through_the_upgrade(trusted: Path) -> None:
    """From 0005 on: a message held for the user stays held, with its reason, after the
    upgrade (the automatic retry never takes it), and each recipient's outcome in the
    outbox and in the send history is kept as stored and read back by the program."""
    columns = ["document_id", "state", "hold_reason", "recipients", "prepared_for"]
    columns += ["attempts", "next_attempt_at", "last_error"]
    stored = rows_by_id(trusted, "outbox_message", columns)
    history = rows_by_id(trusted, "send_record", ["document_id", "at", "recipients"])
    held = {i: row for i, row in stored.items() if row["state"] == "held"}
    # What the check below stands on (the test would prove nothing without it).
    assert sorted(row["hold_reason"] for row in held.values()) == ["later", "stopped"]
    assert all(row["recipients"] and row["prepared_for"] for row in held.values())
    assert any(row["recipients"] for row in history.values())

    db = open_database(str(trusted), timeout=5)
    try:
        assert revision_of(trusted) == head_revision()
        assert get_company(db).auto_retry is False  # switched off in the 0005 fixture
        items = {item.id: item for item in list_outbox(db, include_sent=True)}
        for outbox_id, row in held.items():
            item = items[outbox_id]
            reason = HoldReason(row["hold_reason"])
            assert (item.state, item.hold_reason) == (OutboxState.HELD, reason), outbox_id
            assert item.next_attempt_at is None, outbox_id
            # Prepared for the client's addresses as they are: nothing to confirm.
            assert item.address_changed is False, outbox_id
        for outbox_id, row in stored.items():
            if row["recipients"]:
                expected = recipients_from_json(row["recipients"])
                assert list(items[outbox_id].recipients) == expected, outbox_id

        # The known content: F-2025-0007 prepared for later, never tried; F-2025-0001
        # stopped after the server greylisted the client's address and took the copy.
        later, stopped = items[9], items[10]
        assert (later.number, later.hold_reason, later.attempts) == (
            "F-2025-0007",
            HoldReason.LATER,
            0,
        )
        assert [(r.address, r.client, r.code) for r in later.recipients] == [
            ("jean@dupont.example", True, None),
            ("atelier@dupont.example", True, None),
            ("contact@menuiserie-lefevre.example", False, None),
        ]
        assert (stopped.number, stopped.hold_reason, stopped.attempts) == (
            "F-2025-0001",
            HoldReason.STOPPED,
            1,
        )
        assert stopped.last_error == "450 4.7.1 Greylisted, please try again later"
        assert [(r.address, r.client, r.code) for r in stopped.recipients] == [
            ("compta@eclair.example", True, 450),
            ("contact@menuiserie-lefevre.example", False, 250),
        ]
        assert [r.address for r in stopped.client_refusals] == ["compta@eclair.example"]

        # The send history: each attempt's recipients as recorded, newest first.
        for document_id in {record["document_id"] for record in history.values()}:
            records = [  # newest first, as the program shows them
                record
                for _id, record in sorted(
                    history.items(), key=lambda item: (item[1]["at"], item[0]), reverse=True
                )
                if record["document_id"] == document_id
            ]
            entries = list(document_info(db, document_id).history)
            assert [list(e.recipients) for e in entries] == [
                recipients_from_json(r["recipients"]) for r in records
            ], f"document {document_id}"
        (attempt,) = [e for e in list(document_info(db, 1).history) if e.recipients]
        assert attempt.result == "retry"
        assert [(r.address, r.code) for r in attempt.client_refusals] == [
            ("compta@eclair.example", 450)
        ]

        # Waiting for the user: not counted as moving, never taken by the automatic retry
        # (which does take the retry that is due).
        assert outbox_counts(db).held == len(held)
        taken = due_retries(db)
        assert 4 in taken and held.keys().isdisjoint(taken)
    finally:
        db.dispose()

    after = rows_by_id(trusted, "outbox_message", columns)
    assert {i: after[i] for i in held} == held
    assert {i: row["recipients"] for i, row in after.items()} == {
        i: row["recipients"] for i, row in stored.items()
    }
    assert rows_by_id(trusted, "send_record", ["document_id", "at", "recipients"]) == history


def test_two_waiting_messages_for_one_document_do_not_block_the_upgrade(
    tmp_path: Path,
) -> None:
    """Before revision 0003 two windows could queue one document twice."""
    path = tmp_path / "facturier.db"
    shutil.copyfile(FIXTURES / "schema-0002.db", path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO outbox_message (document_id, state, message_id, envelope_from, "
            "to_addrs, cc_addrs, bcc_addrs, subject, raw, attempts, last_error, last_reply, "
            "created_at, updated_at) SELECT document_id, 'queued', '<copy@x.example>', "
            "envelope_from, to_addrs, cc_addrs, bcc_addrs, subject, raw, 0, '', '', "
            "created_at, updated_at FROM outbox_message WHERE id = 2"
        )
    conn.close()
    db = open_database(str(path))
    try:
        items = [i for i in list_outbox(db) if i.document_id == 2]
    finally:
        db.dispose()
    assert [(i.id, i.state) for i in items] == [
        (2, OutboxState.QUEUED),
        (9, OutboxState.FAILED),
    ]
