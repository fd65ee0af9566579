"""Deposits on the approved e-invoicing platform, as outbox items with the e-mails'
guarantees (docs/PLATFORM.md).

An item is prepared whole (the archived Factur-X PDF, or a lifecycle message, and the
flow's JSON whose ``trackingId`` is the item's ``message_id``), claimed by the same
atomic conditional UPDATE as an e-mail and its outcome committed at once. Exactly once:
before depositing an item that was tried before, or after a connection lost once the
request was sent, the platform's flows are searched by that tracking id; a flow found is
the deposit, never made again.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Document, OutboxMessage, PlatformEvent, SendRecord
from app.domain.outbox import PENDING_STATES, HoldReason, OutboxState, retry_delay_seconds
from app.domain.platform import Channel, Lifecycle, needs_cashed_status, newer_status
from app.mail.message import pdf_filename
from app.platform.cdar import lifecycle_message
from app.platform.errors import (
    PlatformConnectionLostError,
    PlatformError,
    PlatformRejectedError,
    PlatformTemporaryError,
)
from app.platform.flows import MEDIA_PDF, MEDIA_XML, Flow, FlowInfo, FlowSyntax
from app.services.outbox_queue import DOCUMENT_PURPOSE, STATUS_PURPOSE, take_claim, unclaim
from app.services.settings import company_from_row, settings_row

if TYPE_CHECKING:
    from app.platform.client import PlatformClient

FACTURX: FlowSyntax = "Factur-X"
CDAR: FlowSyntax = "CDAR"


def tracking_id() -> str:
    """A flow's tracking id: unique, kept by the item through every retry and resend."""
    return f"facturier-{uuid.uuid4()}"


def _row(
    document_id: int,
    purpose: str,
    content: bytes,
    info: FlowInfo,
    addressee: str,
    sender: str,
    later: bool,
) -> OutboxMessage:
    now = utcnow()
    return OutboxMessage(
        document_id=document_id,
        purpose=purpose,
        channel=str(Channel.PLATFORM),
        state=str(OutboxState.HELD if later else OutboxState.QUEUED),
        hold_reason=str(HoldReason.LATER) if later else "",
        message_id=info.tracking_id,
        flow_info=json.dumps(flow_info_json(info), ensure_ascii=False),
        envelope_from=sender,
        to_addrs=addressee,  # the client's SIREN: the directory routes the flow by it
        subject=info.name,
        raw=content,
        attempts=0,
        created_at=now,
        updated_at=now,
    )


def flow_info_json(info: FlowInfo) -> dict[str, str]:
    return {
        "trackingId": info.tracking_id,
        "name": info.name,
        "flowSyntax": info.flow_syntax,
        "flowProfile": info.flow_profile,
        "processingRule": info.processing_rule,
    }


def _info_of(row: OutboxMessage) -> FlowInfo:
    data: dict[str, Any] = json.loads(row.flow_info or "{}")
    return FlowInfo(
        tracking_id=row.message_id,
        name=str(data.get("name") or row.subject),
        flow_syntax=CDAR if data.get("flowSyntax") == CDAR else FACTURX,
        flow_profile=str(data.get("flowProfile") or "EN16931"),
        processing_rule=str(data.get("processingRule") or "B2B"),
    )


def deposit_row(doc: Document, pdf: bytes, company_siren: str, later: bool) -> OutboxMessage:
    """The deposit of an invoice or credit note: its archived Factur-X PDF as it is."""
    info = FlowInfo(
        tracking_id=tracking_id(), name=pdf_filename(doc.number or "document"), flow_syntax=FACTURX
    )
    return _row(doc.id, DOCUMENT_PURPOSE, pdf, info, doc.client.siren, company_siren, later)


def status_row(
    doc: Document,
    code: Lifecycle,
    company_siren: str,
    *,
    amount: Decimal | None = None,
    issue_date: date | None = None,
) -> OutboxMessage:
    """A lifecycle status the seller sends (e.g. 212 "Encaissée" once paid)."""
    message = lifecycle_message(
        invoice_number=doc.number or "",
        invoice_date=issue_date or doc.issue_date,
        status_code=str(code),
        sender_siren=company_siren,
        issued_at=utcnow(),
        amount=amount,
    )
    info = FlowInfo(
        tracking_id=tracking_id(), name=f"{doc.number or 'document'}-{code}.xml", flow_syntax=CDAR
    )
    return _row(doc.id, STATUS_PURPOSE, message, info, doc.client.siren, company_siren, False)


@dataclass(frozen=True)
class Claimed:
    id: int
    document_id: int
    number: str
    purpose: str
    attempts: int
    info: FlowInfo
    content: bytes
    flow_id: str  # "" unless a former attempt learnt it


@dataclass(frozen=True)
class Outcome:
    state: OutboxState
    reply: str  # what the platform said, for the history and the outbox
    flow_id: str = ""
    retry_after: float | None = None
    rejected_reason: str = ""  # the flow was taken but refused at reception (213)


def claim_next(db: Database, wanted: Collection[int], me: str) -> Claimed | None:
    """The oldest queued platform item among ``wanted``, taken for this sender."""
    while True:
        with db.write() as session:
            query = (
                select(OutboxMessage.id)
                .where(
                    OutboxMessage.state == str(OutboxState.QUEUED),
                    OutboxMessage.channel == str(Channel.PLATFORM),
                    OutboxMessage.id.in_(list(wanted)),
                )
                .order_by(OutboxMessage.id)
                .limit(1)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            candidate = session.scalar(query)
            if candidate is None:
                return None
            now = utcnow()
            if not take_claim(session, candidate, me, now):
                continue
            row = session.get_one(OutboxMessage, candidate)
            session.refresh(row)
            number = session.scalar(select(Document.number).where(Document.id == row.document_id))
            return Claimed(
                id=row.id,
                document_id=row.document_id,
                number=number or "",
                purpose=row.purpose,
                attempts=row.attempts,
                info=_info_of(row),
                content=row.raw,
                flow_id=row.flow_id,
            )


def _found(flow: Flow) -> Outcome:
    if flow.ack_status == "Error":  # taken, then refused at reception: the client has nothing
        reason = "; ".join(flow.ack_reasons) or "?"
        return Outcome(OutboxState.FAILED, reason, flow.flow_id, None, reason)
    return Outcome(OutboxState.SENT, f"flow {flow.flow_id}", flow.flow_id)


def _search(client: PlatformClient, claimed: Claimed) -> Flow | None:
    flows = [
        f
        for f in client.search_flows(tracking_id=claimed.info.tracking_id, limit=10)
        if f.tracking_id == claimed.info.tracking_id
    ]
    return min(flows, key=lambda f: f.submitted_at or datetime.max) if flows else None


def deposit(client: PlatformClient, claimed: Claimed) -> Outcome:
    """Deposit one item exactly once. Errors about the connection or the account
    (unreachable, TLS, sign-in refused) are raised: nothing of this item reached the
    platform, the whole drain stops."""
    try:
        if claimed.flow_id or claimed.attempts > 1:
            # Tried before: the platform may have it although we never heard back.
            found = _search(client, claimed)
            if found is not None:
                return _found(found)
        media = MEDIA_PDF if claimed.info.flow_syntax == FACTURX else MEDIA_XML
        receipt = client.deposit(claimed.info, claimed.content, claimed.info.name, media)
        return Outcome(OutboxState.SENT, f"flow {receipt.flow_id}", receipt.flow_id)
    except PlatformConnectionLostError as lost:
        try:
            found = _search(client, claimed)  # often the connection is back at once
        except PlatformError:
            found = None
        if found is not None:
            return _found(found)
        return Outcome(OutboxState.RETRY_WAIT, lost.code + ": " + lost.detail)
    except PlatformTemporaryError as busy:
        return Outcome(OutboxState.RETRY_WAIT, _reply(busy), retry_after=busy.retry_after)
    except PlatformRejectedError as refused:
        return Outcome(OutboxState.FAILED, _reply(refused))


def _reply(error: PlatformError) -> str:
    status = error.data.get("http_status")
    message = str(error.data.get("platform_message") or error.detail)
    return f"{status} {message}".strip() if status else message


_RESULT = {
    OutboxState.SENT: "sent",
    OutboxState.RETRY_WAIT: "retry",
    OutboxState.FAILED: "failed",
    OutboxState.UNKNOWN: "unknown",
}


def record(db: Database, claimed: Claimed, outcome: Outcome, now: datetime | None = None) -> None:
    """Commit one item's outcome with its history row (and the invoice's first status)."""
    now = now or utcnow()
    with db.write() as session:
        row = session.get_one(OutboxMessage, claimed.id)
        row.state = str(outcome.state)
        row.claimed_by = None
        row.claim_expires_at = None
        row.updated_at = now
        row.last_reply = outcome.reply
        row.last_error = "" if outcome.state == OutboxState.SENT else outcome.reply
        if outcome.flow_id:
            row.flow_id = outcome.flow_id
        document = session.get_one(Document, row.document_id)
        if outcome.state == OutboxState.SENT:
            row.sent_at = now
            if row.purpose == STATUS_PURPOSE:
                code = _status_code(row)
                add_event(session, document, code, now, "", None)
            else:
                document.sent_at = now
                document.sent_to = f"SIREN {row.to_addrs}" if row.to_addrs else ""
                document.updated_at = now
                add_event(session, document, Lifecycle.DEPOSITED, now, "", None)
        elif outcome.rejected_reason:
            add_event(session, document, Lifecycle.DEPOSITED, now, "", None)
            add_event(session, document, Lifecycle.REJECTED, now, outcome.rejected_reason, None)
        elif outcome.state == OutboxState.RETRY_WAIT:
            delay = float(retry_delay_seconds(claimed.attempts))
            if outcome.retry_after:
                delay = max(delay, outcome.retry_after)
            row.next_attempt_at = now + timedelta(seconds=delay)
        session.add(
            SendRecord(
                document_id=row.document_id,
                outbox_id=row.id,
                at=now,
                to_addrs=row.to_addrs,
                subject=row.subject,
                message_id=row.message_id,
                result=_RESULT[outcome.state],
                server_reply=outcome.reply,
                purpose=row.purpose,
                channel=str(Channel.PLATFORM),
            )
        )


def _status_code(row: OutboxMessage) -> str:
    """The status a lifecycle item carries (its name ends with ``-<code>.xml``)."""
    stem = row.subject.rsplit(".", 1)[0]
    return stem.rsplit("-", 1)[-1]


def add_event(
    session: Session,
    document: Document,
    code: str,
    at: datetime,
    reason: str,
    source_flow_id: str | None,
) -> bool:
    """Record one lifecycle status (once per source flow) and show the newest."""
    if source_flow_id is not None and session.scalar(
        select(PlatformEvent.id).where(PlatformEvent.source_flow_id == source_flow_id)
    ):
        return False
    session.add(
        PlatformEvent(
            document_id=document.id,
            code=str(code),
            at=at,
            reason=reason,
            source_flow_id=source_flow_id,
            recorded_at=utcnow(),
        )
    )
    if newer_status(document.platform_status, str(code)):
        document.platform_status = str(code)
        document.platform_status_at = at
    if code == Lifecycle.REJECTED:
        _undo_sent(session, document, reason)
    return True


def _undo_sent(session: Session, document: Document, reason: str) -> None:
    """Rejected at reception, the invoice never reached the client: its deposit failed,
    and the document counts as sent only if an e-mail of it was delivered."""
    deposit = session.scalar(
        select(OutboxMessage)
        .where(
            OutboxMessage.document_id == document.id,
            OutboxMessage.channel == str(Channel.PLATFORM),
            OutboxMessage.purpose == DOCUMENT_PURPOSE,
            OutboxMessage.state == str(OutboxState.SENT),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    if deposit is not None:
        deposit.state = str(OutboxState.FAILED)
        deposit.last_error = reason
        deposit.updated_at = utcnow()
    mailed = session.scalar(
        select(OutboxMessage.sent_at)
        .where(
            OutboxMessage.document_id == document.id,
            OutboxMessage.channel == str(Channel.EMAIL),
            OutboxMessage.purpose == DOCUMENT_PURPOSE,
            OutboxMessage.state == str(OutboxState.SENT),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    if mailed is None:
        document.sent_at, document.sent_to = None, ""


def deposit_all(
    db: Database,
    client: PlatformClient,
    wanted: Collection[int],
    me: str,
    on_done: Callable[[Claimed, OutboxState], None],
    cancelled: Callable[[], bool],
) -> None:
    """Deposit the queued platform items among ``wanted`` one at a time. Raises the
    platform's connection or account errors (the item being tried is back in the queue)."""
    while not cancelled():
        claimed = claim_next(db, wanted, me)
        if claimed is None:
            return
        try:
            outcome = deposit(client, claimed)
        except PlatformError:
            unclaim(db, claimed.id)
            raise
        record(db, claimed, outcome)
        on_done(claimed, outcome.state)


DEPOSITED_OPEN = frozenset(
    str(c) for c in Lifecycle if c not in (Lifecycle.CASHED, Lifecycle.REJECTED, Lifecycle.REFUSED)
)


def queue_cashed(session: Session, doc: Document, amount: Decimal | None) -> bool:
    """Once an invoice deposited on the platform is paid, the seller sends "Encaissée"
    (212) when the rules require it (services: VAT due on receipt); queued like a deposit,
    sent by the next drain or ``facturier platform sync``."""
    if doc.platform_status not in DEPOSITED_OPEN:
        return False
    company = company_from_row(settings_row(session))
    category = doc.operation_category or str(company.operation_category or "")
    if not needs_cashed_status(category):
        return False
    waiting = session.scalar(
        select(OutboxMessage.id).where(
            OutboxMessage.document_id == doc.id,
            OutboxMessage.purpose == STATUS_PURPOSE,
            OutboxMessage.state.in_([str(s) for s in PENDING_STATES | {OutboxState.SENT}]),
        )
    )
    if waiting is not None:
        return False  # sent or on its way already: once is enough
    session.add(status_row(doc, Lifecycle.CASHED, company.siren, amount=amount))
    return True


_WAITING = (OutboxState.QUEUED, OutboxState.HELD, OutboxState.RETRY_WAIT)


def waiting_statuses(db: Database) -> list[int]:
    """The lifecycle statuses waiting to be sent to the platform."""
    with db.read() as session:
        return list(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.purpose == STATUS_PURPOSE,
                    OutboxMessage.state.in_(
                        [
                            str(OutboxState.QUEUED),
                            str(OutboxState.HELD),
                            str(OutboxState.RETRY_WAIT),
                        ]
                    ),
                )
            )
        )
