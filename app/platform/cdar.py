"""Lifecycle messages of the reform (UN/CEFACT CrossDomainAcknowledgementAndResponse, the
subset of the agreed platform API): the seller writes "212 Encaissée", and reads the
statuses the buyer's side sets (204 Prise en charge, 210 Refusée...).

Timestamps are written and read as UTC (format 204 carries no zone). Reading never
resolves entities nor fetches anything, and refuses a DOCTYPE: CDAR has none.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.platform.errors import BadLifecycleError

RSM = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NS = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
GUIDELINE = "urn.cpro.gouv.fr:1p0:CDV:invoice"
SIREN_SCHEME = "0002"
AMOUNT_TYPE = "MEN"  # the amount received, with 212 Encaissée
_STATUS = re.compile(r"2(0[0-9]|1[0-3])")
# format code -> (strptime pattern, length)
_FORMATS = {"102": ("%Y%m%d", 8), "203": ("%Y%m%d%H%M", 12), "204": ("%Y%m%d%H%M%S", 14)}
_REFERENCE = "rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument"


@dataclass(frozen=True)
class LifecycleEvent:
    invoice_number: str
    status_code: str  # "200" … "213"
    at: datetime  # UTC: when the status was set
    reason: str = ""
    reason_code: str = ""
    sender_siren: str = ""  # who set the status
    invoice_date: date | None = None
    amount: Decimal | None = None  # 212: the amount received


def lifecycle_message(
    *,
    invoice_number: str,
    invoice_date: date | None,
    status_code: str,
    sender_siren: str,
    issued_at: datetime,
    amount: Decimal | None = None,
    reason: str = "",
    reason_code: str = "",
) -> bytes:
    """The CDAR message setting ``status_code`` on the invoice (UTF-8 XML)."""
    if not invoice_number.strip():
        raise ValueError("a lifecycle message needs the invoice number")
    if not _STATUS.fullmatch(status_code):
        raise ValueError(f"unknown lifecycle status {status_code!r}")
    stamp = _utc(issued_at).strftime(_FORMATS["204"][0])
    root = etree.Element(_q("rsm", "CrossDomainAcknowledgementAndResponse"), nsmap=_nsmap())
    context = _sub(root, "rsm", "ExchangedDocumentContext")
    parameter = _sub(context, "ram", "GuidelineSpecifiedDocumentContextParameter")
    _sub(parameter, "ram", "ID", GUIDELINE)
    exchanged = _sub(root, "rsm", "ExchangedDocument")
    _sub(exchanged, "ram", "ID", f"LC-{uuid.uuid4()}")
    _date_time(_sub(exchanged, "ram", "IssueDateTime"), "udt", "204", stamp)
    sender = _sub(exchanged, "ram", "SenderTradeParty")
    _sub(sender, "ram", "GlobalID", sender_siren.replace(" ", "")).set("schemeID", SIREN_SCHEME)
    acknowledgement = _sub(root, "rsm", "AcknowledgementDocument")
    _date_time(_sub(acknowledgement, "ram", "IssueDateTime"), "udt", "204", stamp)
    reference = _sub(acknowledgement, "ram", "ReferenceReferencedDocument")
    _sub(reference, "ram", "IssuerAssignedID", invoice_number.strip())
    _sub(reference, "ram", "StatusCode", status_code)
    if invoice_date is not None:
        formatted = _sub(reference, "ram", "FormattedIssueDateTime")
        _date_time(formatted, "qdt", "102", invoice_date.strftime("%Y%m%d"))
    if reason or reason_code:
        status = _sub(reference, "ram", "SpecifiedDocumentStatus")
        if reason_code:
            _sub(status, "ram", "ReasonCode", reason_code)
        if reason:
            _sub(status, "ram", "Reason", reason)
    if amount is not None:
        characteristic = _sub(reference, "ram", "SpecifiedDocumentCharacteristic")
        _sub(characteristic, "ram", "TypeCode", AMOUNT_TYPE)
        _sub(characteristic, "ram", "ValueAmount", f"{amount.quantize(Decimal('0.01'))}")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def parse_lifecycle(xml: bytes) -> LifecycleEvent:
    """The status a CDAR message sets; ``BadLifecycleError`` (``data['field']`` names
    what is wrong) when it is not one."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError, TypeError) as exc:
        raise BadLifecycleError(f"not XML: {exc}", field="xml") from exc
    if root.getroottree().docinfo.doctype:
        raise BadLifecycleError("a DOCTYPE in a lifecycle message", field="doctype")
    if root.tag != _q("rsm", "CrossDomainAcknowledgementAndResponse"):
        raise BadLifecycleError(f"not a CDAR message: {root.tag}", field="root")
    number = _text(root, f"{_REFERENCE}/ram:IssuerAssignedID")
    if not number:
        raise BadLifecycleError("no invoice number", field="IssuerAssignedID")
    status = _text(root, f"{_REFERENCE}/ram:StatusCode")
    if not _STATUS.fullmatch(status):
        raise BadLifecycleError(f"bad status code {status!r}", field="StatusCode")
    at = _moment(root, "rsm:AcknowledgementDocument/ram:IssueDateTime/udt:DateTimeString")
    if at is None:
        at = _moment(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")
    if at is None:
        raise BadLifecycleError("no issue date and time", field="IssueDateTime")
    invoice_moment = _moment(root, f"{_REFERENCE}/ram:FormattedIssueDateTime/qdt:DateTimeString")
    return LifecycleEvent(
        invoice_number=number,
        status_code=status,
        at=at,
        reason=_text(root, f"{_REFERENCE}/ram:SpecifiedDocumentStatus/ram:Reason"),
        reason_code=_text(root, f"{_REFERENCE}/ram:SpecifiedDocumentStatus/ram:ReasonCode"),
        sender_siren=_text(root, "rsm:ExchangedDocument/ram:SenderTradeParty/ram:GlobalID"),
        invoice_date=invoice_moment.date() if invoice_moment else None,
        amount=_amount(root),
    )


# --- writing ----------------------------------------------------------------------------------


def _nsmap() -> dict[str | None, str]:
    return {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: etree._Element, prefix: str, name: str, text: str = "") -> etree._Element:
    element = etree.SubElement(parent, _q(prefix, name))
    if text:
        element.text = text
    return element


def _date_time(parent: etree._Element, prefix: str, format_code: str, value: str) -> None:
    _sub(parent, prefix, "DateTimeString", value).set("format", format_code)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- reading ----------------------------------------------------------------------------------


def _text(root: etree._Element, path: str) -> str:
    found = root.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _moment(root: etree._Element, path: str) -> datetime | None:
    """A DateTimeString (formats 102, 203, 204) as UTC; None when absent."""
    found = root.find(path, NS)
    if found is None:
        return None
    value = (found.text or "").strip()
    format_code = found.get("format") or {8: "102", 12: "203", 14: "204"}.get(len(value), "")
    pattern, length = _FORMATS.get(format_code, ("", 0))
    try:
        if len(value) != length or not value.isdigit():
            raise ValueError(f"{value!r} is not format {format_code!r}")
        return datetime.strptime(value, pattern).replace(tzinfo=UTC)
    except ValueError as exc:
        raise BadLifecycleError(f"bad date and time: {exc}", field="DateTimeString") from exc


def _amount(root: etree._Element) -> Decimal | None:
    path = f"{_REFERENCE}/ram:SpecifiedDocumentCharacteristic/ram:ValueAmount"
    value = _text(root, path)
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise BadLifecycleError(f"bad amount {value!r}", field="ValueAmount") from exc
    if not amount.is_finite():
        raise BadLifecycleError(f"bad amount {value!r}", field="ValueAmount")
    return amount
