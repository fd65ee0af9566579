"""Plain data the statement of account and the formal letter are printed from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.pdf.model import PrintClient, PrintCompany


@dataclass(frozen=True)
class StatementLine:
    """One open invoice (or credit note: negative amounts) of the client."""

    number: str
    issue_date: date
    due_date: date | None
    amount: Decimal  # total incl. VAT (negative for a credit note)
    paid: Decimal  # received so far (credit notes applied to it included)
    left: Decimal  # left to pay (negative for a credit note not yet used)
    days_late: int  # 0 when not overdue
    credit_note: bool = False


@dataclass(frozen=True)
class Statement:
    """Relevé de compte: every open invoice and credit note of one client, on a day."""

    company: PrintCompany
    client: PrintClient
    on: date
    lines: tuple[StatementLine, ...]
    total_due: Decimal  # the sum of ``left``


@dataclass(frozen=True)
class NoticeLine:
    """One unpaid invoice in the formal letter, with what its lateness adds."""

    number: str
    issue_date: date
    due_date: date
    left: Decimal
    days_late: int
    penalties: Decimal
    indemnity: Decimal  # 40 € for a business client, else 0


@dataclass(frozen=True)
class FormalNotice:
    """Mise en demeure de payer: the amount due, the penalties at ``rate`` (percent a
    year) from each due date to ``on``, the recovery indemnity for a business client, and
    the deadline to pay."""

    company: PrintCompany
    client: PrintClient
    on: date
    lines: tuple[NoticeLine, ...]
    rate: Decimal
    deadline: date
    total_left: Decimal
    total_penalties: Decimal
    total_indemnity: Decimal

    @property
    def total(self) -> Decimal:
        return self.total_left + self.total_penalties + self.total_indemnity
