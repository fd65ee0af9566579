"""What a batch confirmation runs: documents ("Envoi Webmail") or payment reminders.

The confirmation dialog (``ui/dialogs/batch_confirm.py``) is the same for both; a source
gives it the plan, the preview of one message and the batch itself (each called in a
background task, never on the GUI thread), and the few words that differ. The documents'
words stay the dialog's own (``words()`` is None): only the reminders bring theirs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from app.services.database import Database
from app.services.reminder_batch import (
    ReminderBatchPlan,
    plan_reminder_batch,
    preview_reminder_item,
    send_reminder_items,
)
from app.services.send_documents import (
    BatchOutcome,
    BatchPlan,
    Choices,
    MessagePreview,
    PlanItem,
    SendProgress,
    plan_batch,
    preview_message,
    send_documents,
)

Progress = Callable[[SendProgress], None]


@dataclass(frozen=True)
class BatchWords:
    """The dialog's sentences that name what is sent."""

    title: str
    reading: str
    missing_explanation: str
    missing_name: str  # the list's accessible name
    count: Callable[[int], str]  # "%n reminder(s) to send."
    sending: Callable[[int], str]
    preparing: Callable[[int], str]
    pending: Callable[[int], str]  # left out: already waiting in the outbox


class BatchSource:
    """Documents (the default): ``send_documents`` on the ticked documents."""

    reminders = False  # no e-invoicing hint, no "include sent/paid/problems" choices

    def __init__(self, document_ids: Sequence[int]) -> None:
        self.document_ids = list(document_ids)

    def words(self) -> BatchWords | None:
        return None

    def plan(self, db: Database) -> BatchPlan:
        return plan_batch(db, self.document_ids)

    def preview(self, db: Database, plan: BatchPlan, item: PlanItem) -> MessagePreview:
        return preview_message(db, item.document_id)

    def send(
        self,
        db: Database,
        plan: BatchPlan,
        items: Sequence[PlanItem],
        *,
        choices: Choices,
        later: bool,
        progress: Progress,
        cancel: threading.Event,
    ) -> BatchOutcome:
        return send_documents(
            db,
            [item.document_id for item in items],
            choices=choices,
            later=later,
            progress=progress,
            cancel=cancel,
        )


class ReminderWords(QObject):
    """The reminders' sentences (translation context "ReminderWords")."""

    def words(self) -> BatchWords:
        return BatchWords(
            title=self.tr("Send the reminders"),
            reading=self.tr("Reading the overdue invoices…"),
            missing_explanation=self.tr(
                "These reminders cannot be sent: their client has no e-mail address with "
                "“Mail” ticked. Double-click one to complete the client's record."
            ),
            missing_name=self.tr("Reminders without address"),
            count=lambda n: self.tr("%n reminder(s) to send.", "", n),
            sending=lambda n: self.tr("Sending %n reminder(s)…", "", n),
            preparing=lambda n: self.tr("Preparing %n reminder(s)…", "", n),
            pending=lambda n: self.tr(
                "Left out: %n invoice(s) whose reminder is already waiting in the outbox.",
                "",
                n,
            ),
        )


class ReminderSource(BatchSource):
    """Payment reminders: one message per reminder e-mail (``send_reminders``) for the
    ticked overdue invoices."""

    reminders = True

    def __init__(self, document_ids: Sequence[int]) -> None:
        super().__init__(document_ids)
        self._words = ReminderWords()  # kept: its sentences are made when asked

    def words(self) -> BatchWords:
        return self._words.words()

    def plan(self, db: Database) -> BatchPlan:
        return plan_reminder_batch(db, self.document_ids)

    def preview(self, db: Database, plan: BatchPlan, item: PlanItem) -> MessagePreview:
        assert isinstance(plan, ReminderBatchPlan)  # made by plan() above
        return preview_reminder_item(db, plan, item)

    def send(
        self,
        db: Database,
        plan: BatchPlan,
        items: Sequence[PlanItem],
        *,
        choices: Choices,
        later: bool,
        progress: Progress,
        cancel: threading.Event,
    ) -> BatchOutcome:
        assert isinstance(plan, ReminderBatchPlan)
        return send_reminder_items(db, plan, items, later=later, progress=progress, cancel=cancel)
