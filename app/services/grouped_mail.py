"""One e-mail for several documents of a client ("one e-mail per client" in a batch).

The message is the first document's, as ``build_document_mail`` makes it (recipients,
copies, attachments), with the subject and body naming every document and each
document's PDF attached after the first one, in the batch's order. The text is French,
like the templates: the subject is the kind's template with ``{numero}`` listing the
numbers and the kind's title made plural ("Factures F-1, F-2 – Société"); the body is the
template's with the numbers listed, the totals added up and the earliest due date, then
one line per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.db.models import Document
from app.domain.formatting import format_amount, format_date
from app.domain.kinds import kind_spec
from app.domain.templates import (
    EmailTemplate,
    TemplateValues,
    one_line,
    paid_template,
    render_template,
)
from app.errors import HeaderInjectionError
from app.mail.message import PreparedMail, message_to_bytes, pdf_filename
from app.services.settings import Company

ZERO = Decimal("0")


def group_numbers(documents: Sequence[Document]) -> str:
    return ", ".join(doc.number or "" for doc in documents)


def build_group_mail(
    company: Company,
    documents: Sequence[Document],
    template: EmailTemplate,
    pdfs: Sequence[bytes],
    mail: PreparedMail,
    *,
    paid: bool,
) -> PreparedMail:
    """The message carrying ``documents`` (one client, one kind), ``pdfs`` in the same
    order: ``mail``, the first one's as ``build_document_mail`` made it, with the subject
    and body naming them all and their PDFs (``paid``: the first is a paid invoice)."""
    first = documents[0]
    if len(documents) == 1:
        return mail
    if paid:
        template = paid_template(first.kind)
    subject, body = group_text(company, documents, template)
    if "\n" in subject or "\r" in subject:  # a number is one line; a template's subject too
        raise HeaderInjectionError("line break in the subject", field="subject")
    message = mail.message
    message.replace_header("Subject", subject)
    text = message.get_body(("plain",))
    if text is not None:
        text.set_content(body, cte="quoted-printable")  # type: ignore[attr-defined]
    # The other PDFs right after the first one, before any file the kind adds to all.
    parts = message.get_payload()
    assert isinstance(parts, list)
    first_name = pdf_filename(first.number or "document")
    at = next(
        (i + 1 for i, part in enumerate(parts) if part.get_filename() == first_name),
        len(parts),
    )
    for offset, (doc, pdf) in enumerate(zip(documents[1:], pdfs[1:], strict=True)):
        message.add_attachment(
            pdf,
            maintype="application",
            subtype="pdf",
            filename=pdf_filename(doc.number or "document"),
        )
        added = parts.pop()  # add_attachment appends: move it to its place
        parts.insert(at + offset, added)
    return PreparedMail(
        raw=message_to_bytes(message),
        envelope_from=mail.envelope_from,
        envelope_to=mail.envelope_to,
        bcc=mail.bcc,
    )


def group_text(
    company: Company, documents: Sequence[Document], template: EmailTemplate
) -> tuple[str, str]:
    """The subject and body of the message carrying ``documents``."""
    first = documents[0]
    numbers = group_numbers(documents)
    due = [doc.due_date for doc in documents if doc.due_date is not None]
    values = TemplateValues(
        number=one_line(numbers),
        client=one_line(first.client.name),
        amount=sum((doc.total_incl for doc in documents), ZERO),
        date=first.issue_date,
        due_date=min(due) if due else None,
        company=one_line(company.name),
    )
    subject, body = render_template(template.subject, template.body, values)
    spec = kind_spec(first.kind)
    title = f"{spec.title.fr} "
    if subject.startswith(title):
        subject = f"{spec.plural.fr} {subject[len(title) :]}"
    listing = "\n".join(
        f"- {doc.number or ''} du {format_date(doc.issue_date)}\u00a0: "
        f"{format_amount(doc.total_incl)} TTC"
        for doc in documents
    )
    total = format_amount(values.amount)
    block = f"Documents joints\u00a0:\n{listing}\nTotal\u00a0: {total} TTC"
    # After the paragraph that names the numbers, else at the end.
    found = body.find(values.number) if values.number else -1
    end = body.find("\n\n", found) if found >= 0 else -1
    if end < 0:
        return subject, f"{body.rstrip()}\n\n{block}\n"
    return subject, f"{body[:end]}\n\n{block}{body[end:]}"
