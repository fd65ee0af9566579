"""Envoi Webmail with an approved platform set up: the confirmation says how many documents
leave by e-mail and how many through the platform (channelCountLabel), after asking the
platform's directory (a real one over HTTPS, tests/platform_server.py).

Set FACTURIER_SHOTS to a folder to save a screenshot of the dialog (French).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.kinds import ContactKind
from app.domain.reform import ClientType, OperationCategory
from app.services.clients import ClientData, ContactData, save_client
from app.services.database import Database
from app.services.settings import update_company
from tests.integration.sending_helpers import COMPANY, SENDER, invoice
from tests.platform_server import PLATFORM_CLIENT_ID, PlatformTestServer
from ui.dialogs.batch_confirm import BatchConfirmDialog


def client(db: Database, name: str, address: str, **fields: object) -> int:
    contacts = (ContactData(ContactKind.EMAIL, address, mail=True),) if address else ()
    return save_client(db, ClientData(name=name, contacts=contacts, **fields))  # type: ignore[arg-type]


@pytest.fixture
def mixed(db: Database, platform_server: PlatformTestServer) -> list[int]:
    """Two invoices for a French business in the directory, one for a private person."""
    update_company(
        db,
        name=COMPANY,
        siren="732829320",
        city="Lyon",
        sender_name=COMPANY,
        sender_address=SENDER,
        # A business buyer needs the seller's VAT number and the operation's category.
        vat_number="FR44732829320",
        operation_category=OperationCategory.SERVICES,
        platform_url=platform_server.url,
        platform_client_id=PLATFORM_CLIENT_ID,
    )
    pro = client(
        db,
        "Boulangerie Éclair",
        "compta@eclair.example",
        siren="552100554",
        street="1 rue de la Paix",
        postal_code="69001",
        city="Lyon",
        country="France",
        client_type=ClientType.BUSINESS,
    )
    person = client(db, "Jeanne Martin", "", client_type=ClientType.PRIVATE, city="Lyon")
    return [invoice(db, pro, "100"), invoice(db, pro, "200"), invoice(db, person, "50")]


def open_batch(qtbot: QtBot, db: Database, ids: list[int]) -> BatchConfirmDialog:
    dialog = BatchConfirmDialog(db, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan_ready, timeout=30_000)  # the directory was asked
    return dialog


def test_a_mixed_batch_says_how_many_leave_by_each_channel(
    qtbot: QtBot, db: Database, mixed: list[int]
) -> None:
    dialog = open_batch(qtbot, db, mixed)
    label = dialog.channel_label
    assert label.objectName() == "channelCountLabel"
    # The private person has no address: listed as missing; the business's go by the platform.
    assert [item.document_id for item in dialog.plan.missing_address] == [mixed[2]]
    assert label.isVisible() and label.text() == "2 through the platform"
    dialog.sent_box.setChecked(True)  # nothing changes: none was sent before
    assert label.text() == "2 through the platform"


def test_the_counts_in_french_with_e_mail_too(
    qtbot: QtBot, db: Database, mixed: list[int], french: None
) -> None:
    other = client(db, "Paul Durand", "paul@durand.example", client_type=ClientType.PRIVATE)
    ids = [*mixed[:2], invoice(db, other, "70")]
    dialog = open_batch(qtbot, db, ids)
    assert dialog.channel_label.text() == "1 par e-mail, 2 par la plateforme"
    assert not dialog.missing_group.isVisible()
    # The first is for the platform: its preview says so, no e-mail address nor subject.
    assert dialog.subject_label.text().startswith("Dépôt de la facture F-")
    assert dialog.to_label.text() == "la plateforme agréée, pour Boulangerie Éclair"
    shots = os.environ.get("FACTURIER_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "batch-channels.png"))


def test_all_by_e_mail_hides_the_line(qtbot: QtBot, db: Database, mixed: list[int]) -> None:
    other = client(db, "Paul Durand", "paul@durand.example", client_type=ClientType.PRIVATE)
    dialog = open_batch(qtbot, db, [invoice(db, other, "70")])
    assert dialog.channel_label.isHidden()
    assert dialog.count_label.text() == "1 document will be sent."
