"""Outbox message states and the transitions DESIGN.md allows."""

from __future__ import annotations

from enum import StrEnum


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    RETRY_WAIT = "retry_wait"
    FAILED = "failed"
    UNKNOWN = "unknown"


ALLOWED_TRANSITIONS: dict[OutboxState, frozenset[OutboxState]] = {
    OutboxState.QUEUED: frozenset({OutboxState.SENDING}),
    OutboxState.SENDING: frozenset(
        {
            OutboxState.SENT,
            OutboxState.RETRY_WAIT,
            OutboxState.FAILED,
            OutboxState.UNKNOWN,
            OutboxState.QUEUED,
        }  # back to queued: the drain stopped before MAIL FROM
    ),
    OutboxState.RETRY_WAIT: frozenset({OutboxState.QUEUED, OutboxState.SENDING}),
    OutboxState.FAILED: frozenset({OutboxState.QUEUED}),  # user "resend"
    OutboxState.UNKNOWN: frozenset({OutboxState.QUEUED}),  # user "resend", same Message-ID
    OutboxState.SENT: frozenset(),
}

# States the user still has to act on or wait for.
PENDING_STATES = frozenset({OutboxState.QUEUED, OutboxState.RETRY_WAIT, OutboxState.SENDING})
PROBLEM_STATES = frozenset({OutboxState.FAILED, OutboxState.UNKNOWN})


def can_transition(source: OutboxState, target: OutboxState) -> bool:
    return target in ALLOWED_TRANSITIONS[source]


def retry_delay_seconds(attempts: int) -> int:
    """Back-off after a temporary failure: 1, 2, 4 … minutes, capped at one hour."""
    return int(min(60 * 2 ** max(attempts - 1, 0), 3600))
