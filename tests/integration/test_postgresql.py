"""Several workstations on one PostgreSQL database: copy, and nothing ever sent twice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import Database, open_database
from app.db.models import Document, OutboxMessage
from app.domain.kinds import DocumentKind
from app.domain.outbox import OutboxState
from app.errors import DatabaseNotEmptyError
from app.services.batch import prepare_batch
from app.services.clients import ClientData, save_client
from app.services.db_copy import copy_database, server_version, table_digests
from app.services.demo import fill_demo
from app.services.documents import ensure_archived_pdf, get_document, unsent_ids
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer


def facturier(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )


def test_copy_sqlite_into_an_empty_postgresql_and_prove_it(db_path: Path, pg_url: str) -> None:
    source = open_database(str(db_path))
    fill_demo(source, clients=15, documents=120)
    ensure_archived_pdf(source, unsent_ids(source, DocumentKind.INVOICE)[0])
    copied = copy_database(source, pg_url)
    assert [c.rows for c in copied] == [c.rows for c in table_digests(source)]
    assert sum(c.rows for c in copied) > 500
    target = open_database(pg_url)
    try:
        assert server_version(target).startswith("PostgreSQL")
        # sequences moved past the copied ids: ordinary inserts keep working
        new_id = save_client(target, ClientData(name="Nouveau client"))
        assert new_id > max(c.rows for c in copied if c.table == "client")
        with pytest.raises(DatabaseNotEmptyError):
            copy_database(source, pg_url)  # never over existing data
    finally:
        target.dispose()
        source.dispose()


def test_db_commands(db_path: Path, pg_url: str, tmp_path: Path) -> None:
    open_database(str(db_path)).dispose()
    env_config = {"FACTURIER_CONFIG": str(tmp_path / "settings.json")}
    run = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db_path), "db", "copy", "--to", pg_url],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )
    assert run.returncode == 0, run.stderr
    assert "Copie vérifiée" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "ui.main", "db", "use", pg_url],
        capture_output=True,
        text=True,
        env={**os.environ, **env_config},
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(  # no --db: this workstation's setting is used
        [sys.executable, "-m", "ui.main", "db", "test"],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "FACTURIER_DB"}, **env_config},
    )
    assert run.returncode == 0 and "PostgreSQL" in run.stdout, run.stderr
    bad = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    run = subprocess.run(
        [sys.executable, "-m", "ui.main", "db", "test", bad],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )
    assert run.returncode == 2 and "injoignable" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture
def shared(pg_url: str, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> str:
    db = open_database(pg_url)
    configure(db, smtp_server, monkeypatch)
    business = clients(db)
    for index in range(40):
        client = business.two_addresses if index % 2 else business.accented
        ensure_archived_pdf(db, invoice(db, client, str(100 + index)))
    db.dispose()
    return pg_url


def test_four_processes_with_overlapping_batches_deliver_each_message_once(
    shared: str, smtp_server: SmtpTestServer
) -> None:
    numbers = [f"F-2026-{n:04d}" for n in range(1, 41)]
    batches = [numbers[0:25], numbers[10:35], numbers[15:40], numbers[::2]]
    workers = [
        facturier(shared, "send", "--kind", "invoice", "--numbers", ",".join(batch))
        for batch in batches
    ]
    outputs = [worker.communicate(timeout=300) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode in (0, 3), (out, err)  # 3: some were another's to send
    leftover = facturier(shared, "outbox", "send")
    leftover.communicate(timeout=300)
    delivered = Counter(
        str(m.message["Message-ID"]) for m in smtp_server.wait_for_messages(40, timeout=30)
    )
    assert len(delivered) == 40 and max(delivered.values()) == 1
    db = open_database(shared)
    try:
        with db.read() as session:
            per_document = Counter(session.scalars(select(OutboxMessage.document_id)))
            states = set(session.scalars(select(OutboxMessage.state)))
            sent = session.scalars(select(Document.sent_at)).all()
        assert max(per_document.values()) == 1 and len(per_document) == 40
        assert states == {str(OutboxState.SENT)}
        assert all(sent)
    finally:
        db.dispose()


def test_two_processes_validating_200_documents_number_without_gap(pg_url: str) -> None:
    from datetime import date
    from decimal import Decimal

    from app.services.document_data import LineInput
    from app.services.documents import DocumentInput, save_draft

    db = open_database(pg_url)
    update_company(db, name="Atelier", siren="732829320")  # what every invoice must carry
    client = save_client(db, ClientData(name="Client"))
    ids = [
        save_draft(
            db,
            DocumentInput(
                DocumentKind.INVOICE,
                client,
                date(2026, 3, 1),
                (LineInput("x", Decimal(1), Decimal(10), Decimal(20)),),
            ),
        )
        for _ in range(200)
    ]
    script = (
        "import sys\n"
        "from app.db.database import open_database\n"
        "from app.services.documents import validate_document\n"
        "db = open_database(sys.argv[1])\n"
        "for i in sys.argv[2].split(','): validate_document(db, int(i))\n"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, pg_url, ",".join(map(str, half))],
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in (ids[0::2], ids[1::2])
    ]
    for worker in workers:
        assert worker.wait(timeout=600) == 0, worker.stderr.read() if worker.stderr else ""
    with db.read() as session:
        sequences = sorted(session.scalars(select(Document.sequence)))
    db.dispose()
    assert sequences == list(range(1, 201))


def test_prepare_twice_at_once_never_queues_two_copies(shared: str) -> None:
    db: Database = open_database(shared)
    try:
        ids = unsent_ids(db, DocumentKind.INVOICE)
        first = prepare_batch(db, ids)
        second = prepare_batch(db, ids)
        assert len(first.prepared) == 40 and second.prepared == []
        assert get_document(db, ids[0]).sent_at is None
    finally:
        db.dispose()
