"""A mixed batch through the real window: the send button (« Envoyer » once a platform is
set up) e-mails some invoices and deposits the others on the approved platform (real SMTP
and platform test servers), each exactly once, and the report shows each one's channel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from tests.integration.platform_helpers import mixed_invoices, platform_business
from tests.platform_server import PlatformTestServer
from tests.smtp_server import SmtpTestServer
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.tasks import Task

COUNT = 10  # six for the platform, four by e-mail


@pytest.fixture
def invoices(
    db_path: Path,
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> list[int]:
    db = open_database(str(db_path))
    try:
        return mixed_invoices(
            db, platform_business(db, smtp_server, platform_server, monkeypatch), COUNT
        )
    finally:
        db.dispose()


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, invoices: list[int]) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    Task.wait_all()


def test_a_mixed_batch_from_the_window(
    qtbot: QtBot,
    window: MainWindow,
    invoices: list[int],
    smtp_server: SmtpTestServer,
    platform_server: PlatformTestServer,
) -> None:
    button = window.findChild(QToolButton, "sendWebmailButton")
    assert button is not None
    qtbot.waitUntil(lambda: button.text() == "Send")  # a platform is set up
    qtbot.waitUntil(lambda: window.report_view.model.rowCount() == COUNT, timeout=10_000)
    window.report_view.model.set_checked(invoices, True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(
        lambda: dialog.plan_ready and dialog.validate_button.isEnabled(), timeout=30_000
    )
    assert dialog.channel_label.text() == "4 by e-mail, 6 through the platform"

    with qtbot.waitSignal(dialog.documentsChanged, timeout=60_000):
        qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.outbox_sender.is_busy(), timeout=30_000)
    assert len(smtp_server.messages) == 4
    deposits = Counter(d.invoice_number for d in platform_server.deposits)
    assert len(deposits) == 6 and max(deposits.values()) == 1
    model = window.report_view.model
    envelope_column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Sent"
    )

    def tooltips() -> Counter[str]:
        found: Counter[str] = Counter()
        for row in range(model.rowCount()):
            text = str(model.index(row, envelope_column).data(Qt.ItemDataRole.ToolTipRole))
            found["platform" if "platform" in text else "email"] += 1
        return found

    qtbot.waitUntil(lambda: tooltips() == {"platform": 6, "email": 4}, timeout=10_000)
