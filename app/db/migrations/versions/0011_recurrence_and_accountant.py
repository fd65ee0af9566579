"""recurring invoices (recurrence, recurrence_run), the accountant's hidden copy, how a
client's Mail address receives the documents (To or Cc), and an index on the credit notes'
cancelled invoice

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 22:15:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_document_cancels_id"), "document", ["cancels_id"], unique=False)
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("accountant_address", sa.String(length=254), server_default="", nullable=False)
        )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("send_as", sa.String(length=4), server_default="to", nullable=False)
        )
    op.create_table(
        "recurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["document.id"],
            name=op.f("fk_recurrence_model_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurrence")),
    )
    with op.batch_alter_table("recurrence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recurrence_model_id"), ["model_id"], unique=False)
    op.create_table(
        "recurrence_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recurrence_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_recurrence_run_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recurrence_id"],
            ["recurrence.id"],
            name=op.f("fk_recurrence_run_recurrence_id_recurrence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurrence_run")),
        sa.UniqueConstraint("recurrence_id", "period", name="uq_recurrence_run_period"),
    )
    with op.batch_alter_table("recurrence_run", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recurrence_run_recurrence_id"), ["recurrence_id"], unique=False
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_document_cancels_id"), table_name="document")
    op.drop_table("recurrence_run")
    op.drop_table("recurrence")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("send_as")
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("accountant_address")
