"""The Sender page of the settings: in whose name documents are e-mailed, the copy to
oneself and the accountant's copy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import CopyToSelf
from app.services.settings import LIMITS, Company
from ui.dialogs.settings_widgets import (
    SettingsPage,
    add_row,
    chain_tab_order,
    form_box,
    hint,
    line_edit,
    page_layout,
)


class SenderPage(SettingsPage):
    """In whose name the documents are e-mailed, the optional copy to oneself and the
    accountant's hidden copy of the invoices and credit notes."""

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
        self.accountant_address = line_edit(
            "accountantAddress", LIMITS["accountant_address"], self.tr("e.g. compta@cabinet.fr")
        )
        self.from_preview = QLabel()
        self.from_preview.setObjectName("fromPreview")
        self.from_preview.setStyleSheet(
            "#fromPreview { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 6px; font-family: monospace; }"
        )
        self.sender_name.textChanged.connect(self.changed)
        self.sender_address.textChanged.connect(self.changed)
        self.copy_group.buttonToggled.connect(lambda _button, _on: self.changed.emit())
        self.accountant_address.textChanged.connect(self.changed)
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
        accountant, form = form_box(self.tr("Copy to the accountant"))
        add_row(form, self.tr("Accountant's address"), self.accountant_address)
        form.addRow(
            hint(
                self.tr(
                    "Each invoice and credit note sent by e-mail also goes to this address, "
                    "in hidden copy: the client does not see it, and it never counts as "
                    "delivered to the client. Quotes and reminders are not copied. Leave "
                    "empty for no copy."
                )
            )
        )
        page_layout(self, sender, copy, accountant)
        chain_tab_order(
            [
                self.sender_name,
                self.sender_address,
                *self.copy_buttons.values(),
                self.accountant_address,
            ]
        )

    def load(self, company: Company) -> None:
        self.sender_name.setText(company.sender_name)
        self.sender_address.setText(company.sender_address)
        self.copy_buttons[CopyToSelf(company.copy_to_self)].setChecked(True)
        self.accountant_address.setText(company.accountant_address)
        self.refresh(company)

    def values(self) -> dict[str, Any]:
        mode = next((m for m, b in self.copy_buttons.items() if b.isChecked()), CopyToSelf.NONE)
        return {
            "sender_name": self.sender_name.text(),
            "sender_address": self.sender_address.text(),
            "copy_to_self": mode,
            "accountant_address": self.accountant_address.text(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "sender_name": self.sender_name,
            "sender_address": self.sender_address,
            "accountant_address": self.accountant_address,
        }

    def refresh(self, company: Company) -> None:
        name = company.name.strip()
        self.sender_name.setPlaceholderText(
            self.tr("Empty: the company name ({name})").format(name=name)
            if name
            else self.tr("Empty: the company name")
        )
        display = company.sender_name.strip() or name
        address = company.sender_address.strip() or self.tr("address")
        self.from_preview.setText(f"{display} <{address}>" if display else f"<{address}>")
