"""E-mail templates per document kind: stored ones, or the French defaults."""

from __future__ import annotations

from app.db.database import Database
from app.db.models import EmailTemplate as TemplateRow
from app.domain.kinds import DocumentKind
from app.mail.templates import DEFAULT_TEMPLATES, EmailTemplate, validate_template


def get_template(db: Database, kind: DocumentKind) -> EmailTemplate:
    with db.read() as session:
        row = session.get(TemplateRow, str(kind))
        if row is None:
            return DEFAULT_TEMPLATES[kind]
        return EmailTemplate(row.subject, row.body)


def save_template(db: Database, kind: DocumentKind, subject: str, body: str) -> None:
    """Unknown placeholders and line breaks in the subject are refused here, at save time."""
    validate_template(subject, body)
    with db.write() as session:
        row = session.get(TemplateRow, str(kind))
        if row is None:
            session.add(TemplateRow(kind=str(kind), subject=subject, body=body))
        else:
            row.subject, row.body = subject, body


def reset_template(db: Database, kind: DocumentKind) -> None:
    with db.write() as session:
        row = session.get(TemplateRow, str(kind))
        if row is not None:
            session.delete(row)
