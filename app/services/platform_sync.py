"""Reading the invoices' lifecycle statuses from the platform (``facturier platform sync``
and the window's paced background poll).

Two sources, as the standard has them: a deposited invoice's own flow says whether the
platform took it (acknowledgement ``Error``: 213 "Rejetée", with its reasons); every later
status (mise à disposition, prise en charge, approuvée, refusée, en litige, paiement
transmis, encaissée…) comes as an incoming lifecycle flow (CDAR) found by a flow search
from the last one read. Each flow is recorded once, even when two workstations read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.db.database import Database
from app.db.models import CompanySettings, Document, OutboxMessage
from app.domain.kinds import kind_spec
from app.domain.outbox import OutboxState
from app.domain.platform import Channel, Lifecycle
from app.platform.cdar import parse_lifecycle
from app.platform.errors import PlatformError
from app.platform.flows import INCOMING, LIFECYCLE_FLOW
from app.services.outbox_queue import DOCUMENT_PURPOSE
from app.services.platform_account import open_platform
from app.services.platform_outbox import add_event
from app.services.settings import get_company

if TYPE_CHECKING:
    from app.platform.client import PlatformClient

PAGE = 100


@dataclass
class SyncResult:
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (number, code) new
    unknown: list[str] = field(default_factory=list)  # statuses for numbers we do not have
    unreadable: list[str] = field(default_factory=list)  # lifecycle flows not understood


def _naive_utc(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _check_deposits(db: Database, client: PlatformClient, result: SyncResult) -> None:
    """Deposited invoices whose reception is not settled: their flow's acknowledgement."""
    with db.read() as session:
        rows = session.execute(
            select(OutboxMessage.document_id, OutboxMessage.flow_id, Document.number)
            .join(Document, Document.id == OutboxMessage.document_id)
            .where(
                OutboxMessage.channel == str(Channel.PLATFORM),
                OutboxMessage.purpose == DOCUMENT_PURPOSE,
                OutboxMessage.state == str(OutboxState.SENT),
                OutboxMessage.flow_id != "",
                Document.platform_status == str(Lifecycle.DEPOSITED),
            )
        ).all()
    for document_id, flow_id, number in rows:
        flow = client.flow(flow_id)
        if flow.ack_status != "Error":
            continue
        reason = "; ".join(flow.ack_reasons)
        with db.write() as session:
            doc = session.get_one(Document, document_id)
            at = _naive_utc(flow.updated_at) if flow.updated_at else datetime.now(UTC)
            if add_event(session, doc, Lifecycle.REJECTED, _naive_utc(at), reason, flow_id):
                result.statuses.append((number or "", str(Lifecycle.REJECTED)))


def _read_lifecycles(db: Database, client: PlatformClient, result: SyncResult) -> None:
    since = get_company(db).platform_synced_to
    while True:
        flows = client.search_flows(
            flow_types=(LIFECYCLE_FLOW,),
            directions=(INCOMING,),
            updated_after=since.replace(tzinfo=UTC) if since else None,
            limit=PAGE,
        )
        newest = since
        for flow in flows:
            try:
                event = parse_lifecycle(client.download(flow.flow_id))
            except PlatformError as error:
                if error.code != "platform.bad_lifecycle":
                    raise
                result.unreadable.append(flow.flow_id)
                continue
            with db.write() as session:
                doc = session.scalar(
                    select(Document).where(Document.number == event.invoice_number)
                )
                if doc is None or not kind_spec(doc.kind).legal_invoice:
                    result.unknown.append(event.invoice_number)
                elif add_event(
                    session,
                    doc,
                    event.status_code,
                    _naive_utc(event.at),
                    event.reason,
                    flow.flow_id,
                ):
                    result.statuses.append((event.invoice_number, event.status_code))
            if flow.updated_at is not None:
                stamp = _naive_utc(flow.updated_at)
                newest = stamp if newest is None or stamp > newest else newest
        if newest is not None and newest != since:
            with db.write() as session:
                row = session.get_one(CompanySettings, 1)
                # Never backwards: another workstation may have read further meanwhile.
                if row.platform_synced_to is None or row.platform_synced_to < newest:
                    row.platform_synced_to = newest
        if len(flows) < PAGE or newest == since:
            return
        since = newest


def sync_statuses(db: Database, client: PlatformClient | None = None) -> SyncResult:
    """Fetch the statuses that are new since the last time; typed platform errors."""
    result = SyncResult()
    own = client is None
    platform = client or open_platform(get_company(db))
    try:
        _check_deposits(db, platform, result)
        _read_lifecycles(db, platform, result)
    finally:
        if own:
            platform.close()
    return result
