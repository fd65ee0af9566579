"""Settings pages: the sender (name, address, copy to self) and the mail server (SMTP
account, password, pace, test message).

Pace presets: how many messages per minute a provider accepts before it slows down or
blocks an account. Only Microsoft documents a per-minute figure: 30 messages per minute for
Outlook.com and Microsoft 365 (Exchange Online sending limits). Google documents daily
limits only (500 recipients a day for Gmail, 2,000 for Google Workspace); 20 per minute is
a cautious pace well inside them. For OVHcloud's shared mail plans about 200 messages an
hour per account is the figure usually given (3 per minute); Orange and Free publish no
figure that could be checked, so 10 per minute is a cautious guess. Hence "approx." in the
dialog: the user can type any value, and the sending engine also backs off on "too many"
replies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import CopyToSelf, SmtpSecurity
from app.domain.smtp_replies import safe_text
from app.services.database import Database
from app.services.mail_test import (
    PasswordSource,
    is_local_host,
    password_state,
    send_test_message,
)
from app.services.settings import LIMITS, Company
from ui.dialogs.settings_texts import mail_test_error_text
from ui.dialogs.settings_widgets import (
    MessageLine,
    SettingsPage,
    add_row,
    align_labels,
    chain_tab_order,
    form_box,
    hint,
    line_edit,
    page_layout,
)
from ui.tasks import Task, TaskContext, run_task

# key, provider, messages per minute, a piece of the SMTP host that recognises it
PACE_PRESETS: tuple[tuple[str, str, int, str], ...] = (
    ("gmail", "Gmail, Google Workspace", 20, "gmail"),
    ("microsoft", "Outlook.com, Microsoft 365", 30, "outlook"),
    ("ovh", "OVHcloud", 3, "ovh"),
    ("orange", "Orange", 10, "orange"),
    ("free", "Free", 10, "free.fr"),
)
DEFAULT_PORTS = {SmtpSecurity.SSL: 465, SmtpSecurity.STARTTLS: 587, SmtpSecurity.NONE: 25}


class SenderPage(SettingsPage):
    """In whose name the documents are e-mailed, and the optional copy to oneself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("senderPage")
        self.sender_name = line_edit("senderNameEdit", LIMITS["sender_name"])
        self.sender_address = line_edit(
            "senderAddressEdit", LIMITS["sender_address"], self.tr("e.g. contact@example.fr")
        )
        self.copy_group = QButtonGroup(self)
        self.copy_buttons: dict[CopyToSelf, QRadioButton] = {}
        labels = {
            CopyToSelf.NONE: self.tr("None"),
            CopyToSelf.CC: self.tr("Copy (Cc)"),
            CopyToSelf.BCC: self.tr("Blind copy (Bcc)"),
        }
        for mode, label in labels.items():
            button = QRadioButton(label)
            button.setObjectName(f"copy{mode.title()}Radio")
            self.copy_group.addButton(button)
            self.copy_buttons[mode] = button
        self.from_preview = QLabel()
        self.from_preview.setObjectName("fromPreview")
        self.from_preview.setStyleSheet(
            "#fromPreview { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 6px; font-family: monospace; }"
        )
        self.sender_name.textChanged.connect(self.changed)
        self.sender_address.textChanged.connect(self.changed)
        self.copy_group.buttonToggled.connect(lambda _button, _on: self.changed.emit())
        self._layout()

    def _layout(self) -> None:
        sender, form = form_box(self.tr("Sender"))
        add_row(form, self.tr("Sender name"), self.sender_name)
        add_row(form, self.tr("Sender address *"), self.sender_address)
        form.addRow(
            hint(
                self.tr(
                    "Documents are e-mailed in your name, from this address; your clients' "
                    "replies come back to it."
                )
            )
        )
        add_row(form, self.tr("Your clients will see"), self.from_preview)

        copy = QGroupBox(self.tr("Copy to myself"))
        box = QVBoxLayout(copy)
        row = QHBoxLayout()
        for button in self.copy_buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(
            hint(
                self.tr(
                    "Messages sent by Facturier do not appear in your mail program's Sent "
                    "folder. A copy to the sender address keeps a trace of each one: visible "
                    "to the client (Cc) or not (Bcc)."
                )
            )
        )
        page_layout(self, sender, copy)
        chain_tab_order([self.sender_name, self.sender_address, *self.copy_buttons.values()])

    def load(self, company: Company) -> None:
        self.sender_name.setText(company.sender_name)
        self.sender_address.setText(company.sender_address)
        self.copy_buttons[CopyToSelf(company.copy_to_self)].setChecked(True)
        self.refresh(company)

    def values(self) -> dict[str, Any]:
        mode = next((m for m, b in self.copy_buttons.items() if b.isChecked()), CopyToSelf.NONE)
        return {
            "sender_name": self.sender_name.text(),
            "sender_address": self.sender_address.text(),
            "copy_to_self": mode,
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {"sender_name": self.sender_name, "sender_address": self.sender_address}

    def refresh(self, company: Company) -> None:
        name = company.name.strip()
        self.sender_name.setPlaceholderText(
            self.tr("Empty: the company name (%1)").replace("%1", name)
            if name
            else self.tr("Empty: the company name")
        )
        display = company.sender_name.strip() or name
        address = company.sender_address.strip() or self.tr("address")
        self.from_preview.setText(f"{display} <{address}>" if display else f"<{address}>")


class ServerPage(SettingsPage):
    """The SMTP account the documents leave by, its password, pace, and a test message."""

    def __init__(
        self,
        db: Database,
        current: Callable[[], tuple[Company | None, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverPage")
        self.db = db
        self._current = current  # the values on screen, or None and why they cannot be used
        self.task: Task | None = None
        self.host = line_edit("smtpHostEdit", LIMITS["smtp_host"], self.tr("e.g. smtp.orange.fr"))
        self.port = QSpinBox()
        self.port.setObjectName("smtpPortSpin")
        self.port.setRange(1, 65535)
        self.port.setMaximumWidth(100)
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurityCombo")
        self.security.addItem(self.tr("SSL/TLS (usually port 465)"), SmtpSecurity.SSL)
        self.security.addItem(self.tr("STARTTLS (usually port 587)"), SmtpSecurity.STARTTLS)
        self.security.addItem(self.tr("None: unencrypted"), SmtpSecurity.NONE)
        self.insecure = QCheckBox(
            self.tr("Allow an unencrypted connection to this server (not recommended)")
        )
        self.insecure.setObjectName("smtpInsecureCheck")
        self.user = line_edit(
            "smtpUserEdit", LIMITS["smtp_user"], self.tr("usually your e-mail address")
        )
        self.password = QLineEdit()
        self.password.setObjectName("smtpPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_message = MessageLine("passwordMessage")

        self.rate = QSpinBox()
        self.rate.setObjectName("rateSpin")
        self.rate.setRange(0, 1000)
        self.rate.setSpecialValueText(self.tr("No limit"))
        self.rate.setSuffix(self.tr(" per minute"))
        self.rate.setMaximumWidth(150)
        self.preset = QComboBox()
        self.preset.setObjectName("pacePresetCombo")
        self.preset.addItem(self.tr("Other provider"), "")
        self.preset.addItem(self.tr("No limit"), "none")
        for key, provider, rate, _host in PACE_PRESETS:
            label = self.tr("%1: approx. %2 per minute").replace("%1", provider)
            self.preset.addItem(label.replace("%2", str(rate)), key)

        self.test_button = QPushButton(self.tr("Send a test message to myself"))
        self.test_button.setObjectName("testMessageButton")
        self.test_progress = QProgressBar()
        self.test_progress.setObjectName("testMessageProgress")
        self.test_progress.setRange(0, 0)
        self.test_progress.setMaximumWidth(120)
        self.test_progress.setTextVisible(False)
        self.test_progress.hide()
        self.test_result = MessageLine("testMessageResult")
        # It may quote the mail server: shown as it is, never as rich text.
        self.test_result.label.setTextFormat(Qt.TextFormat.PlainText)

        self.auto_retry = QCheckBox(
            self.tr("Retry automatically when the mail server is unreachable or asks to try later")
        )
        self.auto_retry.setObjectName("autoRetryCheck")

        self._previous_security = SmtpSecurity.STARTTLS
        self.host.textChanged.connect(self._host_changed)
        self.port.valueChanged.connect(self.changed)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.insecure.toggled.connect(self.changed)
        self.user.textChanged.connect(self.changed)
        self.user.editingFinished.connect(self._show_password_state)
        self.host.editingFinished.connect(self._show_password_state)
        self.port.editingFinished.connect(self._show_password_state)
        self.password.textChanged.connect(self.changed)
        self.rate.valueChanged.connect(self._rate_changed)
        self.auto_retry.toggled.connect(self.changed)
        self.preset.activated.connect(self._preset_chosen)
        self.test_button.clicked.connect(self.start_test)
        self._layout()

    def _layout(self) -> None:
        server, form = form_box(self.tr("Mail server (SMTP)"))
        add_row(form, self.tr("Server"), self.host)
        add_row(form, self.tr("Port"), self.port)
        add_row(form, self.tr("Security"), self.security)
        form.addRow("", self.insecure)
        self._insecure_row = form.rowCount() - 1
        add_row(form, self.tr("User name"), self.user)
        add_row(form, self.tr("Password"), self.password)
        form.addRow("", self.password_message)
        self._password_message_row = form.rowCount() - 1
        self.server_form = form
        form.addRow(
            "",
            hint(
                self.tr(
                    "The password is kept in the system's keyring (password store), never in "
                    "Facturier's database. Leave it empty to keep the stored one."
                )
            ),
        )

        pace, form = form_box(self.tr("Pace and retries"))
        row = QHBoxLayout()
        row.addWidget(self.rate)
        row.addWidget(self.preset, 1)
        add_row(form, self.tr("At most"), row, self.rate)
        align_labels(self.server_form, form)
        self.preset.setAccessibleName(self.tr("Pace of a known provider"))
        form.addRow(
            hint(
                self.tr(
                    "Mail providers block accounts that send too fast. Choose yours to apply "
                    "its usual limit (approximate values), or type your own."
                )
            )
        )
        form.addRow(self.auto_retry)
        form.addRow(
            hint(
                self.tr(
                    "Only the messages of a sending you started are retried, at growing "
                    "intervals. Messages you stopped or prepared for later wait for “Resume "
                    "sending” in the outbox."
                )
            )
        )

        test = QGroupBox(self.tr("Test"))
        box = QVBoxLayout(test)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_progress)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(
            hint(
                self.tr(
                    "Sends a short message from the sender address to itself with the "
                    "settings shown here, saved or not."
                )
            )
        )
        box.addWidget(self.test_result)
        page_layout(self, server, pace, test)
        chain_tab_order(
            [
                self.host,
                self.port,
                self.security,
                self.insecure,
                self.user,
                self.password,
                self.rate,
                self.preset,
                self.auto_retry,
                self.test_button,
            ]
        )

    # --- data ---------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        self.host.setText(company.smtp_host)
        security = SmtpSecurity(company.smtp_security)
        self._previous_security = security
        self.security.blockSignals(True)
        self.security.setCurrentIndex(self.security.findData(security))
        self.security.blockSignals(False)
        self.port.setValue(company.smtp_port)
        self.insecure.setChecked(company.smtp_insecure)
        self.user.setText(company.smtp_user)
        self.password.clear()
        self.rate.setValue(company.rate_per_minute)
        self.auto_retry.setChecked(company.auto_retry)
        self._update_insecure()
        self._match_preset()
        self._show_password_state()

    def values(self) -> dict[str, Any]:
        return {
            "smtp_host": self.host.text(),
            "smtp_port": self.port.value(),
            "smtp_security": self.selected_security(),
            "smtp_insecure": self.insecure.isChecked() and self.insecure.isEnabled(),
            "smtp_user": self.user.text(),
            "rate_per_minute": self.rate.value(),
            "auto_retry": self.auto_retry.isChecked(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_security": self.security,
            "smtp_user": self.user,
            "rate_per_minute": self.rate,
        }

    def selected_security(self) -> SmtpSecurity:
        return SmtpSecurity(self.security.currentData())

    def typed_password(self) -> str:
        return self.password.text()

    def forget_typed_password(self) -> None:
        self.password.clear()
        self._show_password_state()

    # --- reactions ----------------------------------------------------------------------

    def _host_changed(self) -> None:
        self._update_insecure()
        self.changed.emit()

    def _security_changed(self) -> None:
        security = self.selected_security()
        if self.port.value() == DEFAULT_PORTS[self._previous_security]:
            self.port.setValue(DEFAULT_PORTS[security])
        self._previous_security = security
        self._update_insecure()
        self.changed.emit()

    def _update_insecure(self) -> None:
        host = self.host.text().strip()
        plain = self.selected_security() is SmtpSecurity.NONE
        self.insecure.setEnabled(plain and bool(host) and not is_local_host(host))
        self.server_form.setRowVisible(self._insecure_row, plain)

    def _rate_changed(self) -> None:
        self._match_preset()
        self.changed.emit()

    def _preset_chosen(self, index: int) -> None:
        key = str(self.preset.itemData(index))
        rates = {k: rate for k, _name, rate, _host in PACE_PRESETS}
        if key == "none":
            self.rate.setValue(0)
        elif key in rates:
            self.rate.setValue(rates[key])
        self.preset.setCurrentIndex(index)  # two providers may share a value

    def _match_preset(self) -> None:
        """Show the provider whose pace is in force: the one of the server when it matches."""
        rate = self.rate.value()
        current = str(self.preset.currentData())
        host = self.host.text().lower()
        matching = [k for k, _name, r, _h in PACE_PRESETS if r == rate]
        if rate == 0:
            key = "none"
        elif current in matching:
            key = current
        else:
            by_host = [k for k, _name, r, h in PACE_PRESETS if r == rate and h in host]
            key = (by_host or matching or [""])[0]
        self.preset.setCurrentIndex(max(0, self.preset.findData(key)))

    def _show_password_state(self) -> None:
        user = self.user.text().strip()
        # The password is kept per server: the one shown here, as typed.
        company = Company(
            smtp_host=self.host.text().strip(),
            smtp_port=self.port.value(),
            smtp_security=self.selected_security(),
            smtp_user=user,
        )
        state = password_state(company)
        placeholder = {
            PasswordSource.KEYRING: self.tr("Stored in the keyring: type to replace it"),
            PasswordSource.SESSION: self.tr("Kept until Facturier closes: type to replace it"),
            PasswordSource.ENVIRONMENT: self.tr("Taken from FACTURIER_SMTP_PASSWORD"),
            PasswordSource.MISSING: self.tr("Not stored yet"),
            PasswordSource.NOT_NEEDED: self.tr("No user name: no login"),
        }[state.source]
        self.password.setPlaceholderText(placeholder)
        self.server_form.setRowVisible(
            self._password_message_row, bool(state.keyring_error) or state.source == "session"
        )
        if state.keyring_error:
            self.password_message.show_message(
                self.tr(
                    "No password store (keyring) is available on this computer: the password "
                    "you type will be kept only until Facturier closes."
                ),
                "warning",
            )
        elif state.source is PasswordSource.SESSION:
            self.password_message.show_message(
                self.tr(
                    "The password is kept only until Facturier closes: no password store "
                    "(keyring) is available on this computer."
                ),
                "warning",
            )
        else:
            self.password_message.clear()

    # --- the test message ---------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None

    def start_test(self) -> None:
        if self.task is not None:
            return
        company, problem = self._current()
        if company is None:
            self.test_result.show_message(problem)
            return
        password = self.password.text() or None
        db = self.db

        def send(_context: TaskContext) -> str:
            return send_test_message(db, timeout=30, company=company, password=password)

        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Sending…"))
        self.test_progress.show()
        self.test_result.show_message(
            self.tr("Connecting to %1…").replace("%1", company.smtp_host), "info"
        )
        self._test_address = company.sender_address
        self.task = run_task(send, on_success=self._test_succeeded, on_error=self._test_failed)
        self.task.finished.connect(self._test_finished)

    def _test_succeeded(self, reply: object) -> None:
        self.test_result.show_message(
            self.tr("The test message was sent to %1; check your inbox. The server answered: %2")
            .replace("%1", self._test_address)
            .replace("%2", safe_text(str(reply))),
            "success",
        )

    def _test_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.test_result.show_message(safe_text(mail_test_error_text(error), 2000))

    def _test_finished(self) -> None:
        self.task = None
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Send a test message to myself"))
        self.test_progress.hide()
