"""The window accepts a kind registered by a test alone: its report tab, its editor (dates,
titles in both languages, validation) and its e-mail template in Settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QListWidget, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.kinds import DocumentKind, registered_kinds
from app.domain.template_placeholders import DOCUMENT_PLACEHOLDERS
from app.domain.templates import DEFAULT_TEMPLATES
from app.services.clients import ClientData, save_client
from app.services.database import Database
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, get_document, save_draft
from app.services.settings import update_company
from tests.registered_kind import TEST_SPEC
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.document_editor import DocumentEditorDialog
from ui.dialogs.settings_templates import TemplatesPage
from ui.i18n import install_translators
from ui.main import create_main_window

ISSUED = date(2026, 5, 4)


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(db, name="Atelier Dupont", siren="732829320", city="Lyon")
    return save_client(db, ClientData(name="Boulangerie Éclair", city="Villeurbanne"))


def draft(db: Database, kind: DocumentKind, client_id: int) -> int:
    line = LineInput("Essai sur site", Decimal("2"), Decimal("150.00"), Decimal("20"), "u")
    return save_draft(db, DocumentInput(kind, client_id, ISSUED, (line,)))


def _discard(dialog: QWidget) -> None:
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]


def test_its_editor_validates_it(
    qtbot: QtBot, db: Database, client_id: int, test_kind: DocumentKind
) -> None:
    document_id = draft(db, test_kind, client_id)
    dialog = DocumentEditorDialog(db, test_kind, document_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Test slip (draft) – Boulangerie Éclair"
    assert dialog.findChild(QDateEdit, "deliveryDateEdit") is not None  # its second date
    assert dialog.findChild(QDateEdit, "dueDateEdit") is None
    dialog.ask_validate = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.validated, timeout=30_000):
        qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Test slip T-2026-0001 – Boulangerie Éclair"
    assert get_document(db, document_id).number == "T-2026-0001"


def test_its_new_editor_is_titled_in_french(
    qtbot: QtBot, qapp: QApplication, db: Database, client_id: int, test_kind: DocumentKind
) -> None:
    install_translators(qapp, "fr")
    try:
        dialog = DocumentEditorDialog(db, test_kind, None)
        qtbot.addWidget(dialog, before_close_func=_discard)
        assert dialog.windowTitle() == "Nouveau bon d'essai"
    finally:
        install_translators(qapp, "en")


def test_its_template_is_in_settings(qtbot: QtBot, test_kind: DocumentKind) -> None:
    page = TemplatesPage({kind: DEFAULT_TEMPLATES[kind] for kind in registered_kinds()})
    qtbot.addWidget(page)
    labels = [page.kind_list.item(row).text() for row in range(page.kind_list.count())]
    assert labels[-1] == "Test slip"
    page.show_kind(test_kind)
    assert page.subject.text() == TEST_SPEC.template.subject
    assert f"T-{date.today().year}-0042" in page.preview_subject.text()


def test_the_window_has_its_report(
    qtbot: QtBot, db: Database, db_url: str, client_id: int, test_kind: DocumentKind
) -> None:
    draft(db, test_kind, client_id)
    window = create_main_window(db_url)
    qtbot.addWidget(window)
    nav = window.findChild(QListWidget, "navigation")
    assert nav is not None
    keys = [nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(nav.count())]
    assert keys == [
        "invoice",
        "quote",
        "order",
        "delivery",
        "test_kind",
        "clients",
        "outbox",
        "reminders",
    ]
    assert nav.item(4).text() == "Test slips"
    nav.setCurrentRow(4)
    wait_report_loaded(qtbot, window.report_view)
    model = window.report_view.model
    assert model.rowCount() == 1
    assert window.report_view.kind() is test_kind


def test_placeholder_buttons_come_from_the_one_list(qtbot: QtBot, qapp: QApplication) -> None:
    install_translators(qapp, "fr")
    try:
        page = TemplatesPage({kind: DEFAULT_TEMPLATES[kind] for kind in registered_kinds()})
        qtbot.addWidget(page)
        assert list(page.placeholder_buttons) == [p.name for p in DOCUMENT_PLACEHOLDERS]
        tips = [b.toolTip() for b in page.placeholder_buttons.values()]
        assert tips == [p.description.fr for p in DOCUMENT_PLACEHOLDERS]
        assert tips[0] == "Le numéro du document"
        assert page.kind_list.item(0).text() == "Facture"
    finally:
        install_translators(qapp, "en")
