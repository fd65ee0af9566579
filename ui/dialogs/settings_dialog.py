"""The settings dialog (``settingsDialog``): company, legal mentions, sender, mail server,
e-mail templates, database and payment reminders, one page each
(``ui/dialogs/settings_*.py``).

Values are checked as they are typed: a value that cannot be saved is marked, its page's
tab shows an error icon and the first reason is shown above the buttons. Nothing is
written before Save, and Save is one transaction (``save_settings``); the SMTP password
then goes to the keyring, or, when there is none, is kept for this session only (the user
is told). Closing with unsaved changes asks Save / Discard / Cancel (``ask_unsaved``).
The database page's actions are the exception: they act at once, in the background.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import registered_kinds
from app.domain.mail_failure import MailFailure
from app.errors import FacturierError, InvalidTemplateError
from app.services.client_rules import RequiredFieldError
from app.services.database import Database
from app.services.mail_test import keep_smtp_password, smtp_problem
from app.services.platform_account import set_platform_secret
from app.services.reminder_levels import ReminderLevelsError, get_levels
from app.services.settings import Company, company_problems, get_company, save_settings
from app.services.templates import get_template
from ui.dialogs.settings_company import CompanyPage, LegalPage
from ui.dialogs.settings_database import DatabasePage
from ui.dialogs.settings_mail import SenderPage, ServerPage
from ui.dialogs.settings_platform import PlatformPage, platform_error_text
from ui.dialogs.settings_reminders import RemindersPage
from ui.dialogs.settings_templates import TemplatesPage
from ui.dialogs.settings_texts import field_problem_text, template_problem_text
from ui.dialogs.settings_widgets import MessageLine, SettingsPage, mark
from ui.dialogs.unsaved import ask_unsaved, confirm_discard
from ui.messages import error_text
from ui.models.client_icons import error_icon
from ui.registry_text import kind_title
from ui.scroll_area import vertical_scroll_area

# Fields whose emptiness is only reported once touched or on Save.
REQUIRED = ("name", "sender_address")


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("settingsDialog")
        self.setModal(True)
        self.setWindowTitle(self.tr("Settings") + "[*]")
        self._original = get_company(db)
        self._original_templates = {kind: get_template(db, kind) for kind in registered_kinds()}
        self._original_levels = get_levels(db)
        self._tried_to_save = False

        self.company_page = CompanyPage()
        self.legal_page = LegalPage()
        self.sender_page = SenderPage()
        self.server_page = ServerPage(db, self.company_for_test)
        self.templates_page = TemplatesPage(self._original_templates, db)
        self.database_page = DatabasePage(db)
        self.reminders_page = RemindersPage(self._original_levels)
        self.platform_page = PlatformPage(self.current_company)
        self.pages: list[SettingsPage] = [
            self.company_page,
            self.legal_page,
            self.sender_page,
            self.server_page,
            self.templates_page,
            self.database_page,
            self.reminders_page,
            self.platform_page,  # last: the pages before it keep their index
        ]
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setDocumentMode(False)
        titles = [
            self.tr("Company"),
            self.tr("Legal mentions"),
            self.tr("Sender"),
            self.tr("Mail server"),
            self.tr("E-mail templates"),
            self.tr("Database"),
            self.tr("Reminders"),
            self.tr("Platform"),
        ]
        # Eight tabs are wider than a small screen: the tab bar scrolls instead of widening
        # the dialog, and each page scrolls instead of making it taller (800×600 screens).
        self.tabs.setUsesScrollButtons(True)
        for page, title in zip(self.pages, titles, strict=True):
            self.tabs.addTab(self._scrolled(page), title)
            page.setAccessibleName(title)

        self.problem_bar = MessageLine("problemBar")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem_bar)
        layout.addWidget(buttons)

        for page in self.pages:
            page.load(self._original)
        self._baseline = self._page_values()
        for page in self.pages:
            page.changed.connect(self._refresh)
        self.resize(880, 640)
        self._refresh()
        self.company_page.edits["name"].setFocus()

    @staticmethod
    def _scrolled(page: QWidget) -> QWidget:
        """The page in a frameless vertical scroll area, unless it scrolls itself."""
        if page.findChild(QScrollArea) is not None:
            return page
        return vertical_scroll_area(page, f"{page.objectName() or 'settingsPage'}Scroll")

    # --- data ---------------------------------------------------------------------------

    def _page_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.values())
        return values

    def current_company(self) -> Company:
        """The settings as shown (not yet normalized)."""
        return replace(self._original, **self._page_values())

    def is_dirty(self) -> bool:
        return (
            self._page_values() != self._baseline
            or self.templates_page.templates() != self._original_templates
            or self.reminders_page.levels() != self._original_levels
            or bool(self.server_page.typed_password())
            or bool(self.platform_page.typed_secret())
        )

    def _widgets(self) -> dict[str, tuple[int, QWidget]]:
        found: dict[str, tuple[int, QWidget]] = {}
        for index, page in enumerate(self.pages):
            for name, widget in page.field_widgets().items():
                found[name] = (index, widget)
        return found

    # --- checking as typed --------------------------------------------------------------

    def field_problems(self) -> dict[str, str]:
        """Field name -> why its value cannot be saved, for the fields worth showing now."""
        company = self.current_company()
        touched = {k for k, v in self._page_values().items() if v != self._baseline.get(k)}
        errors: list[FacturierError] = list(company_problems(company))
        if company.smtp_host.strip() and not company.sender_address.strip():
            errors.append(RequiredFieldError("sender_address", field="sender_address"))
        insecure = smtp_problem(company)
        if insecure is not None:
            field = (
                "smtp_user" if MailFailure.of(insecure.data) is MailFailure.LOGIN_OVER_PLAIN else ""
            )
            errors.append(replace_field(insecure, field or "smtp_security"))
        if self.server_page.typed_password() and not company.smtp_user.strip():
            errors.append(RequiredFieldError("smtp_user", field="smtp_user"))
        found: dict[str, str] = {}
        for error in errors:
            name = str(error.data.get("field", ""))
            if name in found:
                continue
            hidden = not (self._tried_to_save or name in touched)
            if error.code == "client.required" and name in REQUIRED and hidden:
                continue
            found[name] = field_problem_text(error)
        return found

    def _refresh(self) -> None:
        company = self.current_company()
        for page in self.pages:
            page.refresh(company)
        problems = self.field_problems()
        widgets = self._widgets()
        bad_pages: set[int] = set()
        for name, (index, widget) in widgets.items():
            text = problems.get(name, "")
            mark(widget, text)
            if text:
                bad_pages.add(index)
        template_problems = self.templates_page.problems()
        if template_problems:
            bad_pages.add(self.pages.index(self.templates_page))
        level_problem = self.reminders_page.problem()
        if level_problem is not None:
            bad_pages.add(self.pages.index(self.reminders_page))
        for index in range(len(self.pages)):
            self.tabs.setTabIcon(index, error_icon() if index in bad_pages else QIcon())
        where = self.tr("{page}: {problem}")
        messages = [
            where.format(page=self.tabs.tabText(widgets[name][0]), problem=text)
            for name, text in problems.items()
            if name in widgets
        ]
        templates_tab = self.tabs.tabText(self.pages.index(self.templates_page))
        messages += [
            where.format(
                page=f"{templates_tab}, {kind_title(kind)}", problem=template_problem_text(error)
            )
            for kind, error in template_problems.items()
            if self._tried_to_save
        ]
        if level_problem is not None and self._tried_to_save:
            reminders_tab = self.tabs.tabText(self.pages.index(self.reminders_page))
            messages.append(where.format(page=reminders_tab, problem=error_text(level_problem)))
        self._show_problem(messages)
        self.setWindowModified(self.is_dirty())

    def _show_problem(self, messages: list[str]) -> None:
        if not messages:
            self.problem_bar.clear()
            return
        text = messages[0]
        if len(messages) > 1:
            text += " " + self.tr("(and %n other problem(s))", "", len(messages) - 1)
        self.problem_bar.show_message(text)

    def problem_message(self) -> str:
        """The message bar's text ("" when it is hidden)."""
        return self.problem_bar.text()

    def company_for_test(self) -> tuple[Company | None, str]:
        """The values on screen for the test message, or None and why they cannot be used."""
        problems = self.field_problems()
        mail_fields = (
            "sender_name",
            "sender_address",
            "smtp_host",
            "smtp_port",
            "smtp_security",
            "smtp_user",
        )
        for name in mail_fields:
            if name in problems:
                return None, self.tr("Correct the marked fields first: {problem}").format(
                    problem=problems[name]
                )
        company = self.current_company()
        return replace(company, sender_address=company.sender_address.strip()), ""

    # --- saving and closing -------------------------------------------------------------

    def save(self) -> bool:
        """Check everything, then write in one transaction; False (nothing written) when a
        value is invalid or the database refuses."""
        self._tried_to_save = True
        self._refresh()
        problems = self.field_problems()
        if problems:
            self._focus_problem(next(iter(problems)))
            return False
        template_problems = self.templates_page.problems()
        if template_problems:
            self.tabs.setCurrentIndex(self.pages.index(self.templates_page))
            self.templates_page.show_kind(next(iter(template_problems)))
            return False
        level_problem = self.reminders_page.problem()
        if level_problem is not None:
            self._show_level_problem(level_problem)
            return False
        company = self.current_company()
        changes = {
            name: value
            for name, value in self._page_values().items()
            if value != getattr(self._original, name)
        }
        templates = {
            kind: template
            for kind, template in self.templates_page.templates().items()
            if template != self._original_templates[kind]
        }
        levels = self.reminders_page.levels()
        changed_levels = levels if levels != self._original_levels else None
        try:
            company = save_settings(self.db, changes, templates, levels=changed_levels)
        except ReminderLevelsError as error:
            self._show_level_problem(error)
            return False
        except InvalidTemplateError as error:
            self.problem_bar.show_message(template_problem_text(error))
            return False
        except FacturierError as error:
            text = field_problem_text(error) if "field" in error.data else error_text(error)
            self.problem_bar.show_message(text)
            return False
        password = self.server_page.typed_password()
        if password and company.smtp_user:
            try:
                in_keyring = keep_smtp_password(self.db, password)
            except FacturierError as error:
                self.problem_bar.show_message(field_problem_text(error))
                return False
            if not in_keyring:
                self.notify(
                    self.tr("Password kept for this session only"),
                    self.tr(
                        "No password store (keyring) is available on this computer, so the "
                        "mail password is kept only until Facturier closes. You will have to "
                        "type it again after the next start."
                    ),
                )
        self._original = company
        self._original_templates.update(templates)
        self._original_levels = levels
        self._baseline = self._page_values()
        self.server_page.forget_typed_password()
        secret = self.platform_page.typed_secret()
        if secret and not self._keep_platform_secret(secret):
            self.saved.emit()  # the settings are saved; only the secret waits
            return False
        self.platform_page.forget_typed_secret()
        self.saved.emit()
        self.accept()
        return True

    def _keep_platform_secret(self, secret: str) -> bool:
        """The platform's secret to the keyring, once its URL and client id are saved."""
        try:
            set_platform_secret(self.db, secret)
        except FacturierError as error:
            self.tabs.setCurrentIndex(self.pages.index(self.platform_page))
            self.platform_page.secret.setFocus()
            self.problem_bar.show_message(platform_error_text(error))
            return False
        return True

    def _show_level_problem(self, error: ReminderLevelsError) -> None:
        self.tabs.setCurrentIndex(self.pages.index(self.reminders_page))
        self.reminders_page.show_problem(error)
        self.problem_bar.show_message(error_text(error))

    def _focus_problem(self, name: str) -> None:
        index, widget = self._widgets()[name]
        self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def notify(self, title: str, text: str) -> None:
        """Tell the user something that needs no answer (overridable in tests)."""
        QMessageBox.information(self, title, text)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel: what to do with unsaved changes (overridable in tests)."""
        return ask_unsaved(self, self.tr("Save the changes to the settings?"))

    def is_busy(self) -> bool:
        return (
            self.server_page.is_busy()
            or self.database_page.is_busy()
            or self.platform_page.is_busy()
            or self.templates_page.attachments.is_busy()
        )

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: ask first when something changed;
        wait for a test message or a copy to end."""
        if self.is_busy():
            self.problem_bar.show_message(
                self.tr("Wait until the test or the copy in progress is over."), "info"
            )
            return
        if confirm_discard(self.is_dirty(), self.ask_unsaved, self.save):
            super().reject()


def replace_field(error: FacturierError, field: str) -> FacturierError:
    """The same error, attached to another field of the dialog."""
    copy = type(error)(error.detail, **{**error.data, "field": field})
    return copy


def open_settings(parent: QWidget | None, db: Database, page: int = 0) -> bool:
    """Open the settings modally (on ``page``); True when they were saved."""
    try:
        dialog = SettingsDialog(db, parent)
    except FacturierError as error:  # the database cannot be read
        title = QCoreApplication.translate("SettingsDialog", "Settings")
        QMessageBox.warning(parent, title, error_text(error))
        return False
    dialog.tabs.setCurrentIndex(page)
    saved: list[bool] = []
    dialog.saved.connect(lambda: saved.append(True))
    dialog.exec()
    dialog.deleteLater()
    return bool(saved)
