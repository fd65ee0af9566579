"""Which addresses receive a document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.kinds import ContactKind


class SendAs(StrEnum):
    """How one of the client's Mail addresses receives the documents."""

    TO = "to"
    CC = "cc"  # e.g. the client's accounting address, in copy (still the client's)

    @classmethod
    def of(cls, value: str | None) -> SendAs:
        """A stored value; anything but "cc" is To (the column's default)."""
        return cls.CC if value == cls.CC else cls.TO


@dataclass(frozen=True)
class ContactRow:
    kind: ContactKind
    value: str
    label: str = ""
    mail: bool = False
    send_as: SendAs = SendAs.TO


@dataclass(frozen=True)
class ClientRecipients:
    """The client's Mail addresses split by header; both count for delivery."""

    to: tuple[str, ...]
    cc: tuple[str, ...]

    @property
    def all(self) -> list[str]:
        return [*self.to, *self.cc]


def mailing_addresses(contacts: Iterable[ContactRow]) -> list[str]:
    """The client's e-Mail rows with Mail ticked, in order, without case-insensitive repeats."""
    return [address for address, _send_as in _mailing_rows(contacts)]


def client_recipients(contacts: Iterable[ContactRow]) -> ClientRecipients:
    """The client's Mail addresses in To and in Cc (as each row says). A message needs a To:
    when every address is "cc", the first one goes in To."""
    rows = _mailing_rows(contacts)
    to = [address for address, send_as in rows if send_as != SendAs.CC]
    cc = [address for address, send_as in rows if send_as == SendAs.CC]
    if not to and cc:
        to.append(cc.pop(0))
    return ClientRecipients(tuple(to), tuple(cc))


def _mailing_rows(contacts: Iterable[ContactRow]) -> list[tuple[str, SendAs]]:
    seen: set[str] = set()
    result: list[tuple[str, SendAs]] = []
    for contact in contacts:
        if contact.kind != ContactKind.EMAIL or not contact.mail:
            continue
        address = contact.value.strip()
        key = address.casefold()
        if address and key not in seen:
            seen.add(key)
            result.append((address, contact.send_as))
    return result
