"""What the window shows of the outbox, read in one go (in a background task).

``outbox_status``: the counts of the status bar and the settings that decide the
automatic retry (two cheap, indexed queries: the window polls them for other processes'
changes). ``outbox_rows``: the outbox view's rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.db.database import Database
from app.domain.outbox import OutboxState
from app.services.outbox_queue import OutboxCounts, OutboxItem, list_outbox, outbox_counts
from app.services.settings import Company, get_company


@dataclass(frozen=True)
class OutboxStatus:
    counts: OutboxCounts
    company: Company


def outbox_status(db: Database) -> OutboxStatus:
    return OutboxStatus(outbox_counts(db), get_company(db))


def outbox_rows(db: Database, refused: Collection[int] = ()) -> list[OutboxItem]:
    """The messages not sent yet, those delivered with a client address refused among
    ``refused`` (this session's), and those delivered whose copy in the Sent folder still
    waits or failed; oldest first."""
    items = list_outbox(db)
    if refused:
        items += [
            item
            for item in list_outbox(db, include_sent=True, ids=sorted(refused))
            if item.state == OutboxState.SENT
        ]
    known = {item.id for item in items}
    items += [
        item
        for item in list_outbox(
            db, include_sent=True, states=[OutboxState.SENT], copy_states=("pending", "failed")
        )
        if item.id not in known
    ]
    return sorted(items, key=lambda item: item.id)


@dataclass(frozen=True)
class OutboxSnapshot:
    """The outbox view's rows and the status bar's counts, read together."""

    status: OutboxStatus
    items: list[OutboxItem]


def outbox_snapshot(db: Database, refused: Collection[int] = ()) -> OutboxSnapshot:
    return OutboxSnapshot(outbox_status(db), outbox_rows(db, refused))
