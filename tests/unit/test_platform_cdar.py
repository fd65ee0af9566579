"""Lifecycle messages (CDAR subset of the agreed platform API): what we write reads back the
same, and what cannot be read is a typed error, never a crash nor a fetched entity."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from app.platform.cdar import NS, LifecycleEvent, lifecycle_message, parse_lifecycle
from app.platform.errors import BadLifecycleError, PlatformError

AT = datetime(2027, 9, 15, 10, 30, tzinfo=UTC)
_REF = "rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument"


def message(**fields: object) -> bytes:
    values: dict[str, object] = {
        "invoice_number": "F-2027-0001",
        "invoice_date": date(2027, 9, 1),
        "status_code": "212",
        "sender_siren": "732 829 320",
        "issued_at": AT,
        "amount": Decimal("1200"),
    }
    values.update(fields)
    return lifecycle_message(**values)  # type: ignore[arg-type]


def test_the_cashed_status_reads_back_with_its_amount_and_dates() -> None:
    event = parse_lifecycle(message())
    assert event == LifecycleEvent(
        invoice_number="F-2027-0001",
        status_code="212",
        at=AT,
        sender_siren="732829320",
        invoice_date=date(2027, 9, 1),
        amount=Decimal("1200.00"),
    )


def test_the_message_has_the_agreed_shape() -> None:
    root = etree.fromstring(message(reason="Virement reçu", reason_code="AUTRE"))
    reference = root.find(_REF, NS)
    assert reference is not None
    assert [etree.QName(child).localname for child in reference] == [
        "IssuerAssignedID",
        "StatusCode",
        "FormattedIssueDateTime",
        "SpecifiedDocumentStatus",
        "SpecifiedDocumentCharacteristic",
    ]
    stamp = root.find("rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", NS)
    assert stamp is not None and (stamp.text, stamp.get("format")) == ("20270915103000", "204")
    sender = root.find("rsm:ExchangedDocument/ram:SenderTradeParty/ram:GlobalID", NS)
    assert sender is not None and (sender.text, sender.get("schemeID")) == ("732829320", "0002")
    assert root.findtext(f"{_REF}/ram:SpecifiedDocumentCharacteristic/ram:TypeCode", None, NS) == (
        "MEN"
    )
    assert root.findtext(f"{_REF}/ram:SpecifiedDocumentCharacteristic/ram:ValueAmount", None, NS)
    assert root.findtext("rsm:ExchangedDocument/ram:ID", "", NS).startswith("LC-")


def test_a_refusal_keeps_its_reason_and_code_and_optional_parts_stay_out() -> None:
    xml = message(
        status_code="210",
        amount=None,
        invoice_date=None,
        reason="Commande inconnue",
        reason_code="DOUBLON",
        issued_at=datetime(2027, 9, 15, 12, 30, tzinfo=timezone(timedelta(hours=2))),
    )
    event = parse_lifecycle(xml)
    assert (event.status_code, event.reason, event.reason_code) == (
        "210",
        "Commande inconnue",
        "DOUBLON",
    )
    assert event.at == AT  # written in UTC
    assert event.amount is None and event.invoice_date is None
    assert b"SpecifiedDocumentCharacteristic" not in xml
    assert b"FormattedIssueDateTime" not in xml


def test_the_exchanged_document_time_is_used_when_the_acknowledgement_has_none() -> None:
    root = etree.fromstring(message())
    acknowledgement = root.find("rsm:AcknowledgementDocument", NS)
    assert acknowledgement is not None
    acknowledgement.remove(acknowledgement.find("ram:IssueDateTime", NS))
    assert parse_lifecycle(etree.tostring(root)).at == AT


def test_writing_refuses_an_unknown_status_or_no_invoice_number() -> None:
    with pytest.raises(ValueError, match="status"):
        message(status_code="299")
    with pytest.raises(ValueError, match="invoice number"):
        message(invoice_number="  ")


def _replaced(old: bytes, new: bytes) -> bytes:
    xml = message()
    assert old in xml
    return xml.replace(old, new)


@pytest.mark.parametrize(
    ("xml", "field"),
    [
        (b"", "xml"),
        (b"not xml at all", "xml"),
        (b"<a><b></a>", "xml"),
        (b"<Invoice xmlns='urn:x'/>", "root"),
        (_replaced(b">F-2027-0001<", b"><"), "IssuerAssignedID"),
        (_replaced(b">212<", b">2x2<"), "StatusCode"),
        (_replaced(b">20270915103000<", b">2027-09-15<"), "DateTimeString"),
        (_replaced(b">1200.00<", b">douze cents<"), "ValueAmount"),
        (_replaced(b">1200.00<", b">NaN<"), "ValueAmount"),
    ],
)  # fmt: skip
def test_malformed_messages_are_a_typed_error_naming_the_culprit(xml: bytes, field: str) -> None:
    with pytest.raises(BadLifecycleError) as raised:
        parse_lifecycle(xml)
    assert raised.value.code == "platform.bad_lifecycle"
    assert raised.value.data["field"] == field
    assert isinstance(raised.value, PlatformError)


def test_a_message_without_any_issue_time_is_refused() -> None:
    root = etree.fromstring(message())
    for path in ("rsm:AcknowledgementDocument", "rsm:ExchangedDocument"):
        parent = root.find(path, NS)
        assert parent is not None
        parent.remove(parent.find("ram:IssueDateTime", NS))
    with pytest.raises(BadLifecycleError) as raised:
        parse_lifecycle(etree.tostring(root))
    assert raised.value.data["field"] == "IssueDateTime"


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xml = (
        message()
        .replace(
            b"<rsm:CrossDomainAcknowledgementAndResponse",
            f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
            "<rsm:CrossDomainAcknowledgementAndResponse".encode(),
            1,
        )
        .replace(b"F-2027-0001<", b"&x;<")
    )
    with pytest.raises(BadLifecycleError) as raised:
        parse_lifecycle(xml)
    assert raised.value.data["field"] == "doctype"
    assert "TOP-SECRET" not in str(raised.value)


def test_an_entity_bomb_is_refused_without_expanding() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><r>&d;&d;&d;&d;</r>'
    )
    with pytest.raises(BadLifecycleError):
        parse_lifecycle(bomb)
