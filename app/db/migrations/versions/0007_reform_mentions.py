"""e-invoicing reform: client type, electronic addresses, operation category, delivery
address, VAT on debits

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DELIVERY = (("delivery_street", 300), ("delivery_postal_code", 20), ("delivery_city", 120))


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), server_default="", nullable=False)


def _delivery_columns() -> list[sa.Column[str]]:
    return [_text(name, length) for name, length in DELIVERY] + [_text("delivery_country", 80)]


def _siren_of(siren: str | None, siret: str | None, vat_number: str | None) -> str:
    """The SIREN a stored client or company shows (as app.domain.reform.siren_of): its
    SIREN, else its SIRET's first nine digits, else a French VAT number's last nine."""
    for candidate in (
        (siren or "").strip(),
        (siret or "").strip()[:9],
        (vat_number or "").strip()[4:] if (vat_number or "").strip().startswith("FR") else "",
    ):
        if len(candidate) == 9 and candidate.isascii() and candidate.isdigit():
            return candidate
    return ""


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "client_type", sa.String(length=10), server_default="business", nullable=False
            )
        )
        batch_op.add_column(_text("e_address", 120))
        batch_op.add_column(_text("operation_category", 10))
        for column in _delivery_columns():
            batch_op.add_column(column)
    # The company's category stays "" (not chosen) on existing databases as on new ones:
    # guessing "services" for a joiner who also sells wood would print a false statement;
    # the check before validation names the setting to choose, once.
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(_text("e_address", 120))
        batch_op.add_column(_text("operation_category", 10))
        batch_op.add_column(
            sa.Column("vat_on_debits", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # Documents keep what they were: "" (the client's, then the company's category), no
    # separate delivery address, NULL (the company's VAT-on-debits option). Validated
    # documents are never rendered again: their archived PDF is the original.
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(_text("operation_category", 10))
        for column in _delivery_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("vat_on_debits", sa.Boolean(), nullable=True))

    # Existing clients: a business when they have a SIREN, SIRET or VAT number, else a
    # private person; a business's electronic address is its SIREN (scheme 0225).
    bind = op.get_bind()
    for table_name, typed in (("client", True), ("company_settings", False)):
        table = sa.table(
            table_name,
            sa.column("id", sa.Integer()),
            sa.column("siren", sa.String()),
            sa.column("siret", sa.String()),
            sa.column("vat_number", sa.String()),
            sa.column("client_type", sa.String()),
            sa.column("e_address", sa.String()),
        )
        rows = bind.execute(
            sa.select(table.c.id, table.c.siren, table.c.siret, table.c.vat_number)
        ).all()
        for row_id, siren, siret, vat_number in rows:
            business = any((value or "").strip() for value in (siren, siret, vat_number))
            values = {"e_address": _siren_of(siren, siret, vat_number) if business else ""}
            if typed:
                values["client_type"] = "business" if business else "private"
            bind.execute(table.update().where(table.c.id == row_id).values(**values))


def downgrade() -> None:
    delivery = [name for name, _length in DELIVERY] + ["delivery_country"]
    with op.batch_alter_table("document", schema=None) as batch_op:
        for name in ["vat_on_debits", *reversed(delivery), "operation_category"]:
            batch_op.drop_column(name)
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        for name in ("vat_on_debits", "operation_category", "e_address"):
            batch_op.drop_column(name)
    with op.batch_alter_table("client", schema=None) as batch_op:
        for name in [*reversed(delivery), "operation_category", "e_address", "client_type"]:
            batch_op.drop_column(name)
