"""The batch dialog's "One e-mail per client": ticked, a client's documents go together."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.services.documents import get_document
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.fresh_catalogues import use_language
from tests.ui.test_batch_webmail import open_batch, tick
from ui.main import create_main_window
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    use_language(qapp, "en")
    yield
    use_language(qapp, "en")


@pytest.fixture
def documents(
    db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch)
    people = clients(db)
    ids = [
        invoice(db, people.two_addresses, "100"),
        invoice(db, people.accented, "300"),
        invoice(db, people.two_addresses, "200"),
    ]
    db.dispose()
    return ids


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, documents: list[int]) -> Iterator[MainWindow]:
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win


def test_ticking_one_mail_per_client_sends_a_clients_documents_together(
    qtbot: QtBot, window: MainWindow, documents: list[int], smtp_server: SmtpTestServer
) -> None:
    tick(window, documents)
    dialog = open_batch(qtbot, window)
    box = dialog.findChild(QCheckBox, "oneMailPerClientBox")
    assert box is not None and box.isVisibleTo(dialog) and not box.isChecked()
    box.click()
    assert dialog.choices().one_mail_per_client
    assert dialog.count_label.text() == "3 documents will be sent."  # documents, not e-mails
    validate = dialog.findChild(QPushButton, "validateButton")
    assert validate is not None
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000):
        qtbot.mouseClick(validate, Qt.MouseButton.LeftButton)
    assert "3 documents sent" in dialog.summary_label.text()
    received = smtp_server.wait_for_messages(2)
    attached = sorted(len(list(m.message.iter_attachments())) for m in received)
    assert attached == [1, 2]
    for document_id in documents:
        assert get_document(window.db, document_id).sent_at is not None
    dialog.close()


def test_the_option_is_offered_only_when_a_client_has_several_documents(
    qtbot: QtBot, window: MainWindow, documents: list[int]
) -> None:
    tick(window, documents[:2])  # two clients, one document each
    dialog = open_batch(qtbot, window)
    box = dialog.findChild(QCheckBox, "oneMailPerClientBox")
    assert box is not None and not box.isVisibleTo(dialog)
    assert not dialog.choices().one_mail_per_client
    dialog.close()
