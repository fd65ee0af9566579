"""The e-invoicing reform's data (décret 2022-1299): client types, operation categories,
electronic addresses, and the cascade of defaults document → client → company."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class ClientType(StrEnum):
    """A business gets the B2B mentions (SIREN, e-address, 40 € indemnity); a private
    person does not."""

    BUSINESS = "business"
    PRIVATE = "private"


class OperationCategory(StrEnum):
    """The category of the operation printed on an invoice: deliveries of goods, provision
    of services, or both."""

    GOODS = "goods"
    SERVICES = "services"
    MIXED = "mixed"


# The scheme of the electronic addresses in the French directory (SIREN-based).
E_ADDRESS_SCHEME = "0225"


def siren_of(siren: str, siret: str = "", vat_number: str = "") -> str:
    """The SIREN a client or company shows: its SIREN, else its SIRET's first nine digits,
    else a French VAT number's last nine; "" when none holds nine digits."""
    vat = vat_number.strip().upper()
    for candidate in (siren.strip(), siret.strip()[:9], vat[4:] if vat.startswith("FR") else ""):
        if len(candidate) == 9 and candidate.isascii() and candidate.isdigit():
            return candidate
    return ""


def infer_client_type(siren: str, siret: str, vat_number: str) -> ClientType:
    """What the upgrade and the CSV import assume without a type: a business when a SIREN,
    SIRET or VAT number is given, else a private person."""
    if any(value.strip() for value in (siren, siret, vat_number)):
        return ClientType.BUSINESS
    return ClientType.PRIVATE


def category_or_none(value: str) -> OperationCategory | None:
    """A stored category ("" = not chosen here)."""
    return OperationCategory(value) if value else None


@dataclass(frozen=True)
class DeliveryAddress:
    """Where the goods go or the service is done; all "" = the billing address."""

    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(
            part.strip() for part in (self.street, self.postal_code, self.city, self.country)
        )

    @classmethod
    def of(cls, record: HasDeliveryFields) -> DeliveryAddress:
        """The address held in a record's ``delivery_*`` fields (client, document, row)."""
        return cls(
            record.delivery_street,
            record.delivery_postal_code,
            record.delivery_city,
            record.delivery_country,
        )


class HasDeliveryFields(Protocol):
    @property
    def delivery_street(self) -> str: ...
    @property
    def delivery_postal_code(self) -> str: ...
    @property
    def delivery_city(self) -> str: ...
    @property
    def delivery_country(self) -> str: ...


@dataclass(frozen=True)
class Mentions:
    """What a document prints for the reform's mentions once its defaults are applied."""

    operation_category: OperationCategory | None  # None: chosen nowhere (validation refuses)
    delivery: DeliveryAddress  # empty: the billing address
    vat_on_debits: bool


def effective_category(document: str, client: str, company: str) -> OperationCategory | None:
    """The document's category, else the client's, else the company's (stored values)."""
    return category_or_none(document or client or company)


def effective_vat_on_debits(document: bool | None, company: bool) -> bool:
    return company if document is None else document
