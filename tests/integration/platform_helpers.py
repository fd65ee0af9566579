"""A business that invoices through the approved platform and by e-mail, against the real
SMTP and platform test servers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.db.database import Database
from app.domain.kinds import ContactKind
from app.domain.reform import OperationCategory
from app.services.clients import ClientData, ContactData, save_client
from app.services.platform_account import set_platform
from app.services.settings import update_company
from tests.integration.sending_helpers import configure, invoice
from tests.platform_server import PLATFORM_CLIENT_ID, PlatformTestServer
from tests.smtp_server import SmtpTestServer

# In the platform test server's directory (tests/platform_server.py DEFAULT_DIRECTORY).
REGISTERED_SIRENS = ("552100554", "443061841")
NOT_REGISTERED_SIREN = "572015246"  # a valid SIREN with no directory line


@dataclass(frozen=True)
class MixedClients:
    registered: tuple[int, ...]  # French businesses found in the directory: the platform
    unregistered: int  # a French business the directory does not know: e-mail
    private: int  # a private person: e-mail


def platform_business(
    db: Database,
    smtp: SmtpTestServer,
    platform: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> MixedClients:
    """The company set for both channels, and clients of each kind (all with an address)."""
    configure(db, smtp, monkeypatch)
    # A business buyer needs the seller's VAT number and the operation's category (EN 16931).
    update_company(db, vat_number="FR44732829320", operation_category=OperationCategory.SERVICES)
    set_platform(db, url=platform.url, client_id=PLATFORM_CLIENT_ID)

    def client(name: str, siren: str = "") -> int:
        mail = ContactData(ContactKind.EMAIL, f"compta@{name.lower()}.example", mail=True)
        return save_client(db, ClientData(name=name, siren=siren, contacts=(mail,)))

    registered = tuple(client(f"Registered{i}", s) for i, s in enumerate(REGISTERED_SIRENS))
    return MixedClients(
        registered, client("Unregistered", NOT_REGISTERED_SIREN), client("Particulier")
    )


def mixed_invoices(db: Database, people: MixedClients, count: int) -> list[int]:
    """``count`` validated invoices, two in five for e-mail clients, the rest for the
    platform's."""
    ids = []
    for index in range(count):
        if index % 5 == 3:
            client = people.unregistered
        elif index % 5 == 4:
            client = people.private
        else:
            client = people.registered[index % 2]
        ids.append(invoice(db, client, str(100 + index)))
    return ids
