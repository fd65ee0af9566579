import pytest

from app.domain.addresses import check_address
from app.domain.kinds import ContactKind, DocumentKind
from app.domain.numbering import format_number, parse_number
from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    OutboxState,
    Recipient,
    RecipientRole,
    address_key,
    recipients_from_json,
    recipients_to_json,
    retry_delay_seconds,
)
from app.domain.recipients import ContactRow, mailing_addresses
from app.errors import InvalidAddressError


def test_numbers_per_kind() -> None:
    assert format_number(DocumentKind.INVOICE, 2026, 1) == "F-2026-0001"
    assert format_number(DocumentKind.QUOTE, 2026, 12) == "D-2026-0012"
    assert format_number(DocumentKind.ORDER, 2027, 3) == "C-2027-0003"
    assert format_number(DocumentKind.DELIVERY, 2026, 10000) == "BL-2026-10000"
    assert format_number(DocumentKind.CREDIT_NOTE, 2026, 2) == "AV-2026-0002"
    assert parse_number("BL-2026-0042") == (DocumentKind.DELIVERY, 2026, 42)
    with pytest.raises(ValueError):
        format_number(DocumentKind.INVOICE, 2026, 0)
    with pytest.raises(ValueError):
        parse_number("X-2026-0001")


def test_recipients_are_mail_ticked_email_rows_without_case_repeats() -> None:
    rows = [
        ContactRow(ContactKind.EMAIL, "Compta@Exemple.fr", mail=True),
        ContactRow(ContactKind.EMAIL, "patron@exemple.fr", mail=False),
        ContactRow(ContactKind.PHONE, "04 78 00 00 00", mail=True),
        ContactRow(ContactKind.EMAIL, "compta@exemple.FR", mail=True),
        ContactRow(ContactKind.EMAIL, " direction@exemple.fr ", mail=True),
    ]
    assert mailing_addresses(rows) == ["Compta@Exemple.fr", "direction@exemple.fr"]
    assert mailing_addresses([]) == []


def test_addresses_are_checked_with_idn_and_unicode_local_parts() -> None:
    assert check_address("contact@société.fr") == "contact@société.fr"
    assert check_address("françoise@exemple.fr") == "françoise@exemple.fr"
    for bad in ("", "sans-arobase.fr", "a@b", "x@y.fr\r\nBcc: z@w.fr", "deux@@exemple.fr"):
        with pytest.raises(InvalidAddressError):
            check_address(bad)
    assert check_address("ok@exemple.fr") == "ok@exemple.fr"
    with pytest.raises(InvalidAddressError):
        check_address("nope")


def test_outbox_states_and_back_off() -> None:
    assert OutboxState.HELD in PENDING_STATES  # one waiting message per document, held too
    assert not PENDING_STATES & PROBLEM_STATES
    assert OutboxState.SENT not in PENDING_STATES | PROBLEM_STATES
    assert [retry_delay_seconds(n) for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]


def test_recipients_round_trip_and_what_counts_as_delivered() -> None:
    recipients = [
        Recipient("client@exemple.fr", RecipientRole.TO, True, 250, "OK"),
        Recipient("compta@exemple.fr", RecipientRole.TO, True, 550, "5.1.1 unknown"),
        Recipient("moi@acme.fr", RecipientRole.BCC, False),
    ]
    again = recipients_from_json(recipients_to_json(recipients))
    assert again == recipients
    assert [r.accepted for r in again] == [True, False, False]
    assert [r.refused for r in again] == [False, True, False]  # never asked is not refused
    assert recipients_from_json("") == []


def test_address_key_ignores_order_case_and_blanks() -> None:
    assert address_key(["B@x.fr", "a@x.fr", " "]) == address_key(["a@x.fr", "b@X.fr"])
    assert address_key(["a@x.fr"]) != address_key(["a@x.fr", "b@x.fr"])
