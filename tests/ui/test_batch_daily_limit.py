"""The confirmation dialog tells, before sending, what the provider's day will not take."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.db.archive import utcnow
from app.db.database import open_database
from app.domain.outbox import HoldReason, OutboxState
from app.services.outbox import list_outbox
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.fresh_catalogues import use_language
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.models.envelope import local_datetime


@pytest.fixture(autouse=True)
def french(qapp: QApplication) -> Iterator[None]:
    use_language(qapp, "fr")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    use_language(qapp, "en")


def test_the_dialog_says_what_leaves_today_and_the_summary_what_waits(
    qtbot: QtBot, db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    update_company(db, daily_message_limit=2)
    people = clients(db)
    ids = [invoice(db, people.accented, str(100 + i)) for i in range(3)]
    dialog = BatchConfirmDialog(db, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.findChild(QLabel, "dailyLimitLabel")
    assert label is not None
    qtbot.waitUntil(label.isVisible)
    # Nothing went out today yet: the third one waits 24 hours after the first.
    tomorrow = [local_datetime(utcnow() + timedelta(days=1, minutes=m)) for m in (-1, 0)]
    times = {when.time().toString("HH:mm") for when in tomorrow}
    text = label.text()
    head, _, tail = text.partition(" à partir de ")
    assert head == "2 messages partiront aujourd’hui\u202f; le dernier sera envoyé demain", text
    assert tail[:5] in times
    assert tail[5:] == " (limite de votre fournisseur\u00a0: 2 messages par jour)."

    with qtbot.waitSignal(dialog.batchFinished, timeout=20_000):
        dialog.validate_button.click()
    assert len(smtp_server.messages) == 2
    held = [i for i in list_outbox(db) if i.state == OutboxState.HELD]
    assert [i.hold_reason for i in held] == [HoldReason.DAILY_LIMIT]
    summary = dialog.findChild(QLabel, "batchSummaryLabel")
    assert summary is not None
    assert "1 pour plus tard (limite quotidienne)" in summary.text()
    assert "limite quotidienne de votre fournisseur de messagerie est atteinte" in summary.text()
    assert dialog.count_label.text() == "2 envoyés, 1 pour plus tard (limite quotidienne)"
    dialog.close()
    db.dispose()
