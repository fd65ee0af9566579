"""How the report shows a document's status: the label in the window's language and the
colour of its tone. The statuses themselves, and their one text, are declared in
``app.domain.status``."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from app.core_text import is_french
from app.domain.status import StatusFacts, Tone, status_of
from app.domain.status import status_text as _status_text

TONE_COLOURS = {Tone.ALERT: QColor(176, 32, 32)}  # overdue invoices stand out


def status_text(facts: StatusFacts, today: date) -> str:
    """The status in the window's language, agreeing with the document's kind."""
    return _status_text(facts, today, is_french())


def status_colour(facts: StatusFacts, today: date) -> QColor | None:
    """The Status cell's ForegroundRole (None: the view's default)."""
    return TONE_COLOURS.get(status_of(facts, today).tone)
