"""The IMAP box of the mail settings, the Tester's steps in the dialog (real SMTP and IMAP
servers), and the copy in the Sent folder as the outbox table shows it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import SmtpSecurity
from app.domain.outbox import OutboxState
from app.mail.transport import PASSWORD_ENV
from app.services.database import Database
from app.services.outbox import OutboxItem
from app.services.settings import Company, update_company
from tests.conftest import MemoryKeyring
from tests.imap_server import ImapTestServer
from tests.smtp_server import SmtpTestServer
from tests.ui.test_settings_dialog import SENDER, SERVER, configure_smtp, open_dialog
from ui.dialogs.settings_imap import ImapSettingsBox
from ui.models.outbox_model import OutboxTableModel


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("FACTURIER_DB", raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


def test_the_imap_box_loads_edits_and_gives_its_values(qtbot: QtBot) -> None:
    box = ImapSettingsBox()
    qtbot.addWidget(box)
    for name in (
        "imapHostEdit",
        "imapPortSpin",
        "imapSecurityCombo",
        "imapUserEdit",
        "imapSentFolderEdit",
        "imapCopyCheck",
    ):
        assert box.findChild(QWidget, name) is not None, name
    box.load(Company())
    assert not box.copy.isChecked() and not box.host.isEnabled()

    box.load(
        Company(
            imap_host="imap.orange.fr",
            imap_port=993,
            imap_security=SmtpSecurity.SSL,
            imap_sent_folder="Éléments envoyés",
            imap_copy=True,
        )
    )
    assert box.host.isEnabled()
    box.security.setCurrentIndex(box.security.findData(SmtpSecurity.STARTTLS))
    assert box.port.value() == 143  # the usual port follows the security
    assert box.values() == {
        "imap_host": "imap.orange.fr",
        "imap_port": 143,
        "imap_security": SmtpSecurity.STARTTLS,
        "imap_user": "",
        "imap_sent_folder": "Éléments envoyés",
        "imap_copy": True,
    }
    with qtbot.waitSignal(box.changed):
        box.apply({"imap_host": "ssl0.ovh.net", "imap_port": 993, "imap_security": "ssl"})
    assert (box.host.text(), box.port.value(), box.selected_security()) == (
        "ssl0.ovh.net",
        993,
        SmtpSecurity.SSL,
    )
    box.host.clear()
    assert box.values()["imap_copy"] is False  # nowhere to file it: no copy


def sent_item(copy_state: str, copy_error: str = "") -> OutboxItem:
    now = datetime(2026, 12, 3, 10, 0)
    return OutboxItem(
        id=7, document_id=1, number="D-2026-0001", client_id=1, client_name="Éclair",
        state=OutboxState.SENT, to="compta@eclair.example", cc="", bcc="", subject="Devis",
        attempts=1, last_error="", last_reply="250 OK", next_attempt_at=None, created_at=now,
        sent_at=now, message_id="<1@x>", copy_state=copy_state, copy_error=copy_error,
    )  # fmt: skip


def test_the_outbox_table_tells_the_copy_in_sent(qtbot: QtBot) -> None:
    model = OutboxTableModel()
    model.set_items([sent_item("pending")])
    error = model.index(0, OutboxTableModel.ERROR)
    assert model.data(error) == "Copy in Sent: pending"
    model.set_items([sent_item("failed", "imap.auth/rejected")])
    assert model.data(error) == (
        "Copy in Sent failed: the IMAP server refuses the user name or password"
    )
    model.set_items([sent_item("pending", "imap.unreachable/refused")])
    assert "last attempt: the IMAP server cannot be reached" in model.data(error)
    model.set_items([sent_item("done")])
    assert model.data(error) == ""


def test_the_tester_reports_each_step_and_what_to_do_when_imap_fails(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, smtp_server.password)
    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", "not the password")
    configure_smtp(db, smtp_server)
    update_company(
        db,
        imap_host=imap_server.host,
        imap_port=imap_server.ssl_port,
        imap_security=SmtpSecurity.SSL,
        imap_user=imap_server.user,
        imap_copy=True,
    )
    dialog = open_dialog(qtbot, db, SERVER)
    page = dialog.server_page
    page.start_test()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=15_000)

    text = page.test_result.text()
    assert text.startswith("The IMAP server refuses the user name or the password.")
    assert f"✔ Test message sent to {SENDER}" in text
    assert f"✘ No connection to the IMAP server {imap_server.host}:{imap_server.ssl_port}" in text
    assert page.test_result.tone == "error"
    assert len(smtp_server.wait_for_messages(1)) == 1

    monkeypatch.setenv("FACTURIER_IMAP_PASSWORD", imap_server.password)
    page.start_test()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=15_000)
    text = page.test_result.text()
    assert text.startswith(f"The test message was sent to {SENDER}")
    assert "✔ The message is in the folder “Sent”" in text
    assert page.test_result.tone == "success"


def test_the_window_files_the_copy_after_its_drain(
    qtbot: QtBot,
    db: Database,
    smtp_server: SmtpTestServer,
    imap_server: ImapTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.services.batch import prepare_batch
    from app.services.outbox import list_outbox
    from tests.integration.sending_helpers import clients, configure
    from tests.integration.test_imap_copy import imap_on, quote
    from ui.outbox_sender import OutboxSender

    configure(db, smtp_server, monkeypatch)
    imap_on(db, imap_server, monkeypatch, security=SmtpSecurity.SSL)
    prepared = prepare_batch(db, [quote(db, clients(db).accented)], later=True)
    sender = OutboxSender(db)
    with qtbot.waitSignal(sender.drainFinished, timeout=15_000):
        assert sender.send_now(prepared.outbox_ids)

    def copied() -> bool:  # in a task of its own, after the drain's report
        [item] = list_outbox(db, include_sent=True, ids=prepared.outbox_ids)
        return bool((item.state, item.copy_state) == (OutboxState.SENT, "done"))

    qtbot.waitUntil(copied, timeout=15_000)
    assert [raw for raw, _f, _d in imap_server.messages()] == [smtp_server.messages[0].data]
