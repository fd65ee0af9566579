"""the approved e-invoicing platform: its settings, each client's delivery channel and
directory answer, an outbox item's channel and flow, each invoice's lifecycle statuses

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING_DOCUMENT = "state IN ('queued', 'sending', 'retry_wait', 'held') AND purpose = 'document'"


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("platform_url", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "platform_client_id", sa.String(length=200), server_default="", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column(
                "platform_token_url", sa.String(length=300), server_default="", nullable=False
            )
        )
        batch_op.add_column(sa.Column("platform_synced_to", sa.DateTime(), nullable=True))
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("delivery_channel", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("in_directory", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("directory_checked_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("platform_status", sa.String(length=3), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("platform_status_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=10), server_default="email", nullable=False)
        )
        batch_op.add_column(
            sa.Column("flow_id", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("flow_info", sa.Text(), server_default="", nullable=False))
        # One waiting item per document and channel: an invoice may wait for the platform
        # and for its courtesy e-mail at once, never twice on one channel.
        batch_op.drop_index(
            "uq_outbox_message_pending_document",
            sqlite_where=sa.text(PENDING_DOCUMENT),
            postgresql_where=sa.text(PENDING_DOCUMENT),
        )
        batch_op.create_index(
            "uq_outbox_message_pending_document",
            ["document_id", "channel"],
            unique=True,
            sqlite_where=sa.text(PENDING_DOCUMENT),
            postgresql_where=sa.text(PENDING_DOCUMENT),
        )
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=10), server_default="email", nullable=False)
        )
    op.create_table(
        "platform_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source_flow_id", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_platform_event_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_event")),
        sa.UniqueConstraint("source_flow_id", name=op.f("uq_platform_event_source_flow_id")),
    )
    with op.batch_alter_table("platform_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_platform_event_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("platform_event")
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.drop_column("channel")
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
            sqlite_where=sa.text(PENDING_DOCUMENT),
            postgresql_where=sa.text(PENDING_DOCUMENT),
        )
        batch_op.drop_column("flow_info")
        batch_op.drop_column("flow_id")
        batch_op.drop_column("channel")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("platform_status_at")
        batch_op.drop_column("platform_status")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("directory_checked_at")
        batch_op.drop_column("in_directory")
        batch_op.drop_column("delivery_channel")
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("platform_synced_to")
        batch_op.drop_column("platform_token_url")
        batch_op.drop_column("platform_client_id")
        batch_op.drop_column("platform_url")
