"""A page that scrolls down when the screen is small, never sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def vertical_scroll_area(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a frameless area that follows its width and scrolls only down. Not a
    Tab stop of its own: Tab goes to the fields, and the area scrolls to them."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll
