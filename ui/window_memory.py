"""Window sizes and column widths, remembered on this computer across restarts.

They belong to the screen, not to the company: they live in the user's own settings file
(never in the database, which other workstations may share).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

# False: nothing is read nor written (the self-check must leave the user's files alone).
enabled = True


def _settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Facturier", "window-layout"
    )


def remember_geometry(name: str, widget: QWidget) -> None:
    if not enabled:
        return
    _settings().setValue(f"{name}/geometry", widget.saveGeometry())


def restore_geometry(name: str, widget: QWidget) -> bool:
    """Puts the widget back where and as big as it was; False when never remembered."""
    if not enabled:
        return False
    value = _settings().value(f"{name}/geometry")
    if not isinstance(value, QByteArray | bytes) or not value:
        return False
    return bool(widget.restoreGeometry(QByteArray(value)))


def remember_widths(name: str, widths: dict[int, int] | None) -> None:
    """``None`` forgets them (the columns fit the window again)."""
    if not enabled:
        return
    settings = _settings()
    if widths is None:
        settings.remove(f"{name}/columns")
        return
    settings.setValue(f"{name}/columns", ";".join(f"{c}={w}" for c, w in sorted(widths.items())))


def remembered_widths(name: str) -> dict[int, int] | None:
    if not enabled:
        return None
    value = _settings().value(f"{name}/columns")
    if not isinstance(value, str) or not value:
        return None
    widths: dict[int, int] = {}
    for pair in value.split(";"):
        column, _, width = pair.partition("=")
        if column.isdigit() and width.isdigit() and int(width) > 0:
            widths[int(column)] = int(width)
    return widths or None
