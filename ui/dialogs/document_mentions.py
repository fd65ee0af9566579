"""The document editor's reform mentions: the operation category, the delivery address and
the VAT-on-debits option, each editable on the document.

A new document takes them from its client, then from the company: the client's category,
else the company's; the client's default delivery address ("Delivery address differs from
billing address" ticked when it has one); the company's VAT-on-debits option. Until the user
changes one of them, choosing another client fills it again from that client.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import DocumentKind, kind_spec
from app.domain.reform import DeliveryAddress, OperationCategory
from app.services.clients import ClientData, field_problem
from app.services.document_data import DocumentData
from app.services.settings import Company
from ui.client_problems import problem_text
from ui.dialogs.reform_widgets import category_combo, category_of, set_category

DELIVERY = ("delivery_street", "delivery_postal_code", "delivery_city", "delivery_country")
LIMITS = {
    "delivery_street": 300,
    "delivery_postal_code": 20,
    "delivery_city": 120,
    "delivery_country": 80,
}


class DocumentMentions(QGroupBox):
    """``operationCategoryCombo``, ``vatOnDebitsCheck``, ``deliveryDiffersCheck`` and the
    ``delivery…Edit`` fields it reveals. ``changed`` on any change by the user."""

    changed = Signal()

    def __init__(self, kind: DocumentKind, company: Company, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mentions"), parent)
        self.setObjectName("documentMentions")
        self.kind = kind
        self.company = company
        self.category = category_combo(self.tr("Not chosen"))
        self.category.setObjectName("operationCategoryCombo")
        self.category.setAccessibleName(self.tr("Operation category"))
        self.vat_on_debits = QCheckBox(self.tr("VAT on debits (mention printed)"))
        self.vat_on_debits.setObjectName("vatOnDebitsCheck")
        self.vat_on_debits.setToolTip(
            self.tr(
                "Prints “Option pour le paiement de la taxe d'après les débits”. Ticked by "
                "default when the company opted for it (Settings › Legal mentions)."
            )
        )
        # Only an invoice in law (invoice, credit note) carries the VAT-on-debits mention.
        self.vat_on_debits.setVisible(kind_spec(kind).legal_invoice)
        self.differs = QCheckBox(self.tr("Delivery address differs from billing address"))
        self.differs.setObjectName("deliveryDiffersCheck")
        self.edits: dict[str, QLineEdit] = {}
        for name in DELIVERY:
            edit = QLineEdit()
            first, *rest = name.split("_")
            edit.setObjectName(first + "".join(w.title() for w in rest) + "Edit")
            edit.setMaxLength(LIMITS[name])
            self.edits[name] = edit
        self.edits["delivery_postal_code"].setMaximumWidth(90)
        self.edits["delivery_street"].setPlaceholderText(self.tr("Street"))
        self.edits["delivery_postal_code"].setPlaceholderText(self.tr("Postal code"))
        self.edits["delivery_city"].setPlaceholderText(self.tr("City"))
        self.edits["delivery_country"].setPlaceholderText(self.tr("Country"))
        for name, label in (
            ("delivery_street", self.tr("Delivery street")),
            ("delivery_postal_code", self.tr("Delivery postal code")),
            ("delivery_city", self.tr("Delivery city")),
            ("delivery_country", self.tr("Delivery country")),
        ):
            self.edits[name].setAccessibleName(label)
        self.problem = QLabel()
        self.problem.setObjectName("deliveryProblem")
        self.problem.setStyleSheet("color: #8c1d18;")
        self.problem.setVisible(False)
        # The user's own choices are never overwritten by another client's defaults.
        self._follow_category = True
        self._follow_delivery = True
        self._follow_debits = True
        self._setting = False
        self._layout()
        self.category.currentIndexChanged.connect(lambda _i: self._user_changed("category"))
        self.vat_on_debits.toggled.connect(lambda _on: self._user_changed("debits"))
        self.differs.toggled.connect(self._differs_toggled)
        for edit in self.edits.values():
            edit.textEdited.connect(lambda _text: self._user_changed("delivery"))
            edit.textChanged.connect(lambda _text: self._check_delivery())

    def _layout(self) -> None:
        e = self.edits
        top = QHBoxLayout()
        label = QLabel(self.tr("Operation category"))
        label.setBuddy(self.category)
        top.addWidget(label)
        top.addWidget(self.category)
        top.addSpacing(16)
        top.addWidget(self.vat_on_debits)
        top.addStretch(1)
        top.addWidget(self.differs)
        self.address = QWidget()
        self.address.setObjectName("deliveryAddress")
        form = QFormLayout(self.address)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(e["delivery_street"], 3)
        row.addWidget(e["delivery_postal_code"])
        row.addWidget(e["delivery_city"], 2)
        row.addWidget(e["delivery_country"], 1)
        form.addRow(self.tr("Deliver to"), row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.address)
        layout.addWidget(self.problem)
        self.address.setVisible(False)

    # --- values -------------------------------------------------------------------------

    def load(self, document: DocumentData | None, client: ClientData | None) -> None:
        """A document's own values; a new one's (or an older draft's inherited ones) from
        ``client`` and the company."""
        self._setting = True
        if document is None:
            self._follow_category = self._follow_delivery = self._follow_debits = True
            self._apply_defaults(client)
        else:
            # A validated document shows what it holds (an older one may hold nothing); a
            # draft's inherited values are filled in from its client and the company.
            draft = document.is_draft
            self._follow_category = draft and document.operation_category is None
            self._follow_delivery = False
            self._follow_debits = draft and document.vat_on_debits is None
            set_category(self.category, document.operation_category)
            self.vat_on_debits.setChecked(bool(document.vat_on_debits))
            self._set_delivery(document.delivery)
            self._apply_defaults(client)  # only what still follows the defaults
        self._setting = False

    def apply_client(self, client: ClientData | None) -> None:
        """Another client was chosen: what still follows the defaults takes its."""
        self._setting = True
        self._apply_defaults(client)
        self._setting = False

    def _apply_defaults(self, client: ClientData | None) -> None:
        if self._follow_category:
            chosen = client.operation_category if client is not None else None
            set_category(self.category, chosen or self.company.operation_category)
        if self._follow_debits:
            self.vat_on_debits.setChecked(self.company.vat_on_debits)
        if self._follow_delivery:
            self._set_delivery(client.delivery if client is not None else DeliveryAddress())

    def _set_delivery(self, delivery: DeliveryAddress) -> None:
        values = (delivery.street, delivery.postal_code, delivery.city, delivery.country)
        for name, value in zip(DELIVERY, values, strict=True):
            self.edits[name].setText(value)
        self.differs.setChecked(not delivery.is_empty)
        self.address.setVisible(not delivery.is_empty)

    def operation_category(self) -> OperationCategory | None:
        return category_of(self.category)

    def delivery(self) -> DeliveryAddress:
        """What to save: the fields when the box is ticked, else the billing address."""
        if not self.differs.isChecked():
            return DeliveryAddress()
        e = self.edits
        return DeliveryAddress(
            e["delivery_street"].text().strip(),
            e["delivery_postal_code"].text().strip(),
            e["delivery_city"].text().strip(),
            e["delivery_country"].text().strip(),
        )

    def vat_on_debits_value(self) -> bool | None:
        """Invoices and credit notes say it; other kinds leave it to the company (None)."""
        if not kind_spec(self.kind).legal_invoice and self._follow_debits:
            return None
        return self.vat_on_debits.isChecked()

    def state(self) -> tuple[object, ...]:
        return (self.operation_category(), self.delivery(), self.vat_on_debits.isChecked())

    def set_read_only(self, read_only: bool) -> None:
        self.category.setEnabled(not read_only)
        self.vat_on_debits.setEnabled(not read_only)
        self.differs.setEnabled(not read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    # --- the user's changes -------------------------------------------------------------

    def _user_changed(self, what: str) -> None:
        if self._setting:
            return
        if what == "category":
            self._follow_category = False
        elif what == "debits":
            self._follow_debits = False
        else:
            self._follow_delivery = False
        self.changed.emit()

    def _differs_toggled(self, ticked: bool) -> None:
        self.address.setVisible(ticked)
        if self._setting:
            return
        self._follow_delivery = False
        if ticked:
            self.edits["delivery_street"].setFocus()
        self._check_delivery()
        self.changed.emit()

    def delivery_problem(self) -> str:
        """Why the delivery address cannot be saved ("" when it can): a ticked box needs
        at least a street or a city."""
        if not self.differs.isChecked():
            return ""
        delivery = self.delivery()
        if not (delivery.street or delivery.city):
            return self.tr("Type the delivery address, or untick “Delivery address differs”.")
        for name in DELIVERY:
            problem = field_problem(name, self.edits[name].text())
            if problem is not None:
                return problem_text(problem)
        return ""

    def _check_delivery(self) -> None:
        text = self.delivery_problem() if self._shown_problem_allowed() else ""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _shown_problem_allowed(self) -> bool:
        # An empty address just ticked is not an error yet: only once something is typed.
        return any(edit.text().strip() for edit in self.edits.values())
