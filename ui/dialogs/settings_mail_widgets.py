"""Pieces of the Mail server page: the daily limit boxes, and
form rows whose height follows their width in a scroll area (a form gives a row its
preferred height, and a word-wrapped label's own is the height of a narrow column)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from ui.dialogs.settings_widgets import MessageLine


def limit_spin(name: str, suffix: str, unlimited: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 1_000_000)
    spin.setSingleStep(100)
    spin.setGroupSeparatorShown(True)  # 10 000
    spin.setSuffix(suffix)
    spin.setSpecialValueText(unlimited)  # 0: says which count has no limit
    spin.setMinimumWidth(190)
    return spin


class FormMessageLine(MessageLine):
    """A message line in a form row: its preferred height is the one of its text at its
    width (in a scroll area, a form gives a row its preferred height, and a word-wrapped
    label's own is the height of a narrow column)."""

    def sizeHint(self) -> QSize:
        return _fitted(self, super().sizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        _refit(self, event)


class FittedRow(QWidget):
    """Holds one widget (a box with word-wrapped text) in a form row, at the height its
    text needs at the row's width."""

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(child)

    def sizeHint(self) -> QSize:
        return _fitted(self, super().sizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        _refit(self, event)


def _fitted(widget: QWidget, hint: QSize) -> QSize:
    """The preferred size of a word-wrapped widget: its text's height at its width."""
    if widget.width() <= 0 or not widget.hasHeightForWidth():
        return hint
    return QSize(hint.width(), widget.heightForWidth(widget.width()))


def _refit(widget: QWidget, event: QResizeEvent) -> None:
    """A new width means a new height: the form asks for the size again."""
    if event.size().width() != event.oldSize().width():
        widget.updateGeometry()
