"""How the report shows a document's status: the label in the window's language and the
colour of its tone. The statuses themselves are declared in ``app.domain.status``."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from app.core_text import is_french
from app.domain.status import DisplayStatus, StatusFacts, Tone, status_of

TONE_COLOURS = {Tone.ALERT: QColor(176, 32, 32)}  # overdue invoices stand out


def status_label(status: DisplayStatus) -> str:
    return status.label_in(is_french())


def status_text(facts: StatusFacts, today: date) -> str:
    return status_label(status_of(facts, today))


def status_colour(facts: StatusFacts, today: date) -> QColor | None:
    """The Status cell's ForegroundRole (None: the view's default)."""
    return TONE_COLOURS.get(status_of(facts, today).tone)
