"""The report's sent filter and envelope states against failed, uncertain, held and
refused sends (SQL, on a real database).

What "unsent" means (the core's rule, documented here): the document was never delivered
(``sent_at`` is NULL) and its *newest* outbox message is neither failed nor uncertain.
So a document whose old message failed but which the user explicitly resent (its newest
message waits in the outbox) is "unsent" again; one whose newest message failed or is
uncertain is only found under "failed" / "uncertain" and is never ticked by "unsent".
"""

from __future__ import annotations

from datetime import datetime

import pytest

from app.db.database import Database
from app.domain.kinds import DocumentKind
from app.domain.outbox import HoldReason, OutboxState, Recipient, RecipientRole, recipients_to_json
from app.services.history import document_info, legacy_refusals
from app.services.reports import (
    EnvelopeState,
    ReportQuery,
    SentFilter,
    document_ids,
    fetch_rows,
)
from tests.unit.test_reports import add_outbox_message, add_send_record, make_client, make_document

SENT_AT = datetime(2026, 3, 3, 10, 0)


def ids(db: Database, sent: SentFilter) -> set[int]:
    query = ReportQuery(DocumentKind.INVOICE, sent=sent)
    found = document_ids(db, query)
    return set(found)


@pytest.fixture
def client(db: Database) -> int:
    return make_client(db, "Boulangerie Dupuis")


def document(db: Database, client: int, n: int, *states: OutboxState, sent: bool = False) -> int:
    """A document with outbox messages in these states, oldest first."""
    doc = make_document(
        db,
        client,
        sequence=n,
        sent_at=SENT_AT if sent else None,
        sent_to="a@b.example" if sent else "",
    )
    for state in states:
        add_outbox_message(db, doc, state)
    return doc


def test_unsent_leaves_out_failed_and_uncertain_by_their_newest_message(
    db: Database, client: int
) -> None:
    never = document(db, client, 1)
    failed = document(db, client, 2, OutboxState.FAILED)
    uncertain = document(db, client, 3, OutboxState.UNKNOWN)
    resent = document(db, client, 4, OutboxState.FAILED, OutboxState.QUEUED)
    held_again = document(db, client, 5, OutboxState.UNKNOWN, OutboxState.HELD)
    retry = document(db, client, 6, OutboxState.RETRY_WAIT)
    failed_then_sent = document(db, client, 7, OutboxState.FAILED, OutboxState.SENT, sent=True)
    sent_then_failed = document(db, client, 8, OutboxState.SENT, OutboxState.FAILED, sent=True)
    sent_then_unknown = document(db, client, 9, OutboxState.SENT, OutboxState.UNKNOWN, sent=True)
    failed_twice = document(db, client, 10, OutboxState.UNKNOWN, OutboxState.FAILED)

    assert ids(db, SentFilter.UNSENT) == {never, resent, held_again, retry}
    assert ids(db, SentFilter.FAILED) == {failed, sent_then_failed, failed_twice}
    assert ids(db, SentFilter.UNCERTAIN) == {uncertain, sent_then_unknown}
    assert ids(db, SentFilter.SENT) == {failed_then_sent, sent_then_failed, sent_then_unknown}
    everything = ids(db, SentFilter.ALL)
    assert len(everything) == 10
    # Every document is found by "sent", "unsent" or one of the problem filters.
    problems = ids(db, SentFilter.FAILED) | ids(db, SentFilter.UNCERTAIN)
    assert ids(db, SentFilter.SENT) | ids(db, SentFilter.UNSENT) | problems == everything
    assert not ids(db, SentFilter.UNSENT) & problems


def test_envelope_of_refusals_copy_refusals_and_held(db: Database, client: int) -> None:
    refused_client = [
        Recipient("a@b.example", RecipientRole.TO, True, 250, "Ok"),
        Recipient("c@b.example", RecipientRole.TO, True, 550, "5.1.1 User unknown"),
    ]
    refused_copy = [
        Recipient("a@b.example", RecipientRole.TO, True, 250, "Ok"),
        Recipient("moi@atelier-dupont.fr", RecipientRole.BCC, False, 552, "5.2.2 Full"),
    ]
    refusals = document(db, client, 1, sent=True)
    add_outbox_message(
        db,
        refusals,
        OutboxState.SENT,
        recipients=recipients_to_json(refused_client),
        last_error="refused: c@b.example (550 5.1.1 User unknown)",
    )
    copy = document(db, client, 2, sent=True)
    add_outbox_message(
        db,
        copy,
        OutboxState.SENT,
        recipients=recipients_to_json(refused_copy),
        last_error="refused: moi@atelier-dupont.fr (552 5.2.2 Full)",
    )
    held = document(db, client, 3)
    add_outbox_message(db, held, OutboxState.HELD, hold_reason=str(HoldReason.SETTINGS))
    rows = {row.id: row for row in fetch_rows(db, [refusals, copy, held])}

    assert rows[refusals].envelope == EnvelopeState.REFUSALS
    pending = rows[refusals].pending
    assert pending is not None
    assert [r.address for r in pending.client_refusals] == ["c@b.example"]
    assert rows[copy].envelope == EnvelopeState.SENT  # only the copy to self was refused
    assert rows[copy].pending is None
    assert rows[held].envelope == EnvelopeState.HELD
    assert rows[held].pending is not None
    assert rows[held].pending.hold_reason == HoldReason.SETTINGS
    # The two delivered documents are "sent", the held one is "unsent".
    assert ids(db, SentFilter.SENT) == {refusals, copy}
    assert ids(db, SentFilter.UNSENT) == {held}


def test_history_reads_recipients_or_falls_back_to_the_refused_text(
    db: Database, client: int
) -> None:
    doc = document(db, client, 1, sent=True)
    answered = [
        Recipient("a@b.example", RecipientRole.TO, True, 250, "Ok"),
        Recipient("c@b.example", RecipientRole.CC, True, 550, "5.1.1 User unknown"),
        Recipient("moi@atelier-dupont.fr", RecipientRole.BCC, False, 552, "5.2.2 Full"),
    ]
    add_send_record(db, doc, SENT_AT, result="sent", recipients=recipients_to_json(answered))
    add_send_record(  # an older row: no recipients, only the refused addresses' text
        db,
        doc,
        datetime(2026, 3, 1, 9, 0),
        result="failed",
        to_addrs="old@b.example",
        cc_addrs="moi@atelier-dupont.fr",
        refused_addrs="old@b.example (550 5.1.1 No such user, sorry), "
        "moi@atelier-dupont.fr (552 5.2.2 Full)",
    )
    newest, older = document_info(db, doc).history
    assert newest.recipients == tuple(answered)
    assert [r.address for r in newest.refusals] == ["c@b.example", "moi@atelier-dupont.fr"]
    assert [r.address for r in newest.client_refusals] == ["c@b.example"]
    assert older.recipients == ()
    assert [(r.address, r.client, r.code) for r in older.refusals] == [
        ("old@b.example", True, 550),
        ("moi@atelier-dupont.fr", False, 552),
    ]
    assert older.refusals[0].reply == "550 5.1.1 No such user, sorry"
    assert [r.address for r in older.client_refusals] == ["old@b.example"]


def test_legacy_refusals_of_odd_texts() -> None:
    assert legacy_refusals("", "a@b.example") == []
    assert legacy_refusals("not an address", "a@b.example") == []
    (only,) = legacy_refusals("A@B.example (550 5.1.1 (really) gone)", "a@b.example")
    assert only.address == "A@B.example" and only.client and only.code == 550
    assert only.reply == "550 5.1.1 (really) gone"
