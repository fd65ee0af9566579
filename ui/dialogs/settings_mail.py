"""Settings pages: the sender (name, address, copy to self) and the mail server (the
provider, SMTP account, sign-in, password, pace, test message).

The providers' servers and figures come from the bundled presets
(``resources/mail_presets/*.xml``, through ``app.services.mail_account``), the one source of truth:
how many messages per minute and per day a provider accepts before it slows down or blocks
an account. Microsoft documents 30 messages a minute for Outlook.com and Microsoft 365 and
10,000 recipients a day for Microsoft 365; Google documents daily limits only (about 500
recipients a day for Gmail, 2,000 messages for Google Workspace), 20 a minute being a
cautious pace well inside them; about 200 messages an hour per account is the figure
usually given for OVHcloud's shared mail (3 a minute); Orange and Free publish no figure
that could be checked, so 10 a minute is a cautious guess. Hence "approx." in the dialog:
the user can type any value, and the sending engine also backs off on "too many" replies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.domain.mail_presets import MAX_CONNECTIONS, Discovery, MailPreset, address_domain
from app.domain.smtp_replies import safe_text
from app.services.database import Database
from app.services.mail_account import known_preset, oauth_ready, paced_presets, preset_changes
from app.services.mail_test import (
    MailTestReport,
    PasswordSource,
    StepResult,
    is_local_host,
    password_state,
    run_mail_test,
)
from app.services.settings import LIMITS, Company
from ui.dialogs.mail_test_steps import MailTestWords
from ui.dialogs.settings_imap import ImapSettingsBox
from ui.dialogs.settings_mail_widgets import (
    FittedRow,
    FormMessageLine,
    limit_spin,
)
from ui.dialogs.settings_oauth import OAuthSignInBox
from ui.dialogs.settings_provider import ProviderBox
from ui.dialogs.settings_sender import SenderPage
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
from ui.scroll_area import vertical_scroll_area
from ui.tasks import Task, TaskContext, run_task

__all__ = ["SenderPage", "ServerPage"]  # the dialog imports both from here

DEFAULT_PORTS = {SmtpSecurity.SSL: 465, SmtpSecurity.STARTTLS: 587, SmtpSecurity.NONE: 25}


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
        self.task: Task[MailTestReport, StepResult] | None = None
        self.provider = ProviderBox()
        self._preset_id = ""  # the preset the fields were filled from (``mail_preset``)
        self._oauth_provider = ""
        self._sender_domain = ""  # detection runs when the sender address's domain changes
        self.imap_box = ImapSettingsBox()  # the copy in the Sent folder
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
        self.auth = QComboBox()
        self.auth.setObjectName("smtpAuthCombo")
        self.auth.addItem(self.tr("Password"), SmtpAuth.PASSWORD)
        self.auth.addItem(self.tr("Sign-in with Google or Microsoft (OAuth2)"), SmtpAuth.OAUTH2)
        self.oauth_box = OAuthSignInBox()  # shown instead of the password with OAuth2
        self.oauth_box.setObjectName("oauthSignInBox")
        self.password = QLineEdit()
        self.password.setObjectName("smtpPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_message = FormMessageLine("passwordMessage")

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
        for known in paced_presets():
            label = self.tr("{provider}: approx. {rate} per minute").format(
                provider=known.name, rate=known.rate_per_minute
            )
            self.preset.addItem(label, known.id)
        self.daily_messages = limit_spin(
            "dailyMessageSpin", self.tr(" messages a day"), self.tr("Messages: no daily limit")
        )
        self.daily_recipients = limit_spin(
            "dailyRecipientSpin",
            self.tr(" recipients a day"),
            self.tr("Recipients: no daily limit"),
        )

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
        self.connections = QSpinBox()
        self.connections.setObjectName("connectionsSpin")
        self.connections.setRange(1, MAX_CONNECTIONS)
        self.connections.setMaximumWidth(150)
        self.connections.setSuffix(self.tr(" at once"))
        self.connections.setToolTip(
            self.tr(
                "Messages go out over this many connections at once, within the pace above "
                "and never more than the provider allows."
            )
        )
        self.pipelining = QCheckBox(
            self.tr("Send each message's commands together when the server allows it (faster)")
        )
        self.pipelining.setObjectName("pipeliningCheck")

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
        self.auth.currentIndexChanged.connect(self._auth_changed)
        self.provider.found.connect(self.apply_discovery)
        self.imap_box.changed.connect(self.changed)
        self.oauth_box.signedIn.connect(self._signed_in)
        self.rate.valueChanged.connect(self._rate_changed)
        self.daily_messages.valueChanged.connect(self.changed)
        self.daily_recipients.valueChanged.connect(self.changed)
        self.auto_retry.toggled.connect(self.changed)
        self.connections.valueChanged.connect(self.changed)
        self.pipelining.toggled.connect(self.changed)
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
        add_row(form, self.tr("Sign-in"), self.auth)
        add_row(form, self.tr("User name"), self.user)
        add_row(form, self.tr("Password"), self.password)
        self._password_row = form.rowCount() - 1
        form.addRow("", FittedRow(self.oauth_box))
        self._oauth_row = form.rowCount() - 1
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
        self._password_hint_row = form.rowCount() - 1

        pace, form = form_box(self.tr("Pace and retries"))
        row = QHBoxLayout()
        row.addWidget(self.rate)
        row.addWidget(self.preset, 1)
        add_row(form, self.tr("At most"), row, self.rate)
        daily = QHBoxLayout()
        daily.addWidget(self.daily_messages)
        daily.addWidget(self.daily_recipients)
        daily.addStretch(1)
        add_row(form, self.tr("Per day"), daily, self.daily_messages)
        add_row(form, self.tr("Connections"), self.connections)
        form.addRow("", self.pipelining)
        self.daily_recipients.setAccessibleName(self.tr("Recipients per day"))
        imap_box = self.imap_box.findChild(QGroupBox)
        imap_form = imap_box.layout() if imap_box is not None else None
        forms = [f for f in (self.server_form, imap_form, form) if isinstance(f, QFormLayout)]
        align_labels(*forms)
        self.imap_box.port.setMaximumWidth(self.port.maximumWidth())  # as the SMTP port
        self.preset.setAccessibleName(self.tr("Pace of a known provider"))
        form.addRow(
            hint(
                self.tr(
                    "Mail providers block accounts that send too fast. Choose yours to apply "
                    "its usual limits (approximate values), or type your own. Beyond the day's "
                    "limit, the rest waits for the next day."
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
        # In a scroll area: with the provider, the sign-in and (soon) IMAP, the page is
        # taller than a small laptop screen.
        content = QWidget()
        page_layout(content, self.provider, server, self.imap_box, pace, test)
        scroll = vertical_scroll_area(content, "serverPageScroll")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        chain_tab_order(
            [
                self.provider.detect_button,
                self.host,
                self.port,
                self.security,
                self.insecure,
                self.auth,
                self.user,
                self.password,
                self.oauth_box.button,
                self.oauth_box.sign_out_button,
                self.imap_box.copy,
                self.imap_box.host,
                self.imap_box.port,
                self.imap_box.security,
                self.imap_box.user,
                self.imap_box.sent_folder,
                self.rate,
                self.preset,
                self.daily_messages,
                self.daily_recipients,
                self.connections,
                self.pipelining,
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
        self._preset_id = company.mail_preset
        self._oauth_provider = company.oauth_provider
        self.imap_box.load(company)
        self._sender_domain = address_domain(company.sender_address)
        self.provider.current_address = company.sender_address
        self.auth.blockSignals(True)
        self.auth.setCurrentIndex(max(0, self.auth.findData(SmtpAuth(company.smtp_auth))))
        self.auth.blockSignals(False)
        self.rate.setValue(company.rate_per_minute)
        self.daily_messages.setValue(company.daily_message_limit)
        self.daily_recipients.setValue(company.daily_recipient_limit)
        self.auto_retry.setChecked(company.auto_retry)
        self.connections.setValue(company.smtp_connections)
        self.pipelining.setChecked(company.smtp_pipelining)
        self.provider.show_preset(company.mail_preset, company.sender_address)
        self._update_insecure()
        self._update_auth()
        self._match_preset()
        self._show_password_state()

    def values(self) -> dict[str, Any]:
        return {
            "smtp_host": self.host.text(),
            "smtp_port": self.port.value(),
            "smtp_security": self.selected_security(),
            "smtp_insecure": self.insecure.isChecked() and self.insecure.isEnabled(),
            "smtp_user": self.user.text(),
            "smtp_auth": self.selected_auth(),
            "oauth_provider": self._oauth_provider_value(),
            "mail_preset": self._preset_id,
            "rate_per_minute": self.rate.value(),
            "daily_message_limit": self.daily_messages.value(),
            "daily_recipient_limit": self.daily_recipients.value(),
            "auto_retry": self.auto_retry.isChecked(),
            "smtp_connections": self.connections.value(),
            "smtp_pipelining": self.pipelining.isChecked(),
            **self.imap_box.values(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_security": self.security,
            "smtp_user": self.user,
            "smtp_auth": self.auth,
            "rate_per_minute": self.rate,
            "daily_message_limit": self.daily_messages,
            "daily_recipient_limit": self.daily_recipients,
            "smtp_connections": self.connections,
            **self.imap_box.field_widgets(),
        }

    def selected_security(self) -> SmtpSecurity:
        return SmtpSecurity(self.security.currentData())

    def selected_auth(self) -> SmtpAuth:
        return SmtpAuth(self.auth.currentData())

    def current_preset(self) -> MailPreset | None:
        return known_preset(self._preset_id)

    def _oauth_provider_value(self) -> str:
        if self.selected_auth() is not SmtpAuth.OAUTH2:
            return ""
        preset = self.current_preset()
        if preset is not None and preset.oauth_provider:
            return preset.oauth_provider
        if self._oauth_provider:
            return self._oauth_provider
        host = self.host.text().lower()  # a server typed by hand
        if "gmail" in host or "google" in host:
            return "google"
        return "microsoft" if "office365" in host or "outlook" in host else ""

    def typed_password(self) -> str:
        return self.password.text()

    def forget_typed_password(self) -> None:
        self.password.clear()
        self._show_password_state()

    # --- reactions ----------------------------------------------------------------------

    def refresh(self, company: Company) -> None:
        """The sender address is on another page: a new domain means a new provider."""
        address = company.sender_address.strip()
        self.provider.current_address = address
        domain = address_domain(address)
        if domain and domain != self._sender_domain:
            self._sender_domain = domain
            self.provider.schedule(address)

    def apply_discovery(self, discovery: Discovery) -> None:
        """Fill the fields from the provider found; each stays editable."""
        preset = discovery.preset
        changes = preset_changes(preset, discovery.address)
        self._preset_id = preset.id
        self._oauth_provider = str(changes["oauth_provider"])
        self.host.setText(str(changes["smtp_host"]))
        self.security.blockSignals(True)  # its port is the preset's, not the default one
        self.security.setCurrentIndex(self.security.findData(changes["smtp_security"]))
        self.security.blockSignals(False)
        self._previous_security = self.selected_security()
        self.port.setValue(int(changes["smtp_port"]))
        self.insecure.setChecked(False)
        self.auth.setCurrentIndex(self.auth.findData(changes["smtp_auth"]))
        self.user.setText(str(changes["smtp_user"]))
        self.rate.setValue(int(changes["rate_per_minute"]))
        self.daily_messages.setValue(int(changes["daily_message_limit"]))
        self.daily_recipients.setValue(int(changes["daily_recipient_limit"]))
        self.imap_box.apply({k: v for k, v in changes.items() if k.startswith("imap_")})
        self.provider.show_preset(preset.id, discovery.address, discovery.source)
        self._update_insecure()
        self._update_auth()
        self._match_preset()
        self._show_password_state()
        self.changed.emit()

    def _auth_changed(self) -> None:
        self._update_auth()
        self.changed.emit()

    def _update_auth(self) -> None:
        """OAuth2: the sign-in box instead of the password; the provider's advice."""
        oauth = self.selected_auth() is SmtpAuth.OAUTH2
        for row in (self._password_row, self._password_message_row, self._password_hint_row):
            self.server_form.setRowVisible(row, not oauth)
        self.server_form.setRowVisible(self._oauth_row, oauth)
        if oauth:
            self._show_oauth_account()
        if not oauth:
            self._show_password_state()
        preset = self.current_preset()
        ready = preset is not None and oauth_ready(preset.oauth_provider)
        self.provider.show_guidance(preset, oauth, ready)

    def _show_oauth_account(self) -> None:
        """The sign-in box follows the provider and the mailbox that signs in (the user
        name when it is an address, else the sender address)."""
        user = self.user.text().strip()
        address = user if "@" in user else self.provider.current_address
        account = (self._oauth_provider_value(), address.strip())
        if account != (self.oauth_box.provider, self.oauth_box.address):
            self.oauth_box.set_account(*account)

    def _signed_in(self, provider: str, address: str) -> None:
        """Signed in from the box: the account now sends with OAuth2."""
        self._oauth_provider = provider
        self.auth.setCurrentIndex(self.auth.findData(SmtpAuth.OAUTH2))
        if "@" not in self.user.text():
            self.user.setText(address)

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
        chosen = known_preset(key)
        if key == "none":
            self.rate.setValue(0)
            self.daily_messages.setValue(0)
            self.daily_recipients.setValue(0)
        elif chosen is not None:
            self.rate.setValue(chosen.rate_per_minute)
            self.daily_messages.setValue(chosen.daily_message_limit)
            self.daily_recipients.setValue(chosen.daily_recipient_limit)
        self.preset.setCurrentIndex(index)  # two providers may share a value

    def _match_preset(self) -> None:
        """Show the provider whose pace is in force: the account's preset, or the one of
        the server, when its pace is the one shown."""
        rate = self.rate.value()
        current = str(self.preset.currentData())
        host = self.host.text().strip().lower()
        matching = [p.id for p in paced_presets() if p.rate_per_minute == rate]
        by_host = [p.id for p in paced_presets() if p.id in matching and p.smtp.host == host]
        if rate == 0:
            key = "none"
        elif self._preset_id in matching:
            key = self._preset_id
        elif current in matching:
            key = current
        else:
            key = (by_host or matching or [""])[0]
        self.preset.setCurrentIndex(max(0, self.preset.findData(key)))

    def _show_password_state(self) -> None:
        if self.selected_auth() is SmtpAuth.OAUTH2:
            return  # no password: the sign-in box says how things stand
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

        def test(context: TaskContext[StepResult]) -> MailTestReport:
            return run_mail_test(
                db, timeout=30, company=company, password=password, progress=context.progress
            )

        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self.test_progress.show()
        self.test_result.show_message(
            self.tr("Connecting to {host}…").format(host=company.smtp_host), "info"
        )
        self._test_company = company
        self._test_steps: list[StepResult] = []
        self.task = run_task(
            test,
            on_progress=self._test_step,
            on_success=self._test_succeeded,
            on_error=self._test_failed,
        )
        self.task.finished.connect(self._test_finished)

    def _test_step(self, step: StepResult) -> None:
        """A step of the test is known: shown at once."""
        self._test_steps.append(step)
        words = MailTestWords(self)
        text = words.report(self._test_steps, self._test_company, running=step.ok)
        self.test_result.show_message(text, "info" if step.ok else "error")

    def _test_succeeded(self, report: MailTestReport) -> None:
        text = MailTestWords(self).report(report.steps, self._test_company, running=False)
        self.test_result.show_message(text, "success" if report.ok else "error")

    def _test_failed(self, error: BaseException) -> None:
        self.test_result.show_message(safe_text(mail_test_error_text(error), 2000))

    def _test_finished(self) -> None:
        self.task = None
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Send a test message to myself"))
        self.test_progress.hide()
