"""Toolbars that keep every action in sight: the actions' names beside their icons when
there is room, then their names alone, then their icons alone (the names in their
tooltips), rather than actions hidden in the toolbar's "»" menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

# From the roomiest to the narrowest.
STYLES = (
    Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
    Qt.ToolButtonStyle.ToolButtonTextOnly,
    Qt.ToolButtonStyle.ToolButtonIconOnly,
)


def width_in(toolbar: QToolBar, style: Qt.ToolButtonStyle) -> int:
    """The toolbar's whole width with its action buttons in ``style``."""
    shown = toolbar.toolButtonStyle()
    if style == shown:
        return toolbar.sizeHint().width()
    toolbar.setToolButtonStyle(style)  # the buttons follow it at once; nothing is drawn
    width = toolbar.sizeHint().width()
    toolbar.setToolButtonStyle(shown)
    return width


def fit_toolbar(toolbar: QToolBar, room: int) -> None:
    """The roomiest style whose toolbar fits in ``room`` pixels."""
    chosen = STYLES[-1]
    for style in STYLES[:-1]:
        if width_in(toolbar, style) <= room:
            chosen = style
            break
    if chosen != toolbar.toolButtonStyle():
        toolbar.setToolButtonStyle(chosen)
