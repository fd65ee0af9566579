"""payment reminders: payments (partial payments), reminder levels, the reminders sent
(invoice, level), disputed invoices, and the purpose of an outbox message

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 21:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "state IN ('queued', 'sending', 'retry_wait', 'held')"
PENDING_DOCUMENT = f"{PENDING} AND purpose = 'document'"


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("legal_interest_rate", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "reminder_per_invoice", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("disputed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=10), server_default="document", nullable=False)
        )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=10), server_default="document", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_outbox_message_purpose"), ["purpose"], unique=False)
        # Reminders are not the document's own message: only those stay one per document.
        batch_op.drop_index(
            "uq_outbox_message_pending_document",
            sqlite_where=sa.text(PENDING),
            postgresql_where=sa.text(PENDING),
        )
        batch_op.create_index(
            "uq_outbox_message_pending_document",
            ["document_id"],
            unique=True,
            sqlite_where=sa.text(PENDING_DOCUMENT),
            postgresql_where=sa.text(PENDING_DOCUMENT),
        )
    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_payment_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_document_id"), ["document_id"], unique=False)
    op.create_table(
        "reminder_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("delay_days", sa.Integer(), nullable=False),
        sa.Column("after", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("letter", sa.Boolean(), nullable=False),
        sa.Column("statement", sa.Boolean(), nullable=False),
        sa.Column("deadline_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_level")),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("level_name", sa.String(length=120), nullable=False),
        sa.Column("amount_due", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_reminder_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox_message.id"],
            name=op.f("fk_reminder_outbox_id_outbox_message"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index("ix_reminder_document_level", ["document_id", "level"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_outbox_id"), ["outbox_id"], unique=False)


def downgrade() -> None:
    op.drop_table("reminder")
    op.drop_table("reminder_level")
    op.drop_table("payment")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_outbox_message_pending_document",
            sqlite_where=sa.text(PENDING_DOCUMENT),
            postgresql_where=sa.text(PENDING_DOCUMENT),
        )
        batch_op.create_index(
            "uq_outbox_message_pending_document",
            ["document_id"],
            unique=True,
            sqlite_where=sa.text(PENDING),
            postgresql_where=sa.text(PENDING),
        )
        batch_op.drop_index(batch_op.f("ix_outbox_message_purpose"))
        batch_op.drop_column("purpose")
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.drop_column("purpose")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("disputed")
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("reminder_per_invoice")
        batch_op.drop_column("legal_interest_rate")
