"""Files added to every e-mail of a document kind (e.g. the general terms of sale after
each invoice), stored whole in the database so that every workstation sends the same ones.

Each file is checked when added (not empty, a plain file name, at most 10 MB); the whole
message is checked when prepared (``check_message_size``): a provider refuses a message
larger than it accepts, and most accept about 20 MB.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import KindAttachment
from app.domain.kinds import DocumentKind
from app.errors import FacturierError, NotFoundError, ValidationError
from app.mail.message import PreparedMail

MEGABYTE = 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * MEGABYTE
# No preset publishes a size limit; 20 MB is below what the common providers accept
# (25 MB for most, 20 MB for some) once the message's encoding is counted.
MAX_MESSAGE_BYTES = 20 * MEGABYTE
MAX_NAME_LENGTH = 255  # the column's width
# Path separators and control characters: a file name, never a path, and no header tricks.
_BAD_NAME = re.compile(r"[\\/\x00-\x1f\x7f\x85\u2028\u2029]")


class AttachmentError(ValidationError):
    """A file that cannot be attached; ``reason``: "empty", "name", "too_large",
    "unreadable" (with ``name``, and ``size``/``limit`` in bytes for "too_large")."""

    code = "attachment.invalid"


class MessageTooLargeError(FacturierError):
    """The message with its attachments is larger than the provider accepts
    (``size``, ``limit``: bytes)."""

    code = "mail.too_large"


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    kind: DocumentKind
    position: int
    filename: str
    size: int


def list_attachments(db: Database, kind: DocumentKind) -> list[AttachmentInfo]:
    """The kind's files in the order they are attached."""
    with db.read() as session:
        rows = session.execute(
            select(
                KindAttachment.id,
                KindAttachment.position,
                KindAttachment.filename,
                func.length(KindAttachment.data),
            )
            .where(KindAttachment.kind == str(kind))
            .order_by(KindAttachment.position, KindAttachment.id)
        ).all()
    return [AttachmentInfo(i, kind, position, name, size or 0) for i, position, name, size in rows]


def add_attachment(
    db: Database, kind: DocumentKind, source: Path | str | bytes, filename: str = ""
) -> AttachmentInfo:
    """Add a file (a path, or its bytes with ``filename``) after the kind's others.
    ``filename`` defaults to the path's name. Raises ``AttachmentError``."""
    if isinstance(source, bytes):
        data = source
        name = filename
    else:
        path = Path(source)
        name = filename or path.name
        data = _read(path, name)
    check_attachment(name, len(data))
    with db.write() as session:
        last = session.scalar(
            select(func.max(KindAttachment.position)).where(KindAttachment.kind == str(kind))
        )
        row = KindAttachment(
            kind=str(kind),
            position=(last if last is not None else -1) + 1,
            filename=name,
            data=data,
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return AttachmentInfo(row.id, kind, row.position, name, len(data))


def remove_attachment(db: Database, attachment_id: int) -> None:
    with db.write() as session:
        row = session.get(KindAttachment, attachment_id)
        if row is None:
            raise NotFoundError("attachment", id=attachment_id)
        session.delete(row)


def check_attachment(name: str, size: int) -> None:
    if not name.strip() or len(name) > MAX_NAME_LENGTH or _BAD_NAME.search(name):
        raise AttachmentError("file name", field="filename", name=name, reason="name")
    if size == 0:
        raise AttachmentError("empty file", field="file", name=name, reason="empty")
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "file too large",
            field="file",
            name=name,
            reason="too_large",
            size=size,
            limit=MAX_ATTACHMENT_BYTES,
            limit_mb=MAX_ATTACHMENT_BYTES // MEGABYTE,
        )


def kind_files(session: Session, kind: str) -> list[tuple[str, bytes]]:
    """The kind's files as (name, bytes), for the message builder."""
    rows = session.execute(
        select(KindAttachment.filename, KindAttachment.data)
        .where(KindAttachment.kind == kind)
        .order_by(KindAttachment.position, KindAttachment.id)
    ).all()
    return [(name, bytes(data)) for name, data in rows]


def check_message_size(mail: PreparedMail, limit: int = MAX_MESSAGE_BYTES) -> None:
    """Raise ``MessageTooLargeError`` when the message as sent exceeds ``limit`` bytes."""
    size = len(mail.raw)
    if size > limit:
        raise MessageTooLargeError(
            "message too large", size=size, limit=limit, limit_mb=limit // MEGABYTE
        )


def attachment_sizes(files: Sequence[tuple[str, bytes]]) -> tuple[tuple[str, int], ...]:
    return tuple((name, len(data)) for name, data in files)


def _read(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:  # refused before reading it whole
            check_attachment(name, size)
        return path.read_bytes()
    except OSError as exc:
        raise AttachmentError(
            str(exc), field="file", name=name, reason="unreadable", path=str(path)
        ) from exc
