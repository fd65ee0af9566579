"""trustworthy sending: held messages, per-recipient outcome, addresses at preparation

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_PENDING = "state IN ('queued', 'sending', 'retry_wait')"
NEW_PENDING = "state IN ('queued', 'sending', 'retry_wait', 'held')"


def upgrade() -> None:
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("auto_retry", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipients", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipients", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("hold_reason", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("prepared_for", sa.Text(), server_default="", nullable=False)
        )
        # A held message is one more "waiting" state: still one per document at most.
        batch_op.drop_index(
            "uq_outbox_message_pending_document",
            sqlite_where=sa.text(OLD_PENDING),
            postgresql_where=sa.text(OLD_PENDING),
        )
        batch_op.create_index(
            "uq_outbox_message_pending_document",
            ["document_id"],
            unique=True,
            sqlite_where=sa.text(NEW_PENDING),
            postgresql_where=sa.text(NEW_PENDING),
        )
    # Messages prepared before: To held exactly the client's mailing addresses. Compared in
    # the same form as app.domain.outbox.address_key (sorted, lower case, one per line).
    bind = op.get_bind()
    outbox = sa.table(
        "outbox_message",
        sa.column("id", sa.Integer()),
        sa.column("state", sa.String()),
        sa.column("to_addrs", sa.Text()),
        sa.column("prepared_for", sa.Text()),
    )
    waiting = bind.execute(
        sa.select(outbox.c.id, outbox.c.to_addrs).where(
            outbox.c.state.in_(["queued", "sending", "retry_wait"])
        )
    ).all()
    for row_id, to_addrs in waiting:
        key = "\n".join(sorted({a.strip().lower() for a in to_addrs.split(",") if a.strip()}))
        bind.execute(outbox.update().where(outbox.c.id == row_id).values(prepared_for=key))


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text("UPDATE outbox_message SET state = 'queued' WHERE state = 'held'")
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_outbox_message_pending_document",
            sqlite_where=sa.text(NEW_PENDING),
            postgresql_where=sa.text(NEW_PENDING),
        )
        batch_op.create_index(
            "uq_outbox_message_pending_document",
            ["document_id"],
            unique=True,
            sqlite_where=sa.text(OLD_PENDING),
            postgresql_where=sa.text(OLD_PENDING),
        )
        batch_op.drop_column("prepared_for")
        batch_op.drop_column("hold_reason")
        batch_op.drop_column("recipients")
    with op.batch_alter_table("send_record", schema=None) as batch_op:
        batch_op.drop_column("recipients")
    with op.batch_alter_table("company_settings", schema=None) as batch_op:
        batch_op.drop_column("auto_retry")
