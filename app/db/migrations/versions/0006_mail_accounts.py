"""mail accounts: authentication method, preset, IMAP copy to Sent, provider limits

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 11:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("smtp_auth", sa.String(length=20), server_default="password", nullable=False)
        )
        batch_op.add_column(
            sa.Column("oauth_provider", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("mail_preset", sa.String(length=60), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_host", sa.String(length=253), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_port", sa.Integer(), server_default="993", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_security", sa.String(length=10), server_default="ssl", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_user", sa.String(length=254), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_sent_folder", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("imap_copy", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("daily_message_limit", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("daily_recipient_limit", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("copy_state", sa.String(length=10), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("copy_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("copy_error", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("copy_next_at", sa.DateTime(), nullable=True))
        # The provider's per-minute and per-day limits count what was sent recently.
        batch_op.create_index("ix_outbox_message_sent_at", ["sent_at"], unique=False)
        batch_op.create_index("ix_outbox_message_copy_state", ["copy_state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_message_copy_state")
        batch_op.drop_index("ix_outbox_message_sent_at")
        for name in ("copy_next_at", "copy_error", "copy_attempts", "copy_state"):
            batch_op.drop_column(name)
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        for name in (
            "daily_recipient_limit",
            "daily_message_limit",
            "imap_copy",
            "imap_sent_folder",
            "imap_user",
            "imap_security",
            "imap_port",
            "imap_host",
            "mail_preset",
            "oauth_provider",
            "smtp_auth",
        ):
            batch_op.drop_column(name)
