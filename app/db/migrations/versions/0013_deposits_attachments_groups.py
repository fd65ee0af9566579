"""deposit and final invoices (document.invoice_role), attachments added to every e-mail of
a kind (kind_attachment), one e-mail for several documents of a client (outbox_document)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 10:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invoice_role", sa.String(length=10), server_default="", nullable=False)
        )
    op.create_table(
        "kind_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kind_attachment")),
    )
    with op.batch_alter_table("kind_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kind_attachment_kind"), ["kind"], unique=False)
    op.create_table(
        "outbox_document",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_outbox_document_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox_message.id"],
            name=op.f("fk_outbox_document_outbox_id_outbox_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outbox_id", "document_id", name=op.f("pk_outbox_document")),
    )
    with op.batch_alter_table("outbox_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_document_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("outbox_document")
    op.drop_table("kind_attachment")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("invoice_role")
