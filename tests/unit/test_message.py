"""Message building: headers, envelope, attachment, Message-ID, header injection."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest

from app.errors import HeaderInjectionError, InvalidAddressError, ValidationError
from app.mail.message import (
    PreparedMail,
    build_message,
    message_from_bytes,
    message_to_bytes,
    needs_smtputf8,
    pdf_filename,
)

PDF = b"%PDF-1.7\n" + os.urandom(2048) + b"\n%%EOF\n"


def invoice(**overrides: object) -> PreparedMail:
    arguments: dict[str, object] = {
        "sender_name": "ACME SARL",
        "sender_address": "contact@acme.fr",
        "to": ["compta@client.fr"],
        "subject": "Facture F2026-0001 – ACME SARL",
        "body": "Bonjour,\n\nVeuillez trouver ci-joint notre facture.\n.\nCordialement,\n",
        "pdf": PDF,
        "pdf_filename": "F2026-0001.pdf",
    }
    arguments.update(overrides)
    return build_message(**arguments)  # type: ignore[arg-type]


def test_headers_envelope_and_attachment() -> None:
    mail = invoice(cc=["Direction@Client.fr"], bcc=["archive@acme.fr"])
    msg = mail.message

    assert str(msg["From"]) == "ACME SARL <contact@acme.fr>"
    assert str(msg["Reply-To"]) == "contact@acme.fr"
    assert str(msg["To"]) == "compta@client.fr"
    assert str(msg["Cc"]) == "Direction@client.fr"  # domain normalised, local part kept
    assert "Bcc" not in msg
    assert b"archive@acme.fr" not in mail.raw
    assert mail.envelope_from == "contact@acme.fr"
    assert mail.envelope_to == ("compta@client.fr", "Direction@client.fr", "archive@acme.fr")
    assert mail.bcc == ("archive@acme.fr",)
    assert mail.to == ("compta@client.fr",)
    assert mail.cc == ("Direction@client.fr",)
    assert mail.subject == "Facture F2026-0001 – ACME SARL"
    assert not mail.smtputf8

    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "F2026-0001.pdf"
    assert attachment.get_content() == PDF
    body = msg.get_body(("plain",))
    assert body is not None
    assert body.get_content().startswith("Bonjour,\n\nVeuillez trouver ci-joint")


def test_wire_format_is_7bit_with_crlf() -> None:
    mail = invoice(sender_name="Société Générale « Été »", body="Échéance : 30 jours.\n")
    assert mail.raw.isascii()
    assert b"\r\n" in mail.raw
    assert b"\n" not in mail.raw.replace(b"\r\n", b"")
    assert str(mail.message["From"]) == "Société Générale « Été » <contact@acme.fr>"


def test_message_id_on_sender_domain_unique_and_reusable() -> None:
    first, second = invoice(), invoice()
    assert first.message_id.startswith("<") and first.message_id.endswith("@acme.fr>")
    assert first.message_id != second.message_id
    resent = invoice(message_id=first.message_id)
    assert resent.message_id == first.message_id


def test_message_id_on_idn_domain_is_ascii() -> None:
    mail = invoice(sender_address="contact@société.fr")
    assert mail.message_id.endswith("@xn--socit-esab.fr>")
    assert mail.envelope_from == "contact@xn--socit-esab.fr"
    assert not mail.smtputf8


def test_malformed_message_id_refused() -> None:
    with pytest.raises(ValidationError) as info:
        invoice(message_id="not-a-message-id")
    assert info.value.data["field"] == "message_id"


def test_date_header() -> None:
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    assert parsedate_to_datetime(str(invoice(date=when).message["Date"])) == when
    with pytest.raises(ValueError):
        invoice(date=datetime(2026, 3, 1, 9, 30))  # naive
    assert parsedate_to_datetime(str(invoice().message["Date"])).tzinfo is not None


def test_non_ascii_local_part_needs_smtputf8() -> None:
    mail = invoice(to=["zoé@client.fr"])
    assert mail.smtputf8
    assert mail.envelope_to == ("zoé@client.fr",)
    assert needs_smtputf8(mail.message)
    assert mail.to == ("zoé@client.fr",)
    assert message_to_bytes(mail.message) == mail.raw


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", "Facture\r\nBcc: victim@example.org"),
        ("subject", "Facture\nX-Evil: 1"),
        ("subject", "Facture\rX-Evil: 1"),
        ("sender_name", "ACME\r\nBcc: victim@example.org"),
        ("sender_name", "ACME\u2028SARL"),
        ("pdf_filename", "F1\r\n.pdf"),
    ],
)
def test_header_injection_refused(field: str, value: str) -> None:
    with pytest.raises(HeaderInjectionError) as info:
        invoice(**{field: value})
    assert info.value.code == "mail.header_injection"
    assert info.value.data["field"] == field


def test_line_break_in_an_address_is_header_injection() -> None:
    with pytest.raises(HeaderInjectionError) as info:
        invoice(to=["a@client.fr\r\nBcc: victim@example.org"])
    assert info.value.data["field"] == "to"


@pytest.mark.parametrize("field", ["to", "cc", "bcc", "reply_to", "sender_address"])
def test_invalid_address_refused(field: str) -> None:
    value: object = ["pas-une-adresse"] if field in ("to", "cc", "bcc") else "pas-une-adresse"
    with pytest.raises(InvalidAddressError) as info:
        invoice(**{field: value})
    assert info.value.data["field"] == field
    assert info.value.data["value"] == "pas-une-adresse"


def test_no_recipient_refused() -> None:
    with pytest.raises(ValidationError) as info:
        invoice(to=[])
    assert info.value.data["field"] == "to"


def test_duplicate_recipients_get_one_copy() -> None:
    mail = invoice(to=["a@client.fr"], cc=["A@client.fr"], bcc=["a@client.fr"])
    assert mail.envelope_to == ("a@client.fr",)


def test_a_lone_string_is_one_address() -> None:
    assert invoice(to="compta@client.fr").envelope_to == ("compta@client.fr",)


def test_reply_to_can_differ() -> None:
    mail = invoice(reply_to="compta@acme.fr")
    assert str(mail.message["Reply-To"]) == "compta@acme.fr"


def test_without_display_name_or_attachment() -> None:
    mail = invoice(sender_name="", pdf=None)
    assert str(mail.message["From"]) == "contact@acme.fr"
    assert not mail.message.is_multipart()


def test_store_and_reload_unchanged() -> None:
    mail = invoice(sender_name="Société « Été »", cc=["b@client.fr"], bcc=["c@acme.fr"])
    stored = (mail.raw, mail.envelope_from, list(mail.envelope_to), list(mail.bcc))
    reloaded = PreparedMail(stored[0], stored[1], tuple(stored[2]), tuple(stored[3]))
    assert reloaded == mail
    assert message_to_bytes(message_from_bytes(mail.raw)) == mail.raw


def test_pdf_filename() -> None:
    assert pdf_filename("F2026-0001") == "F2026-0001.pdf"
    assert pdf_filename("F/2026\\01") == "F-2026-01.pdf"
    assert pdf_filename("  ") == "document.pdf"
