"""Clients and their contact rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Contact, Document
from app.domain.addresses import check_address
from app.domain.kinds import ContactKind
from app.domain.recipients import ContactRow, mailing_addresses
from app.errors import FacturierError, NotFoundError, ValidationError


class ClientInUseError(FacturierError):
    code = "client.in_use"


@dataclass(frozen=True)
class ContactData:
    kind: ContactKind
    value: str
    label: str = ""
    mail: bool = False
    id: int | None = None


@dataclass(frozen=True)
class ClientData:
    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"
    siren: str = ""
    siret: str = ""
    vat_number: str = ""
    notes: str = ""
    contacts: tuple[ContactData, ...] = ()
    id: int | None = None

    @property
    def mailing_addresses(self) -> list[str]:
        return mailing_addresses(
            ContactRow(c.kind, c.value, c.label, c.mail) for c in self.contacts
        )


@dataclass(frozen=True)
class ClientSummary:
    id: int
    name: str
    city: str
    mailing_addresses: list[str] = field(default_factory=list)

    @property
    def can_receive_mail(self) -> bool:
        return bool(self.mailing_addresses)


_SCALARS = (
    "name",
    "street",
    "postal_code",
    "city",
    "country",
    "siren",
    "siret",
    "vat_number",
    "notes",
)


def client_data(row: Client) -> ClientData:
    return ClientData(
        id=row.id,
        contacts=tuple(
            ContactData(ContactKind(c.kind), c.value, c.label, c.mail, c.id) for c in row.contacts
        ),
        **{name: getattr(row, name) for name in _SCALARS},
    )


def _check(data: ClientData) -> list[ContactData]:
    if not data.name.strip():
        raise ValidationError("name", field="name")
    contacts = []
    for index, contact in enumerate(data.contacts):
        value = contact.value.strip()
        if contact.kind == ContactKind.EMAIL:
            try:
                value = check_address(value)
            except ValidationError as exc:
                exc.data["row"] = index
                raise
        contacts.append(
            ContactData(
                contact.kind,
                value,
                contact.label.strip(),
                contact.mail and contact.kind == ContactKind.EMAIL,
                contact.id,
            )
        )
    return contacts


def save_client(db: Database, data: ClientData) -> int:
    """Create or update a client with its contacts in one transaction; returns its id."""
    contacts = _check(data)
    with db.write() as session:
        return _save(session, data, contacts)


def _save(session: Session, data: ClientData, contacts: list[ContactData]) -> int:
    now = utcnow()
    if data.id is None:
        row = Client(created_at=now)
        session.add(row)
    else:
        found = session.get(Client, data.id, options=[selectinload(Client.contacts)])
        if found is None:
            raise NotFoundError("client", id=data.id)
        row = found
    for name in _SCALARS:
        setattr(row, name, getattr(data, name).strip() if name != "notes" else data.notes)
    row.updated_at = now
    row.contacts = [
        Contact(position=i, kind=str(c.kind), label=c.label, value=c.value, mail=c.mail)
        for i, c in enumerate(contacts)
    ]
    session.flush()
    return row.id


def get_client(db: Database, client_id: int) -> ClientData:
    with db.read() as session:
        row = session.get(Client, client_id, options=[selectinload(Client.contacts)])
        if row is None:
            raise NotFoundError("client", id=client_id)
        return client_data(row)


def list_clients(
    db: Database, search: str = "", without_mail_only: bool = False
) -> list[ClientSummary]:
    with db.read() as session:
        query = select(Client).options(selectinload(Client.contacts)).order_by(Client.name)
        if search:
            pattern = f"%{search.strip()}%"
            query = query.where(or_(Client.name.ilike(pattern), Client.city.ilike(pattern)))
        if without_mail_only:
            query = query.where(
                ~exists().where(
                    Contact.client_id == Client.id,
                    Contact.mail.is_(True),
                    Contact.kind == str(ContactKind.EMAIL),
                )
            )
        rows = session.scalars(query).all()
        return [ClientSummary(r.id, r.name, r.city, client_data(r).mailing_addresses) for r in rows]


def delete_client(db: Database, client_id: int) -> None:
    with db.write() as session:
        row = session.get(Client, client_id)
        if row is None:
            raise NotFoundError("client", id=client_id)
        count = session.scalar(
            select(func.count()).select_from(Document).where(Document.client_id == client_id)
        )
        if count:
            raise ClientInUseError("documents", id=client_id, documents=int(count or 0))
        session.delete(row)
