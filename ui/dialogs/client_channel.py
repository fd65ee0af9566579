"""How a client receives its invoices (``deliveryChannelCombo``) and what "Automatic" gives
now (``directoryStatusLabel``): the platform for a French business whose SIREN the
platform's directory knows, e-mail otherwise.

The directory's last answer comes from the database in the background
(``directory_status``); until then the line says it is being read. The line follows what
is typed (type, country, SIREN): a SIREN other than the one asked about is "not yet
consulted" (the directory is asked before the next sending).
"""

from __future__ import annotations

import re
from datetime import UTC

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.domain.platform import DeliveryChoice, is_france
from app.domain.reform import ClientType
from app.services.clients import DirectoryStatus

HINT_STYLE = "color: palette(placeholder-text);"
_SEPARATORS = re.compile(r"[\s.\-/]")


class DeliveryChannelBox(QWidget):
    """The choice and, under it, what the automatic choice means for this client."""

    changed = Signal()

    def __init__(self, choice: DeliveryChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("deliveryChannelCombo")
        self.combo.addItem(self.tr("Automatic (from the directory)"), str(DeliveryChoice.AUTO))
        self.combo.addItem(self.tr("E-mail"), str(DeliveryChoice.EMAIL))
        self.combo.addItem(self.tr("Platform"), str(DeliveryChoice.PLATFORM))
        self.combo.addItem(
            self.tr("Platform + copy by e-mail"), str(DeliveryChoice.PLATFORM_AND_EMAIL)
        )
        self.combo.setToolTip(
            self.tr(
                "Invoices and credit notes only: quotes, orders and delivery notes always "
                "go by e-mail."
            )
        )
        self.combo.setCurrentIndex(max(0, self.combo.findData(str(choice))))
        self.status_label = QLabel()
        self.status_label.setObjectName("directoryStatusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.status_label)
        self._status: DirectoryStatus | None = None
        self._loaded = False  # the status was read (or could not be)
        self._facts = (ClientType.BUSINESS, "", "")
        self.combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def choice(self) -> DeliveryChoice:
        return DeliveryChoice(str(self.combo.currentData()))

    def set_status(self, status: DirectoryStatus | None) -> None:
        """The directory's last answer, once read (None: it could not be read)."""
        self._status, self._loaded = status, True
        self._show()

    def follow(self, client_type: ClientType, country: str, siren: str) -> None:
        """What is typed now: the line says what it gives."""
        self._facts = (client_type, country, _SEPARATORS.sub("", siren))
        self._show()

    def automatic_text(self) -> str:
        client_type, country, siren = self._facts
        status = self._status
        if client_type == ClientType.PRIVATE:
            return self.tr("Automatic: e-mail — private person")
        if not is_france(country):
            return self.tr("Automatic: e-mail — client abroad")
        if not siren:
            return self.tr("Automatic: e-mail — no SIREN")
        if not self._loaded:
            return self.tr("Automatic: reading the directory's last answer…")
        if status is not None and not status.platform_configured:
            return self.tr("Automatic: e-mail — no platform set up (Settings › Platform)")
        if (
            status is None
            or siren != _SEPARATORS.sub("", status.siren)
            or status.in_directory is None
        ):
            return self.tr("Automatic: e-mail — directory not consulted yet")
        day = ""
        if status.checked_at is not None:
            day = status.checked_at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y")
        if status.in_directory:
            text = self.tr("Automatic: platform — SIREN registered in the directory on {day}")
            return text.format(day=day)
        return self.tr("Automatic: e-mail — SIREN not in the directory on {day}").format(day=day)

    def _show(self) -> None:
        self.status_label.setText(self.automatic_text())
