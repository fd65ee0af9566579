"""factur-x: company setting, and the profile each archived PDF carries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:12:40.512203
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing companies get Factur-X on (the default): only documents archived
    # from now on are concerned; an archived PDF never changes.
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("facturx_enabled", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    # Documents archived before this revision are plain PDFs: profile NULL, no reasons.
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facturx_profile", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("facturx_reasons", sa.Text(), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("facturx_reasons")
        batch_op.drop_column("facturx_profile")
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("facturx_enabled")
