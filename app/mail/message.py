"""Building the e-mail of one document, ready to be stored in the outbox and sent later.

A prepared message is kept as the exact bytes that will follow ``DATA`` (CRLF line ends,
headers either ASCII or, when SMTPUTF8 is needed, UTF-8), so what is sent after a restart
or a resend is byte for byte what was prepared, Message-ID included.
"""

from __future__ import annotations

import email
import email.policy
import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from app.errors import HeaderInjectionError, InvalidAddressError, ValidationError

# Line breaks and control characters have no place in a header value: CR/LF would inject
# headers, the others are line separators for some readers. Tab is harmless.
_UNSAFE_HEADER_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")  # printable ASCII without < >
_ADDRESS_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc")


@dataclass(frozen=True)
class PreparedMail:
    """One message as it goes on the wire, with its SMTP envelope.

    ``bcc`` is kept here because Bcc recipients are, by design, nowhere in ``raw``.
    Store ``raw``, ``envelope_from``, ``envelope_to`` and ``bcc``; rebuild with the
    constructor.
    """

    raw: bytes
    envelope_from: str
    envelope_to: tuple[str, ...]
    bcc: tuple[str, ...] = ()

    @property
    def message(self) -> EmailMessage:
        """A fresh parsed copy (changing it does not change what is sent)."""
        return message_from_bytes(self.raw)

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"] or "")

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    @property
    def to(self) -> tuple[str, ...]:
        return _header_addresses(self.message, "To")

    @property
    def cc(self) -> tuple[str, ...]:
        return _header_addresses(self.message, "Cc")

    @property
    def smtputf8(self) -> bool:
        """True when the server must offer SMTPUTF8 (non-ASCII mailbox names)."""
        return not self.raw.isascii() or not all(
            a.isascii() for a in (self.envelope_from, *self.envelope_to)
        )


def build_message(
    *,
    sender_name: str,
    sender_address: str,
    to: Sequence[str],
    subject: str,
    body: str,
    reply_to: str | None = None,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    pdf: bytes | None = None,
    pdf_filename: str = "document.pdf",
    message_id: str | None = None,
    date: datetime | None = None,
    more_pdfs: Sequence[tuple[str, bytes]] = (),
    files: Sequence[tuple[str, bytes]] = (),
) -> PreparedMail:
    """Build and serialise one message.

    ``reply_to`` defaults to the sender address. ``message_id`` is made on the sender's
    domain unless given (a resend passes the original one). ``date`` must be timezone-aware;
    it defaults to now, local time. Raises ``HeaderInjectionError`` for line breaks or
    control characters in a header value, ``InvalidAddressError`` for a bad address and
    ``ValidationError`` (field "to") when there is no To recipient. ``more_pdfs``: further
    PDF attachments, (file name, bytes) each, after ``pdf``; ``files``: any other files
    after those (the kind's attachments), typed by their names' extensions.
    """
    for field, value in (
        ("sender_name", sender_name),
        ("subject", subject),
        ("pdf_filename", pdf_filename),
        ("message_id", message_id or ""),
        *(("pdf_filename", name) for name, _data in more_pdfs),
        *(("filename", name) for name, _data in files),
    ):
        _check_header_value(field, value)

    sender = _validated("sender_address", sender_address)
    reply = _validated("reply_to", reply_to) if reply_to else sender
    to_list = [_validated("to", a) for a in _as_list(to)]
    cc_list = [_validated("cc", a) for a in _as_list(cc)]
    bcc_list = [_validated("bcc", a) for a in _as_list(bcc)]
    if not to_list:
        raise ValidationError("no To recipient", field="to")

    if message_id is None:
        message_id = make_msgid(domain=sender.ascii_domain)
    elif not _MESSAGE_ID.fullmatch(message_id):
        raise ValidationError("malformed Message-ID", field="message_id", value=message_id)
    if date is None:
        date = datetime.now().astimezone()
    elif date.tzinfo is None:
        raise ValueError("the Date header needs a timezone-aware datetime")

    msg = EmailMessage(policy=email.policy.default)
    try:
        msg["From"] = sender.header_address(sender_name)
        msg["Reply-To"] = reply.header_address("")
        msg["To"] = [a.header_address("") for a in to_list]
        if cc_list:
            msg["Cc"] = [a.header_address("") for a in cc_list]
        msg["Subject"] = subject
        msg["Date"] = format_datetime(date)
        msg["Message-ID"] = message_id
        # Quoted-printable keeps the body 7-bit: no reliance on the server's 8BITMIME.
        msg.set_content(body, cte="quoted-printable")
        if pdf is not None:
            msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_filename)
        for name, data in more_pdfs:
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
        for name, data in files:
            maintype, subtype = mime_type(name).split("/", 1)
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    except ValueError as exc:
        # The checks above should have caught it; the email package is the last line.
        raise HeaderInjectionError(str(exc), field="header") from exc

    envelope_to = _unique(a.envelope for a in (*to_list, *cc_list, *bcc_list))
    return PreparedMail(
        raw=message_to_bytes(msg),
        envelope_from=sender.envelope,
        envelope_to=tuple(envelope_to),
        bcc=tuple(a.envelope for a in bcc_list),
    )


def envelope_address(address: str) -> str:
    """``address`` as ``build_message`` writes it in the envelope (ASCII domain unless the
    mailbox name needs SMTPUTF8): to find a given address among ``PreparedMail.bcc``."""
    return _validated("address", address).envelope


def pdf_filename(number: str) -> str:
    """``<number>.pdf`` with path separators and control characters replaced."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "-", number.strip()) or "document"
    return f"{safe}.pdf"


def mime_type(filename: str) -> str:
    """The media type of a file by its name's extension; unknown: application/octet-stream."""
    guessed, encoding = mimetypes.guess_type(filename, strict=False)
    # A compressed file (.gz) is sent as what it is, not as what it would unpack to.
    return guessed if guessed and not encoding else "application/octet-stream"


def needs_smtputf8(msg: EmailMessage) -> bool:
    """True when a mailbox name in the address headers is not ASCII.

    Non-ASCII display names and domains do not count: the first are RFC 2047 encoded and
    the second are written in their ASCII (punycode) form by ``build_message``.
    """
    for name in _ADDRESS_HEADERS:
        for header in msg.get_all(name, []):
            for address in getattr(header, "addresses", ()):
                if not address.addr_spec.isascii():
                    return True
    return False


def message_to_bytes(msg: EmailMessage) -> bytes:
    """Serialise with CRLF line ends, UTF-8 headers only when SMTPUTF8 is needed."""
    policy = email.policy.SMTPUTF8 if needs_smtputf8(msg) else email.policy.SMTP
    return msg.as_bytes(policy=policy)


def message_from_bytes(raw: bytes) -> EmailMessage:
    """Parse stored or received bytes back into an ``EmailMessage`` (default policy).

    Line ends become ``\n`` as the email package expects, so text parts read back as
    they were written; ``message_to_bytes`` restores CRLF.
    """
    raw = raw.replace(b"\r\n", b"\n")
    if not raw.isascii():
        # UTF-8 headers (RFC 6532): the bytes parser would leave them surrogate-escaped.
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            parsed = email.message_from_string(text, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            return parsed
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


# --- helpers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mailbox:
    local_part: str
    domain: str  # Unicode form, for headers when SMTPUTF8 is needed anyway
    ascii_domain: str
    smtputf8: bool

    @property
    def envelope(self) -> str:
        domain = self.domain if self.smtputf8 else self.ascii_domain
        return f"{self.local_part}@{domain}"

    def header_address(self, display_name: str) -> Address:
        domain = self.domain if self.smtputf8 else self.ascii_domain
        return Address(display_name=display_name, username=self.local_part, domain=domain)


def _validated(field: str, address: str) -> _Mailbox:
    if _UNSAFE_HEADER_CHARS.search(address):
        raise HeaderInjectionError("line break in an address", field=field, value=address)
    from email_validator import EmailNotValidError, validate_email  # lazy: see addresses

    try:
        valid = validate_email(address.strip(), check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidAddressError(str(exc), field=field, value=address, reason=str(exc)) from exc
    return _Mailbox(
        local_part=valid.local_part,
        domain=valid.domain,
        ascii_domain=valid.ascii_domain,
        smtputf8=valid.smtputf8,
    )


def _check_header_value(field: str, value: str) -> None:
    match = _UNSAFE_HEADER_CHARS.search(value)
    if match:
        raise HeaderInjectionError(
            "line break or control character in a header", field=field, char=match.group()
        )


def _as_list(addresses: Sequence[str]) -> list[str]:
    # A lone string is a Sequence[str] too: take it as one address, not as characters.
    return [addresses] if isinstance(addresses, str) else list(addresses)


def _unique(addresses: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for address in addresses:
        key = address.casefold()
        if key not in seen:
            seen.add(key)
            result.append(address)
    return result


def _header_addresses(msg: EmailMessage, name: str) -> tuple[str, ...]:
    header = msg[name]
    if header is None:
        return ()
    return tuple(a.addr_spec for a in getattr(header, "addresses", ()))
