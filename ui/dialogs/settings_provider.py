"""The mail provider box of the Mail server page: which provider's settings are shown
(``presetLabel``), a "Detect" button (``detectPresetButton``), and the provider's advice
(an app password, a sign-in this installation cannot do) with a link to its page.

Detection: the bundled presets answer at once, on the GUI thread (no network). Any other
domain is looked up in the background (MX, then the domain's autoconfig file), after the
address has stopped changing for a moment; a result for an address that has changed since
is dropped.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.mail_presets import (
    AUTOCONFIG_ID,
    Discovery,
    DiscoverySource,
    MailPreset,
    address_domain,
)
from app.services.mail_account import (
    NoPresetError,
    bundled_discovery,
    discover_for,
    known_preset,
)
from ui.dialogs.settings_widgets import hint
from ui.tasks import Task, TaskContext, run_task

DETECT_DELAY_MS = 600  # after the last keystroke in the sender address
OAUTH_NAMES = {"google": "Google", "microsoft": "Microsoft"}


class ProviderBox(QGroupBox):
    found = Signal(object)  # a Discovery for the address last asked about

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mail provider"), parent)
        self.setObjectName("providerBox")
        self.label = QLabel()
        self.label.setObjectName("presetLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # may name a domain's own provider
        self.detect_button = QPushButton(self.tr("Detect from the address"))
        self.detect_button.setObjectName("detectPresetButton")
        self.detect_button.setToolTip(
            self.tr("Fill in the settings of the sender address's provider")
        )
        self.guidance = QLabel()
        self.guidance.setObjectName("providerGuidance")
        self.guidance.setWordWrap(True)
        self.guidance.setOpenExternalLinks(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setStyleSheet(
            "#providerGuidance { background: #fef7e0; border: 1px solid #fdd663;"
            " border-radius: 4px; padding: 6px; color: #7a4f01; }"
        )
        self.guidance.hide()
        self.task: Task[Discovery, None] | None = None
        self._address = ""  # the address the last detection was asked for
        self._again = False  # asked again while a lookup was running
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETECT_DELAY_MS)
        self._timer.timeout.connect(self._detect_now)
        self.detect_button.clicked.connect(self._detect_clicked)
        self.current_address = ""  # the sender address on screen (set by the page)

        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.detect_button)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.guidance)
        box.addWidget(
            hint(
                self.tr(
                    "The settings below are filled in from the sender address when its "
                    "provider is known; you can change any of them."
                )
            )
        )

    # --- what is shown ------------------------------------------------------------------

    def show_preset(
        self, preset_id: str, address: str, source: str = DiscoverySource.BUNDLED, detail: str = ""
    ) -> None:
        """Name the provider whose settings are on screen ("" : none yet)."""
        domain = address_domain(address) or address
        preset = known_preset(preset_id)
        if preset_id == AUTOCONFIG_ID or source == DiscoverySource.AUTOCONFIG:
            text = self.tr("Settings published by the domain {domain}").format(domain=domain)
        elif preset is None and address_domain(address):
            text = self.tr(
                "Press “Detect from the address” to fill in the settings of the provider of "
                "{domain}."
            ).format(domain=domain)
        elif preset is None:
            text = self.tr(
                "Type the sender address (Sender page): the settings of known providers are "
                "filled in for you."
            )
        elif source == DiscoverySource.MX:
            text = self.tr(
                "Provider: {provider}, recognised from the mail servers of {domain} (settings "
                "included with Facturier)"
            ).format(provider=preset.name, domain=domain)
        else:
            text = self.tr("Provider: {provider} (settings included with Facturier)").format(
                provider=preset.name
            )
        self.label.setText(text)

    def show_guidance(self, preset: MailPreset | None, oauth: bool, oauth_ready: bool) -> None:
        """The provider's advice for the chosen sign-in method (hidden when none)."""
        text = ""
        if preset is not None and not oauth:
            if not preset.accepts_password and not oauth_ready:
                text = self.tr(
                    "{provider} accepts only a sign-in with a {account} account (OAuth2), which "
                    "this installation of Facturier is not set up for: ask whoever installed "
                    "it to configure it."
                ).format(
                    provider=escape(preset.name),
                    account=OAUTH_NAMES.get(preset.oauth_provider, "OAuth2"),
                )
            elif preset.app_password_url:
                text = self.tr(
                    "{provider} requires an app password, not your usual password: "
                    '<a href="{url}">create one on the provider\'s site</a>, then type it '
                    "in the Password field below."
                ).format(
                    provider=escape(preset.name),
                    url=escape(preset.app_password_url, quote=True),
                )
        self.guidance.setText(text)
        self.guidance.setVisible(bool(text))

    # --- detecting ----------------------------------------------------------------------

    def schedule(self, address: str) -> None:
        """Detect for ``address`` once it stops changing."""
        self._address = address.strip()
        self._timer.start()

    def detect(self, address: str) -> None:
        self._timer.stop()
        self._address = address.strip()
        self._detect_now(asked=True)

    def _detect_clicked(self) -> None:
        self.detect(self.current_address)

    def is_busy(self) -> bool:
        return self.task is not None

    def _detect_now(self, asked: bool = False) -> None:
        address = self._address
        domain = address_domain(address)
        if not domain:
            if asked:
                self.label.setText(self.tr("Type a complete sender address first (Sender page)."))
            return
        bundled = bundled_discovery(address)
        if bundled is not None:  # no network, no wait
            self.found.emit(bundled)
            return
        if self.task is not None:
            self._again = True
            return
        self.label.setText(self.tr("Looking for the settings of {domain}…").format(domain=domain))
        self.detect_button.setEnabled(False)

        def look_up(_context: TaskContext[None]) -> Discovery:
            return discover_for(address=address)

        self.task = run_task(look_up, on_success=self._found, on_error=self._not_found)
        self.task.finished.connect(self._finished)

    def _found(self, result: Discovery) -> None:
        if result.address == self._address:
            self.found.emit(result)

    def _not_found(self, error: BaseException) -> None:
        if isinstance(error, NoPresetError) and error.data.get("address") != self._address:
            return
        domain = address_domain(self._address)
        self.label.setText(
            self.tr(
                "No settings are known for {domain}: type them below (your provider's help pages "
                "give them)."
            ).format(domain=domain)
        )

    def _finished(self) -> None:
        self.task = None
        self.detect_button.setEnabled(True)
        if self._again:
            self._again = False
            self._detect_now()
