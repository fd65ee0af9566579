"""`facturier send` and `facturier outbox …`: the batch of the GUI, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from app.cli_text import describe, say
from app.domain.kinds import DocumentKind
from app.domain.outbox import PROBLEM_STATES, OutboxState
from app.errors import ValidationError
from app.services.batch import PrepareResult, SkipReason, prepare_batch
from app.services.database import Database
from app.services.documents import ids_for_numbers, unsent_ids
from app.services.outbox import DrainResult, drain, list_outbox, resend, states_of


class UnknownNumbersError(ValidationError):
    code = "documents.unknown_numbers"


EXIT_OK, EXIT_USAGE, EXIT_QUEUED, EXIT_FAILED = 0, 2, 3, 4
WAITING = frozenset({OutboxState.QUEUED, OutboxState.RETRY_WAIT})

_STATE_TEXT = {
    OutboxState.SENT: ("sent", "envoyé"),
    OutboxState.QUEUED: ("waiting to be sent", "en attente d'envoi"),
    OutboxState.RETRY_WAIT: ("will be retried", "nouvel essai prévu"),
    OutboxState.SENDING: ("being sent", "en cours d'envoi"),
    OutboxState.FAILED: ("failed", "en échec"),
    OutboxState.UNKNOWN: ("uncertain (not resent)", "incertain (non renvoyé)"),
}
_SKIP_TEXT = {
    SkipReason.NO_ADDRESS: ("no mailing address", "sans adresse"),
    SkipReason.DRAFT: ("draft, not sent", "brouillon, non envoyé"),
    SkipReason.NOT_FOUND: ("not found", "introuvable"),
    SkipReason.ALREADY_PENDING: ("already in the outbox", "déjà dans la boîte d'envoi"),
    SkipReason.ALREADY_SENT: ("already sent, left out", "déjà envoyé, laissé de côté"),
}


def run_send(db: Database, args: argparse.Namespace) -> int:
    kind = DocumentKind(args.kind)
    if args.unsent:
        ids = unsent_ids(db, kind)
    else:
        ids, missing = ids_for_numbers(db, kind, args.numbers.split(","))
        if missing:
            raise UnknownNumbersError("unknown numbers", numbers=", ".join(missing))
    prepared = prepare_batch(db, ids, include_already_sent=args.include_sent)
    result = DrainResult() if args.later else drain(db, ids=prepared.outbox_ids)
    return _report(db, prepared, result)


def run_outbox(db: Database, args: argparse.Namespace) -> int:
    if args.action == "list":
        for item in list_outbox(db):
            print("\t".join((str(item.id), item.number, str(item.state), item.to, item.last_error)))
        return EXIT_OK
    if args.action == "resend":
        for message_id in resend(db, args.ids):
            print(say("{id}: queued again", "{id} : remis en file d'attente", id=message_id))
        return EXIT_OK
    result = drain(db)
    for line in _drain_lines(db, result):
        print(line)
    _print_stop(result)
    # A message another process is sending right now is not "left queued" by this run.
    left = [i for i in list_outbox(db) if i.state in WAITING]
    if result.failed or result.unknown or result.recovered_unknown:
        return EXIT_FAILED
    return EXIT_QUEUED if left else EXIT_OK


def _drain_lines(db: Database, result: DrainResult) -> Iterable[str]:
    handled = set(result.sent + result.retry + result.failed + result.unknown)
    handled |= set(result.recovered_unknown)
    for item in list_outbox(db, include_sent=True):
        if item.id in handled:
            yield _line(item.number, item.state, item.to, item.last_error)


def _report(db: Database, prepared: PrepareResult, result: DrainResult) -> int:
    states = states_of(db, prepared.outbox_ids)
    errors = {item.id: item.last_error for item in list_outbox(db, include_sent=True)}
    for item in prepared.prepared:
        state = states.get(item.outbox_id, OutboxState.QUEUED)
        print(_line(item.number, state, ", ".join(item.to), errors.get(item.outbox_id, "")))
    for skipped in prepared.skipped:
        english, french = _SKIP_TEXT[skipped.reason]
        print(
            f"{skipped.number or skipped.document_id}\t{say(english, french)}"
            f"\t{skipped.client_name}"
        )
    _print_stop(result)
    counts = {state: 0 for state in OutboxState}
    for state in states.values():
        counts[state] += 1
    waiting = counts[OutboxState.QUEUED] + counts[OutboxState.RETRY_WAIT]
    no_address = sum(1 for s in prepared.skipped if s.reason == SkipReason.NO_ADDRESS)
    print(
        say(
            "{sent} sent, {waiting} waiting, {failed} failed, {unknown} uncertain, "
            "{skipped} without address",
            "{sent} envoyé(s), {waiting} en attente, {failed} en échec, {unknown} incertain(s), "
            "{skipped} sans adresse",
            sent=counts[OutboxState.SENT],
            waiting=waiting,
            failed=counts[OutboxState.FAILED],
            unknown=counts[OutboxState.UNKNOWN],
            skipped=no_address,
        )
    )
    if any(states.get(i) in PROBLEM_STATES for i in prepared.outbox_ids):
        return EXIT_FAILED
    return EXIT_QUEUED if waiting else EXIT_OK


def _line(number: str, state: OutboxState, to: str, error: str) -> str:
    english, french = _STATE_TEXT[state]
    text = say(english, french)
    detail = to if state == OutboxState.SENT else error
    return "\t".join(part for part in (number, text, detail) if part)


def _print_stop(result: DrainResult) -> None:
    if result.stopped is not None:
        print(describe(result.stopped), file=sys.stderr)
        print(
            say(
                "The messages stay in the outbox; send them later with 'facturier outbox send'.",
                "Les messages restent dans la boîte d'envoi ; envoyez-les plus tard avec "
                "« facturier outbox send ».",
            ),
            file=sys.stderr,
        )
