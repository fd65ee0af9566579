"""The top of the document editor: the client (with its payment terms) and the dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPlainTextEdit, QWidget

from app.domain.kinds import DocumentKind
from app.services.database import Database
from app.services.document_data import DocumentData
from ui.dialogs.client_picker import ClientPicker
from ui.dialogs.document_dates import DateValues, DocumentDates


def text_edit(name: str, height: int) -> QPlainTextEdit:
    """A few lines of text; Tab goes on to the next field."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class DocumentHeader(QWidget):
    """``clientPicker`` and ``newClientButton``, ``paymentTermsEdit``, the dates.
    ``changed`` on any change."""

    changed = Signal()

    def __init__(
        self, db: Database, kind: DocumentKind, payment_days: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.picker = ClientPicker(db)
        self.dates = DocumentDates(kind, payment_days)
        self.terms = text_edit("paymentTermsEdit", 56)
        client = QGroupBox(self.tr("Client"))
        form = QFormLayout(client)
        form.addRow(self.tr("Client"), self.picker)
        form.addRow(self.tr("Payment terms"), self.terms)
        dates = QGroupBox(self.tr("Dates"))
        QHBoxLayout(dates).addWidget(self.dates)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(client, 3)
        layout.addWidget(dates, 1)
        self._kept = DateValues(date.today())

    def connect_changes(self) -> None:
        """Start telling changes (once loaded)."""
        self.picker.clientChanged.connect(lambda _id: self.changed.emit())
        self.picker.line_edit().textEdited.connect(lambda _text: self.changed.emit())
        self.dates.changed.connect(self.changed)
        self.terms.textChanged.connect(self.changed)

    def load(self, document: DocumentData | None, default_terms: str) -> None:
        if document is None:
            self.dates.set_new(date.today())
            self.terms.setPlainText(default_terms)
            return
        self.picker.set_client(document.client_id, document.client_name)
        self._kept = DateValues(
            document.issue_date, document.due_date, document.validity_date, document.delivery_date
        )
        self.dates.set_values(self._kept)
        self.terms.setPlainText(document.payment_terms)

    def date_values(self) -> DateValues:
        """The dates to save: those shown, and those this kind does not show kept as the
        document had them (a document converted from another kind may carry them)."""
        shown = self.dates.values()
        field = self.dates.field
        return replace(self._kept, issue_date=shown.issue_date, **{field: getattr(shown, field)})

    def state(self) -> tuple[object, ...]:
        return (
            self.picker.client_id(),
            self.picker.client_text(),
            self.dates.values(),
            self.terms.toPlainText(),
        )

    def set_read_only(self, read_only: bool) -> None:
        self.picker.set_read_only(read_only)
        self.dates.set_read_only(read_only)
        self.terms.setReadOnly(read_only)
