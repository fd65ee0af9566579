"""An invoice's lifecycle statuses on the approved platform, for its Information dialog
(read with the rest of the document's history, ``app.services.history``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import PlatformEvent


@dataclass(frozen=True)
class PlatformEntry:
    """One status the platform gave (or we sent, like 212 "Encaissée")."""

    code: str  # app.domain.platform.Lifecycle value (kept as text: a newer one may come)
    at: datetime  # when it was set (naive UTC)
    reason: str  # the buyer's or the platform's words, "" when none


def platform_events(session: Session, document_id: int) -> list[PlatformEntry]:
    """The document's statuses, newest first. The platform dates them to the second and
    ours carry microseconds: within one second, the order they were recorded in."""
    rows = list(
        session.execute(
            select(
                PlatformEvent.id, PlatformEvent.code, PlatformEvent.at, PlatformEvent.reason
            ).where(PlatformEvent.document_id == document_id)
        )
    )
    rows.sort(key=lambda r: (r.at.replace(microsecond=0), r.id), reverse=True)
    return [PlatformEntry(r.code, r.at, r.reason or "") for r in rows]
