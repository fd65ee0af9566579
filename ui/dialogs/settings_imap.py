"""The IMAP account that receives a copy of each sent message in its Sent folder.

``ImapSettingsBox`` is a group box the mail page embeds: the option itself ("Keep a copy of
each sent message in my Sent folder"), the server, port, security, user (empty: the SMTP
user) and the folder (empty: found by its \\Sent flag, then by its usual names). ``load``
fills it from the settings, ``apply`` from a provider preset, ``values`` gives the settings'
fields. The password is the SMTP one unless another is stored (``facturier settings
imap-password``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QVBoxLayout, QWidget

from app.domain.kinds import SmtpSecurity
from app.services.settings import Company
from ui.dialogs.settings_widgets import add_row, form_box, hint, line_edit

IMAP_PORTS = {SmtpSecurity.SSL: 993, SmtpSecurity.STARTTLS: 143}
_FOLDER_LIMIT = 200
_HOST_LIMIT = 253
_USER_LIMIT = 254


class ImapSettingsBox(QWidget):
    """The copy in the Sent folder: option and IMAP account, every field editable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imapSettingsBox")
        self.copy = QCheckBox(self.tr("Keep a copy of each sent message in my Sent folder"))
        self.copy.setObjectName("imapCopyCheck")
        self.host = line_edit("imapHostEdit", _HOST_LIMIT, self.tr("e.g. imap.example.fr"))
        self.port = QSpinBox()
        self.port.setObjectName("imapPortSpin")
        self.port.setRange(1, 65535)
        self.port.setValue(IMAP_PORTS[SmtpSecurity.SSL])
        self.security = QComboBox()
        self.security.setObjectName("imapSecurityCombo")
        self.security.addItem(self.tr("SSL/TLS"), SmtpSecurity.SSL)
        self.security.addItem(self.tr("STARTTLS"), SmtpSecurity.STARTTLS)
        self.user = line_edit("imapUserEdit", _USER_LIMIT, self.tr("same as for sending"))
        self.sent_folder = line_edit(
            "imapSentFolderEdit", _FOLDER_LIMIT, self.tr("found automatically")
        )
        self._layout()
        self.copy.toggled.connect(self._update_enabled)
        self.security.currentIndexChanged.connect(self._security_changed)
        for edit in (self.host, self.user, self.sent_folder):
            edit.textChanged.connect(self.changed)
        self.port.valueChanged.connect(self.changed)
        self.copy.toggled.connect(self.changed)
        self._update_enabled()

    def _layout(self) -> None:
        box, form = form_box(self.tr("Copy in the Sent folder (IMAP)"))
        form.addRow(self.copy)
        form.addRow(
            hint(
                self.tr(
                    "Your mail program then shows what Facturier sent, like any message you "
                    "send yourself. Gmail and Microsoft file sent messages themselves: no copy is "
                    "made there."
                )
            )
        )
        add_row(form, self.tr("IMAP server"), self.host)
        add_row(form, self.tr("Port"), self.port)
        add_row(form, self.tr("Security"), self.security)
        add_row(form, self.tr("User name"), self.user)
        add_row(form, self.tr("Sent folder"), self.sent_folder)
        form.addRow(
            hint(
                self.tr(
                    "The password is the one used for sending, unless your provider gives a "
                    "separate one for IMAP."
                )
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def selected_security(self) -> SmtpSecurity:
        return SmtpSecurity(self.security.currentData())

    def _security_changed(self) -> None:
        # The usual port follows the security, unless the user typed another one.
        if self.port.value() in IMAP_PORTS.values():
            self.port.setValue(IMAP_PORTS[self.selected_security()])
        self.changed.emit()

    def _update_enabled(self) -> None:
        on = self.copy.isChecked()
        for widget in (self.host, self.port, self.security, self.user, self.sent_folder):
            widget.setEnabled(on)

    # --- values -------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        self.apply(
            {
                "imap_host": company.imap_host,
                "imap_port": company.imap_port,
                "imap_security": company.imap_security,
                "imap_user": company.imap_user,
                "imap_sent_folder": company.imap_sent_folder,
                "imap_copy": company.imap_copy,
            }
        )

    def apply(self, values: Mapping[str, Any]) -> None:
        """Fill the fields given (a provider preset fills some of them)."""
        if "imap_security" in values:
            self.security.blockSignals(True)  # the port given is the one to keep
            index = self.security.findData(SmtpSecurity(values["imap_security"]))
            self.security.setCurrentIndex(max(index, 0))
            self.security.blockSignals(False)
        if "imap_port" in values:
            self.port.setValue(int(values["imap_port"]))
        for name, edit in (
            ("imap_host", self.host),
            ("imap_user", self.user),
            ("imap_sent_folder", self.sent_folder),
        ):
            if name in values:
                edit.setText(str(values[name]))
        if "imap_copy" in values:
            self.copy.setChecked(bool(values["imap_copy"]))
        self._update_enabled()

    def values(self) -> dict[str, Any]:
        return {
            "imap_host": self.host.text().strip(),
            "imap_port": self.port.value(),
            "imap_security": self.selected_security(),
            "imap_user": self.user.text().strip(),
            "imap_sent_folder": self.sent_folder.text().strip(),
            # No server, no copy: the option cannot be on without somewhere to file it.
            "imap_copy": self.copy.isChecked() and bool(self.host.text().strip()),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        """Each setting's widget, to mark a problem the settings' checks found."""
        return {
            "imap_host": self.host,
            "imap_port": self.port,
            "imap_security": self.security,
            "imap_user": self.user,
            "imap_sent_folder": self.sent_folder,
            "imap_copy": self.copy,
        }
