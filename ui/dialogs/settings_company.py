"""Settings pages: the company (identity, address, contact, logo) and its legal mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.legal_mentions import (
    VAT_EXEMPT,
    VAT_ON_DEBITS,
    payment_mentions,
    penalty_rate_problem,
)
from app.domain.reform import E_ADDRESS_SCHEME, siren_of
from app.errors import FacturierError
from app.services.settings import LIMITS, RANGES, Company, prepare_logo
from ui.dialogs.reform_widgets import category_combo, category_of, set_category
from ui.dialogs.settings_texts import logo_problem_text
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

LEGAL_FORMS = ("EI", "EURL", "SARL", "SAS", "SASU", "SA", "SNC", "SCI", "SCOP", "Association")
LOGO_BOX = (240, 106)  # the PDF's 50 × 22 mm box, on screen


class CompanyPage(SettingsPage):
    """Who the business is: what every document prints at the top and in the footer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyPage")
        self._logo: bytes | None = None
        e = self.edits = {
            "name": line_edit("companyNameEdit", LIMITS["name"]),
            "capital": line_edit("capitalEdit", LIMITS["capital"], self.tr("e.g. 10 000 €")),
            "street": line_edit("streetEdit", LIMITS["street"]),
            "postal_code": line_edit("postalCodeEdit", LIMITS["postal_code"]),
            "city": line_edit("cityEdit", LIMITS["city"]),
            "country": line_edit("countryEdit", LIMITS["country"]),
            "phone": line_edit("phoneEdit", LIMITS["phone"], self.tr("e.g. 04 78 00 00 00")),
            "email": line_edit("companyEmailEdit", LIMITS["email"], self.tr("contact@example.fr")),
            "website": line_edit("websiteEdit", LIMITS["website"], self.tr("www.example.fr")),
        }
        e["postal_code"].setMaximumWidth(90)
        self.legal_form = QComboBox()
        self.legal_form.setObjectName("legalFormCombo")
        self.legal_form.setEditable(True)
        self.legal_form.addItems(["", *LEGAL_FORMS])
        legal_form_edit = self.legal_form.lineEdit()
        assert legal_form_edit is not None
        legal_form_edit.setMaxLength(LIMITS["legal_form"])
        legal_form_edit.setPlaceholderText(self.tr("e.g. SARL"))

        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(*LOGO_BOX)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setAccessibleName(self.tr("Logo preview"))
        self.logo_preview.setStyleSheet(
            "#logoPreview { background: white; border: 1px dashed #b0b7bf; border-radius: 4px;"
            " color: #80868b; }"
        )
        self.choose_logo_button = QPushButton(self.tr("Choose an image…"))
        self.choose_logo_button.setObjectName("chooseLogoButton")
        self.remove_logo_button = QPushButton(self.tr("Remove"))
        self.remove_logo_button.setObjectName("removeLogoButton")
        self.logo_message = MessageLine("logoMessage")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)

        for edit in e.values():
            edit.textChanged.connect(self.changed)
        self.legal_form.currentTextChanged.connect(self.changed)
        self._layout()

    def _layout(self) -> None:
        e = self.edits
        identity, form1 = form_box(self.tr("Identity"))
        add_row(form1, self.tr("Company name *"), e["name"])
        add_row(form1, self.tr("Legal form"), self.legal_form)
        add_row(form1, self.tr("Share capital"), e["capital"])

        address, form2 = form_box(self.tr("Postal address"))
        add_row(form2, self.tr("Street"), e["street"])
        town = QHBoxLayout()
        town.addWidget(e["postal_code"])
        town.addWidget(e["city"], 1)
        e["city"].setAccessibleName(self.tr("City"))
        add_row(form2, self.tr("Postal code, city"), town, e["postal_code"])
        add_row(form2, self.tr("Country"), e["country"])

        contact, form3 = form_box(self.tr("Contact"))
        add_row(form3, self.tr("Phone"), e["phone"])
        add_row(form3, self.tr("E-mail"), e["email"])
        add_row(form3, self.tr("Website"), e["website"])
        align_labels(form1, form2, form3)

        logo = QGroupBox(self.tr("Logo"))
        box = QVBoxLayout(logo)
        box.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addWidget(hint(self.tr("PNG or JPEG, printed at the top left of your documents.")))
        box.addWidget(self.logo_message)
        box.addStretch(1)

        grid = QWidget()
        layout = QGridLayout(grid)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(12)
        layout.addWidget(identity, 0, 0)
        layout.addWidget(logo, 0, 1, 2, 1)
        layout.addWidget(address, 1, 0)
        layout.addWidget(contact, 2, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        page_layout(self, grid)
        chain_tab_order(
            [
                e["name"],
                self.legal_form,
                e["capital"],
                e["street"],
                e["postal_code"],
                e["city"],
                e["country"],
                self.choose_logo_button,
                self.remove_logo_button,
                e["phone"],
                e["email"],
                e["website"],
            ]
        )

    # --- data -------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(company, name))
        self.legal_form.setCurrentText(company.legal_form)
        self._logo = company.logo_png
        self.logo_message.clear()
        self._show_logo()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["legal_form"] = self.legal_form.currentText()
        values["logo_png"] = self._logo
        return values

    def field_widgets(self) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = dict(self.edits)
        widgets["legal_form"] = self.legal_form
        return widgets

    # --- logo -------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo_file(Path(path))

    def set_logo_file(self, path: Path) -> bool:
        """Take the image in ``path`` as the logo if the PDFs can use it; False (and the
        reason shown) otherwise."""
        try:
            data = path.read_bytes()
        except OSError as error:
            self.logo_message.show_message(
                self.tr("The file cannot be opened: {reason}").format(reason=error.strerror or "")
            )
            return False
        try:
            self._logo = prepare_logo(data)
        except FacturierError as error:
            self.logo_message.show_message(logo_problem_text(error))
            return False
        self.logo_message.clear()
        self._show_logo()
        self.changed.emit()
        return True

    def remove_logo(self) -> None:
        self._logo = None
        self.logo_message.clear()
        self._show_logo()
        self.changed.emit()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            width, height = LOGO_BOX
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    width - 16,
                    height - 16,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo"))
        self.remove_logo_button.setEnabled(self._logo is not None)


class LegalPage(SettingsPage):
    """The mentions French law requires on invoices: registration, VAT, bank, payment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legalPage")
        e = self.edits = {
            "siren": line_edit("sirenEdit", 20, self.tr("9 digits")),
            "siret": line_edit("siretEdit", 20, self.tr("14 digits")),
            "rcs": line_edit("rcsEdit", LIMITS["rcs"], self.tr("e.g. RCS Lyon 732 829 320")),
            "vat_number": line_edit("vatNumberEdit", 30, self.tr("e.g. FR44732829320")),
            "e_address": line_edit("eAddressEdit", 120, self.tr("the SIREN")),
            "iban": line_edit("ibanEdit", 42, self.tr("e.g. FR76 3000 4000 0300 0012 3456 789")),
            "bic": line_edit("bicEdit", 14, self.tr("8 or 11 characters")),
            "payment_terms": line_edit(
                "paymentTermsEdit",
                LIMITS["payment_terms"],
                self.tr("e.g. Payment by bank transfer within 30 days"),
            ),
            "late_penalty_rate": line_edit(
                "latePenaltyRateEdit",
                LIMITS["late_penalty_rate"],
                self.tr("e.g. 10 %"),
            ),
            "early_payment_discount": line_edit(
                "earlyPaymentDiscountEdit",
                LIMITS["early_payment_discount"],
                self.tr("e.g. 2 % discount for payment within 10 days (empty: no discount)"),
            ),
        }
        self.vat_exempt = QCheckBox(self.tr("Not subject to VAT (franchise en base)"))
        self.vat_exempt.setObjectName("vatExemptCheck")
        self.facturx = QCheckBox(self.tr("Make invoices Factur-X files (EN 16931)"))
        self.facturx.setObjectName("facturxCheck")
        # The reform's mentions: the default category of the operations invoiced, and the
        # option to pay VAT on debits (printed on every invoice when ticked).
        self.category = category_combo(self.tr("Not chosen yet"))
        self.category.setObjectName("operationCategoryCombo")
        self.vat_on_debits = QCheckBox(self.tr("Option for paying VAT on debits"))
        self.vat_on_debits.setObjectName("vatOnDebitsCheck")
        # The electronic address follows the SIREN until another one is typed.
        e["siren"].textEdited.connect(self._follow_siren)
        e["siret"].textEdited.connect(self._follow_siren)
        self._shown_siren = ""
        self.payment_days = QSpinBox()
        self.payment_days.setObjectName("paymentDaysSpin")
        self.payment_days.setRange(*RANGES["payment_days"])
        self.payment_days.setSuffix(self.tr(" days"))
        self.payment_days.setMaximumWidth(120)
        self.late_penalty = QPlainTextEdit()
        self.late_penalty.setObjectName("latePenaltyEdit")
        self.late_penalty.setTabChangesFocus(True)
        self.late_penalty.setFixedHeight(52)
        self.late_penalty.setPlaceholderText(
            self.tr("Only to replace the sentences above with your own wording")
        )
        # What invoices to businesses will print, as the rate and terms are typed.
        self.mentions_preview = hint("")
        self.mentions_preview.setObjectName("paymentMentionsPreview")
        # Room for its longest text (a heading and three sentences): the page keeps its
        # height as the user types.
        lines = self.mentions_preview.fontMetrics().lineSpacing() * 4
        self.mentions_preview.setMinimumHeight(lines)
        self.mentions_preview.setAlignment(Qt.AlignmentFlag.AlignTop)

        for edit in e.values():
            edit.textChanged.connect(self.changed)
        self.vat_exempt.toggled.connect(self.changed)
        self.facturx.toggled.connect(self.changed)
        self.category.currentIndexChanged.connect(self.changed)
        self.vat_on_debits.toggled.connect(self.changed)
        self.payment_days.valueChanged.connect(self.changed)
        self.late_penalty.textChanged.connect(self.changed)
        for widget in (e["late_penalty_rate"], e["early_payment_discount"]):
            widget.textChanged.connect(self._show_mentions)
        self.late_penalty.textChanged.connect(self._show_mentions)
        self._layout()
        self._show_mentions()

    def _layout(self) -> None:
        e = self.edits
        registration, form1 = form_box(self.tr("Registration"))
        add_row(form1, self.tr("SIREN"), e["siren"])
        add_row(form1, self.tr("SIRET"), e["siret"])
        add_row(form1, self.tr("RCS registration"), e["rcs"])
        add_row(form1, self.tr("VAT number"), e["vat_number"])
        scheme = QHBoxLayout()
        scheme.addWidget(e["e_address"], 1)
        scheme_label = QLabel(self.tr("scheme {scheme}").format(scheme=E_ADDRESS_SCHEME))
        scheme_label.setObjectName("eAddressScheme")
        scheme_label.setStyleSheet("color: palette(placeholder-text);")
        scheme.addWidget(scheme_label)
        add_row(form1, self.tr("E-invoicing address"), scheme, e["e_address"])
        e["e_address"].setToolTip(
            self.tr(
                "The address the e-invoicing directory routes your invoices on (scheme "
                "0225): your SIREN unless your platform gave you another one."
            )
        )

        vat = QGroupBox(self.tr("VAT"))
        box = QVBoxLayout(vat)
        box.addWidget(self.vat_exempt)
        self.vat_exempt.setAccessibleDescription(VAT_EXEMPT)
        box.addWidget(
            hint(
                self.tr(
                    "Tick this if your business does not charge VAT (micro-entreprise, "
                    "franchise en base de TVA). Documents then show no VAT and carry the "
                    "mention “{mention}”."
                ).format(mention=VAT_EXEMPT)
            )
        )
        box.addWidget(self.vat_on_debits)
        box.addWidget(
            hint(
                self.tr(
                    "If you pay VAT on your services when you invoice them rather than when "
                    "you are paid; invoices print “{mention}”."
                ).format(mention=VAT_ON_DEBITS)
            )
        )
        box.addStretch(1)

        einvoicing = QGroupBox(self.tr("Electronic invoicing"))
        box = QVBoxLayout(einvoicing)
        box.addWidget(self.facturx)
        box.addWidget(
            hint(
                self.tr(
                    "Validated invoices and credit notes are archived and e-mailed as "
                    "Factur-X: a PDF/A-3 that people read as usual and that carries the "
                    "invoice's data (XML, EN 16931 standard) for the client's software, as "
                    "the French e-invoicing reform asks. Documents already validated keep "
                    "their PDF."
                )
            )
        )
        category = QHBoxLayout()
        category_label = QLabel(self.tr("Operations invoiced"))
        category_label.setBuddy(self.category)
        self.category.setAccessibleName(category_label.text())
        category.addWidget(category_label)
        category.addWidget(self.category, 1)
        box.addLayout(category)
        box.addWidget(
            hint(
                self.tr(
                    "Printed on invoices (a mention the reform requires) unless the invoice "
                    "or the client says otherwise."
                )
            )
        )
        box.addStretch(1)

        bank, form2 = form_box(self.tr("Bank details"))
        add_row(form2, self.tr("IBAN"), e["iban"])
        add_row(form2, self.tr("BIC"), e["bic"])
        form2.addRow(hint(self.tr("Printed on invoices, for payment by bank transfer.")))

        payment, form = form_box(self.tr("Payment"))
        add_row(form, self.tr("Payment terms"), e["payment_terms"])
        add_row(form, self.tr("Payment period"), self.payment_days)
        terms = QHBoxLayout()
        e["late_penalty_rate"].setMaximumWidth(170)
        terms.addWidget(e["late_penalty_rate"])
        discount_label = QLabel(self.tr("Early-payment discount"))
        discount_label.setBuddy(e["early_payment_discount"])
        e["early_payment_discount"].setAccessibleName(discount_label.text())
        terms.addSpacing(8)
        terms.addWidget(discount_label)
        terms.addWidget(e["early_payment_discount"], 1)
        add_row(form, self.tr("Late-penalty rate"), terms, e["late_penalty_rate"])
        add_row(form, self.tr("Own wording"), self.late_penalty)
        form.addRow("", self.mentions_preview)
        align_labels(form1, form)
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(registration, 1)
        row.addWidget(bank, 1)
        taxes = QWidget()
        taxes_row = QHBoxLayout(taxes)
        taxes_row.setContentsMargins(0, 0, 0, 0)
        taxes_row.setSpacing(12)
        taxes_row.addWidget(vat, 1)
        taxes_row.addWidget(einvoicing, 1)
        page_layout(self, columns, taxes, payment)
        chain_tab_order(
            [
                e["siren"],
                e["siret"],
                e["rcs"],
                e["vat_number"],
                e["e_address"],
                self.vat_exempt,
                self.vat_on_debits,
                self.facturx,
                self.category,
                e["iban"],
                e["bic"],
                e["payment_terms"],
                self.payment_days,
                e["late_penalty_rate"],
                e["early_payment_discount"],
                self.late_penalty,
            ]
        )

    def load(self, company: Company) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(company, name))
        self.vat_exempt.setChecked(company.vat_exempt)
        self.facturx.setChecked(company.facturx_enabled)
        set_category(self.category, company.operation_category)
        self.vat_on_debits.setChecked(company.vat_on_debits)
        self._shown_siren = self._typed_siren()
        self.payment_days.setValue(company.payment_days)
        self.late_penalty.setPlainText(company.late_penalty_text)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["vat_exempt"] = self.vat_exempt.isChecked()
        values["facturx_enabled"] = self.facturx.isChecked()
        values["operation_category"] = category_of(self.category)
        values["vat_on_debits"] = self.vat_on_debits.isChecked()
        values["payment_days"] = self.payment_days.value()
        values["late_penalty_text"] = self.late_penalty.toPlainText()
        return values

    def field_widgets(self) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = dict(self.edits)
        widgets["vat_exempt"] = self.vat_exempt
        widgets["facturx_enabled"] = self.facturx
        widgets["operation_category"] = self.category
        widgets["vat_on_debits"] = self.vat_on_debits
        widgets["payment_days"] = self.payment_days
        widgets["late_penalty_text"] = self.late_penalty
        return widgets

    def _typed_siren(self) -> str:
        digits = [
            "".join(c for c in self.edits[name].text() if c.isdigit())
            for name in ("siren", "siret")
        ]
        return siren_of(*digits)

    def _follow_siren(self) -> None:
        """The e-address shows the SIREN as it is typed, unless another one was typed."""
        address = self.edits["e_address"]
        if address.text().strip() in ("", self._shown_siren):
            address.setText(self._typed_siren())
        self._shown_siren = self._typed_siren()

    def _show_mentions(self) -> None:
        """The late-payment sentences an invoice to a business will print (in French, as
        on the PDF), from the values typed."""
        rate = self.edits["late_penalty_rate"].text()
        if penalty_rate_problem(rate):
            self.mentions_preview.setText(self.tr("Correct the rate to see what is printed."))
            return
        mentions = payment_mentions(
            business=True,
            custom_text=self.late_penalty.toPlainText(),
            penalty_rate=rate,
            discount=self.edits["early_payment_discount"].text(),
        )
        custom = self.late_penalty.toPlainText().strip()
        added = [line for line in mentions.lines if line != custom]
        if not added:  # the user's wording says it all
            self.mentions_preview.setText(
                self.tr("Invoices to businesses print your own wording as it is.")
            )
            return
        heading = (
            self.tr("Invoices to businesses also print:")
            if custom
            else self.tr("Invoices to businesses (not to private persons) print:")
        )
        self.mentions_preview.setText("\n".join([heading, *(f"«\u202f{x}\u202f»" for x in added)]))
