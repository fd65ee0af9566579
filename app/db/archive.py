"""The content-addressed PDF archive: rows are added, never changed."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.db.models import PdfArchive
from app.errors import ArchiveTamperedError


def store_pdf(session: Session, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if session.get(PdfArchive, digest) is None:
        session.add(PdfArchive(sha256=digest, data=data, size=len(data), created_at=utcnow()))
        session.flush()
    return digest


def load_pdf(session: Session, digest: str) -> bytes:
    row = session.get(PdfArchive, digest)
    if row is None:
        raise KeyError(digest)
    if hashlib.sha256(row.data).hexdigest() != digest:
        raise ArchiveTamperedError(
            f"archived PDF {digest} does not match its checksum", sha256=digest
        )
    return row.data


def utcnow() -> datetime:
    """Naive UTC, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)
