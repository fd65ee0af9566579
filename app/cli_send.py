"""`facturier send` and `facturier outbox …`: the batch of the GUI, headless.

One line per document or message says exactly what happened to it, including each refused
address and why, in the user's language; server text is never printed raw. Exit status:
0 every document delivered, 3 messages left waiting (queued, held, retried later),
4 a message failed, was refused for a client address, is uncertain or was not sent
because its client's addresses changed, 5 the server refused our settings (login,
certificate), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.cli_text import copy_text, describe, is_french
from app.domain.kinds import DocumentKind
from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    HoldReason,
    OutboxState,
    Recipient,
    accountant_copies,
)
from app.domain.skip_reasons import SkipReason
from app.domain.smtp_replies import explain, safe_text
from app.errors import ValidationError
from app.i18n import N_, _, ngettext
from app.services.outbox_queue import OutboxItem, list_outbox, nothing_to_send

# Lazy: `outbox list` needs neither the batch nor the PDFs (0.7 s of imports, issue 22);
# each command imports what it runs.
if TYPE_CHECKING:
    from app.services.batch import PrepareResult
    from app.services.database import Database
    from app.services.outbox import DrainResult

EXIT_OK, EXIT_USAGE, EXIT_QUEUED, EXIT_FAILED, EXIT_SETTINGS = 0, 2, 3, 4, 5
CHANNEL = "e-mail"
_CHANNEL_TEXT = {"email": N_("e-mail"), "platform": N_("platform")}


def channel_text(channel: str) -> str:
    return _(_CHANNEL_TEXT.get(channel, channel))


class UnknownNumbersError(ValidationError):
    code = "documents.unknown_numbers"


_STATE_TEXT = {
    OutboxState.SENT: N_("sent"),
    OutboxState.QUEUED: N_("waiting to be sent"),
    OutboxState.HELD: N_("paused"),
    OutboxState.RETRY_WAIT: N_("will be retried"),
    OutboxState.SENDING: N_("being sent"),
    OutboxState.FAILED: N_("failed"),
    OutboxState.UNKNOWN: N_("uncertain (not resent)"),
    OutboxState.CANCELLED: N_("cancelled (invoice paid or disputed)"),
}
_REFUSED = N_("refused")
_HOLD_TEXT = {
    HoldReason.STOPPED: N_("sending was stopped"),
    HoldReason.LATER: N_("prepared for later"),
    HoldReason.SETTINGS: N_("the server refused the mail settings"),
    HoldReason.ADDRESS_CHANGED: N_(
        "address changed since preparation: 'facturier outbox reprepare {id}' prepares it "
        "again, 'facturier outbox send --as-is {id}' sends it as it is"
    ),
    HoldReason.DAILY_LIMIT: N_("the provider's daily limit is reached: leaves on {date} at {time}"),
}
_WAITING_FOR_DAY = N_("waiting")  # held by the provider's limit, not by the user
_SKIP_TEXT = {
    SkipReason.NO_ADDRESS: N_("no mailing address"),
    SkipReason.DRAFT: N_("draft, not sent"),
    SkipReason.NOT_FOUND: N_("not found"),
    SkipReason.ALREADY_PENDING: N_("already in the outbox"),
    SkipReason.ALREADY_SENT: N_("already sent, left out"),
    SkipReason.UNCERTAIN: N_(
        "uncertain: its last message may have arrived; not resent "
        "(use 'facturier outbox resend ID')"
    ),
    SkipReason.FAILED: N_("its last message failed; not resent (use 'facturier outbox resend ID')"),
    SkipReason.PDF_TAMPERED: N_("the archived PDF was modified outside Facturier; left out"),
    SkipReason.INVALID_ADDRESS: N_("invalid address {detail}: correct the client's record"),
    SkipReason.PAID: N_("already paid, left out (--include-paid sends it)"),
    SkipReason.NOT_FACTURX: N_(
        "for the platform, but its archived PDF is not a Factur-X invoice: left out"
    ),
    SkipReason.TOO_LARGE: N_(
        "with its attachments the e-mail is over 20 MB, more than mail providers accept: "
        "left out (remove attachments in Settings, E-mail templates)"
    ),
}
_PROBLEM_SKIPS = frozenset(
    {
        SkipReason.UNCERTAIN,
        SkipReason.FAILED,
        SkipReason.PDF_TAMPERED,
        SkipReason.INVALID_ADDRESS,
        SkipReason.NOT_FACTURX,
        SkipReason.TOO_LARGE,
    }
)


def run_send(db: Database, args: argparse.Namespace) -> int:
    from app.domain.platform import ChannelForce
    from app.services.batch import Choices
    from app.services.documents import ids_for_numbers, unsent_ids
    from app.services.outbox import DrainResult, OutcomeNotRecordedError
    from app.services.send_documents import send_documents

    kind = DocumentKind(args.kind)
    if args.unsent:
        ids = unsent_ids(db, kind)
    else:
        ids, missing = ids_for_numbers(db, kind, args.numbers.split(","))
        if missing:
            raise UnknownNumbersError("unknown numbers", numbers=", ".join(missing))
    choices = Choices(
        already_sent=args.include_sent,
        problems=False,
        # Named documents are sent even when paid; "every unsent one" leaves those out.
        paid=args.include_paid or not args.unsent,
        one_mail_per_client=args.one_mail_per_client,
    )
    try:
        outcome = send_documents(
            db, ids, choices=choices, later=args.later, channel=ChannelForce(args.channel)
        )
    except OutcomeNotRecordedError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_FAILED
    if not args.later:
        copy_to_sent(db)
    return report(db, outcome.prepared, outcome.drained or DrainResult())


def copy_to_sent(db: Database) -> None:
    """The copies in the Sent folder, after the send: their problems are told, never
    change the exit status (the e-mails were delivered) and never resend anything."""
    from app.errors import FacturierError
    from app.services.sent_copies import copy_pending

    try:
        copies = copy_pending(db)
    except FacturierError as error:  # the database, not the copy: the next run retries
        print(describe(error), file=sys.stderr)
        return
    if copies.error is not None:
        print(describe(copies.error), file=sys.stderr)


def run_outbox(db: Database, args: argparse.Namespace) -> int:
    if args.action == "list":
        states = [OutboxState(args.state)] if args.state else None
        include_sent = args.all or args.state == OutboxState.SENT
        for item in list_outbox(db, include_sent=include_sent, states=states):
            print(_list_line(item))
        return EXIT_OK
    if args.action == "send" and not args.as_is and nothing_to_send(db):
        return EXIT_OK  # the scheduled task's usual case, before importing the sending
    from app.services.outbox import OutcomeNotRecordedError, drain, resend

    if args.action == "resend":
        from app.services.sent_copies import copy_retriable, retry_copies

        # A delivered message whose copy in the Sent folder failed: only the copy is redone.
        copies = copy_retriable(db, args.ids)
        others = [i for i in args.ids if i not in copies]
        for message_id in resend(db, others) if others else []:
            print(_("{id}: queued again").format(id=message_id))
        retry_copies(db, copies)
        if copies:
            copy_to_sent(db)
            for item in list_outbox(db, include_sent=True, ids=copies):
                done = item.copy_state == "done"
                text = _("copy in Sent: done") if done else None
                print(f"{item.id}\t{text or copy_text(item.copy_state, item.copy_error, item.id)}")
        return EXIT_OK
    if args.action == "reprepare":
        from app.services.prepare_again import prepare_again

        for old, new in prepare_again(db, args.ids):
            if new is None:
                print(_("{old}: removed: its invoices need this reminder no more").format(old=old))
                continue
            print(
                _(
                    "{old}: prepared again as {new} (paused: 'facturier outbox send' sends it)"
                ).format(old=old, new=new)
            )
        return EXIT_OK
    try:
        result = drain(db, as_is=args.as_is or ())
    except OutcomeNotRecordedError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_FAILED
    copy_to_sent(db)
    return report_drain(db, result)


def report_drain(db: Database, result: DrainResult) -> int:
    """The lines of what a drain handled, why it stopped, and the exit status."""
    handled = _handled(result)
    items = [i for i in list_outbox(db, include_sent=True) if i.id in handled]
    for item in items:
        print(_line(item))
    _print_stop(result)
    # A message another process is sending right now is not "left waiting" by this run.
    left = [i for i in list_outbox(db) if i.state in PENDING_STATES - {OutboxState.SENDING}]
    return _exit_status(result, items, left, problems=bool(result.recovered_unknown))


def _handled(result: DrainResult) -> set[int]:
    return set(
        result.sent
        + result.retry
        + result.failed
        + result.unknown
        + result.recovered_unknown
        + result.address_changed
        + result.daily_limit
    )


def _exit_status(
    result: DrainResult, items: Iterable[OutboxItem], left: Iterable[OutboxItem], problems: bool
) -> int:
    items = list(items)
    if result.settings_refused:
        return EXIT_SETTINGS
    if (
        problems
        or result.address_changed
        or any(i.state in PROBLEM_STATES or i.client_refusals for i in items)
    ):
        return EXIT_FAILED
    return EXIT_QUEUED if list(left) else EXIT_OK


def report(
    db: Database, prepared: PrepareResult, result: DrainResult, also: Iterable[int] = ()
) -> int:
    """The lines of a batch (``also``: messages already waiting it sent too), its summary,
    and the exit status."""
    # Read again: the copies in the Sent folder, made after the batch, changed its items.
    items = list_outbox(db, include_sent=True, ids=[*prepared.outbox_ids, *also])
    for item in items:
        print(_line(item))
    for skipped in prepared.skipped:
        number = skipped.number or str(skipped.document_id)
        reason = _(_SKIP_TEXT[skipped.reason]).format(detail=safe_text(skipped.detail))
        print("\t".join((number, CHANNEL, reason, safe_text(skipped.client_name))))
    _print_stop(result)
    # Documents, not messages: one e-mail for several of a client's counts each one.
    count = {
        state: sum(len(i.documents) for i in items if i.state == state) for state in OutboxState
    }
    for_day = sum(len(i.documents) for i in items if _waits_for_day(i))  # not paused by the user
    refusals = sum(len(i.client_refusals) for i in items if i.state == OutboxState.SENT)
    no_address = sum(1 for s in prepared.skipped if s.reason == SkipReason.NO_ADDRESS)
    paid = sum(1 for s in prepared.skipped if s.reason == SkipReason.PAID)
    summary = _(
        "{sent} sent, {waiting} waiting, {failed} failed, {unknown} uncertain, {held} paused, "
        "{skipped} without address"
    ).format(
        sent=count[OutboxState.SENT],
        waiting=count[OutboxState.QUEUED] + count[OutboxState.RETRY_WAIT] + for_day,
        failed=count[OutboxState.FAILED],
        unknown=count[OutboxState.UNKNOWN],
        held=count[OutboxState.HELD] - for_day,
        skipped=no_address,
    )
    if refusals:
        summary += _(", {n} address(es) refused").format(n=refusals)
    if paid:
        summary += _(", {n} paid invoice(s) left out").format(n=paid)
    print(summary)
    left = [i for i in items if i.state in PENDING_STATES]
    problem_skips = any(s.reason in _PROBLEM_SKIPS for s in prepared.skipped)
    return _exit_status(result, items, left, problems=problem_skips)


def _line(item: OutboxItem) -> str:
    """number, channel, result, details: for a document in a batch or a drain."""
    state = _STATE_TEXT[item.state]
    if _waits_for_day(item):
        state = _WAITING_FOR_DAY
    refused = _refusals(item)
    if item.state == OutboxState.FAILED and _only_refusals(item):
        state = _REFUSED  # every client address was refused
    parts = [item.number, channel_text(item.channel), _(state)]
    if item.channel == "platform":
        return "\t".join(p for p in (*parts, _platform_detail(item)) if p)
    if item.state == OutboxState.SENT:
        delivered = [r.address for r in item.recipients if r.client and r.accepted]
        parts.append(", ".join(delivered) or _addresses(item))
    else:
        parts.append(_detail(item))
    if refused:
        parts.append(refused)
    if item.state == OutboxState.SENT:
        parts += [_accountant(copy) for copy in accountant_copies(item.recipients)]
        parts.append(copy_text(item.copy_state, item.copy_error, item.id))
    return "\t".join(part for part in parts if part)


def _platform_detail(item: OutboxItem) -> str:
    """Where a deposit stands: the client's SIREN, the platform's flow, or why not."""
    if item.state == OutboxState.SENT:
        return _("SIREN {siren}, flow {flow}").format(siren=item.to, flow=item.flow_id)
    if item.state == OutboxState.HELD and item.hold_reason is not None:
        return _(_HOLD_TEXT[item.hold_reason]).format(id=item.id)
    if item.state in (OutboxState.FAILED, OutboxState.RETRY_WAIT) and item.last_error:
        text = _("the platform answered: {reply}").format(reply=safe_text(item.last_error))
        if item.state == OutboxState.RETRY_WAIT and item.next_attempt_at is not None:
            text += _("; next attempt at {time}").format(time=_local(item.next_attempt_at))
        return text
    return ""


def _list_line(item: OutboxItem) -> str:
    """id, number, state, recipients, refused addresses, detail, date (fixed columns); a
    deposit's recipient is the platform and the client's SIREN."""
    when = item.sent_at if item.state == OutboxState.SENT else item.next_attempt_at
    if item.channel == "platform":
        detail = _platform_detail(item)
    elif item.state == OutboxState.SENT:
        detail = copy_text(item.copy_state, item.copy_error, item.id)  # the copy in Sent
    else:
        detail = _detail(item)
    return "\t".join(
        (
            str(item.id),
            item.number,
            str(item.state),
            _platform_recipient(item) if item.channel == "platform" else _addresses(item),
            _refusals(item),
            detail,
            _local(when) if when is not None else "",
        )
    )


def _platform_recipient(item: OutboxItem) -> str:
    return _("platform: SIREN {siren}").format(siren=item.to)


def _addresses(item: OutboxItem) -> str:
    return ", ".join(a for a in (item.to, item.cc) if a)


def _only_refusals(item: OutboxItem) -> bool:
    clients = [r for r in item.recipients if r.client]
    return bool(clients) and all(r.refused for r in clients)


def _refusals(item: OutboxItem) -> str:
    """ "adresse refusée : compta@x.fr (550 5.1.1 adresse inconnue)", each refused client
    address with the server's reason."""
    refused = item.client_refusals
    if not refused:
        return ""
    label = ngettext("address refused: ", "addresses refused: ", len(refused))
    return label + "; ".join(_refusal(r) for r in refused)


def _accountant(copy: Recipient) -> str:
    """The accountant's hidden copy: said apart, never one of the client's addresses."""
    if copy.refused:
        return _("accountant's copy refused: {refusal}").format(refusal=_refusal(copy))
    return _("accountant's copy: {address}").format(address=copy.address)


def _refusal(recipient: Recipient) -> str:
    return f"{recipient.address} ({explain(recipient.reply, is_french(), recipient.code)})"


def _detail(item: OutboxItem) -> str:
    """Why a message is where it is, in a sentence (server text explained, never raw)."""
    if item.address_changed or item.hold_reason == HoldReason.ADDRESS_CHANGED:
        return _(_HOLD_TEXT[HoldReason.ADDRESS_CHANGED]).format(id=item.id)
    if _waits_for_day(item):
        if item.next_attempt_at is None:
            return _("the provider's daily limit is reached")
        local = item.next_attempt_at.replace(tzinfo=UTC).astimezone()
        day = local.strftime("%d/%m" if is_french() else "%Y-%m-%d")
        return _(_HOLD_TEXT[HoldReason.DAILY_LIMIT]).format(date=day, time=local.strftime("%H:%M"))
    if item.state == OutboxState.HELD and item.hold_reason is not None:
        return _(_HOLD_TEXT[item.hold_reason]).format(id=item.id)
    if item.state == OutboxState.UNKNOWN:
        return _(
            "the connection broke after the server took it: it may have arrived; "
            "'facturier outbox resend {id}' sends it again"
        ).format(id=item.id)
    if item.state == OutboxState.FAILED and _only_refusals(item):
        return ""  # the refused addresses say it all
    if item.state in (OutboxState.FAILED, OutboxState.RETRY_WAIT) and (
        item.last_reply or item.last_error
    ):
        text = explain(item.last_reply or item.last_error, is_french())
        if item.state == OutboxState.RETRY_WAIT and item.next_attempt_at is not None:
            text += _("; next attempt at {time}").format(time=_local(item.next_attempt_at))
        return text
    return ""


def _waits_for_day(item: OutboxItem) -> bool:
    return item.state == OutboxState.HELD and item.hold_reason == HoldReason.DAILY_LIMIT


def _local(value: datetime) -> str:
    """A stored naive UTC time as local time, ``2026-12-03 14:05``."""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _print_stop(result: DrainResult) -> None:
    if result.daily_limit:
        print(
            _(
                "The mail provider's daily limit is reached: {n} message(s) wait in the "
                "outbox; 'facturier outbox send' sends them once the limit allows."
            ).format(n=len(result.daily_limit)),
            file=sys.stderr,
        )
    if result.stopped is None:
        if result.cancelled and result.held:
            print(
                _(
                    "Sending stopped: {n} message(s) paused; 'facturier outbox send' sends them."
                ).format(n=len(result.held)),
                file=sys.stderr,
            )
        return
    print(describe(result.stopped), file=sys.stderr)
    if result.settings_refused and result.stopped.code.startswith(("platform", "keyring")):
        print(
            _(
                "Nothing more was deposited: fix the platform's settings ('facturier settings "
                "platform', 'facturier settings platform-secret'). The invoices wait, paused, "
                "in the outbox; 'facturier outbox send' sends them."
            ),
            file=sys.stderr,
        )
        return
    if result.settings_refused:
        print(
            _(
                "Nothing more was sent: fix the mail settings ('facturier settings smtp', "
                "'facturier settings password'). The messages wait, paused, in the outbox; "
                "'facturier outbox send' sends them."
            ),
            file=sys.stderr,
        )
        return
    print(
        _("The messages stay in the outbox; send them later with 'facturier outbox send'."),
        file=sys.stderr,
    )
