"""E-mail templates: a subject and a plain-text body with ``{placeholder}`` fields.

French names with English aliases (accents optional): ``{numero}``/``{number}``,
``{client}``, ``{montant}``/``{amount}`` (total incl. VAT), ``{date}``,
``{echeance}``/``{due_date}``, ``{societe}``/``{company}``, all defined in
``app.domain.template_placeholders``; each kind's default is in its ``KindSpec``
(``app.domain.kinds``). Literal braces are written ``{{`` and ``}}``. Only bare names
are fields: ``{montant:>10}`` or ``{client.name}`` are refused as unknown, so a template
can never reach into Python objects.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterator, Mapping
from decimal import Decimal

from app.domain.formatting import format_amount, format_date
from app.domain.kinds import DocumentKind, EmailTemplate, kind_spec
from app.domain.template_placeholders import FIELD_OF, PLACEHOLDERS, TemplateValues
from app.errors import InvalidTemplateError

__all__ = [
    "DEFAULT_TEMPLATES",
    "EmailTemplate",
    "TemplateValues",
    "default_template",
    "paid_template",
    "placeholders",
    "render_template",
    "validate_template",
]

_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
_FORMATTER = string.Formatter()


def default_template(kind: str) -> EmailTemplate:
    """The kind's default e-mail (see its ``KindSpec``)."""
    return kind_spec(kind).template


class _DefaultTemplates(Mapping[DocumentKind, EmailTemplate]):
    """Every registered kind's default template, read from the kind registry."""

    def __getitem__(self, kind: DocumentKind) -> EmailTemplate:
        try:
            return default_template(kind)
        except ValueError:
            raise KeyError(kind) from None

    def __iter__(self) -> Iterator[DocumentKind]:
        return iter(DocumentKind)

    def __len__(self) -> int:
        return len(DocumentKind)


DEFAULT_TEMPLATES: Mapping[DocumentKind, EmailTemplate] = _DefaultTemplates()


def paid_template(kind: str) -> EmailTemplate:
    """The e-mail for a document already paid: its kind's ``paid_template`` (an invoice
    sent for the client's records never says "à régler"), or its default."""
    spec = kind_spec(kind)
    return spec.paid_template or spec.template


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
        bad = [n for n in names if n not in FIELD_OF]
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
    texts = {p.field: _text(getattr(values, p.field)) for p in PLACEHOLDERS}
    return _render(subject, texts), _render(body, texts)


def _text(value: object) -> str:
    """A value as a template shows it: amounts and dates the French way, none as ""."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


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
            parts.append(texts[FIELD_OF[name]])
    return "".join(parts)


_WHITESPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Whitespace, line breaks included, as single spaces: a value fit for a header."""
    return _WHITESPACE.sub(" ", text).strip()
