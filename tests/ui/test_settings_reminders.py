"""The settings dialog's Reminders page, driven like a user would, on a real SQLite file:
the levels are edited, checked as typed and saved with the rest of the settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.reminders import DEFAULT_LEVELS, ReminderBase
from app.services.database import Database
from app.services.reminder_levels import get_levels
from app.services.settings import get_company, update_company
from tests.ui.test_settings_dialog import click, is_marked, open_dialog, type_into
from ui.dialogs.settings_dialog import SettingsDialog

REMINDERS = 6  # the last tab


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    yield


@pytest.fixture
def named_db(db: Database) -> Database:
    update_company(db, name="ACME SARL")  # the one required field of the other pages
    return db


W = TypeVar("W", bound=QWidget)


def child(dialog: SettingsDialog, kind: type[W], name: str) -> W:
    widget = dialog.findChild(kind, name)
    assert isinstance(widget, kind), name
    return widget


def level_list(dialog: SettingsDialog) -> QListWidget:
    return child(dialog, QListWidget, "reminderLevelList")


def labels(dialog: SettingsDialog) -> list[str]:
    levels = level_list(dialog)
    return [levels.item(row).text() for row in range(levels.count())]


def button(dialog: SettingsDialog, name: str) -> QPushButton:
    return child(dialog, QPushButton, name)


def test_the_default_levels_are_shown(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    assert dialog.tabs.tabText(REMINDERS) == "Reminders"
    assert labels(dialog) == [
        "1. Relance amiable — D+7",
        "2. Deuxième relance — D+21",
        "3. Mise en demeure de payer — D+45",
    ]
    assert child(dialog, QLineEdit, "reminderLevelName").text() == "Relance amiable"
    assert child(dialog, QSpinBox, "reminderLevelDelay").value() == 7
    assert child(dialog, QComboBox, "reminderLevelAfter").currentData() == "due"
    assert not child(dialog, QCheckBox, "reminderLevelLetter").isChecked()
    assert child(dialog, QCheckBox, "reminderLevelStatement").isChecked()
    assert not child(dialog, QSpinBox, "reminderLevelDeadline").isEnabled()  # no letter
    # Every placeholder, the reminders' own included, has its button.
    page = dialog.reminders_page
    assert {"jours_de_retard", "montant_du", "penalites", "liste_factures", "numero"} <= set(
        page.placeholder_buttons
    )
    # The preview renders the sample values.
    preview = page.preview.body.toPlainText()
    assert "{liste_factures}" not in preview and "Boulangerie Martin" not in preview
    assert "ACME SARL" in preview
    level_list(dialog).setCurrentRow(2)
    assert child(dialog, QCheckBox, "reminderLevelLetter").isChecked()
    assert child(dialog, QSpinBox, "reminderLevelDeadline").isEnabled()
    assert not dialog.isWindowModified()


def test_add_rename_reorder_remove_and_save(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    click(qtbot, button(dialog, "addReminderLevelButton"))
    assert level_list(dialog).currentRow() == 3
    name = child(dialog, QLineEdit, "reminderLevelName")
    type_into(qtbot, name, "Dernier rappel")
    delay = child(dialog, QSpinBox, "reminderLevelDelay")
    delay.setValue(30)
    after = child(dialog, QComboBox, "reminderLevelAfter")
    after.setCurrentIndex(after.findData("previous"))
    assert labels(dialog)[3] == "4. Dernier rappel — previous + 30 d"
    assert dialog.isWindowModified()

    level_list(dialog).setCurrentRow(1)  # "Deuxième relance" goes last
    click(qtbot, button(dialog, "moveReminderLevelDownButton"))
    click(qtbot, button(dialog, "moveReminderLevelDownButton"))
    assert level_list(dialog).currentRow() == 3
    assert not button(dialog, "moveReminderLevelDownButton").isEnabled()
    level_list(dialog).setCurrentRow(0)
    assert not button(dialog, "moveReminderLevelUpButton").isEnabled()
    click(qtbot, button(dialog, "removeReminderLevelButton"))  # the friendly one
    assert [label.split(" — ")[0] for label in labels(dialog)] == [
        "1. Mise en demeure de payer",
        "2. Dernier rappel",
        "3. Deuxième relance",
    ]
    # The second reminder now follows a 45-day level: counted from the due date, 21 days
    # is too early; counting it from the previous level makes it valid.
    level_list(dialog).setCurrentRow(2)
    assert is_marked(delay)
    after.setCurrentIndex(after.findData("previous"))
    assert not is_marked(delay)

    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    saved = get_levels(named_db)
    assert [(lv.position, lv.name, lv.delay_days, lv.after) for lv in saved] == [
        (1, "Mise en demeure de payer", 45, ReminderBase.DUE),
        (2, "Dernier rappel", 30, ReminderBase.PREVIOUS),
        (3, "Deuxième relance", 21, ReminderBase.PREVIOUS),
    ]
    assert saved[0].letter and saved[0].body == DEFAULT_LEVELS[2].body
    assert saved[2].subject == DEFAULT_LEVELS[1].subject

    dialog = open_dialog(qtbot, named_db, REMINDERS)  # read back as saved
    assert labels(dialog)[1] == "2. Dernier rappel — previous + 30 d"
    assert not dialog.isWindowModified()


def test_an_unknown_placeholder_refuses_save(qtbot: QtBot, named_db: Database) -> None:
    before = get_company(named_db)
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    type_into(qtbot, dialog.company_page.edits["city"], "Lyon")  # another page's change
    level_list(dialog).setCurrentRow(1)
    body = child(dialog, QPlainTextEdit, "reminderLevelBody")
    type_into(qtbot, body, "Bonjour {clientt}")
    problem = dialog.reminders_page.problem_line.text()
    assert "Unknown placeholder" in problem and "{clientt}" in problem
    assert body.extraSelections()  # the culprit highlighted
    assert dialog.reminders_page.preview.body.toPlainText() == ""
    assert not dialog.tabs.tabIcon(REMINDERS).isNull()

    level_list(dialog).setCurrentRow(0)
    dialog.tabs.setCurrentIndex(0)
    assert dialog.save() is False
    assert dialog.tabs.currentIndex() == REMINDERS  # brought back to the culprit level
    assert level_list(dialog).currentRow() == 1
    assert "Reminder level 2: unknown placeholder" in dialog.problem_message()
    assert get_levels(named_db) == list(DEFAULT_LEVELS)  # nothing written, not the city
    assert get_company(named_db) == before

    type_into(qtbot, body, "Bonjour {client}")
    assert dialog.reminders_page.problem_line.text() == ""
    assert dialog.save() is True
    assert get_levels(named_db)[1].body == "Bonjour {client}"
    assert get_company(named_db).city == "Lyon"


def test_a_delay_not_after_the_previous_one_is_refused(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    level_list(dialog).setCurrentRow(2)
    delay = child(dialog, QSpinBox, "reminderLevelDelay")
    delay.setValue(21)  # the same day as the second reminder
    assert is_marked(delay)
    assert "3. Mise en demeure de payer — D+21" in labels(dialog)
    assert not level_list(dialog).item(2).icon().isNull()
    assert level_list(dialog).item(1).icon().isNull()
    level_list(dialog).setCurrentRow(0)
    assert dialog.save() is False
    assert level_list(dialog).currentRow() == 2
    assert "Reminder level 3" in dialog.problem_message()
    assert "longer than the previous level" in dialog.problem_message()
    assert get_levels(named_db) == list(DEFAULT_LEVELS)


def test_an_empty_name_is_refused(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    name = child(dialog, QLineEdit, "reminderLevelName")
    type_into(qtbot, name, "")
    assert is_marked(name)
    assert dialog.save() is False
    assert "Reminder level 1: give the level a name." in dialog.problem_message()
    assert get_levels(named_db) == list(DEFAULT_LEVELS)


def test_the_legal_rate_and_per_invoice_option_are_saved(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    rate = child(dialog, QLineEdit, "legalInterestRate")
    assert rate.placeholderText() == "2,76\u00a0%"
    assert "three times the legal interest rate" in rate.toolTip()
    type_into(qtbot, rate, "150")
    assert is_marked(rate)
    assert rate.toolTip().startswith("The legal interest rate must be above 0 and below 100")
    assert dialog.save() is False
    assert get_company(named_db).legal_interest_rate == ""
    type_into(qtbot, rate, "abc")
    assert "number of percent" in rate.toolTip()
    type_into(qtbot, rate, "3.05")
    assert not is_marked(rate)
    click(qtbot, child(dialog, QCheckBox, "reminderPerInvoice"))
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    company = get_company(named_db)
    assert company.legal_interest_rate == "3.05"
    assert company.reminder_per_invoice is True
    assert get_levels(named_db) == list(DEFAULT_LEVELS)  # untouched levels: no rows

    dialog = open_dialog(qtbot, named_db, REMINDERS)
    assert child(dialog, QLineEdit, "legalInterestRate").text() == "3.05"
    assert child(dialog, QCheckBox, "reminderPerInvoice").isChecked()


def test_placeholder_buttons_insert_at_the_cursor(qtbot: QtBot, named_db: Database) -> None:
    dialog = open_dialog(qtbot, named_db, REMINDERS)
    page = dialog.reminders_page
    subject = child(dialog, QLineEdit, "reminderLevelSubject")
    type_into(qtbot, subject, "Relance  ")
    subject.setCursorPosition(len("Relance "))
    click(qtbot, page.placeholder_buttons["jours_de_retard"])
    assert subject.text() == "Relance {jours_de_retard} "
    assert page.preview.subject.text().endswith("Relance 12 ")
    body = child(dialog, QPlainTextEdit, "reminderLevelBody")
    type_into(qtbot, body, "Dû : ")
    body.moveCursor(body.textCursor().MoveOperation.End)
    click(qtbot, page.placeholder_buttons["montant_du"])
    assert body.toPlainText() == "Dû : {montant_du}"
    assert "234,56" in page.preview.body.toPlainText()
    letter = child(dialog, QCheckBox, "reminderLevelLetter")
    click(qtbot, letter)
    assert child(dialog, QSpinBox, "reminderLevelDeadline").isEnabled()
