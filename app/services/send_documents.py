"""Send these documents: the one use case behind "Envoi Webmail" and ``facturier send``.

Planning first, with nothing written: who receives what and which documents are left out
(``plan_batch``: no address, drafts, already waiting, already sent, paid, last message
failed or uncertain), which invoices the e-invoicing checks would refuse
(``non_compliant_documents``), what the provider's daily limit lets through today
(``daily_forecast``) and the message exactly as it will leave (``preview_message``).

Then ``send_documents``: prepare one outbox message per sendable document (one
transaction), then drain them over one connection, unless ``later`` keeps them held for
the user. The window (in a background task) and the command line both call it; they only
differ in how they tell the outcome.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.db.database import Database
from app.domain.outbox import HoldReason
from app.domain.platform import ChannelForce
from app.services.batch import (
    BatchPlan,
    Choices,
    MessagePreview,
    NonCompliant,
    PlanItem,
    PrepareResult,
    SkipReason,
    non_compliant_documents,
    plan_batch,
    prepare_batch,
    preview_message,
)
from app.services.outbox import DrainProgress, DrainResult, OutboxItem, drain, hold, list_outbox
from app.services.sending_limits import BatchForecast, batch_forecast
from app.services.settings import get_company

__all__ = [
    "BatchOutcome",
    "BatchPlan",
    "Choices",
    "MessagePreview",
    "NonCompliant",
    "PlanItem",
    "PrepareResult",
    "SendProgress",
    "SkipReason",
    "daily_forecast",
    "non_compliant_documents",
    "plan_batch",
    "preview_message",
    "send_documents",
]

# What ``send_documents`` reports while it works: the prepared batch once, then each
# message's outcome.
SendProgress = PrepareResult | DrainProgress


@dataclass(frozen=True)
class BatchOutcome:
    """How a batch ended."""

    prepared: PrepareResult  # the messages made, and the documents left out (and why)
    drained: DrainResult | None  # None: prepared for later, nothing sent
    items: list[OutboxItem]  # the batch's messages as they ended
    auto_retry: bool = True  # temporary failures of this batch are retried on their own


def daily_forecast(db: Database, items: Sequence[PlanItem]) -> BatchForecast:
    """What the provider's daily limit lets leave today of these planned documents."""
    return batch_forecast(db, [len(item.recipients) for item in items])


def send_documents(
    db: Database,
    document_ids: Sequence[int],
    *,
    choices: Choices,
    later: bool = False,
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
    channel: ChannelForce = ChannelForce.AUTO,
) -> BatchOutcome:
    """Prepare a message (or deposit: ``channel``, else each client's) for each sendable
    document among ``document_ids`` (``choices``:
    which documents sent, paid or with a problem before go too, and whether a client's
    documents go in one e-mail), then send them, or with
    ``later`` keep them held in the outbox until the user resumes.

    A cancel stops between two messages and holds the rest. When anything goes wrong
    mid-way, the batch's messages not sent are held (never left moving unseen) and the
    error is raised.
    """
    prepared = prepare_batch(
        db,
        document_ids,
        include_already_sent=choices.already_sent,
        include_problems=choices.problems,
        include_paid=choices.paid,
        later=later,
        channel=channel,
        group_by_client=choices.one_mail_per_client,
    )
    return send_prepared(db, prepared, later=later, progress=progress, cancel=cancel)


def send_prepared(
    db: Database,
    prepared: PrepareResult,
    *,
    later: bool,
    also: Sequence[int] = (),
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchOutcome:
    """The second half of a batch, documents or reminders: tell what was prepared, then
    drain those messages (``also``: messages already waiting that go in the same run)
    unless ``later``; whatever goes wrong mid-way, what was not sent is held."""
    if progress is not None:
        progress(prepared)
    ids = [*prepared.outbox_ids, *(i for i in also if i not in prepared.outbox_ids)]
    drained = None
    if not later and ids:
        # Even when cancelled already: the drain then holds them all, sending nothing.
        try:
            drained = drain(db, ids=ids, progress=progress, cancel=cancel)
        except BaseException:
            with contextlib.suppress(Exception):
                hold(db, ids, HoldReason.STOPPED)
            raise
    items = list_outbox(db, include_sent=True, ids=ids)
    return BatchOutcome(prepared, drained, items, get_company(db).auto_retry)
