"""The reminders as a batch the confirmation dialog can show: one plan item per reminder
e-mail, so that the reminders report's "Envoi" opens the very dialog the documents use
(count, clients without address, preview of each message, daily-limit forecast) and runs
``send_reminders``.

A plan item stands for one ``ReminderGroup``: its ``document_id`` is the group's anchor
(the invoice the outbox message hangs on), its ``number`` every invoice the e-mail names.
``ReminderBatchPlan.groups`` maps each anchor back to its group, to preview and send it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.db.database import Database
from app.services.batch import BatchPlan, MessagePreview, PlanItem, Skipped, SkipReason
from app.services.reminders import (
    OverdueInvoice,
    ReminderGroup,
    ReminderPlan,
    plan_reminders,
    preview_reminder,
)
from app.services.send_documents import BatchOutcome, SendProgress
from app.services.send_reminders import send_reminders


@dataclass(frozen=True)
class ReminderBatchPlan(BatchPlan):
    """A ``BatchPlan`` whose items are reminder e-mails (anchor -> group)."""

    groups: dict[int, ReminderGroup] = field(default_factory=dict)

    def group_of(self, item: PlanItem) -> ReminderGroup:
        return self.groups[item.document_id]


def plan_reminder_batch(
    db: Database, document_ids: Sequence[int], today: date | None = None
) -> ReminderBatchPlan:
    """The reminders due today among these invoices, one plan item per e-mail (grouped by
    client and level, or one per invoice as the settings say); nothing is written."""
    return batch_of(plan_reminders(db, today, document_ids=list(document_ids)))


def batch_of(plan: ReminderPlan) -> ReminderBatchPlan:
    groups = {group.anchor: group for group in (*plan.groups, *plan.missing_address)}
    return ReminderBatchPlan(
        sendable=[_item(group) for group in plan.groups],
        missing_address=[_item(group) for group in plan.missing_address],
        pending=[_pending(invoice) for invoice in plan.pending if invoice.pending],
        not_sendable=[
            *(_skipped(i, SkipReason.UNCERTAIN) for i in plan.pending if not i.pending),
            *(_skipped(i, SkipReason.ALREADY_SENT) for i in plan.not_due),
        ],
        groups=groups,
    )


def _item(group: ReminderGroup) -> PlanItem:
    return PlanItem(
        document_id=group.anchor,
        number=group.numbers,
        client_id=group.client_id,
        client_name=group.client_name,
        recipients=group.recipients,
        sent_at=None,
        sent_to="",
        pending=False,
    )


def _pending(invoice: OverdueInvoice) -> PlanItem:
    return PlanItem(
        document_id=invoice.document_id,
        number=invoice.number,
        client_id=invoice.client_id,
        client_name=invoice.client_name,
        recipients=invoice.recipients,
        sent_at=None,
        sent_to="",
        pending=True,
    )


def _skipped(invoice: OverdueInvoice, reason: SkipReason) -> Skipped:
    return Skipped(
        invoice.document_id, invoice.number, invoice.client_id, invoice.client_name, reason
    )


def preview_reminder_item(
    db: Database, plan: ReminderBatchPlan, item: PlanItem, today: date | None = None
) -> MessagePreview:
    """The reminder e-mail of one plan item, exactly as it would be prepared now."""
    return preview_reminder(db, plan.group_of(item), today)


def send_reminder_items(
    db: Database,
    plan: ReminderBatchPlan,
    items: Sequence[PlanItem],
    *,
    later: bool = False,
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchOutcome:
    """Prepare and send (or, ``later``, keep held) the reminder e-mails of these items."""
    groups = [plan.group_of(item) for item in items]
    return send_reminders(db, groups, later=later, progress=progress, cancel=cancel)


__all__ = [
    "ReminderBatchPlan",
    "batch_of",
    "plan_reminder_batch",
    "preview_reminder_item",
    "send_reminder_items",
]
