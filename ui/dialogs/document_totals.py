"""The document editor's totals: VAT per rate, then excl. VAT, VAT and incl. VAT."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.domain.formatting import format_amount, format_rate
from app.domain.money import Totals

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsPanel(QFrame):
    """``totalExclLabel``, ``totalVatLabel``, ``totalInclLabel``; one ``vatRateLabel`` /
    ``vatBaseLabel`` / ``vatAmountLabel`` row per rate; ``vatExemptLabel`` when exempt."""

    def __init__(self, vat_exempt: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.vat_exempt = vat_exempt
        self.rates = QGridLayout()
        self.rates.setHorizontalSpacing(16)
        self.rates.setVerticalSpacing(2)
        self.rates.setColumnStretch(0, 1)
        self._rate_rows: list[tuple[QLabel, QLabel]] = []
        self.excl = self._amount("totalExclLabel")
        self.vat = self._amount("totalVatLabel")
        self.incl = self._amount("totalInclLabel")
        font = QFont(self.incl.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.incl.setFont(font)
        incl_title = QLabel(self.tr("Total incl. VAT"))
        incl_title.setFont(font)
        sums = QGridLayout()
        sums.setHorizontalSpacing(16)
        sums.setColumnStretch(0, 1)
        sums.addWidget(QLabel(self.tr("Total excl. VAT")), 0, 0, RIGHT)
        sums.addWidget(self.excl, 0, 1)
        self.vat_title = QLabel(self.tr("VAT"))
        sums.addWidget(self.vat_title, 1, 0, RIGHT)
        sums.addWidget(self.vat, 1, 1)
        sums.addWidget(incl_title, 2, 0, RIGHT)
        sums.addWidget(self.incl, 2, 1)
        self.exempt_label = QLabel(self.tr("VAT not applicable, art. 293 B of the CGI"))
        self.exempt_label.setObjectName("vatExemptLabel")
        self.exempt_label.setAlignment(RIGHT)
        self.exempt_label.setStyleSheet("color: palette(placeholder-text);")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rates)
        layout.addWidget(self.exempt_label)
        layout.addWidget(line)
        layout.addLayout(sums)
        layout.addStretch(1)
        self.set_vat_exempt(vat_exempt)

    def _amount(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAlignment(RIGHT)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("000 000 000,00 €"))
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def set_vat_exempt(self, exempt: bool) -> None:
        self.vat_exempt = exempt
        self.exempt_label.setVisible(exempt)
        self.vat_title.setVisible(not exempt)
        self.vat.setVisible(not exempt)

    def show_totals(self, totals: Totals) -> None:
        self.excl.setText(format_amount(totals.total_excl))
        self.vat.setText(format_amount(totals.total_vat))
        self.incl.setText(format_amount(totals.total_incl))
        shown = [] if self.vat_exempt else list(totals.by_rate.items())
        while len(self._rate_rows) < len(shown):
            title, amount = QLabel(), QLabel()
            title.setObjectName("vatRateLabel")
            amount.setObjectName("vatAmountLabel")
            title.setAlignment(RIGHT)
            amount.setAlignment(RIGHT)
            row = len(self._rate_rows)
            self.rates.addWidget(title, row, 0)
            self.rates.addWidget(amount, row, 1)
            self._rate_rows.append((title, amount))
        for number, (title, amount) in enumerate(self._rate_rows):
            if number < len(shown):
                rate, (base, vat) = shown[number]
                title.setText(
                    self.tr("VAT {rate} on {base}").format(
                        rate=format_rate(rate), base=format_amount(base)
                    )
                )
                amount.setText(format_amount(vat))
            title.setVisible(number < len(shown))
            amount.setVisible(number < len(shown))

    def rate_lines(self) -> list[str]:
        """The VAT-per-rate rows as shown ("VAT 20 % on 88,97 €: 17,79 €"), for tests."""
        return [
            f"{title.text()}: {amount.text()}"
            for title, amount in self._rate_rows
            if not title.isHidden()
        ]
