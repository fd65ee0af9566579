"""Keyboard: the focus order of the smaller dialogs is explicit (``tab_order()``, chained
with setTabOrder) and Tab follows it, in reading order, then round again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.catalogue import CatalogItemInput, save_item
from app.services.client_import import ImportProblem, ImportReport
from app.services.client_rules import RequiredFieldError
from app.services.clients import ClientData, save_client
from app.services.documents import validate_document
from app.services.payments import add_payment
from app.services.settings import update_company
from tests.ui.test_keyboard_focus import tab_walk
from tests.ui.test_payments_report import sent_reminder
from tests.ui.test_settings_dialog import open_dialog as open_settings
from tests.unit.test_pdf_preview_service import draft
from tests.unit.test_reports import add_send_record, make_client, make_document
from ui.dialogs.catalogue_picker import CataloguePickerDialog
from ui.dialogs.client_import_report import ClientImportReportDialog
from ui.dialogs.deposit import DepositDialog
from ui.dialogs.document_info import DocumentInfoDialog
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.payments import PaymentsDialog
from ui.dialogs.pdf_preview import PdfPreviewDialog
from ui.dialogs.recurrence import RecurrenceDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.dialogs.shortcuts_sheet import ShortcutsDialog
from ui.tasks import Task


@dataclass(frozen=True)
class Case:
    open: Callable[[QtBot, Database], QWidget]
    order: list[str]  # the objectNames Tab visits, from the first


def shown(qtbot: QtBot, dialog: QWidget, ready: Callable[[], bool] = lambda: True) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(ready)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def invoice(db: Database) -> int:
    return make_document(db, make_client(db, "Boulangerie Martin"))


def deposit(qtbot: QtBot, _db: Database) -> QWidget:
    return shown(qtbot, DepositDialog("D-2026-0001"))


def recurrence(qtbot: QtBot, db: Database) -> QWidget:
    dialog = RecurrenceDialog(db, invoice(db), "F-2026-0001")
    dialog.has_end.setChecked(True)  # the end date takes the focus only when it is on
    return shown(qtbot, dialog, lambda: dialog.loaded and not dialog.is_busy())


def payments(qtbot: QtBot, db: Database) -> QWidget:
    document_id = invoice(db)
    add_payment(db, document_id, date(2026, 3, 10), Decimal("20.00"), "Chèque")  # the list
    dialog = PaymentsDialog(db, document_id, "F-2026-0001")
    return shown(qtbot, dialog, lambda: dialog.state is not None and not dialog.is_busy())


def export(qtbot: QtBot, db: Database) -> QWidget:
    return shown(qtbot, ExportDialog(db))


def catalogue_picker(qtbot: QtBot, db: Database) -> QWidget:
    save_item(db, CatalogItemInput("Ramonage", Decimal("70"), Decimal("20")))
    return shown(qtbot, CataloguePickerDialog(db, vat_exempt=False))


def import_report(qtbot: QtBot, _db: Database) -> QWidget:
    problem = ImportProblem(3, "Nom", RequiredFieldError(field="name"))  # the table shows
    report = ImportReport(imported=0, rows=2, problems=[problem])
    return shown(qtbot, ClientImportReportDialog(report, Path("clients.csv")))


def document_info(qtbot: QtBot, db: Database) -> QWidget:
    document_id = invoice(db)
    add_send_record(db, document_id, datetime(2026, 3, 4, 14, 7))  # both tables have rows
    sent_reminder(db, document_id, 1, datetime(2026, 4, 6, 9, 0))
    return shown(qtbot, DocumentInfoDialog(db, document_id))


def pdf_preview(qtbot: QtBot, db: Database) -> QWidget:
    update_company(db, name="Atelier Dupont", siren="732829320", city="Lyon")
    client_id = save_client(db, ClientData(name="Boulangerie Éclair", city="Lyon"))
    document_id = validate_document(db, draft(db, client_id)).id
    dialog = PdfPreviewDialog(db, document_id)
    return shown(qtbot, dialog, lambda: dialog.pdf is not None and dialog.save_button.isEnabled())


def shortcuts(qtbot: QtBot, _db: Database) -> QWidget:
    return shown(qtbot, ShortcutsDialog())


def settings_page(attribute: str) -> Callable[[QtBot, Database], QWidget]:
    def open_page(qtbot: QtBot, db: Database) -> QWidget:
        dialog = SettingsDialog(db)  # only to find the page's index
        index = dialog.pages.index(getattr(dialog, attribute))
        dialog.deleteLater()
        opened = open_settings(qtbot, db, index)
        if attribute == "database_page":  # an address typed: its buttons come alive
            opened.database_page.url.setText("postgresql+psycopg://facturier@db.example/f")
        return opened

    return open_page


# After a settings page: the dialog's buttons, the page tabs, then the page again.
SETTINGS_END = ["saveButton", "cancelButton", "qt_tabwidget_tabbar"]

CASES = {
    "deposit": Case(
        deposit,
        [
            "depositPercentRadio",  # the checked one of the two (the arrows choose)
            "depositValueEdit",
            "depositOkButton",
            "depositCancelButton",
        ],
    ),
    "recurrence": Case(
        recurrence,
        [
            "recurrenceFrequency",
            "recurrenceDay",
            "recurrenceStart",
            "recurrenceHasEnd",
            "recurrenceEnd",
            "recurrenceDraftRadio",
            "recurrenceSaveButton",  # "Stop" is disabled: no recurrence yet
            "recurrenceCancelButton",
        ],
    ),
    "payments": Case(
        payments,
        [
            "paymentsTable",  # "Remove" waits for a payment chosen in it
            "paymentDate",
            "paymentAmount",
            "paymentMethod",
            "addPaymentButton",
            "markPaidButton",
            "paymentsCloseButton",
        ],
    ),
    "export": Case(
        export,
        [
            "exportFromEdit",
            "exportToEdit",
            "exportFormatCombo",
            "exportFolderEdit",
            "exportBrowseButton",
            "exportPdfsCheck",
            "exportButton",
            "exportCloseButton",
        ],
    ),
    "catalogue-picker": Case(
        catalogue_picker,
        ["catalogueSearch", "catalogueTable", "catalogueAddButton", "catalogueCancelButton"],
    ),
    "client-import-report": Case(import_report, ["importProblemTable", "importCloseButton"]),
    "document-info": Case(
        document_info,
        ["sendHistoryTable", "reminderHistoryTable", "documentInfoCloseButton"],
    ),
    "pdf-preview": Case(
        pdf_preview,
        [
            "zoomOut",
            "zoomIn",
            "fitWidth",
            "pdfScroll",  # the pages: the arrows and Page Down scroll them
            "validateAndSendButton",  # "Send": the document is validated
            "printButton",
            "saveButton",
            "previewCloseButton",
        ],
    ),
    "shortcuts": Case(shortcuts, ["shortcutsTable", "shortcutsCloseButton"]),
    "settings-company": Case(
        settings_page("company_page"),
        [
            "companyNameEdit",
            "legalFormCombo",
            "capitalEdit",
            "streetEdit",
            "postalCodeEdit",
            "cityEdit",
            "countryEdit",
            "chooseLogoButton",  # "Remove" waits for a logo
            "phoneEdit",
            "companyEmailEdit",
            "websiteEdit",
            *SETTINGS_END,
        ],
    ),
    "settings-legal": Case(
        settings_page("legal_page"),
        [
            "sirenEdit",
            "siretEdit",
            "rcsEdit",
            "vatNumberEdit",
            "eAddressEdit",
            "vatExemptCheck",
            "vatOnDebitsCheck",
            "facturxCheck",
            "operationCategoryCombo",
            "ibanEdit",
            "bicEdit",
            "paymentTermsEdit",
            "paymentDaysSpin",
            "latePenaltyRateEdit",
            "earlyPaymentDiscountEdit",
            "latePenaltyEdit",
            *SETTINGS_END,
        ],
    ),
    "settings-server": Case(
        settings_page("server_page"),
        [
            "detectPresetButton",  # the scroll area is no stop of its own
            "smtpHostEdit",
            "smtpPortSpin",
            "smtpSecurityCombo",
            "smtpAuthCombo",
            "smtpUserEdit",
            "smtpPasswordEdit",
            "imapCopyCheck",
            "rateSpin",
            "pacePresetCombo",
            "dailyMessageSpin",
            "dailyRecipientSpin",
            "connectionsSpin",
            "pipeliningCheck",
            "autoRetryCheck",
            "testMessageButton",
            *SETTINGS_END,
        ],
    ),
    "settings-templates": Case(  # with the kind's attachments
        settings_page("templates_page"),
        [
            "templateKindList",
            "templateSubjectEdit",
            "insertNumeroButton",
            "insertClientButton",
            "insertMontantButton",
            "insertDateButton",
            "insertEcheanceButton",
            "insertSocieteButton",
            "templateBodyEdit",
            "resetTemplateButton",
            "kindAttachmentList",
            "addAttachmentButton",  # "Remove" waits for a file chosen in the list
            "previewBody",
            *SETTINGS_END,
        ],
    ),
    "settings-database": Case(
        settings_page("database_page"),
        [
            "databaseUrlEdit",  # "Use the local file again" shows only for a shared one
            "databasePasswordEdit",
            "testDatabaseButton",
            "copyDatabaseButton",
            "useDatabaseButton",
            *SETTINGS_END,
        ],
    ),
    "settings-reminders": Case(
        settings_page("reminders_page"),
        [
            "reminderLevelList",
            "addReminderLevelButton",
            "removeReminderLevelButton",
            "moveReminderLevelDownButton",  # "Up" is disabled on the first level
            "reminderLevelName",
            "reminderLevelDelay",
            "reminderLevelAfter",
            "reminderLevelSubject",
            "reminderInsertNumeroButton",
            "reminderInsertClientButton",
            "reminderInsertMontantButton",
            "reminderInsertDateButton",
            "reminderInsertEcheanceButton",
            "reminderInsertSocieteButton",
            "reminderInsertJoursDeRetardButton",
            "reminderInsertMontantDuButton",
            "reminderInsertPenalitesButton",
            "reminderInsertListeFacturesButton",
            "reminderLevelBody",
            "reminderLevelLetter",
            "reminderLevelStatement",
            "legalInterestRate",
            "reminderPerInvoice",
            "reminderPreviewBody",
            *SETTINGS_END,
        ],
    ),
    "settings-platform": Case(
        settings_page("platform_page"),
        [
            "platformUrlEdit",
            "platformClientIdEdit",
            "platformSecretEdit",
            "platformTokenUrlEdit",
            "platformTestButton",
            *SETTINGS_END,
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_tab_walks_the_dialog_in_order(qtbot: QtBot, db: Database, name: str) -> None:
    case = CASES[name]
    dialog = case.open(qtbot, db)
    first = dialog.findChild(QWidget, case.order[0])
    assert first is not None
    names = tab_walk(qtbot, dialog, first, len(case.order))
    assert names == [*case.order, case.order[0]]
    if hasattr(dialog, "tab_order"):  # the explicit order names every widget Tab reaches
        assert set(case.order) <= {w.objectName() for w in dialog.tab_order()}
    if isinstance(dialog, QDialog) and not isinstance(dialog, SettingsDialog):
        dialog.reject()  # the settings are discarded by their fixture
    Task.wait_all()


# Where the focus is when the dialog opens: typing filters the catalogue, the arrows scroll
# the pages; a report to read starts on Close.
FIRST_FOCUS = {
    "catalogue-picker": "catalogueSearch",
    "client-import-report": "importCloseButton",
    "document-info": "documentInfoCloseButton",
    "pdf-preview": "pdfScroll",
    "shortcuts": "shortcutsTable",
}


@pytest.mark.parametrize("name", list(FIRST_FOCUS))
def test_the_focus_starts_where_the_keys_are_wanted(qtbot: QtBot, db: Database, name: str) -> None:
    dialog = CASES[name].open(qtbot, db)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == FIRST_FOCUS[name]
    assert isinstance(dialog, QDialog)
    dialog.reject()
    Task.wait_all()
