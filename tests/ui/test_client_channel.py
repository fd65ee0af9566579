"""The client editor's "Invoices sent by" choice (deliveryChannelCombo) and the line that
says what "Automatic" gives now (directoryStatusLabel), from the directory's last answer
read in the background.

Set FACTURIER_SHOTS to a folder to save a screenshot of the editor (French).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.db.models import Client
from app.domain.kinds import ContactKind
from app.domain.platform import DeliveryChoice
from app.domain.reform import ClientType
from app.services.clients import ClientData, ContactData, get_client, save_client
from app.services.database import Database
from app.services.settings import update_company
from tests.ui.gui_thread_queries import counting_gui_thread_queries
from tests.ui.test_client_editor_type import open_editor
from ui.dialogs.client_editor import ClientEditorDialog

SIREN = "732829320"


def business(db: Database, *, checked: bool = True) -> int:
    update_company(
        db,
        name="Atelier Dupont",
        platform_url="https://pa.example/api/v1",
        platform_client_id="client",
    )
    client_id = save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            siren=SIREN,
            city="Lyon",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.example", mail=True),),
        ),
    )
    if checked:
        with db.write() as session:
            row = session.get(Client, client_id)
            assert row is not None
            row.in_directory, row.directory_checked_at = True, datetime(2026, 12, 3, 10, 0)
    return client_id


def status(qtbot: QtBot, dialog: ClientEditorDialog) -> str:
    label = dialog.channel_box.status_label
    assert label.objectName() == "directoryStatusLabel"
    qtbot.waitUntil(lambda: "…" not in label.text())  # the directory's answer was read
    return label.text()


def test_the_choice_is_saved_and_shown_again(qtbot: QtBot, db: Database) -> None:
    client_id = business(db)
    dialog = open_editor(qtbot, db, client_id)
    combo = dialog.channel_box.combo
    assert combo.objectName() == "deliveryChannelCombo"
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "",
        "email",
        "platform",
        "platform_copy",
    ]
    assert combo.currentData() == "" and not dialog.is_dirty()
    combo.setCurrentIndex(combo.findData("platform_copy"))
    assert dialog.is_dirty()
    assert dialog.save()
    assert get_client(db, client_id).delivery_channel == DeliveryChoice.PLATFORM_AND_EMAIL

    again = open_editor(qtbot, db, client_id)
    assert again.channel_box.combo.currentData() == "platform_copy"
    assert not again.is_dirty()
    status(qtbot, again)


def test_the_line_says_what_automatic_gives_and_why(qtbot: QtBot, db: Database) -> None:
    client_id = business(db)
    dialog = open_editor(qtbot, db, client_id)
    assert status(qtbot, dialog) == (
        "Automatic: platform — SIREN registered in the directory on 03/12/2026"
    )
    dialog.edits["country"].setText("Belgique")
    assert status(qtbot, dialog) == "Automatic: e-mail — client abroad"
    dialog.edits["country"].setText("France")
    dialog.edits["siren"].setText("552100554")
    assert status(qtbot, dialog) == "Automatic: e-mail — directory not consulted yet"
    with counting_gui_thread_queries() as queries:  # typing reads nothing
        dialog.private_radio.setChecked(True)
        assert status(qtbot, dialog) == "Automatic: e-mail — private person"
    assert queries.statements == [], queries.report()


def test_a_client_never_asked_and_a_new_one(qtbot: QtBot, db: Database, french: None) -> None:
    client_id = business(db, checked=False)
    dialog = open_editor(qtbot, db, client_id)
    assert status(qtbot, dialog) == "Automatique\u00a0: e-mail — annuaire pas encore consulté"
    assert dialog.channel_box.combo.currentText() == "Automatique (selon l’annuaire)"
    new = open_editor(qtbot, db)
    assert status(qtbot, new) == "Automatique\u00a0: e-mail — pas de SIREN"
    assert new.client_type() == ClientType.BUSINESS


def test_screenshot_in_french(qtbot: QtBot, db: Database, french: None) -> None:
    dialog = open_editor(qtbot, db, business(db))
    assert status(qtbot, dialog).startswith("Automatique\u00a0: plateforme — SIREN inscrit")
    shots = os.environ.get("FACTURIER_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "client-editor-channel.png"))
