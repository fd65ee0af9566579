"""Send payment reminders: the one use case behind the reminders report's "Envoi" and
``facturier remind``, like ``send_documents`` for documents.

Prepare one outbox message per reminder group (one transaction), then drain them over one
connection with the same guarantees, unless ``later`` keeps them held for the user.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from app.db.database import Database
from app.services.reminders import ReminderGroup, prepare_reminders
from app.services.send_documents import BatchOutcome, SendProgress, send_prepared


def send_reminders(
    db: Database,
    groups: Sequence[ReminderGroup],
    *,
    later: bool = False,
    also: Sequence[int] = (),
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchOutcome:
    """Prepare the reminders of ``groups`` and send them (``also``: reminder messages
    already waiting that go in the same run), or with ``later`` keep them held.

    A cancel stops between two messages and holds the rest; when anything goes wrong
    mid-way, the messages not sent are held and the error is raised."""
    prepared = prepare_reminders(db, groups, later=later)
    return send_prepared(db, prepared, later=later, also=also, progress=progress, cancel=cancel)
