"""Small icons of the address book and of the forms: the set's (``ui.icons``), under the
names these places have always used, and the colours that go with them."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon

from ui.icons import icon

AMBER = QColor("#e65100")
INVALID_BACKGROUND = QColor("#fde7e7")


def envelope_icon() -> QIcon:
    """The client can receive documents."""
    return icon("client-mail")


def missing_icon() -> QIcon:
    """The client has no mailing address: documents cannot be e-mailed to it."""
    return icon("problem-warning")


def error_icon() -> QIcon:
    """A value that cannot be saved."""
    return icon("problem-error")
