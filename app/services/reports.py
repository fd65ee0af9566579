"""Rows of a document report, read page by page straight from SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select

from app.db.database import Database
from app.db.models import Client, Document
from app.domain.kinds import DocumentKind, DocumentStatus

AnySelect = TypeVar("AnySelect", bound=Select)  # type: ignore[type-arg]


class SentFilter(StrEnum):
    ALL = "all"
    SENT = "sent"
    UNSENT = "unsent"


class SortKey(StrEnum):
    NUMBER = "number"
    DATE = "date"
    CLIENT = "client"
    TOTAL = "total"
    STATUS = "status"
    SENT = "sent"


@dataclass(frozen=True)
class ReportQuery:
    kind: DocumentKind
    sent: SentFilter = SentFilter.ALL
    search: str = ""
    sort: SortKey = SortKey.DATE
    descending: bool = True


@dataclass(frozen=True)
class ReportRow:
    id: int
    number: str | None
    issue_date: date
    client_id: int
    client_name: str
    total_incl: Decimal
    status: DocumentStatus
    sent_at: datetime | None
    sent_to: str


_SORT_COLUMNS = {
    SortKey.NUMBER: (Document.year, Document.sequence),
    SortKey.DATE: (Document.issue_date,),
    SortKey.CLIENT: (Client.name,),
    SortKey.TOTAL: (Document.total_incl,),
    SortKey.STATUS: (Document.status,),
    SortKey.SENT: (Document.sent_at,),
}


def _filtered(query: ReportQuery, stmt: AnySelect) -> AnySelect:
    stmt = stmt.join(Client, Client.id == Document.client_id).where(
        Document.kind == str(query.kind)
    )
    if query.sent == SentFilter.SENT:
        stmt = stmt.where(Document.sent_at.is_not(None))
    elif query.sent == SentFilter.UNSENT:
        stmt = stmt.where(Document.sent_at.is_(None))
    text = query.search.strip()
    if text:
        pattern = f"%{text}%"
        stmt = stmt.where(or_(Document.number.ilike(pattern), Client.name.ilike(pattern)))
    return stmt


def count_rows(db: Database, query: ReportQuery) -> int:
    with db.read() as session:
        stmt = _filtered(query, select(func.count(Document.id)))
        return int(session.scalar(stmt) or 0)


def fetch_rows(db: Database, query: ReportQuery, offset: int, limit: int) -> list[ReportRow]:
    order: list[Any] = []
    for column in _SORT_COLUMNS[query.sort]:
        order.append(column.desc() if query.descending else column.asc())
    order.append(Document.id.desc() if query.descending else Document.id.asc())
    stmt = _filtered(
        query,
        select(
            Document.id,
            Document.number,
            Document.issue_date,
            Document.client_id,
            Client.name,
            Document.total_incl,
            Document.status,
            Document.sent_at,
            Document.sent_to,
        ),
    )
    stmt = stmt.order_by(*order).offset(offset).limit(limit)
    with db.read() as session:
        return [
            ReportRow(
                id=r[0],
                number=r[1],
                issue_date=r[2],
                client_id=r[3],
                client_name=r[4],
                total_incl=r[5],
                status=DocumentStatus(r[6]),
                sent_at=r[7],
                sent_to=r[8],
            )
            for r in session.execute(stmt)
        ]
