"""Plain data a document is printed from (no ORM objects, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.kinds import DocumentKind


@dataclass(frozen=True)
class PrintCompany:
    name: str
    legal_form: str = ""  # e.g. "SARL"
    capital: str = ""  # e.g. "10 000 €"
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"
    siren: str = ""
    siret: str = ""
    rcs: str = ""  # e.g. "RCS Lyon 123 456 789"
    vat_number: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    iban: str = ""
    bic: str = ""
    vat_exempt: bool = False  # prints "TVA non applicable, art. 293 B du CGI"
    logo_png: bytes | None = None
    e_address: str = ""  # BT-34, scheme 0225; "" = its SIREN
    late_penalty_rate: str = ""  # e.g. "10 %"; "" = three times the legal interest rate
    early_payment_discount: str = ""  # "" = "Pas d'escompte pour paiement anticipé."


@dataclass(frozen=True)
class PrintClient:
    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"
    siren: str = ""
    vat_number: str = ""
    siret: str = ""  # Factur-X: the buyer's identifier (scheme 0009)
    business: bool = True  # a business gets the B2B mentions; a private person does not
    e_address: str = ""  # BT-49, scheme 0225; "" = its SIREN


@dataclass(frozen=True)
class PrintAddress:
    """A delivery address (BG-15) when it differs from the client's billing address."""

    name: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"


@dataclass(frozen=True)
class PrintLine:
    description: str  # may hold several lines
    quantity: Decimal
    unit: str
    unit_price: Decimal  # excl. VAT
    vat_rate: Decimal  # percent, e.g. Decimal("20")
    discount_percent: Decimal
    total_excl: Decimal  # already rounded


@dataclass(frozen=True)
class PrintDocument:
    kind: DocumentKind
    number: str
    issue_date: date
    company: PrintCompany
    client: PrintClient
    lines: tuple[PrintLine, ...]
    total_excl: Decimal
    total_vat: Decimal
    total_incl: Decimal
    # rate -> (base excl. VAT, VAT amount)
    vat_by_rate: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)
    due_date: date | None = None  # invoices
    validity_date: date | None = None  # quotes
    delivery_date: date | None = None  # delivery notes / orders
    payment_terms: str = ""  # e.g. "30 jours fin de mois, par virement"
    late_penalty_text: str = ""  # empty: the renderer prints the legal default
    notes: str = ""
    reference: str = ""  # e.g. the invoice a credit note cancels, or the source quote
    draft: bool = False  # prints a "BROUILLON" watermark and no number
    # The reform's mentions (décret 2022-1299), defaults already applied:
    operation_category: str = ""  # "goods", "services", "mixed"; "" = not chosen
    delivery: PrintAddress | None = None  # None: delivered at the billing address
    vat_on_debits: bool = False  # "Option pour le paiement de la taxe d'après les débits"
    # Factur-X only (not printed):
    reference_date: date | None = None  # issue date of the invoice in ``reference``
    buyer_reference: str = ""  # the buyer's reference (e.g. Chorus Pro service code), BT-10
    payment_means_code: str = ""  # UNTDID 4461; empty: 58 (SEPA transfer) when there is an IBAN
    # An invoice's place in a quote's invoicing (app.domain.invoice_roles): "", "deposit"
    # (titled "Facture d'acompte", CII type 386) or "final" ("Facture de solde").
    invoice_role: str = ""
