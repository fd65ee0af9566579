"""The placeholders of the e-mail templates: one definition for the renderer
(``app.domain.templates``) and the Settings page (buttons, tooltips, preview).

Each placeholder has a French name, the names it also answers to (English, accented),
the value it shows, a description in both languages and the sample the preview uses.
Adding one: a ``Placeholder`` here and a ``TemplateValues`` field (see
docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from app.domain.formatting import format_amount
from app.domain.kinds import Text


@dataclass(frozen=True)
class TemplateValues:
    """What a template can show about one document."""

    number: str
    client: str
    amount: Decimal  # total incl. VAT
    date: datetime.date
    due_date: datetime.date | None = None
    company: str = ""
    # Payment reminders only (empty in a document's own e-mail).
    days_late: int | None = None  # the oldest invoice's days past its due date
    amount_due: Decimal | None = None  # left to pay on the invoices reminded
    penalties: Decimal | None = None  # late-payment penalties to date
    invoice_list: str = ""  # one line per invoice reminded


@dataclass(frozen=True)
class Placeholder:
    name: str  # what the Settings button inserts: "{numero}"
    field: str  # the TemplateValues attribute it shows
    aliases: tuple[str, ...]  # other names accepted in a template
    description: Text  # the button's tooltip
    reminder: bool = False  # only meaningful in a payment reminder

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder(
        "numero",
        "number",
        ("numéro", "number"),
        Text("The document's number", "Le numéro du document"),
    ),
    Placeholder("client", "client", (), Text("The client's name", "Le nom du client")),
    Placeholder("montant", "amount", ("amount",), Text("The total including VAT", "Le total TTC")),
    Placeholder("date", "date", (), Text("The document's date", "La date du document")),
    Placeholder(
        "echeance",
        "due_date",
        ("échéance", "due_date"),
        Text("The payment due date", "La date d’échéance"),
    ),
    Placeholder(
        "societe",
        "company",
        ("société", "company"),
        Text("Your company's name", "Le nom de votre société"),
    ),
    Placeholder(
        "jours_de_retard",
        "days_late",
        ("days_late",),
        Text("Days since the due date", "Le nombre de jours de retard"),
        reminder=True,
    ),
    Placeholder(
        "montant_du",
        "amount_due",
        ("montant_dû", "amount_due"),
        Text("What is left to pay", "Le montant restant dû"),
        reminder=True,
    ),
    Placeholder(
        "penalites",
        "penalties",
        ("pénalités", "penalties"),
        Text("Late-payment penalties to date", "Les pénalités de retard à ce jour"),
        reminder=True,
    ),
    Placeholder(
        "liste_factures",
        "invoice_list",
        ("invoice_list",),
        Text("The invoices reminded, one per line", "La liste des factures relancées"),
        reminder=True,
    ),
)
DOCUMENT_PLACEHOLDERS = tuple(p for p in PLACEHOLDERS if not p.reminder)

# Every accepted name -> the TemplateValues attribute it shows.
FIELD_OF: dict[str, str] = {name: p.field for p in PLACEHOLDERS for name in p.names}

# The preview's sample document (Settings → Templates).
SAMPLE_CLIENT = Text("Boulangerie Martin", "Boulangerie Martin")
SAMPLE_COMPANY = Text("Your company", "Votre société")  # when the company has no name yet
SAMPLE_AMOUNT = Decimal("1234.56")
SAMPLE_SEQUENCE = 42
SAMPLE_DAYS_LATE = 12
SAMPLE_PENALTIES = Decimal("4.93")


def sample_values(
    number: str, company: str, payment_days: int, today: datetime.date, *, french: bool
) -> TemplateValues:
    """The values the preview shows: ``number`` is a sample number of the kind shown."""
    return TemplateValues(
        number=number,
        client=SAMPLE_CLIENT.pick(french),
        amount=SAMPLE_AMOUNT,
        date=today,
        due_date=today + datetime.timedelta(days=payment_days),
        company=company.strip() or SAMPLE_COMPANY.pick(french),
        days_late=SAMPLE_DAYS_LATE,
        amount_due=SAMPLE_AMOUNT,
        penalties=SAMPLE_PENALTIES,
        invoice_list=f"- {number}\u00a0: {format_amount(SAMPLE_AMOUNT)}",
    )
