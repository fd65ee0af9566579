"""Outbox message states, why a message is held, and each recipient's outcome.

The state machine is described in docs/ARCHITECTURE.md ("The outbox"). In short: a batch
the user starts queues its messages; "Stop", "prepare for later" and a refused account
leave them *held* until the user resumes; only a temporary failure of a batch the user
started (4xx, server unreachable) is retried on its own (``retry_wait``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class OutboxState(StrEnum):
    HELD = "held"  # waits for the user ("Stop", "prepare for later", settings refused)
    QUEUED = "queued"  # the drain that queued it (or the user's resume) will send it
    SENDING = "sending"
    SENT = "sent"  # at least one client address accepted it
    RETRY_WAIT = "retry_wait"  # temporary failure: retried on its own when due
    FAILED = "failed"  # refused for good (5xx, or every client address refused)
    UNKNOWN = "unknown"  # the link broke after the final dot: never resent on its own
    # A payment reminder withdrawn before it left: its invoice was paid or disputed.
    CANCELLED = "cancelled"


class HoldReason(StrEnum):
    """Why a message is held (``outbox_message.hold_reason``)."""

    STOPPED = "stopped"  # the user pressed "Stop sending"
    LATER = "later"  # "prepare for later" / --later
    SETTINGS = "settings"  # the server refused the account or its certificate
    ADDRESS_CHANGED = "address_changed"  # the client's addresses changed since preparation
    # The provider's daily limit was reached: ``next_attempt_at`` says when the rolling
    # window frees room. The user already chose to send it, so the automatic retry sends it
    # when due (when ``auto_retry`` is on), as it does for a batch's temporary failures.
    DAILY_LIMIT = "daily_limit"


# Waiting to go out: the one message of its document that may still be sent.
PENDING_STATES = frozenset(
    {OutboxState.HELD, OutboxState.QUEUED, OutboxState.RETRY_WAIT, OutboxState.SENDING}
)
# Going out without the user doing anything more (the drain or the retry timer has them).
MOVING_STATES = frozenset({OutboxState.QUEUED, OutboxState.RETRY_WAIT, OutboxState.SENDING})
# Only an explicit resend sends a document again after these.
PROBLEM_STATES = frozenset({OutboxState.FAILED, OutboxState.UNKNOWN})


def retry_delay_seconds(attempts: int) -> int:
    """Back-off after a temporary failure: 1, 2, 4 … minutes, capped at one hour."""
    return int(min(60 * 2 ** max(attempts - 1, 0), 3600))


class RecipientRole(StrEnum):
    TO = "to"
    CC = "cc"
    BCC = "bcc"
    # The accountant's copy of an invoice or credit note: a Bcc (never in the headers) that
    # never counts as delivery to the client.
    ACCOUNTANT = "accountant"


@dataclass(frozen=True)
class Recipient:
    """One envelope recipient of a message and, once sent, what the server said of it.

    ``client`` tells a client's address (counts for delivery) from the copy to self or the
    accountant's copy (never counts). ``code`` is None until the server answered RCPT.
    """

    address: str
    role: RecipientRole
    client: bool
    code: int | None = None
    reply: str = ""

    @property
    def accepted(self) -> bool:
        return self.code is not None and 200 <= self.code < 300

    @property
    def refused(self) -> bool:
        return self.code is not None and not self.accepted


def recipients_to_json(recipients: Iterable[Recipient]) -> str:
    return json.dumps([asdict(r) for r in recipients], ensure_ascii=False)


def recipients_from_json(text: str) -> list[Recipient]:
    if not text:
        return []
    return [
        Recipient(
            address=str(item["address"]),
            role=RecipientRole(item["role"]),
            client=bool(item["client"]),
            code=None if item.get("code") is None else int(item["code"]),
            reply=str(item.get("reply", "")),
        )
        for item in json.loads(text)
    ]


def accountant_copies(recipients: Iterable[Recipient]) -> list[Recipient]:
    return [r for r in recipients if r.role == RecipientRole.ACCOUNTANT]


def legacy_recipients(to: Sequence[str], cc: Sequence[str], bcc: Sequence[str]) -> list[Recipient]:
    """Messages prepared before recipients were recorded: To held the client's addresses,
    Cc and Bcc only the copy to self."""
    return [
        *(Recipient(a, RecipientRole.TO, True) for a in to),
        *(Recipient(a, RecipientRole.CC, False) for a in cc),
        *(Recipient(a, RecipientRole.BCC, False) for a in bcc),
    ]


def address_key(addresses: Iterable[str]) -> str:
    """A client's mailing addresses as compared after preparation: order and case ignored."""
    return "\n".join(sorted({a.strip().lower() for a in addresses if a.strip()}))
