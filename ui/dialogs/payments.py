"""An invoice's payments: what it totals, what credit notes and payments settled, what is
left to pay; each payment received (date, amount, method), one to add or remove, and
"Paid in full" to record what is left in one go (the former "Mark as paid").

Every read and write runs in the background (ui.tasks); what the user typed stays in the
form when the service refuses it, with the reason in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_amount
from app.errors import FacturierError
from app.services.database import Database
from app.services.document_actions import MAX_PAYMENT_METHOD, mark_paid
from app.services.payments import PaymentState, add_payment, delete_payment, payment_state
from ui.dialogs.settings_widgets import chain_tab_order
from ui.document_problems import document_problem
from ui.models.envelope import date_text
from ui.models.line_rows import parse_number
from ui.tasks import Task, run_task

T = TypeVar("T")
PROBLEM_COLOUR = "#c62828"
PAYMENT_ID_ROLE = Qt.ItemDataRole.UserRole


class PaymentsDialog(QDialog):
    """Modal; ``changed`` tells whether a payment was added or removed. ``accept()`` (the
    "Paid in full" button) records what is left with the form's date and method."""

    def __init__(
        self, db: Database, document_id: int, number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsDialog")
        self.setWindowTitle(self.tr("Payments – {number}").format(number=number))
        self.db = db
        self.document_id = document_id
        self.state: PaymentState | None = None
        self.changed = False
        self.task: Task[Any, None] | None = None
        self._close_when_done = False  # closed while a task ran: closes once it is over
        self._accept_when_done = False  # "Paid in full" while a task ran: then

        title = QLabel(self.tr("Payments of invoice {number}").format(number=number))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setTextFormat(Qt.TextFormat.PlainText)

        self.total_label = self._value("paymentTotal")
        self.credited_label = self._value("paymentCredited")
        self.received_label = self._value("paymentReceived")
        self.left_label = self._value("leftToPay")
        bold = self.left_label.font()
        bold.setBold(True)
        self.left_label.setFont(bold)
        summary = QFormLayout()
        summary.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        summary.addRow(self.tr("Total incl. VAT:"), self.total_label)
        summary.addRow(self.tr("Credit notes:"), self.credited_label)
        summary.addRow(self.tr("Received:"), self.received_label)
        summary.addRow(self.tr("Left to pay:"), self.left_label)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("paymentsTable")
        self.table.setAccessibleName(self.tr("Payments received"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Amount"), self.tr("Method")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 130)
        self.table.setMinimumHeight(130)
        self.empty_label = QLabel(self.tr("No payment received yet."))
        self.empty_label.setObjectName("paymentsEmpty")
        self.remove_button = QPushButton(self.tr("&Remove payment"))
        self.remove_button.setObjectName("removePaymentButton")
        self.remove_button.setToolTip(self.tr("Forget the selected payment (entered by mistake)"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("paymentDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("paymentAmount")
        self.amount_edit.setPlaceholderText(self.tr("1 234,56"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setMaximumWidth(140)
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        self.method.setEditable(True)
        self.method.addItems(
            [
                self.tr("Bank transfer"),
                self.tr("Cheque"),
                self.tr("Cash"),
                self.tr("Card"),
                self.tr("Direct debit"),
            ]
        )
        line = self.method.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_PAYMENT_METHOD)  # the database's limit
        self.add_button = QPushButton(self.tr("&Add payment"))
        self.add_button.setObjectName("addPaymentButton")
        self.add_button.clicked.connect(self.add)
        self.amount_edit.returnPressed.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("Received on:"), self.date_edit)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit)
        amount_row.addWidget(QLabel("€"))
        amount_row.addStretch(1)
        form.addRow(self.tr("Amount:"), amount_row)
        form.addRow(self.tr("Method:"), self.method)
        new_box = QGroupBox(self.tr("New payment"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        new_layout.addLayout(add_row)

        self.message = QLabel()
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.paid_button = QPushButton(self.tr("&Paid in full"))
        self.paid_button.setObjectName("markPaidButton")
        self.paid_button.setToolTip(
            self.tr("Record what is left to pay as one payment, with the date and method above")
        )
        buttons.addButton(self.paid_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.paid_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        self.close_button = close
        self.close_button.setObjectName("paymentsCloseButton")

        payments_box = QGroupBox(self.tr("Payments received"))
        payments_layout = QVBoxLayout(payments_box)
        payments_layout.addWidget(self.table)
        payments_layout.addWidget(self.empty_label)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        payments_layout.addLayout(remove_row)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(summary)
        layout.addWidget(payments_box, 1)
        layout.addWidget(new_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 560)
        chain_tab_order(self.tab_order())
        self._run(lambda: payment_state(db, document_id), self._show_state)

    def tab_order(self) -> list[QWidget]:
        """The focus order, as the fields read (chained once, in __init__)."""
        return [
            self.table,
            self.remove_button,
            self.date_edit,
            self.amount_edit,
            self.method,
            self.add_button,
            self.paid_button,
            self.close_button,
        ]

    # --- the state ----------------------------------------------------------------------

    def _value(self, name: str) -> QLabel:
        label = QLabel("…")
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumWidth(110)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def is_busy(self) -> bool:
        return self.task is not None

    def _show_state(self, state: PaymentState) -> None:
        self.state = state
        self.total_label.setText(format_amount(state.total))
        self.credited_label.setText(format_amount(state.credited))
        self.received_label.setText(format_amount(state.received))
        self.left_label.setText(format_amount(state.left))
        self.table.setRowCount(len(state.payments))
        for row, payment in enumerate(state.payments):
            cells = (
                date_text(payment.paid_on),
                format_amount(payment.amount),
                payment.method,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PAYMENT_ID_ROLE, payment.id)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setCurrentIndex(QModelIndex())
        self.table.setVisible(bool(state.payments))
        self.empty_label.setVisible(not state.payments)
        if state.left > 0:
            self.amount_edit.setText(format_amount(state.left, currency=False))
        else:
            self.amount_edit.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.task is None
        owed = self.state is None or self.state.left > 0
        self.add_button.setEnabled(idle and self.state is not None and owed)
        self.paid_button.setEnabled(idle and owed)
        self.remove_button.setEnabled(idle and bool(self.table.selectedItems()))

    def _busy(self, busy: bool) -> None:
        for widget in (self.add_button, self.paid_button, self.remove_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    # --- the actions --------------------------------------------------------------------

    def paid_on(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def method_text(self) -> str:
        return self.method.currentText().strip()

    def add(self) -> None:
        """Record the payment of the form (refused: the reason shows, the form stays)."""
        if self.task is not None or self.state is None:
            return
        try:
            amount = parse_number(self.amount_edit.text())
        except ValueError:
            self.show_problem(
                self.tr("“{text}” is not an amount: type it as 1 234,56.").format(
                    text=self.amount_edit.text().strip()
                )
            )
            return
        db, document_id = self.db, self.document_id
        paid_on, method = self.paid_on(), self.method_text()
        self._run(lambda: add_payment(db, document_id, paid_on, amount, method), self._changed)

    def remove_selected(self) -> None:
        items = self.table.selectedItems()
        if self.task is not None or not items:
            return
        payment_id = int(items[0].data(PAYMENT_ID_ROLE))
        row = items[0].row()
        day, amount = (self.table.item(row, c) for c in (0, 1))
        question = self.tr("Remove the payment of {amount} received on {date}?").format(
            amount=amount.text() if amount else "", date=day.text() if day else ""
        )
        if not self.confirm(question):
            return
        db = self.db
        self._run(lambda: delete_payment(db, payment_id), self._changed)

    def confirm(self, question: str) -> bool:
        """Ask before removing a payment (overridable in tests)."""
        answer = QMessageBox.question(self, self.tr("Payments"), question)
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        """ "Paid in full": what is left becomes one last payment, then the dialog closes."""
        if self.task is not None:
            self._accept_when_done = True
            return
        db, document_id = self.db, self.document_id
        paid_on, method = self.paid_on(), self.method_text()

        def settled(_result: object) -> None:
            self.changed = True
            super(PaymentsDialog, self).accept()

        self._run(lambda: mark_paid(db, document_id, paid_on, method), settled)

    def _changed(self, state: PaymentState) -> None:
        self.changed = True
        self.show_problem("")
        self._show_state(state)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.message.setVisible(bool(text))

    def problem_text(self, error: FacturierError) -> str:
        """The refusal in words; the service's ValidationError says which rule."""
        if error.code == "invalid":
            field, detail = error.data.get("field"), error.detail
            if field == "paid_on" and detail == "future":
                return self.tr(
                    "The payment date is in the future: record a payment once it is received."
                )
            if field == "amount" and detail == "more than due":
                limit = Decimal(str(error.data.get("limit", "0")))
                return self.tr(
                    "This is more than what is left to pay ({left}): type at most that amount."
                ).format(left=format_amount(limit))
            if field == "amount":
                return self.tr("The amount must be above zero.")
        return document_problem(error)

    # --- background work ----------------------------------------------------------------

    def reject(self) -> None:
        if self.task is not None:  # a write under way: its outcome must be known first
            self._close_when_done = True
            return
        super().reject()

    def _run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        def finished(result: T) -> None:
            self.task = None
            self._busy(False)
            done(result)
            self._close_if_asked()

        def failed(error: BaseException) -> None:
            self.task = None
            self._busy(False)
            self._close_if_asked()
            if not isinstance(error, FacturierError):
                raise error
            self.show_problem(self.problem_text(error))

        self._busy(True)
        self.task = run_task(
            lambda _context: work(), on_success=finished, on_error=failed, parent=self
        )

    def _close_if_asked(self) -> None:
        if self._close_when_done and self.isVisible():
            self._close_when_done = False
            super().reject()
        elif self._accept_when_done:
            self._accept_when_done = False
            self.accept()
