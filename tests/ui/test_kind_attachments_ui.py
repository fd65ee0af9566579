"""The files attached to every e-mail of a kind: the list in Settings › E-mail templates
(stored at once, in the background) and the batch preview naming them after the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QListWidget,
    QMessageBox,
    QPushButton,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.kinds import DocumentKind, registered_kinds
from app.services.attachments import add_attachment, list_attachments
from app.services.database import Database
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.dialogs.kind_attachments import KindAttachmentsBox
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main import create_main_window

TEMPLATES = 4  # the settings' tab
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("FACTURIER_DB", raising=False)


def open_templates(qtbot: QtBot, db: Database) -> tuple[SettingsDialog, KindAttachmentsBox]:
    dialog = SettingsDialog(db)
    dialog.ask_unsaved = lambda: Button.Discard  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(TEMPLATES)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.findChild(KindAttachmentsBox, "kindAttachmentsBox")
    assert box is not None
    qtbot.waitUntil(lambda: not box.is_reading())
    return dialog, box


def names(box: KindAttachmentsBox) -> list[str]:
    return [
        box.list.item(row).text()
        for row in range(box.list.count())
        if box.list.item(row).data(Qt.ItemDataRole.UserRole) is not None
    ]


def test_files_are_added_and_removed_per_kind_and_stored_at_once(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = tmp_path / "CGV.pdf"
    terms.write_bytes(b"%PDF-1.4 terms of sale")
    dialog, box = open_templates(qtbot, db)
    files = dialog.findChild(QListWidget, "kindAttachmentList")
    add = dialog.findChild(QPushButton, "addAttachmentButton")
    remove = dialog.findChild(QPushButton, "removeAttachmentButton")
    assert files is box.list and add is not None and remove is not None
    assert names(box) == [] and not remove.isEnabled()

    kinds = registered_kinds()
    dialog.templates_page.show_kind(DocumentKind.INVOICE)
    qtbot.waitUntil(lambda: not box.is_reading())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(terms), ""))
    with qtbot.waitSignal(box.loaded, timeout=10000):
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert names(box) == ["CGV.pdf (22 bytes)"]
    assert "CGV.pdf added." in box.message.label.text()
    # Stored before any Save: the dialog may still be cancelled.
    assert [a.filename for a in list_attachments(db, DocumentKind.INVOICE)] == ["CGV.pdf"]

    # Another kind has its own list.
    other = next(k for k in kinds if k != DocumentKind.INVOICE)
    with qtbot.waitSignal(box.loaded, timeout=10000):
        dialog.templates_page.show_kind(other)
    assert names(box) == []
    with qtbot.waitSignal(box.loaded, timeout=10000):
        dialog.templates_page.show_kind(DocumentKind.INVOICE)

    files.setCurrentRow(0)
    assert remove.isEnabled()
    with qtbot.waitSignal(box.loaded, timeout=10000):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert names(box) == []
    assert list_attachments(db, DocumentKind.INVOICE) == []


def test_an_empty_file_is_refused_with_a_sentence(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    _dialog, box = open_templates(qtbot, db)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(empty), ""))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.is_reading() and box.message.isVisibleTo(box))
    assert box.message.label.text() == "vide.pdf is empty: there is nothing to attach."
    assert box.message.tone == "error"
    assert names(box) == []


@pytest.fixture
def business(db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> int:
    db = open_database(str(db_path))
    try:
        configure(db, smtp_server, monkeypatch)
        doc = invoice(db, clients(db).two_addresses, "100")
        add_attachment(db, DocumentKind.INVOICE, b"%PDF-1.4 terms", "CGV.pdf")
    finally:
        db.dispose()
    return doc


def test_the_batch_preview_names_the_files_after_the_pdf(
    qtbot: QtBot, db_path: Path, business: int
) -> None:
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    window.report_view.model.set_checked([business], True)
    button = window.findChild(QToolButton, "sendWebmailButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: "CGV.pdf" in dialog.attachment_label.text(), timeout=10000)
    text = dialog.attachment_label.text()
    assert text.startswith("F-2026-") and text.endswith(", CGV.pdf (14 bytes)")
    dialog.reject()
    QApplication.processEvents()
