"""Which channel each document leaves by: e-mail, the approved platform, or both.

A client's choice, else the default computed from the platform's directory: a French
business whose SIREN has a directory line receives its invoices through the platform.
The directory's answer is kept on the client with its date and asked again after
``DIRECTORY_TTL_DAYS`` (or when the SIREN changes); when the platform cannot be reached
the answer kept stands, and a client never asked stays on e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Document
from app.domain.kinds import kind_spec
from app.domain.platform import (
    DIRECTORY_TTL_DAYS,
    Channel,
    ChannelForce,
    RoutingFacts,
    channels_for,
    needs_directory,
)
from app.platform.errors import PlatformError
from app.services.platform_account import open_platform, platform_configured
from app.services.settings import get_company

if TYPE_CHECKING:
    from app.platform.client import PlatformClient


def facts_of(client: Client) -> RoutingFacts:
    return RoutingFacts(
        client_type=client.client_type,
        country=client.country,
        siren=client.siren,
        choice=client.delivery_channel,
        in_directory=client.in_directory,
    )


def document_channels(
    doc: Document, force: ChannelForce = ChannelForce.AUTO
) -> tuple[Channel, ...]:
    """The outbox items ``doc`` gets (its client loaded)."""
    return channels_for(
        facts_of(doc.client), legal_invoice=kind_spec(doc.kind).legal_invoice, force=force
    )


@dataclass(frozen=True)
class DirectoryRefresh:
    asked: int = 0  # clients whose SIREN was looked up
    found: int = 0  # of them, with a directory line
    error: PlatformError | None = None  # the platform could not answer (answers kept)


def _stale(client: Client, now: datetime) -> bool:
    if not needs_directory(facts_of(client)):
        return False
    checked = client.directory_checked_at
    return checked is None or checked < now - timedelta(days=DIRECTORY_TTL_DAYS)


def refresh_directory(
    db: Database,
    client_ids: Iterable[int],
    *,
    platform: PlatformClient | None = None,
    force: bool = False,
) -> DirectoryRefresh:
    """Ask the directory about the clients among ``client_ids`` whose answer is missing or
    old (``force``: all French businesses among them); nothing when no platform is set."""
    ids = sorted(set(client_ids))
    if not ids or (platform is None and not platform_configured(get_company(db))):
        return DirectoryRefresh()
    now = utcnow()
    with db.read() as session:
        clients = session.scalars(select(Client).where(Client.id.in_(ids))).all()
        wanted = [
            (c.id, c.siren)
            for c in clients
            if (force and needs_directory(facts_of(c))) or _stale(c, now)
        ]
    if not wanted:
        return DirectoryRefresh()
    answers: dict[int, bool] = {}
    error: PlatformError | None = None
    try:
        client = platform or open_platform(get_company(db))
        try:
            for client_id, siren in wanted:
                answers[client_id] = client.directory_line(siren) is not None
        finally:
            if platform is None:
                client.close()
    except PlatformError as exc:
        error = exc  # what was answered before it is kept; the rest keep their old answer
    if answers:
        with db.write() as session:
            for client_id, found in answers.items():
                row = session.get(Client, client_id)
                if row is not None:
                    row.in_directory, row.directory_checked_at = found, now
    return DirectoryRefresh(len(answers), sum(answers.values()), error)


def refresh_for_documents(db: Database, document_ids: Sequence[int]) -> DirectoryRefresh:
    """``refresh_directory`` for the clients of the invoices among ``document_ids``."""
    if not document_ids or not platform_configured(get_company(db)):
        return DirectoryRefresh()
    with db.read() as session:
        rows = session.execute(
            select(Document.client_id, Document.kind).where(Document.id.in_(list(document_ids)))
        ).all()
    return refresh_directory(db, {c for c, kind in rows if kind_spec(kind).legal_invoice})
