"""The document editor's dates: the document date and the one its kind needs (due date of
an invoice or credit note, validity of a quote, delivery date of an order or delivery note:
the kind's ``KindSpec.second_date``).

The second date is optional (a tick box before it). On a new document it follows the
document date (e.g. 30 days later) until the user sets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QWidget

from app.domain.kinds import DocumentKind, SecondDate, kind_spec

DISPLAY_FORMAT = "dd/MM/yyyy"


@dataclass(frozen=True)
class DateValues:
    issue_date: date
    due_date: date | None = None
    validity_date: date | None = None
    delivery_date: date | None = None


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2099, 12, 31))
    return edit


class DocumentDates(QWidget):
    """``issueDateEdit``; then ``dueDateEdit``, ``validityDateEdit`` or ``deliveryDateEdit``
    with its tick box (``…Check``). ``changed`` on any change."""

    changed = Signal()

    def __init__(
        self, kind: DocumentKind, payment_days: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.issue = date_edit("issueDateEdit")
        self.field, label, name, self.offset = self._second(kind, payment_days)
        self.check = QCheckBox(label)
        self.check.setObjectName(name + "Check")
        self.other = date_edit(name + "Edit")
        self._following = True  # the second date follows the first until the user sets it
        self._setting = False
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Date"), self.issue)
        form.addRow(self.check, self.other)
        self.issue.dateChanged.connect(self._issue_changed)
        self.other.dateChanged.connect(self._other_changed)
        self.check.toggled.connect(self._toggled)

    def _second(self, kind: DocumentKind, payment_days: int) -> tuple[str, str, str, int]:
        """(DocumentInput field, label, objectName stem, default offset in days): the
        kind's ``second_date``, offset by ``second_date_days`` (None: the payment delay)."""
        spec = kind_spec(kind)
        days = payment_days if spec.second_date_days is None else spec.second_date_days
        labels = {
            SecondDate.DUE: (self.tr("Due date"), "dueDate"),
            SecondDate.VALIDITY: (self.tr("Valid until"), "validityDate"),
            SecondDate.DELIVERY: (self.tr("Delivery date"), "deliveryDate"),
        }
        label, stem = labels[spec.second_date]
        return str(spec.second_date), label, stem, days

    def set_new(self, today: date) -> None:
        """A new document: dated today; the second date ticked unless the kind says not
        (``second_date_ticked``: no due date to give back, delivery not known yet)."""
        self._set(DateValues(today), follow=True)
        ticked = kind_spec(self.kind).second_date_ticked
        self._setting = True
        self.check.setChecked(ticked)
        self.other.setEnabled(ticked)
        self._setting = False

    def set_values(self, values: DateValues) -> None:
        self._set(values, follow=False)

    def _set(self, values: DateValues, follow: bool) -> None:
        self._setting = True
        self.issue.setDate(_qdate(values.issue_date))
        other: date | None = getattr(values, self.field)
        self.check.setChecked(other is not None)
        self.other.setEnabled(other is not None)
        if other is None:
            other = values.issue_date + timedelta(days=self.offset)
        self.other.setDate(_qdate(other))
        self._following = follow
        self._setting = False

    def values(self) -> DateValues:
        other = _date(self.other.date()) if self.check.isChecked() else None
        return DateValues(_date(self.issue.date()), **{self.field: other})

    def set_read_only(self, read_only: bool) -> None:
        self.issue.setReadOnly(read_only)
        self.other.setReadOnly(read_only)
        self.check.setEnabled(not read_only)
        self.issue.setEnabled(not read_only)
        self.other.setEnabled(not read_only and self.check.isChecked())

    def _issue_changed(self, _value: QDate) -> None:
        if self._following and not self._setting:
            self._setting = True
            self.other.setDate(self.issue.date().addDays(self.offset))
            self._setting = False
        self.changed.emit()

    def _other_changed(self, _value: QDate) -> None:
        if not self._setting:
            self._following = False
        self.changed.emit()

    def _toggled(self, ticked: bool) -> None:
        self.other.setEnabled(ticked)
        if not self._setting:
            self.changed.emit()
