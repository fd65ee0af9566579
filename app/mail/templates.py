"""E-mail templates: a subject and a plain-text body with ``{placeholder}`` fields.

French names with English aliases (accents optional): ``{numero}``/``{number}``,
``{client}``, ``{montant}``/``{amount}`` (total incl. VAT), ``{date}``,
``{echeance}``/``{due_date}``, ``{societe}``/``{company}``. Literal braces are written
``{{`` and ``}}``. Only bare names are fields: ``{montant:>10}`` or ``{client.name}``
are refused as unknown, so a template can never reach into Python objects.
"""

from __future__ import annotations

import datetime
import re
import string
from dataclasses import dataclass
from decimal import Decimal

from app.domain.formatting import format_amount, format_date
from app.domain.kinds import DocumentKind
from app.errors import InvalidTemplateError

# placeholder -> TemplateValues attribute
PLACEHOLDERS: dict[str, str] = {
    "numero": "number",
    "numéro": "number",
    "number": "number",
    "client": "client",
    "montant": "amount",
    "amount": "amount",
    "date": "date",
    "echeance": "due_date",
    "échéance": "due_date",
    "due_date": "due_date",
    "societe": "company",
    "société": "company",
    "company": "company",
}

_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class TemplateValues:
    """What a template can show about one document."""

    number: str
    client: str
    amount: Decimal  # total incl. VAT
    date: datetime.date
    due_date: datetime.date | None = None
    company: str = ""


@dataclass(frozen=True)
class EmailTemplate:
    subject: str
    body: str


DEFAULT_TEMPLATES: dict[DocumentKind, EmailTemplate] = {
    DocumentKind.INVOICE: EmailTemplate(
        subject="Facture {numero} – {societe}",
        body=(
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint notre facture {numero} du {date}, "
            "d'un montant de {montant} TTC, à régler au plus tard le {echeance}.\n\n"
            "Nous restons à votre disposition pour toute question.\n\n"
            "Cordialement,\n"
            "{societe}\n"
        ),
    ),
    DocumentKind.QUOTE: EmailTemplate(
        subject="Devis {numero} – {societe}",
        body=(
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint notre devis {numero} du {date}, "
            "d'un montant de {montant} TTC.\n\n"
            "Pour l'accepter, il vous suffit de nous le retourner signé avec la mention "
            "« Bon pour accord ».\n\n"
            "Nous restons à votre disposition pour toute question.\n\n"
            "Cordialement,\n"
            "{societe}\n"
        ),
    ),
    DocumentKind.ORDER: EmailTemplate(
        subject="Commande {numero} – {societe}",
        body=(
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint notre confirmation de commande {numero} du {date}, "
            "d'un montant de {montant} TTC.\n\n"
            "Nous vous remercions de votre confiance.\n\n"
            "Cordialement,\n"
            "{societe}\n"
        ),
    ),
    DocumentKind.DELIVERY: EmailTemplate(
        subject="Bon de livraison {numero} – {societe}",
        body=(
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint le bon de livraison {numero} du {date}.\n\n"
            "Nous restons à votre disposition pour toute question.\n\n"
            "Cordialement,\n"
            "{societe}\n"
        ),
    ),
    DocumentKind.CREDIT_NOTE: EmailTemplate(
        subject="Avoir {numero} – {societe}",
        body=(
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint notre avoir {numero} du {date}, "
            "d'un montant de {montant} TTC.\n\n"
            "Nous restons à votre disposition pour toute question.\n\n"
            "Cordialement,\n"
            "{societe}\n"
        ),
    ),
}


# A paid invoice is sent for the client's records: never with "à régler" in it.
PAID_INVOICE_TEMPLATE = EmailTemplate(
    subject="Facture {numero} (réglée) – {societe}",
    body=(
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint, pour vos archives, notre facture {numero} du {date}, "
        "d'un montant de {montant} TTC, que vous avez déjà réglée. "
        "Nous vous en remercions.\n\n"
        "Nous restons à votre disposition pour toute question.\n\n"
        "Cordialement,\n"
        "{societe}\n"
    ),
)


def validate_template(subject: str, body: str) -> None:
    """Refuse a template that could not be rendered.

    ``InvalidTemplateError`` data: ``unknown`` (placeholders in order of appearance, each
    once) and ``fields`` (["subject"], ["body"] or both) for unknown placeholders;
    ``reason="syntax"`` and ``field`` for an unmatched brace; ``reason="line_break"`` and
    ``field="subject"`` for a line break in the subject.
    """
    if _LINE_BREAK.search(subject):
        raise InvalidTemplateError("line break in subject", field="subject", reason="line_break")
    unknown: list[str] = []
    fields: list[str] = []
    for field, text in (("subject", subject), ("body", body)):
        names = _placeholders(field, text)
        bad = [n for n in names if n not in PLACEHOLDERS]
        if bad:
            fields.append(field)
            unknown.extend(n for n in bad if n not in unknown)
    if unknown:
        raise InvalidTemplateError(
            "unknown placeholders", reason="unknown", unknown=unknown, fields=fields
        )


def placeholders(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order (repeats kept)."""
    return _placeholders("text", text)


def render_template(subject: str, body: str, values: TemplateValues) -> tuple[str, str]:
    """Fill both parts; raises ``InvalidTemplateError`` as ``validate_template`` does.

    Values are inserted as they are: a client name holding a line break ends up in the
    subject and is refused later by ``build_message`` (``HeaderInjectionError``).
    """
    validate_template(subject, body)
    texts = {
        "number": values.number,
        "client": values.client,
        "amount": format_amount(values.amount),
        "date": format_date(values.date),
        "due_date": format_date(values.due_date) if values.due_date else "",
        "company": values.company,
    }
    return _render(subject, texts), _render(body, texts)


def _placeholders(field: str, text: str) -> list[str]:
    names: list[str] = []
    try:
        for _literal, name, spec, conversion in _FORMATTER.parse(text):
            if name is None:
                continue
            if spec or conversion:
                # Keep the whole field so the user sees what was refused.
                name += (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            names.append(name)
    except ValueError as exc:  # unmatched "{" or "}"
        raise InvalidTemplateError(str(exc), field=field, reason="syntax") from exc
    return names


def _render(text: str, texts: dict[str, str]) -> str:
    parts: list[str] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(text):
        parts.append(literal)  # "{{" and "}}" already undoubled by the parser
        if name is not None:
            parts.append(texts[PLACEHOLDERS[name]])
    return "".join(parts)
