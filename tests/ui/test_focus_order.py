"""Keyboard: the focus order of the smaller dialogs is explicit (``tab_order()``, chained
with setTabOrder) and Tab follows it, in reading order, then round again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.payments import add_payment
from tests.ui.test_keyboard_focus import tab_walk
from tests.ui.test_settings_dialog import open_dialog as open_settings
from tests.unit.test_reports import make_client, make_document
from ui.dialogs.deposit import DepositDialog
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.payments import PaymentsDialog
from ui.dialogs.recurrence import RecurrenceDialog
from ui.dialogs.settings_dialog import SettingsDialog
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
