"""late-payment terms from structured settings: the penalty rate and the early-payment
discount terms ("" = the legal defaults)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("late_penalty_rate", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "early_payment_discount", sa.String(length=300), server_default="", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("early_payment_discount")
        batch_op.drop_column("late_penalty_rate")
