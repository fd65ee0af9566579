"""Which addresses receive a document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.kinds import ContactKind


@dataclass(frozen=True)
class ContactRow:
    kind: ContactKind
    value: str
    label: str = ""
    mail: bool = False


def mailing_addresses(contacts: Iterable[ContactRow]) -> list[str]:
    """The client's e-Mail rows with Mail ticked, in order, without case-insensitive repeats."""
    seen: set[str] = set()
    result: list[str] = []
    for contact in contacts:
        if contact.kind != ContactKind.EMAIL or not contact.mail:
            continue
        address = contact.value.strip()
        key = address.casefold()
        if address and key not in seen:
            seen.add(key)
            result.append(address)
    return result
