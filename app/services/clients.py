"""Clients and their contact rows: the address book's use cases, one transaction each.

The rules a record must follow (limits, SIREN/SIRET/VAT checks, addresses, merged duplicates)
live in ``app.services.client_rules`` and are re-exported here.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Contact, Document
from app.domain.kinds import ContactKind
from app.domain.platform import delivery_choice
from app.domain.recipients import ContactRow, SendAs, mailing_addresses
from app.domain.reform import ClientType, category_or_none
from app.errors import FacturierError, NotFoundError
from app.services.client_rules import (
    LIMITS,
    SCALAR_FIELDS,
    ClientData,
    ClientFieldError,
    ContactData,
    client_columns,
    client_problems,
    contact_problem,
    field_problem,
    normalize_client,
)

__all__ = [
    "LIMITS",
    "ClientChangedError",
    "ClientData",
    "ClientFieldError",
    "ClientInUseError",
    "ClientSummary",
    "ContactData",
    "DirectoryStatus",
    "SendAs",
    "client_can_receive_mail",
    "client_problems",
    "contact_problem",
    "delete_client",
    "directory_status",
    "field_problem",
    "fold",
    "get_client",
    "insert_clients",
    "list_clients",
    "save_client",
]


class ClientInUseError(FacturierError):
    """Documents reference the client: ``data['documents']`` says how many."""

    code = "client.in_use"


class ClientChangedError(FacturierError):
    """The record was saved elsewhere (another window or workstation) after it was read."""

    code = "client.changed"


@dataclass(frozen=True)
class ClientSummary:
    id: int
    name: str
    city: str
    mailing_addresses: list[str] = field(default_factory=list)
    postal_code: str = ""
    country: str = ""
    email_addresses: list[str] = field(default_factory=list)  # every e-Mail row, ticked or not
    phone: str = ""  # the first phone or mobile row
    documents: int = 0  # how many documents reference the client
    client_type: ClientType = ClientType.BUSINESS

    @property
    def can_receive_mail(self) -> bool:
        return bool(self.mailing_addresses)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for searching and sorting (``É`` → ``e``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def client_data(row: Client) -> ClientData:
    return ClientData(
        id=row.id,
        contacts=tuple(
            ContactData(ContactKind(c.kind), c.value, c.label, c.mail, c.id, SendAs.of(c.send_as))
            for c in row.contacts
        ),
        updated_at=row.updated_at,
        client_type=ClientType(row.client_type),
        operation_category=category_or_none(row.operation_category),
        delivery_channel=delivery_choice(row.delivery_channel),
        **{name: getattr(row, name) for name in SCALAR_FIELDS},
    )


def save_client(db: Database, data: ClientData) -> int:
    """Create or update a client with its contacts in one transaction; returns its id.

    Raises the first of ``client_problems(data)`` (nothing written), ``NotFoundError`` when
    the client was deleted meanwhile, ``ClientChangedError`` when ``data.updated_at`` is set
    and the record was saved again since.
    """
    clean = normalize_client(data)
    with db.write() as session:
        return _save(session, clean)


def _contacts(data: ClientData) -> list[Contact]:
    return [
        Contact(
            position=i,
            kind=str(c.kind),
            label=c.label,
            value=c.value,
            mail=c.mail,
            send_as=str(c.send_as),
        )
        for i, c in enumerate(data.contacts)
    ]


def _save(session: Session, data: ClientData) -> int:
    now = utcnow()
    if data.id is None:
        row = Client(created_at=now)
        session.add(row)
    else:
        found = session.get(
            Client, data.id, options=[selectinload(Client.contacts)], with_for_update=True
        )
        if found is None:
            raise NotFoundError("client", id=data.id, what=f"client {data.id}")
        if data.updated_at is not None and found.updated_at != data.updated_at:
            raise ClientChangedError("client changed", id=data.id, name=found.name)
        row = found
    if row.siren != data.siren:  # the directory's answer was about the former SIREN
        row.in_directory, row.directory_checked_at = None, None
    for name, value in client_columns(data).items():
        setattr(row, name, value)
    row.updated_at = now
    row.contacts = _contacts(data)
    session.flush()
    return row.id


def insert_clients(session: Session, clients: Iterable[ClientData]) -> int:
    """Add already-normalized new clients inside the caller's transaction (bulk INSERTs:
    an import of thousands of clients stays quick); returns how many."""
    datas = list(clients)
    if not datas:
        return 0
    now = utcnow()
    rows = [{"created_at": now, "updated_at": now, **client_columns(d)} for d in datas]
    ids = session.scalars(
        insert(Client).returning(Client.id, sort_by_parameter_order=True), rows
    ).all()
    contacts = [
        {
            "client_id": client_id,
            "position": position,
            "kind": str(c.kind),
            "label": c.label,
            "value": c.value,
            "mail": c.mail,
            "send_as": str(c.send_as),
        }
        for client_id, data in zip(ids, datas, strict=True)
        for position, c in enumerate(data.contacts)
    ]
    if contacts:
        session.execute(insert(Contact), contacts)
    return len(ids)


def get_client(db: Database, client_id: int) -> ClientData:
    with db.read() as session:
        row = session.get(Client, client_id, options=[selectinload(Client.contacts)])
        if row is None:
            raise NotFoundError("client", id=client_id, what=f"client {client_id}")
        return client_data(row)


@dataclass(frozen=True)
class DirectoryStatus:
    """What the platform's directory last said about a client's SIREN (routing.py keeps
    it), and whether a platform is set up at all: the client editor's "Automatic" line."""

    siren: str  # the SIREN the answer is about (as stored)
    in_directory: bool | None  # None: never asked
    checked_at: datetime | None  # UTC
    platform_configured: bool


def directory_status(db: Database, client_id: int | None) -> DirectoryStatus:
    """The directory's last answer for ``client_id`` (None: a new client, never asked)."""
    # lazy: the platform's HTTP client is not loaded for every use of the address book
    from app.services.platform_account import platform_configured
    from app.services.settings import get_company

    configured = platform_configured(get_company(db))
    if client_id is None:
        return DirectoryStatus("", None, None, configured)
    with db.read() as session:
        row = session.get(Client, client_id)
        if row is None:
            raise NotFoundError("client", id=client_id, what=f"client {client_id}")
        return DirectoryStatus(row.siren, row.in_directory, row.directory_checked_at, configured)


def client_can_receive_mail(db: Database, client_id: int) -> bool:
    """Whether at least one e-Mail row of the client has Mail ticked."""
    return bool(get_client(db, client_id).mailing_addresses)


def list_clients(
    db: Database, search: str = "", without_mail_only: bool = False
) -> list[ClientSummary]:
    """Every client, sorted by name; ``search`` matches name, postal code, city or any e-mail
    (case and accents ignored, every word must match)."""
    with db.read() as session:
        clients = session.execute(
            select(
                Client.id,
                Client.name,
                Client.postal_code,
                Client.city,
                Client.country,
                Client.client_type,
            )
        ).all()
        contacts: dict[int, list[ContactRow]] = defaultdict(list)
        for client_id, kind, value, label, mail in session.execute(
            select(
                Contact.client_id, Contact.kind, Contact.value, Contact.label, Contact.mail
            ).order_by(Contact.client_id, Contact.position, Contact.id)
        ):
            contacts[client_id].append(ContactRow(ContactKind(kind), value, label, bool(mail)))
        counts: dict[int, int] = {
            client_id: int(count)
            for client_id, count in session.execute(
                select(Document.client_id, func.count()).group_by(Document.client_id)
            )
        }
    words = fold(search).split()
    result: list[ClientSummary] = []
    for client_id, name, postal_code, city, country, client_type in clients:
        rows = contacts.get(client_id, [])
        summary = ClientSummary(
            id=client_id,
            name=name,
            city=city,
            mailing_addresses=mailing_addresses(rows),
            postal_code=postal_code,
            country=country,
            email_addresses=[r.value for r in rows if r.kind == ContactKind.EMAIL],
            phone=next(
                (r.value for r in rows if r.kind in (ContactKind.PHONE, ContactKind.MOBILE)), ""
            ),
            documents=counts.get(client_id, 0),
            client_type=ClientType(client_type),
        )
        if without_mail_only and summary.can_receive_mail:
            continue
        if words:
            haystack = fold(" ".join([name, postal_code, city, *summary.email_addresses]))
            if not all(word in haystack for word in words):
                continue
        result.append(summary)
    result.sort(key=lambda s: (fold(s.name), s.id))
    return result


def delete_client(db: Database, client_id: int) -> None:
    """Delete a client and its contacts; refused (``ClientInUseError``) while documents
    reference it."""
    with db.write() as session:
        row = session.get(Client, client_id)
        if row is None:
            raise NotFoundError("client", id=client_id, what=f"client {client_id}")
        count = session.scalar(
            select(func.count()).select_from(Document).where(Document.client_id == client_id)
        )
        if count:
            raise ClientInUseError(
                "documents", id=client_id, name=row.name, documents=int(count or 0)
            )
        session.delete(row)
