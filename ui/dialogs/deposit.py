"""How much a deposit invoice asks for: a percentage of the quote or order, or an amount
incl. VAT. The service checks the rest (what is left to invoice) when it makes the draft."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import to_decimal
from ui.dialogs.settings_widgets import chain_tab_order


class DepositDialog(QDialog):
    """Percentage (default 30) or amount incl. VAT; ``choice()`` once accepted."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depositDialog")
        self.setWindowTitle(self.tr("Deposit invoice – {number}").format(number=number))
        intro = QLabel(
            self.tr(
                "A deposit invoice for {number}: one line per VAT rate, in proportion to "
                "its amounts. It opens as a draft."
            ).format(number=number)
        )
        intro.setWordWrap(True)
        self.percent_radio = QRadioButton(self.tr("&Percentage"))
        self.percent_radio.setObjectName("depositPercentRadio")
        self.amount_radio = QRadioButton(self.tr("&Amount incl. VAT"))
        self.amount_radio.setObjectName("depositAmountRadio")
        group = QButtonGroup(self)
        group.addButton(self.percent_radio)
        group.addButton(self.amount_radio)
        self.percent_radio.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.percent_radio)
        choice.addWidget(self.amount_radio)
        choice.addStretch(1)
        self.value_edit = QLineEdit("30")
        self.value_edit.setObjectName("depositValueEdit")
        self.value_edit.selectAll()
        self.unit = QLabel("%")
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit)
        value_row.addWidget(self.unit)
        self.problem = QLabel()
        self.problem.setObjectName("depositProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Deposit:"), choice)
        form.addRow(self.tr("Value:"), value_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setObjectName("depositOkButton")
        self.cancel_button.setObjectName("depositCancelButton")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.percent_radio.toggled.connect(self._mode_changed)
        self.value_edit.textChanged.connect(self._check)
        self._check()
        chain_tab_order(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """The focus order, as the fields read (chained once, in __init__)."""
        return [
            self.percent_radio,
            self.amount_radio,
            self.value_edit,
            self.ok_button,
            self.cancel_button,
        ]

    def _mode_changed(self) -> None:
        self.unit.setText("%" if self.percent_radio.isChecked() else "€")
        self._check()

    def _value(self) -> Decimal | None:
        try:
            value = to_decimal(self.value_edit.text())
        except ValueError:
            return None
        return value if value > 0 else None

    def _check(self) -> None:
        value = self._value()
        problem = ""
        if value is None:
            problem = self.tr("Type a number above 0.")
        elif self.percent_radio.isChecked() and value >= 100:
            problem = self.tr("A deposit is less than 100 %: make the invoice itself instead.")
        elif value != value.quantize(Decimal("0.01")):
            problem = self.tr("At most two decimals.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def choice(self) -> tuple[Decimal | None, Decimal | None]:
        """(percent, None) or (None, amount incl. VAT)."""
        value = self._value()
        if self.percent_radio.isChecked():
            return value, None
        return None, value
