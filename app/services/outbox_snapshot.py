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
            db, include_sent=True, states=[OutboxState.SENT], copy_states=_COPY_SHOWN
        )
        if item.id not in known
    ]
    return sorted(items, key=lambda item: item.id)


_COPY_SHOWN = ("pending", "failed")


def _listed(item: OutboxItem, refused: Collection[int]) -> bool:
    """``outbox_rows``'s rule for one message."""
    if item.state != OutboxState.SENT:
        return True
    return item.id in refused or item.copy_state in _COPY_SHOWN


def outbox_rows_changed(
    db: Database, ids: Collection[int], refused: Collection[int] = ()
) -> list[OutboxItem]:
    """Of the messages ``ids``, those the view lists now (by ``outbox_rows``'s rule); the
    others left it (sent, removed)."""
    if not ids:
        return []
    items = list_outbox(db, include_sent=True, ids=sorted(ids))
    return [item for item in items if _listed(item, refused)]


@dataclass(frozen=True)
class OutboxSnapshot:
    """The outbox view's rows and the status bar's counts, read together. ``changed``:
    ``None`` when ``items`` are all the rows, else the ids reread (``items`` are those of
    them still listed)."""

    status: OutboxStatus
    items: list[OutboxItem]
    changed: frozenset[int] | None = None


def outbox_snapshot(
    db: Database, refused: Collection[int] = (), changed: frozenset[int] | None = None
) -> OutboxSnapshot:
    """All the rows, or (``changed`` given) those of the messages ``changed``."""
    if changed is None:
        return OutboxSnapshot(outbox_status(db), outbox_rows(db, refused))
    items = outbox_rows_changed(db, changed, refused)
    return OutboxSnapshot(outbox_status(db), items, changed)
