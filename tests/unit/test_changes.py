"""Change notifications: what a commit changed reaches the subscribers, nothing is told
for a rollback, and the change counter tells another process's commits from our own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from app.db.database import Database, open_database
from app.db.models import Document, OutboxMessage
from app.domain.outbox import OutboxState
from app.services.changes import Changes, change_counter, changed_elsewhere, subscribe
from tests.unit.test_reports import (
    T0,
    add_outbox_message,
    add_send_record,
    make_client,
    make_document,
)


@pytest.fixture
def told(db: Database) -> list[Changes]:
    received: list[Changes] = []
    subscribe(db, received.append)
    return received


def test_each_commit_tells_the_ids_it_changed(db: Database, told: list[Changes]) -> None:
    client = make_client(db, "Élodie Martin")
    assert told[-1].clients == {client} and told[-1].documents == frozenset()
    doc = make_document(db, client)
    assert told[-1].documents == {doc}
    message = add_outbox_message(db, doc, OutboxState.QUEUED)
    assert told[-1].outbox == {message} and told[-1].documents == {doc}
    add_send_record(db, doc, T0)
    assert told[-1].documents == {doc}

    # A bulk UPDATE names the rows of its WHERE, with their documents.
    with db.write() as session:
        session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message).values(state="failed")
        )
    assert told[-1].outbox == {message} and told[-1].documents == {doc}
    count = len(told)
    with db.read() as session:  # reading tells nothing
        session.get(Document, doc)
    assert len(told) == count


def test_a_rollback_tells_nothing_and_a_bulk_statement_without_where_tells_unknown(
    db: Database, told: list[Changes]
) -> None:
    doc = make_document(db, make_client(db, "Boulangerie Dupuis"))
    count = len(told)
    with pytest.raises(RuntimeError), db.write() as session:
        session.execute(update(Document).where(Document.id == doc).values(notes="x"))
        raise RuntimeError("the user action fails")
    assert len(told) == count
    with db.write() as session:
        session.execute(delete(OutboxMessage))
    assert told[-1].outbox is None and told[-1].documents is None  # some, unknown which


def test_the_counter_tells_other_processes_commits_from_ours(db: Database, db_url: str) -> None:
    client = make_client(db, "Garage 100% Auto")
    known = change_counter(db)
    doc = make_document(db, client)
    current = change_counter(db)
    assert current == known + 1
    assert not changed_elsewhere(db, known, current)  # our own commit
    assert change_counter(db) == current  # reading changes nothing

    other = open_database(db_url, timeout=5)  # another window or workstation
    try:
        with other.write() as session:
            session.execute(
                update(Document)
                .where(Document.id == doc)
                .values(updated_at=T0 + timedelta(minutes=1))
            )
    finally:
        other.dispose()
    make_document(db, client, sequence=2)  # ours again, after theirs
    latest = change_counter(db)
    assert latest == current + 2
    assert changed_elsewhere(db, current, latest)
    assert not changed_elsewhere(db, latest, latest)
