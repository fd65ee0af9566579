"""The catalogue of products and services that document lines are picked from.

Items are never deleted (lines copied from them keep their own text and prices anyway):
an item no longer sold is archived, which hides it from the picker.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.db.database import Database
from app.db.models import CatalogItem
from app.domain.money import to_decimal
from app.errors import NotFoundError, ValidationError
from app.services.clients import fold

__all__ = [
    "LIMITS",
    "MAX_PRICE",
    "CatalogItemData",
    "CatalogItemInput",
    "archive_item",
    "list_items",
    "save_item",
]

LIMITS = {"label": 200, "unit": 20, "description": 10_000}  # characters
MAX_PRICE = Decimal("1000000000")  # a billion: anything above is a typing slip
PRICE_STEP = Decimal("0.0001")  # the column keeps 4 decimals
RATE_STEP = Decimal("0.01")  # and 2 for VAT rates


@dataclass(frozen=True)
class CatalogItemInput:
    label: str
    unit_price: Decimal
    vat_rate: Decimal
    description: str = ""
    unit: str = ""


@dataclass(frozen=True)
class CatalogItemData:
    id: int
    label: str
    description: str
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    archived: bool


def _decimal(name: str, value: object, low: Decimal, high: Decimal, step: Decimal) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError(name, field=name, value=value)
    if not low <= value <= high:
        raise ValidationError(name, field=name, value=value, minimum=low, maximum=high)
    if value != value.quantize(step):
        raise ValidationError(name, field=name, value=value, step=step)
    return value


def _clean(data: CatalogItemInput) -> CatalogItemInput:
    """The input stripped, or the first ``ValidationError`` (``data['field']`` names it)."""
    label = data.label.strip()
    unit = data.unit.strip()
    description = data.description.strip()
    if not label:
        raise ValidationError("label required", field="label", value=data.label)
    for name, value in (("label", label), ("unit", unit), ("description", description)):
        if len(value) > LIMITS[name]:
            raise ValidationError("too long", field=name, value=value, limit=LIMITS[name])
    for name, value in (("label", label), ("unit", unit)):
        if "\r" in value or "\n" in value:
            raise ValidationError("line break", field=name, value=value)
    price = _decimal("unit_price", data.unit_price, Decimal(0), MAX_PRICE, PRICE_STEP)
    rate = _decimal("vat_rate", data.vat_rate, Decimal(0), Decimal(100), RATE_STEP)
    return CatalogItemInput(label, price, rate, description, unit)


def _data(row: CatalogItem) -> CatalogItemData:
    return CatalogItemData(
        id=row.id,
        label=row.label,
        description=row.description,
        unit=row.unit,
        unit_price=to_decimal(row.unit_price),
        vat_rate=to_decimal(row.vat_rate),
        archived=row.archived,
    )


def list_items(
    db: Database, search: str = "", include_archived: bool = False, limit: int = 200
) -> list[CatalogItemData]:
    """Items sorted by label (accents and case ignored), at most ``limit`` of them.

    ``search``: every word must appear in the label or the description, accents and case
    ignored; items whose label starts with the search come first. Matching is done here
    rather than in SQL so it is the same on SQLite and PostgreSQL (as for client names).
    """
    words = fold(search).split()
    stmt = select(CatalogItem)
    if not include_archived:
        stmt = stmt.where(CatalogItem.archived.is_(False))
    with db.read() as session:
        rows = list(session.scalars(stmt))
    wanted = " ".join(words)
    ranked: list[tuple[bool, str, int, CatalogItem]] = []
    for row in rows:
        label = fold(row.label)
        if words:
            text = f"{label} {fold(row.description)}"
            if not all(word in text for word in words):
                continue
        ranked.append((bool(words) and not label.startswith(wanted), label, row.id, row))
    ranked.sort(key=lambda r: r[:3])
    return [_data(r[3]) for r in ranked[: max(limit, 0)]]


def save_item(db: Database, data: CatalogItemInput, item_id: int | None = None) -> int:
    """Create an item, or change one (``NotFoundError`` if it was deleted); its id."""
    clean = _clean(data)
    with db.write() as session:
        if item_id is None:
            row = CatalogItem(archived=False)
            session.add(row)
        else:
            found = session.get(CatalogItem, item_id, with_for_update=True)
            if found is None:
                raise NotFoundError("catalog item", id=item_id, what=f"catalog item {item_id}")
            row = found
        row.label = clean.label
        row.description = clean.description
        row.unit = clean.unit
        row.unit_price = clean.unit_price
        row.vat_rate = clean.vat_rate
        session.flush()
        return row.id


def archive_item(db: Database, item_id: int, archived: bool = True) -> None:
    """Hide an item from the picker (``archived=False`` brings it back)."""
    with db.write() as session:
        row = session.get(CatalogItem, item_id, with_for_update=True)
        if row is None:
            raise NotFoundError("catalog item", id=item_id, what=f"catalog item {item_id}")
        row.archived = archived
