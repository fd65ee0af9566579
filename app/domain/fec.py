"""The sales journal in the FEC format (fichier des écritures comptables, article A47 A-1
du Livre des procédures fiscales): 18 columns in a fixed order, one line per account
movement, dates as AAAAMMJJ, amounts with a decimal comma and no thousands separator, the
file named ``<SIREN>FEC<AAAAMMJJ>.txt`` after the period's last day.

Plain values only: ``app.services.sales_journal`` reads the documents and builds the
entries; this module knows the accounts and the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
JOURNAL = ("VT", "Ventes")
# The French chart of accounts (PCG): clients, sales of services and of goods, VAT collected.
CLIENTS = ("411000", "Clients")
SERVICES = ("706000", "Prestations de services")
GOODS = ("707000", "Ventes de marchandises")
VAT = ("445710", "TVA collectée")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class JournalLine:
    """One movement of one entry: an amount on one account, debit or credit."""

    entry: int  # EcritureNum: the entries are numbered 1, 2, 3 … in the file's order
    on: date  # EcritureDate and PieceDate: the document's date
    account: tuple[str, str]  # number, label
    auxiliary: tuple[str, str]  # the client's sub-account (number, name), or ("", "")
    piece: str  # PieceRef: the document's number
    label: str  # EcritureLib
    debit: Decimal
    credit: Decimal
    validated: date  # ValidDate


def client_account(client_id: int) -> str:
    """The client's auxiliary account: C and its number on six digits ("C000042")."""
    return f"C{client_id:06d}"


def amount_text(value: Decimal) -> str:
    """``1234,5`` → ``"1234,50"``: two decimals, a comma, no thousands separator."""
    return f"{value.quantize(Decimal('0.01')):f}".replace(".", ",")


def date_text(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value is not None else ""


def clean(text: str) -> str:
    """A field on one line without the separator: tabs and line breaks become spaces."""
    return " ".join(text.replace("\t", " ").split())


def row(line: JournalLine) -> tuple[str, ...]:
    """The 18 fields of one line, in ``COLUMNS`` order."""
    return (
        JOURNAL[0],
        JOURNAL[1],
        str(line.entry),
        date_text(line.on),
        line.account[0],
        line.account[1],
        line.auxiliary[0],
        clean(line.auxiliary[1]),
        clean(line.piece),
        date_text(line.on),
        clean(line.label),
        amount_text(line.debit),
        amount_text(line.credit),
        "",
        "",
        date_text(line.validated),
        "",
        "",
    )


def file_name(siren: str, last_day: date) -> str:
    """``732829320FEC20261231.txt``: the SIREN and the period's closing date."""
    digits = "".join(c for c in siren if c.isdigit())
    return f"{digits}FEC{date_text(last_day)}.txt"
