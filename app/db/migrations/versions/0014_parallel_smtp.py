"""how the drain talks to the mail server: how many connections at once and whether it
pipelines its commands (RFC 2920) when the server offers it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 13:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("smtp_connections", sa.Integer(), server_default="2", nullable=False)
        )
        batch_op.add_column(
            sa.Column("smtp_pipelining", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("smtp_pipelining")
        batch_op.drop_column("smtp_connections")
