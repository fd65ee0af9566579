"""E-mail templates per document kind: stored ones, or the French defaults."""

from __future__ import annotations

from app.db.database import Database
from app.db.models import EmailTemplate as TemplateRow
from app.domain.kinds import DocumentKind
from app.domain.templates import DEFAULT_TEMPLATES, EmailTemplate


def get_template(db: Database, kind: DocumentKind) -> EmailTemplate:
    with db.read() as session:
        row = session.get(TemplateRow, str(kind))
        if row is None:
            return DEFAULT_TEMPLATES[kind]
        return EmailTemplate(row.subject, row.body)
